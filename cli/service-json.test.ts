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

/** The writer's fragments, written one after another (as SerialisedArray writes them). */
function writer(): (a: ServiceAnalysis) => string {
  const write = serviceJsonWriter();
  return (a) => write(a).join('');
}

describe('serviceJsonWriter', () => {
  const all = analyses();

  it('writes what JSON.stringify writes, for every Service of the demos, the stories and generated clusters', () => {
    const write = writer();
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
    const write = writer();
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
    const write = writer();
    const base = all.find((a) => (a.frontDoor?.routes.length ?? 0) >= 16)!;
    const fd = base.frontDoor!;
    const variants: ServiceAnalysis[] = [
      // a member after the front door
      { ...base, extra: 1 } as ServiceAnalysis,
      { ...base, frontDoor: { ...fd, toJSON: () => 'fd' } as unknown as FrontDoor },
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

  it("writes the rows a Service holds twice once: Local pods that are Cluster's, and the actual policy's nodes", () => {
    const write = writer();
    const podsShared = all.filter(
      (a) => a.paths.Local.pods.length > 0 && a.paths.Local.pods[0] === a.paths.Cluster.pods[0],
    );
    const nodesShared = all.filter((a) => a.nodes.length > 0 && a.nodes === a.paths[a.externalTrafficPolicy].nodes);
    // Both are common: every ClusterIP Service shares its pod rows, every Service with an entry its node rows.
    expect(podsShared.length).toBeGreaterThan(100);
    expect(nodesShared.length).toBeGreaterThan(10);
    for (const a of [...podsShared, ...nodesShared]) expect(write(a)).toBe(JSON.stringify(a));
    // In fragments (joined once by SerialisedArray), and the Local pod rows' text is the Cluster ones' string.
    const fragments = serviceJsonWriter()(podsShared[0]);
    const pods = JSON.stringify(podsShared[0].paths.Cluster.pods);
    expect(fragments.filter((f) => f === pods)).toHaveLength(2);
  });

  it('writes what JSON.stringify writes when the rows are not shared or the objects are unusual', () => {
    const write = writer();
    const base = all.find((a) => a.paths.Local.pods.length > 1 && a.paths.Local.pods[0] === a.paths.Cluster.pods[0])!;
    const { Cluster: c, Local: l } = base.paths;
    const withPaths = (paths: object, extra: object = {}) => ({ ...base, paths, ...extra }) as ServiceAnalysis;
    const variants: ServiceAnalysis[] = [
      // equal rows that are other objects, one row changed, the rows in another order, fewer rows
      withPaths({ Cluster: c, Local: { ...l, pods: l.pods.map((p) => ({ ...p })) } }),
      withPaths({ Cluster: c, Local: { ...l, pods: [{ ...l.pods[0], share: 0.5 }, ...l.pods.slice(1)] } }),
      withPaths({ Cluster: c, Local: { ...l, pods: [...l.pods].reverse() } }),
      withPaths({ Cluster: c, Local: { ...l, pods: l.pods.slice(1) } }),
      // the top-level nodes: another policy's, a copy, or other rows
      withPaths({ Cluster: c, Local: { ...l, nodes: [{ node: 'n' }] } }, { nodes: [{ node: 'n' }] }),
      withPaths(base.paths, { nodes: [...c.nodes, { node: 'x' }] }),
      // members the writer does not know, undefined, integer-like or named __proto__, in every object
      withPaths({ Cluster: { ...c, extra: 'e', gone: undefined }, Local: l, more: [1] }),
      withPaths({ Local: l, Cluster: c, 7: 'seven' }, { 2: 'two', after: undefined }),
      withPaths({
        Cluster: c,
        Local: Object.assign(JSON.parse(`{"__proto__":{"a":1},"policy":"Local"}`), { nodes: [], pods: l.pods }),
      }),
      // a member between two written from shared text that JSON.stringify leaves out
      Object.fromEntries(
        Object.entries(base).flatMap(([k, v]) =>
          k === 'paths'
            ? [
                [k, v],
                ['gone', undefined],
              ]
            : [[k, v]],
        ),
      ) as ServiceAnalysis,
      withPaths({ Cluster: { ...c, toJSON: () => 'c' }, Local: l }),
      withPaths({ Cluster: c, Local: { ...l, pods: undefined } }),
      withPaths({ Cluster: c, Local: undefined }),
      // hostile text in a shared row: escaped as JSON.stringify escapes it
      withPaths({
        Cluster: { ...c, pods: [{ ...c.pods[0], pod: 'ns/"\u0000\u2028' }, ...c.pods.slice(1)] },
        Local: { ...l, pods: [{ ...c.pods[0], pod: 'ns/"\u0000\u2028' }, ...c.pods.slice(1)] },
      }),
    ];
    for (const v of variants) expect(write(v)).toBe(JSON.stringify(v));
    // The shared rows of the last variant are other objects in each policy; the same objects go through the writer:
    const hostile = { ...c.pods[0], pod: 'ns/"\u0000\u2028' };
    const shared = withPaths({ Cluster: { ...c, pods: [hostile] }, Local: { ...l, pods: [hostile] } });
    expect(write(shared)).toBe(JSON.stringify(shared));
    expect(write(shared)).toContain('ns/\\"\\u0000\u2028'); // JSON escapes NUL, not U+2028
  });
});
