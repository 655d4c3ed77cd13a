// The live source's status as the browser sees it (SSE messages, the header badge). Pure and
// serialisable: imported by client components. "Synced" means every readable kind's watch is open; the
// age shown is the age of the data (`syncedAt`), never of the page, so data kept from before an outage
// is never presented as fresh.
import type { StreamStatus } from './reflector';

/** Overall state of a live source. */
export type LiveState = 'connecting' | 'synced' | 'reconnecting' | 'error' | 'paused';

/** How the last analysis was done. */
export interface AnalysisTiming {
  mode: 'full' | 'incremental';
  ms: number;
  /** Why it was a full analysis, when it was. */
  reason: string | null;
  /** Services re-analysed (all for a full analysis). */
  services: number;
}

/** Status of a live source (serialisable). */
export interface LiveStatus {
  context: string;
  /** The API server's URL; empty when internals are hidden (KUBEPATH_AUTH on). */
  server: string;
  /** `paused`: the source was stopped to make room for another context; its data is as old as syncedAt. */
  state: LiveState;
  /** Version of the newest published view (0 = none yet). */
  version: number;
  /** ISO time up to which the data is known to be in sync: now while every watch is open. */
  syncedAt: string | null;
  /** The server's clock when this status was made (lets the browser correct for clock skew). */
  serverTime: string;
  /** What is wrong, naming the context and the server, when not synced. */
  error: string | null;
  /** Kinds that cannot be read, with the reason (403/404). */
  unavailable: Record<string, string>;
  /** Per-stream progress, for the initial sync message and debugging. */
  streams: { id: string; state: StreamStatus['state']; objects: number }[];
  lastAnalysis: AnalysisTiming | null;
}

/** What the root layout hands the browser in live mode: the status and the contexts to switch between. */
export interface LiveClientState {
  status: LiveStatus;
  /** Contexts of the kubeconfig (empty in-cluster or when it cannot be read). */
  contexts: string[];
  /** The context this browser is looking at. */
  active: string;
}

/** One SSE message: the newest view version and the status. */
export interface LiveEvent {
  version: number;
  status: LiveStatus;
}

/** The state, error and "in sync as of" of a set of streams at `now` (ms). */
export function deriveState(
  streams: StreamStatus[],
  now: number,
  connectError: string | null,
): { state: LiveState; syncedAt: number | null; error: string | null } {
  if (connectError) return { state: 'error', syncedAt: null, error: connectError };
  const readable = streams.filter((s) => s.state !== 'unavailable' && s.state !== 'stopped');
  const initialised = streams.every((s) => s.initialised);
  const failing = readable.filter((s) => s.state === 'backoff');
  if (failing.length === 0) {
    if (!initialised) return { state: 'connecting', syncedAt: null, error: null };
    return { state: 'synced', syncedAt: now, error: null };
  }
  const error = failing[0].lastError?.message ?? 'connection lost';
  // Never synced at all: there is no data to show, only the error.
  if (!initialised) return { state: 'error', syncedAt: null, error };
  // The data is as old as the oldest confirmation of a stream that lost its watch.
  const syncedAt = Math.min(...failing.map((s) => s.confirmedAt ?? 0));
  return { state: 'reconnecting', syncedAt: syncedAt || null, error };
}

/** Short human text of the badge: "synced 12 s ago", "reconnecting… (data from 2 min ago)". */
export function statusText(status: Pick<LiveStatus, 'state' | 'error'>, age: string | null): string {
  switch (status.state) {
    case 'connecting':
      return 'connecting…';
    case 'synced':
      return `synced ${age ?? 'just now'}`;
    case 'reconnecting':
      return age ? `reconnecting… (data from ${age})` : 'reconnecting…';
    case 'error':
      return 'cannot reach the cluster';
    case 'paused':
      return age ? `paused (data from ${age})` : 'paused';
  }
}
