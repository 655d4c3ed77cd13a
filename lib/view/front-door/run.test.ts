// The front-door panel traces only what the analysis cannot answer: a load balancer in front of plain pods is
// read from the analysis (no trace); a proxy or a sidecar on the path is traced (header values, peers).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as facade from '../../engine/facade';
import type { KubeObject } from '../../model/k8s';
import istio from '../../demo/stories/istio-proxy-protocol.json';
import kong from '../../demo/stories/kong-aws.json';
import { frontDoorPanel, needsTrace } from './run';

vi.mock('../../engine/facade', async (original) => {
  const real = await original<typeof import('../../engine/facade')>();
  return { ...real, traceInModel: vi.fn(real.traceInModel) };
});
const traces = vi.mocked(facade.traceInModel);
// A block body: a function returned from beforeEach is a cleanup hook, and the mock is a function.
beforeEach(() => {
  traces.mockClear();
});

const demo = facade.analyzeObjects(
  (JSON.parse(readFileSync('lib/demo/demo-cluster.json', 'utf8')) as { items: KubeObject[] }).items,
);
const find = (run: facade.EngineRun, key: string) => run.analysis.services.find((s) => s.service === key)!;

describe('a load balancer in front of plain pods (demo storefront/storefront-web, MetalLB)', () => {
  const web = find(demo, 'storefront/storefront-web');

  it('needs no trace: the load balancer and the app answer come from the analysis', () => {
    expect(needsTrace(demo.model, web, 'Cluster')).toBe(false);
    expect(needsTrace(demo.model, web, 'Local')).toBe(false);
    const view = frontDoorPanel(demo.model, demo.analysis, web)!;
    expect(traces).not.toHaveBeenCalled();
    for (const p of view.policies) {
      expect(p.hops.map((h) => h.kind)).toEqual(['loadBalancer', 'app']);
      expect(p.hops[0].subtitle).toBe(web.frontDoor!.loadBalancer!.label);
      expect(p.answer).toBe(web.paths[p.policy].app!.clientIP);
      // The sample is still offered as the command that traces it.
      expect(p.command).toContain(`--to lb:storefront/storefront-web`);
    }
  });

  it('the app box stands for every receiving pod and says what they take as the client', () => {
    const view = frontDoorPanel(demo.model, demo.analysis, web)!;
    const receiving = (p: 'Cluster' | 'Local') => web.paths[p].pods.filter((x) => x.share > 0).length;
    const local = view.policies.find((p) => p.policy === 'Local')!.hops[1];
    expect(local.subtitle).toBe(`${receiving('Local')} pods of storefront/storefront-web`);
    expect(local.summary).toContainEqual({ label: 'Client', value: `${web.paths.Local.clientIP} (L3)` });
    const cluster = view.policies.find((p) => p.policy === 'Cluster')!.hops[1];
    expect(cluster.summary).toContainEqual({ label: 'Real client', value: 'no' });
    expect(cluster.alert).toBe(true);
  });
});

describe('a proxy on the path is traced', () => {
  it('kong/kong-nlb: one trace per policy, for the header values Kong writes', () => {
    const run = facade.analyzeObjects((kong as { items: unknown[] }).items as KubeObject[]);
    const nlb = find(run, 'kong/kong-nlb');
    expect(needsTrace(run.model, nlb, 'Cluster')).toBe(true);
    const view = frontDoorPanel(run.model, run.analysis, nlb)!;
    expect(traces).toHaveBeenCalledTimes(2);
    expect(view.policies[0].hops.find((h) => h.kind === 'proxy')?.backend).toBe('orders/orders');
  });
});

describe('a sidecar on the path is traced', () => {
  it('shop/reviews as its own LoadBalancer (no gateway): the REDIRECT sidecar needs the tracer', () => {
    const objects = ((istio as { items: unknown[] }).items as KubeObject[])
      .filter((o) => o.kind !== 'VirtualService' && o.kind !== 'Gateway')
      .map((o) =>
        o.kind === 'Service' && o.metadata?.name === 'reviews'
          ? {
              ...o,
              spec: {
                ...(o.spec as { ports: object[] }),
                type: 'LoadBalancer',
                ports: (o.spec as { ports: object[] }).ports.map((p, i) => ({ ...p, nodePort: 31000 + i })),
              },
            }
          : o,
      );
    const run = facade.analyzeObjects(objects);
    const reviews = find(run, 'shop/reviews');
    expect(reviews.frontDoor!.proxy).toBeNull();
    expect(reviews.frontDoor!.behind).toEqual([]);
    expect(needsTrace(run.model, reviews, 'Cluster')).toBe(true);
    const view = frontDoorPanel(run.model, run.analysis, reviews)!;
    const hops = view.policies.find((p) => p.actual)!.hops;
    expect(hops.map((h) => h.kind)).toEqual(['loadBalancer', 'sidecar', 'app']);
    expect(hops[1].summary).toEqual([{ label: 'App peer', value: '127.0.0.6' }]);
  });
});
