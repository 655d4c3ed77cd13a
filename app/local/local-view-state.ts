// The /local overview's filters and sort, kept for the tab's session next to the snapshot, so Back
// shows the table as it was left. Stored as the overview's query string and read back through the
// same decoder as a URL, so a garbled value falls back to its default.
import { decodeOverviewState, encodeOverviewState, type OverviewState } from '@/lib/view/url-state';
import type { SessionLike } from './snapshot-store';

/** The sessionStorage key of the local overview state. */
export const VIEW_KEY = 'kubepath.local.view';

/** Saves the state (the defaults are stored as an empty string). Storage errors are ignored: it is a convenience. */
export function saveLocalViewState(session: SessionLike | null, state: OverviewState): void {
  try {
    session?.setItem(VIEW_KEY, encodeOverviewState(state));
  } catch {
    // Quota or disabled storage: the snapshot matters, the filters do not.
  }
}

/** The saved state, or null when there is none. */
export function loadLocalViewState(session: SessionLike | null): OverviewState | null {
  const saved = session?.getItem(VIEW_KEY);
  if (saved === null || saved === undefined) return null;
  return decodeOverviewState(new URLSearchParams(saved)).state;
}
