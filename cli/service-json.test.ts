import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../bench/generate';
import { analyzeObjects } from '../lib/engine/facade';
import type { FrontDoor, ServiceAnalysis } from '../lib/engine/types';
import type { KubeObject } from '../lib/model/k8s';
import { serviceJsonWriter } from './service-json';

const root = join(import.meta.dirname, '..');
const objectsOf = (file: string): KubeObject[] => {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(doc) ? doc : (doc.items ?? [doc]);
};

/** Every Service analysis of the demo clusters, the front-door stories and generated clusters of each shape. */
function analyses(): ServiceAnalysis[] {
  const stories = join(root, 'lib', 'demo', 'stories');
  const files = [
    join(root, 'lib', 'demo', 'demo-cluster.json'),
    join(root, 'lib', 'demo', 'demo-cilium-cluster.json'),
    ...readdirSync(stories)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(stories, f)),
  ];
  const clusters = files.map(objectsOf);
  const size = { nodes: 30, pods: 900, services: 300, networkPolicies: 12 };
  for (const shape of ['standard', 'ingress-heavy'] as const) clusters.push(generateCluster(size, shape));
  return clusters.flatMap((objects) => analyzeObjects(objects).analysis.services);
}

describe('serviceJsonWriter', () => {
  const all = analyses();

  it('writes what JSON.stringify writes, for every Service of the demos, the stories and generated clusters', () => {
    const write = serviceJsonWriter();
    // Each twice: the second time the routes come from the cache.
    for (const a of [...all, ...all]) expect(write(a)).toBe(JSON.stringify(a));
  });

  it('is exercised: Services listing enough shared routes take the cached path', () => {
    const shared = all.filter((a) => (a.frontDoor?.routes.length ?? 0) >= 16);
    expect(shared.length).toBeGreaterThan(1);
    // The same route objects, listed by more than one Service (what makes caching their text worth it).
    const seen = new Map<object, number>();
    for (const a of shared) for (const r of a.frontDoor!.routes) seen.set(r, (seen.get(r) ?? 0) + 1);
    expect([...seen.values()].some((n) => n > 1)).toBe(true);
  });

  it('writes every member of the front door, whatever it holds', () => {
    const write = serviceJsonWriter();
    const base = all.find((a) => (a.frontDoor?.routes.length ?? 0) >= 16)!;
    const fd = base.frontDoor!;
    const behind = [
      { proxyService: 'ns/edge', route: 'Ingress ns/a' },
      { proxyService: 'ns/edge-2', route: 'HTTPRoute ns/b' },
    ];
    const lb = { ...(fd.loadBalancer ?? {}), note: 'x' } as unknown as FrontDoor['loadBalancer'];
    for (const v of [
      { ...base, frontDoor: { ...fd, behind } },
      { ...base, frontDoor: { ...fd, loadBalancer: lb, proxy: null } },
    ])
      expect(write(v)).toBe(JSON.stringify(v));
  });

  it('falls back to JSON.stringify for shapes it does not write itself', () => {
    const write = serviceJsonWriter();
    const base = all.find((a) => (a.frontDoor?.routes.length ?? 0) >= 16)!;
    const fd = base.frontDoor!;
    const variants: ServiceAnalysis[] = [
      // a member after the front door
      { ...base, extra: 1 } as ServiceAnalysis,
      // a front-door member the writer does not know, or one left out as undefined
      { ...base, frontDoor: { ...fd, more: ['x'] } as FrontDoor },
      { ...base, frontDoor: { ...fd, loadBalancer: undefined } as unknown as FrontDoor },
      // a hole among the routes, a route with toJSON
      { ...base, frontDoor: { ...fd, routes: [...fd.routes, undefined] } as unknown as FrontDoor },
      {
        ...base,
        frontDoor: { ...fd, routes: [...fd.routes, { toJSON: () => 'r' }] } as unknown as FrontDoor,
      },
      // hostile text in the routes: escaped as JSON.stringify escapes it
      {
        ...base,
        frontDoor: { ...fd, routes: [...fd.routes, { ...fd.routes[0], object: 'ns/"\u0000\u2028' }] },
      },
    ];
    for (const v of variants) expect(write(v)).toBe(JSON.stringify(v));
  });
});
