import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../source/types';
import { analysedShare, loadSteps } from './load-progress';

const at = (phase: LoadProgress['phase'], done = 0, total = 0): LoadProgress => ({
  phase,
  done,
  total,
  startedAt: '2026-12-06T05:00:00.000Z',
});
const states = (progress: LoadProgress | null, last?: LoadProgress) =>
  loadSteps(progress, last).map((s) => `${s.phase}:${s.state}`);

describe('loadSteps', () => {
  it('marks the steps before the current phase done and the ones after it waiting', () => {
    expect(states(at('reading'))).toEqual([
      'reading:current',
      'modelling:waiting',
      'analysing:waiting',
      'rendering:waiting',
    ]);
    expect(states(at('modelling'))).toEqual([
      'reading:done',
      'modelling:current',
      'analysing:waiting',
      'rendering:waiting',
    ]);
    expect(states(at('analysing', 10, 100))).toEqual([
      'reading:done',
      'modelling:done',
      'analysing:current',
      'rendering:waiting',
    ]);
  });

  it('counts the Services analysed, with thousands separators', () => {
    const steps = loadSteps(at('analysing', 3400, 10000));
    expect(steps.find((s) => s.phase === 'analysing')?.detail).toBe('3,400 / 10,000 Services');
    expect(steps.find((s) => s.phase === 'reading')?.detail).toBeNull();
  });

  it('counts the MiB read of a file read in parts, and nothing for a file read whole', () => {
    const steps = loadSteps(at('reading', 312 * 2 ** 20, 1508 * 2 ** 20));
    expect(steps[0].detail).toBe('312 / 1,508 MiB');
    expect(steps.find((s) => s.phase === 'analysing')?.detail).toBeNull();
    expect(loadSteps(at('reading'))[0].detail).toBeNull();
    expect(loadSteps(at('modelling', 0, 0))[0].detail).toBeNull(); // done: no count left behind
  });

  it('has no count before the analysis starts', () => {
    expect(loadSteps(at('modelling')).find((s) => s.phase === 'analysing')?.detail).toBeNull();
    expect(loadSteps(at('analysing', 0, 0)).find((s) => s.phase === 'analysing')?.detail).toBeNull();
  });

  it('once the load has finished: every load step done, the overview being prepared, all Services counted', () => {
    expect(states(null, at('analysing', 9900, 10000))).toEqual([
      'reading:done',
      'modelling:done',
      'analysing:done',
      'rendering:current',
    ]);
    expect(loadSteps(null, at('analysing', 9900, 10000))[2].detail).toBe('10,000 / 10,000 Services');
    expect(loadSteps(null)[2].detail).toBeNull();
  });
});

describe('analysedShare', () => {
  it('is the share of Services analysed, 0 before the analysis and 1 after the load', () => {
    expect(analysedShare(at('reading'))).toBe(0);
    expect(analysedShare(at('analysing', 0, 0))).toBe(0);
    expect(analysedShare(at('analysing', 250, 1000))).toBe(0.25);
    expect(analysedShare(null)).toBe(1);
  });
});
