// Jittered exponential backoff for reconnecting to an API server that is down: every stream of every
// kubepath replica must not retry in lockstep (client-go wait.Backoff with Jitter; "full jitter" from
// the AWS architecture blog), and a reconnect storm after an outage is what kubernetes-client/javascript
// #1933 reports for client-node informers.

/** Backoff parameters (milliseconds). */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is random: 0.5 → a delay in [d/2, d]. */
  jitter: number;
}

/** Defaults: 1 s, doubling, capped at 30 s, half of it random. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };

/** A backoff sequence; `reset()` after a success. */
export interface Backoff {
  /** The next delay to wait. */
  next(): number;
  reset(): void;
  /** Failures since the last reset. */
  readonly attempts: number;
}

/** Creates a backoff sequence; `random` is injectable for tests. */
export function createBackoff(opts: Partial<BackoffOptions> = {}, random: () => number = Math.random): Backoff {
  const o = { ...DEFAULT_BACKOFF, ...opts };
  let attempts = 0;
  return {
    next() {
      const base = Math.min(o.maxMs, o.initialMs * o.factor ** attempts);
      attempts++;
      return Math.round(base * (1 - o.jitter) + base * o.jitter * random());
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
