// The policy headline says what the pods see at L3 and, where it differs, what the application learns: a
// PROXY header or an L7 header can carry the client past kube-proxy's SNAT, and a terminating load balancer
// can replace it although kube-proxy keeps the source. Concrete clusters: the front-door story snapshots and
// the Northwind demo.
import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../../engine/facade';
import type { KubeObject } from '../../model/k8s';
import northwind from '../../demo/demo-cluster.json';
import kong from '../../demo/stories/kong-aws.json';
import { podShare } from '../fixtures';
import { policySummary, summaryText } from './sentences';

const paths = (data: { items: unknown[] }, service: string) =>
  analyzeObjects(data.items as KubeObject[]).analysis.services.find((s) => s.service === service)!.paths;

describe('summaryText: L3 and the application', () => {
  it('an NLB with PROXY v2 under Cluster: SNAT at L3, yet the app gets the client from PROXY', () => {
    const p = paths(kong, 'kong/kong-nlb');
    expect(summaryText(p.Cluster)).toBe(
      'Pods see SNAT addresses, not the client IP · the app gets the client IP from PROXY, X-Forwarded-For',
    );
    // Under Local L3 already keeps the client: nothing to add.
    expect(summaryText(p.Local!)).toBe('Pods see the client IP');
  });

  it('a Service behind several proxies: the app gets the client on some paths', () => {
    expect(summaryText(paths(kong, 'orders/orders').Cluster)).toMatch(
      /^Pods see the client IP · the app gets the client IP on some paths \(PROXY, X-Forwarded-For\)$/,
    );
  });

  it('a plain LoadBalancer (no proxy): L3 is the whole answer, the headline is unchanged', () => {
    const p = paths(northwind, 'partner-api/partner-gateway');
    expect(summaryText(p.Cluster)).not.toMatch(/the app/);
  });
});

describe('policySummary: pods, not rows', () => {
  it('counts the pods of aggregate rows', () => {
    const denied = { ...podShare({ pod: null, ip: '10.0.0.9', share: 0.002 }), count: 495, policy: 'denied' as const };
    const one = { ...podShare({ pod: 'kube-system/edge-0', ip: '10.0.0.1', share: 0.002 }), policy: 'denied' as const };
    const allowed = { ...one, pod: 'kube-system/edge-1', policy: 'allowed' as const };
    expect(policySummary([denied, one])).toBe('NetworkPolicy blocks it at every pod (496)');
    expect(policySummary([denied])).toBe('NetworkPolicy blocks it at every pod (495)');
    expect(policySummary([denied, allowed])).toBe('NetworkPolicy blocks it at 495 of 496 pods');
    expect(policySummary([one])).toBe('NetworkPolicy blocks it at the pod');
  });
});
