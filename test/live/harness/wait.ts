// Polling with a deadline that reports what it last saw, so a timeout says why it failed.

/** Options of waitFor. */
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns `{ ok: true, value }`; returns the value and the time it took.
 * On timeout throws with `what` and the last `seen` description (or the last error).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<{ ok: boolean; value?: T; seen?: string }>,
  opts: WaitOptions = {},
): Promise<{ value: T; ms: number }> {
  const timeout = opts.timeoutMs ?? 60_000;
  const interval = opts.intervalMs ?? 250;
  const start = Date.now();
  let last = 'nothing yet';
  for (;;) {
    try {
      const r = await probe();
      if (r.ok) return { value: r.value as T, ms: Date.now() - start };
      last = r.seen ?? JSON.stringify(r.value);
    } catch (e) {
      last = `error: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (Date.now() - start > timeout)
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${last}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Resolves after ms milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
