// What the live badge says, from the live state and the clock. Pure (tested without a DOM). The age is
// the data's: since the last moment the server knew it was in sync; while the event stream itself is
// lost, the last known sync time keeps ageing instead of being shown as fresh.
import type { LiveState, LiveStatus } from '@/lib/live/status';
import { statusText } from '@/lib/live/status';
import { formatAge } from '../common/Freshness';

/** The badge's content. */
export interface LiveBadge {
  /** `data-state`: the source's state, or `reconnecting` while the event stream is lost. */
  state: LiveState;
  text: string;
  /** Longer explanation (tooltip and screen readers). */
  title: string;
}

/** Inputs of the badge. */
export interface LiveBadgeInput {
  status: LiveStatus;
  pageVersion: number;
  streamLost: boolean;
  /** Browser clock minus server clock (ms). */
  clockOffset: number;
}

/** Computes the badge at browser time `now` (ms). */
export function liveBadge({ status, pageVersion, streamLost, clockOffset }: LiveBadgeInput, now: number): LiveBadge {
  const serverNow = now - clockOffset;
  const synced = status.syncedAt ? Date.parse(status.syncedAt) : NaN;
  const age = Number.isNaN(synced) ? null : formatAge(Math.max(0, serverNow - synced));
  const where = status.server ? `context ${status.context} at ${status.server}` : `context ${status.context}`;
  if (streamLost) {
    // Whatever the server knows, this page has not heard from it: its data is at best as old as the last sync it heard of.
    return {
      state: 'reconnecting',
      text: age ? `reconnecting… (data from ${age})` : 'reconnecting…',
      title: `Lost the connection to the kubepath server; retrying. ${where}${status.syncedAt ? `; data last synced at ${status.syncedAt}` : ''}.`,
    };
  }
  if (status.state === 'synced' && pageVersion < status.version) {
    return { state: 'synced', text: 'updating…', title: `A newer analysis of ${where} is being loaded.` };
  }
  const title =
    status.state === 'paused'
      ? `Not watching ${where} (paused to make room for another context)${status.syncedAt ? `; data as of ${status.syncedAt}` : ''}. Switch to it again to resume.`
      : status.state === 'synced'
        ? `Watching ${where}; data in sync as of ${status.syncedAt}.`
        : status.error
          ? `${status.error}${status.syncedAt ? ` — data last synced at ${status.syncedAt}` : ''}`
          : `Connecting to ${where}.`;
  return { state: status.state, text: statusText(status, age), title };
}
