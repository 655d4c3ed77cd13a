// Runs a long computation written as a generator of steps (computeClusterViewSteps) in slices on the server's
// one thread: between slices the event loop answers other requests — the overview's first bytes and its
// progress polls — instead of waiting seconds for the whole snapshot load.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Options of runSliced. */
export interface SliceOptions {
  /** Work done before the event loop gets a turn (ms). */
  sliceMs?: number;
  /** Wait this long after every step (ms): a test-only slow load (KUBEPATH_LOAD_STEP_DELAY_MS); 0 in production. */
  stepDelayMs?: number;
  /** Clock (ms), for tests. */
  now?: () => number;
}

/** Default slice: short enough that a request arriving during the analysis waits little, long enough that turns cost nothing. */
export const SLICE_MS = 40;

/** A turn of the event loop (`delayMs` > 0: a timer of that length instead). */
export function yieldTurn(delayMs = 0): Promise<void> {
  return delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : nextTurn();
}

/**
 * Turns of the event loop until one comes back at once (nothing else was waiting to run), at most `maxMs`: work
 * under way — a page being rendered, whose first bytes should leave now — goes first, before a phase that blocks
 * the thread for a second or more (parsing, building the model).
 */
export async function settleTurns(maxMs = 300, now: () => number = () => performance.now()): Promise<void> {
  const end = now() + maxMs;
  for (;;) {
    const before = now();
    await nextTurn();
    const after = now();
    if (after - before < 1 || after >= end) return;
  }
}

/**
 * Runs `steps` to their end, handing every step to `onStep`, yielding to the event loop after the first step and
 * then every `sliceMs` of work; returns the generator's result.
 */
export async function runSliced<S, T>(
  steps: Generator<S, T, void>,
  onStep: (step: S) => void,
  opts: SliceOptions = {},
): Promise<T> {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const delay = opts.stepDelayMs ?? 0;
  const now = opts.now ?? (() => performance.now());
  let sliceStart = -Infinity; // a turn after the first step too: observers see it before the work it announces
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    onStep(next.value);
    const firstStep = sliceStart === -Infinity;
    if (delay > 0 || now() - sliceStart >= sliceMs) {
      await (firstStep && delay === 0 ? settleTurns() : yieldTurn(delay));
      sliceStart = now();
    }
  }
}

/** The test-only step delay from the environment (KUBEPATH_LOAD_STEP_DELAY_MS); 0 when unset or not a number ≥ 0. */
export function stepDelayFromEnv(env: Record<string, string | undefined> = process.env): number {
  const ms = Number(env.KUBEPATH_LOAD_STEP_DELAY_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 10_000) : 0;
}
