// The benchmark's linearity judgement (bench/run.ts): a phase fails when it grows more than
// MAX_EXCESS_GROWTH× faster than what it works on, from 10% *and* from 50% to 100% of the scale limits.
// Pure, so that the rule is tested with concrete figures (bench/linearity.test.ts).
import type { PhaseFigures } from './phase';

export const PHASES = ['parseMs', 'modelMs', 'pathsMs', 'findingsMs', 'outputMs'] as const;
export type Phase = (typeof PHASES)[number];

/** A phase may grow at most this much faster than the objects (10% → 100%). */
export const MAX_EXCESS_GROWTH = 1.3;
/** Phases below this at full scale are too short to judge growth from. */
export const MIN_JUDGED_MS = 50;

/** A phase that grew faster than its input from both smaller scales. */
export interface Superlinear {
  phase: Phase;
  /** Its growth from 10% and from 50% to 100%. */
  fromSmall: number;
  fromMid: number;
  /** The input's growth over the same steps (objects; bytes written for the output phase). */
  inputFromSmall: number;
  inputFromMid: number;
  /** What the input is counted in. */
  unit: 'objects' | 'bytes written';
}

/** A phase's growth from `a` to `b` (the smaller figure at least 1 ms: a 0 ms phase at 10% is not infinite growth). */
export const growth = (p: Phase, a: PhaseFigures, b: PhaseFigures): number => b[p] / Math.max(1, a[p]);

/**
 * The phases of one shape, measured at 10%, 50% and 100%, that grew more than MAX_EXCESS_GROWTH× faster than
 * their input from 10% and from 50% alike: a quadratic phase fails both; one noisy small run only one. The
 * output phase is judged by the bytes it writes, which grow faster than the objects (names, addresses and the
 * reasons quoting them get longer as the cluster grows: 11.3× the bytes for 10× the objects).
 */
export function superlinearPhases([small, mid, full]: readonly PhaseFigures[]): Superlinear[] {
  const out: Superlinear[] = [];
  for (const phase of PHASES) {
    if (full[phase] < MIN_JUDGED_MS) continue;
    const size = (r: PhaseFigures) => (phase === 'outputMs' ? r.outputBytes : r.objects);
    const fromSmall = growth(phase, small, full);
    const fromMid = growth(phase, mid, full);
    const inputFromSmall = size(full) / size(small);
    const inputFromMid = size(full) / size(mid);
    if (fromSmall > inputFromSmall * MAX_EXCESS_GROWTH && fromMid > inputFromMid * MAX_EXCESS_GROWTH)
      out.push({
        phase,
        fromSmall,
        fromMid,
        inputFromSmall,
        inputFromMid,
        unit: phase === 'outputMs' ? 'bytes written' : 'objects',
      });
  }
  return out;
}

/**
 * Several measurements of the same scales (`runs[k][i]`: run k at scale i) as one: per scale, each phase's
 * least CPU time — the run that met the least interference from the machine's neighbours, as for whole
 * processes — and the other figures of the first run.
 */
export function bestPerScale(runs: readonly (readonly PhaseFigures[])[]): PhaseFigures[] {
  return runs[0].map((first, i) => {
    const best = { ...first };
    for (const p of PHASES) best[p] = Math.min(...runs.map((r) => r[i][p]));
    return best;
  });
}
