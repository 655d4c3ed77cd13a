// Compares a live analysis with the snapshot analysis of the same cluster. The cluster keeps moving a
// little on its own (kwok heartbeats, other tests' leftovers settling), so a comparison only counts
// when two snapshots taken before and after the live reading agree with each other.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AnalysisResult } from '../../../lib/engine/types';
import { analyzeJson } from './cli';
import type { ControlPlane } from './controlplane';
import { normalizeAnalysis } from './normalize';
import { takeSnapshot } from './snapshot';
import { sleep } from './wait';

/** `kubectl get … -A -o json` → `kubepath analyze -f … --json`, normalised. */
export async function snapshotAnalysis(cp: ControlPlane, dir: string, tag: string): Promise<AnalysisResult> {
  const file = join(dir, `snapshot-${tag}.json`);
  await takeSnapshot(cp, file);
  return normalizeAnalysis((await analyzeJson(['-f', file])).analysis);
}

/**
 * Reads the live analysis between two snapshots until the snapshots agree (the cluster held still),
 * then asserts the live analysis equals them. `live` may be polled (an informer cache catches up
 * within `settleMs`); a one-shot reading (the CLI) is compared as it is.
 */
export async function expectLiveEqualsSnapshot(
  cp: ControlPlane,
  dir: string,
  live: () => Promise<AnalysisResult>,
  opts: { settleMs?: number; attempts?: number } = {},
): Promise<AnalysisResult> {
  const attempts = opts.attempts ?? 4;
  let lastDiff = '';
  for (let i = 0; i < attempts; i++) {
    const before = await snapshotAnalysis(cp, dir, `${i}-before`);
    let current = normalizeAnalysis(await live());
    const deadline = Date.now() + (opts.settleMs ?? 0);
    while (JSON.stringify(current) !== JSON.stringify(before) && Date.now() < deadline) {
      await sleep(250);
      current = normalizeAnalysis(await live());
    }
    const after = await snapshotAnalysis(cp, dir, `${i}-after`);
    if (JSON.stringify(before) === JSON.stringify(after)) {
      expect(current).toEqual(before);
      return current;
    }
    lastDiff = 'the two snapshots differ';
    await sleep(1000);
  }
  throw new Error(`the cluster did not hold still for ${attempts} attempts (${lastDiff}); cannot compare`);
}
