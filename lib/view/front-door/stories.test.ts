// The dashboard's view of the front-door stories (lib/demo/stories/*.json, written by lib/demo/frontdoor-stories.ts).
import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../../engine/facade';
import type { KubeObject } from '../../model/k8s';
import istio from '../../demo/stories/istio-proxy-protocol.json';
import kong from '../../demo/stories/kong-aws.json';
import { buildServiceRows } from '../overview';
import { frontDoorPanel } from './run';

const load = (data: { items: unknown[] }) => analyzeObjects(data.items as KubeObject[]);

describe('Kong behind three AWS load balancers: the overview column', () => {
  const run = load(kong);
  const rows = new Map(buildServiceRows(run.analysis, run.model).map((r) => [r.key, r.app]));

  it('answers no for the Classic ELB, yes (PROXY) for the NLB, yes (X-Forwarded-For) for the ALB, partial for the backend', () => {
    expect(rows.get('kong/kong-elb')).toEqual({ clientIP: 'no', how: '' });
    expect(rows.get('kong/kong-nlb')).toEqual({ clientIP: 'yes', how: 'PROXY, X-Forwarded-For' });
    // The ALB (ip targets) writes X-Forwarded-For and Kong trusts the VPC: the same answer as trace ingress:kong/edge.
    expect(rows.get('kong/kong-alb')).toEqual({ clientIP: 'yes', how: 'X-Forwarded-For' });
    expect(rows.get('orders/orders')?.clientIP).toBe('partial');
  });

  it('the ELB page draws the ELB taking the client and Kong writing the ELB address into X-Forwarded-For', () => {
    const elb = run.analysis.services.find((s) => s.service === 'kong/kong-elb')!;
    const local = frontDoorPanel(run.model, run.analysis, elb)!.policies.find((p) => p.policy === 'Local')!;
    expect(local.hops.map((h) => h.kind)).toEqual(['loadBalancer', 'proxy', 'app']);
    expect(local.hops[0].alert).toBe(true);
    const xff = local.hops[1].headers.find((h) => h.label === 'X-Forwarded-For')!.value;
    // The ELB opened the connection: Kong sees (and passes on) the ELB, never the internet client.
    expect(xff).not.toContain('203.0.113.');
    expect(xff.length).toBeGreaterThan(0);
  });
});

describe('Istio gateway with PROXY protocol and sidecars', () => {
  const run = load(istio);
  const panel = (key: string) =>
    frontDoorPanel(
      run.model,
      run.analysis,
      run.analysis.services.find((s) => s.service === key)!,
    )!;

  it('reviews (REDIRECT sidecar): the app peer is 127.0.0.6, the client travels in x-envoy-external-address', () => {
    const p = panel('shop/reviews').policies.find((x) => x.actual)!;
    expect(p.hops.map((h) => h.kind)).toEqual(['loadBalancer', 'proxy', 'sidecar', 'app']);
    expect(p.hops[0].facts).toContainEqual({ label: 'PROXY protocol', value: expect.stringMatching(/^on \(v[12]\)$/) });
    expect(p.hops[1].headers.map((h) => h.label)).toEqual(['X-Forwarded-For', 'x-envoy-external-address']);
    expect(p.hops[2].subtitle).toBe('Istio (REDIRECT)');
    expect(p.hops[3].facts).toContainEqual({ label: 'Peer (L3)', value: '127.0.0.6' });
  });

  it('ratings (TPROXY sidecar) keeps the source: no loopback peer', () => {
    const p = panel('shop/ratings').policies.find((x) => x.actual)!;
    expect(p.hops[2]).toMatchObject({ kind: 'sidecar', subtitle: 'Istio (TPROXY)', alert: false });
    expect(p.hops[3].facts.find((f) => f.label === 'Peer (L3)')?.value).not.toBe('127.0.0.6');
  });

  it('the gateway lists its routes with links to the backends', () => {
    expect(panel('istio-system/istio-ingressgateway').routes.map((r) => [r.object, r.backends[0].service])).toEqual([
      ['shop/reviews', 'shop/reviews'],
      ['shop/ratings', 'shop/ratings'],
    ]);
  });
});
