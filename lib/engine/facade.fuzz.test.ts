// Property-based fuzz test of the whole pipeline: the demo snapshots mutated field
// by field — wrong types, nulls, huge values, missing fields, control characters — must always analyse:
// no exception, a warning for every object that breaks its schema, and no node or pod in the answer that
// the input does not name; the pages' data builds from the answer. Fixed seeds and run counts keep it deterministic and a few seconds long.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, KnownKind } from '../model/k8s';
import { compileCheck } from '../model/compiled-check';
import { KIND_SCHEMAS } from '../model/schemas';
import { parseSnapshotText } from '../snapshot/parse';
import { buildOverviewData, buildServiceRows } from '../view/overview';
import { buildServicePageData } from '../view/service-page-data';
import { DEFAULT_GROUP_THRESHOLD, DEFAULT_OVERVIEW_STATE } from '../view/url-state';
import { analyzeObjects } from './facade';
import { mutate, mutation } from './testing/fuzz';
import type { AnalysisResult } from './types';

function demo(file: string): KubeObject[] {
  return parseSnapshotText(readFileSync(new URL(`../demo/${file}`, import.meta.url), 'utf8'), file).objects;
}

/** Every string anywhere in the input (a name the answer mentions must be one of them). */
function stringsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, into);
  return into;
}

/** Names of the input's Node objects (the nodes that exist; the model may still leave a malformed one out). */
function nodeObjectNames(objects: KubeObject[]): Set<string> {
  const names = new Set<string>();
  for (const o of objects) if (o?.kind === 'Node' && typeof o.metadata?.name === 'string') names.add(o.metadata.name);
  return names;
}

const fastChecks = new Map<KnownKind, (v: unknown) => boolean>();
const fastCheck = (kind: KnownKind) => {
  if (!fastChecks.has(kind)) fastChecks.set(kind, compileCheck(KIND_SCHEMAS[kind]));
  return fastChecks.get(kind)!;
};

function checkAnswer(input: KubeObject[], touched: Set<number>, analysis: AnalysisResult): void {
  const strings = stringsOf(input);
  const nodes = nodeObjectNames(input);
  expect(() => JSON.stringify(analysis)).not.toThrow();
  for (const s of analysis.services) {
    for (const policy of ['Cluster', 'Local'] as const) {
      const p = s.paths[policy];
      for (const n of p.nodes) {
        for (const name of [...(n.node ? [n.node] : []), ...n.sampleNodes]) expect(strings).toContain(name);
        // Only nodes that exist answer a health check or take a share of the load balancer.
        if (n.node !== null && !nodes.has(n.node)) {
          expect(n.healthCheck).toBeNull();
          expect(n.lbShare).toBe(0);
        }
        for (const name of n.sampleNodes) if (n.node === null) expect(nodes).toContain(name);
      }
      for (const pod of p.pods) {
        if (pod.node !== null) expect(strings).toContain(pod.node);
        if (pod.pod !== null) expect(strings).toContain(pod.pod.slice(pod.pod.indexOf('/') + 1));
        expect(pod.share).toBeGreaterThanOrEqual(0);
        expect(pod.share).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  }
  expect(analysis.summary.nodes).toBeLessThanOrEqual(nodes.size);
  // A touched object that breaks its schema is never dropped silently; the fast check agrees with zod on it.
  for (const i of touched) {
    const o = input[i];
    const kind = o?.kind as KnownKind;
    const schema = KIND_SCHEMAS[kind];
    if (!schema) continue;
    const valid = schema.safeParse(o).success;
    expect(fastCheck(kind)(o)).toBe(valid);
    if (!valid) expect(analysis.warnings.length).toBeGreaterThan(0);
  }
}

describe.each([
  ['demo-cilium-cluster.json', 50],
  ['demo-cluster.json', 15],
])('analyze on mutated %s', (file, numRuns) => {
  const base = demo(file);
  it('always returns, warns about broken objects, and never reports a node or pod the input does not name', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const { objects, touched } = mutate(base, mutations);
        const { analysis, model } = analyzeObjects(objects);
        checkAnswer(objects, touched, analysis);
        // The pages' data is built from it without an exception too (overview, and one Service page per run).
        buildOverviewData(analysis, buildServiceRows(analysis, model), DEFAULT_OVERVIEW_STATE);
        const one = analysis.services[mutations[0].object % Math.max(1, analysis.services.length)];
        if (one) buildServicePageData(model, analysis, one, { group: DEFAULT_GROUP_THRESHOLD });
      }),
      { seed: 7, numRuns },
    );
  }, 60_000); // a few seconds on an idle machine; the margin is for a loaded one
});
