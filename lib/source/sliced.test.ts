import { describe, expect, it } from 'vitest';
import { runSliced, settleTurns, stepDelayFromEnv } from './sliced';

function* count(n: number, log: string[]): Generator<number, string, void> {
  for (let i = 1; i <= n; i++) {
    log.push(`work ${i}`);
    yield i;
  }
  return 'result';
}

/** Records where the event loop got a turn: a macrotask that logs whenever it runs while `runSliced` is under way. */
function watchTurns(log: string[]): () => void {
  let on = true;
  const tick = () => {
    if (!on) return;
    log.push('turn');
    setImmediate(tick);
  };
  setImmediate(tick);
  return () => {
    on = false;
  };
}

describe('runSliced', () => {
  it('hands every step over and returns the result', async () => {
    const seen: number[] = [];
    expect(await runSliced(count(5, []), (s) => seen.push(s))).toBe('result');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the event loop a turn after the first step and then once per slice of work', async () => {
    const log: string[] = [];
    let clock = 0;
    const stop = watchTurns(log);
    // Every step "takes" 10 ms on the fake clock; slices of 25 ms: turns after steps 1, 4 (30 ms), 7 (60 ms).
    await runSliced(count(8, log), () => (clock += 10), { sliceMs: 25, now: () => clock });
    stop();
    const turnsAfter = log.flatMap((e, i) => (e === 'turn' && log[i - 1]?.startsWith('work') ? [log[i - 1]] : []));
    expect(turnsAfter).toEqual(['work 1', 'work 4', 'work 7']);
    // Without a turn, work runs back to back: steps 2 and 3 follow each other directly.
    expect(log.indexOf('work 3')).toBe(log.indexOf('work 2') + 1);
  });

  it('waits the step delay after every step when one is set', async () => {
    const started = performance.now();
    await runSliced(count(3, []), () => {}, { stepDelayMs: 20 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('settleTurns', () => {
  it('lets work under way run to its end first (here 20 turns of 3 ms each), then returns', async () => {
    let left = 20;
    const busy = () => {
      const until = performance.now() + 3;
      while (performance.now() < until); // a render's synchronous slice
      if (--left > 0) setImmediate(busy);
    };
    setImmediate(busy);
    await settleTurns(5000);
    expect(left).toBe(0);
  });

  it('gives up after maxMs when the work does not end', async () => {
    let on = true;
    const busy = () => {
      const until = performance.now() + 3;
      while (performance.now() < until);
      if (on) setImmediate(busy);
    };
    setImmediate(busy);
    const started = performance.now();
    await settleTurns(50);
    on = false;
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('stepDelayFromEnv', () => {
  it('is 0 unless KUBEPATH_LOAD_STEP_DELAY_MS is a positive number (capped at 10 s)', () => {
    expect(stepDelayFromEnv({})).toBe(0);
    expect(stepDelayFromEnv({ KUBEPATH_LOAD_STEP_DELAY_MS: 'soon' })).toBe(0);
    expect(stepDelayFromEnv({ KUBEPATH_LOAD_STEP_DELAY_MS: '-5' })).toBe(0);
    expect(stepDelayFromEnv({ KUBEPATH_LOAD_STEP_DELAY_MS: '40' })).toBe(40);
    expect(stepDelayFromEnv({ KUBEPATH_LOAD_STEP_DELAY_MS: '999999' })).toBe(10_000);
  });
});
