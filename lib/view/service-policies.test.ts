import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import type { KubeObject } from '../model/k8s';
import { localImbalanceFixture, podShare } from './fixtures';
import { policiesForService } from './service-policies';
import { analyzeObjects } from '../engine/facade';
import { webObjects, webPods } from '../engine/testing/scenarios';
import { allowWeb, CALICO_IPIP } from '../engine/findings/policy-fixtures';

const pod = (name: string, labels: Record<string, string>, ip: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'shop', name, labels },
    spec: { nodeName: 'worker-a', containers: [{ name: 'app' }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
  }) as KubeObject;
const netpol = (name: string, podSelector: object, ns = 'shop'): KubeObject =>
  ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace: ns, name },
    spec: { podSelector, ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }] },
  }) as KubeObject;

function model(extra: KubeObject[] = []) {
  return buildClusterModel([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } as KubeObject,
    pod('checkout-7d9f-a1', { app: 'checkout', track: 'stable' }, '10.244.1.11'),
    pod('checkout-7d9f-b1', { app: 'checkout', track: 'canary' }, '10.244.2.11'),
    netpol('allow-lb-range', { matchLabels: { app: 'checkout' } }),
    netpol('canary-only', { matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }] }),
    netpol('other-app', { matchLabels: { app: 'cart' } }),
    netpol('elsewhere', {}, 'payments'),
    ...extra,
  ]);
}

function analysis() {
  const a = localImbalanceFixture();
  a.paths.Local.pods = [
    podShare({ pod: 'shop/checkout-7d9f-a1', ip: '10.244.1.11', share: 0.5 }),
    podShare({ pod: 'shop/checkout-7d9f-b1', ip: '10.244.2.11', share: 0.5 }),
  ];
  a.paths.Cluster.pods = a.paths.Local.pods.map((p) => ({
    ...p,
    policy: 'denied' as const,
    policyReason: 'SNATed source not in 198.51.100.0/24',
  }));
  return a;
}

describe('policiesForService', () => {
  it('lists the policies of the namespace that select the pods, with per-policy verdicts', () => {
    const out = policiesForService(model(), analysis());
    expect(out.rows.map((r) => r.name)).toEqual(['allow-lb-range', 'canary-only']);
    const lb = out.rows[0];
    expect(lb.selector).toBe('{app=checkout}');
    expect(lb.policyTypes).toEqual(['Ingress']);
    expect(lb.pods.map((p) => p.pod)).toEqual(['shop/checkout-7d9f-a1', 'shop/checkout-7d9f-b1']);
    expect(lb.pods[0].verdicts.Local?.verdict).toBe('allowed');
    expect(lb.pods[0].verdicts.Cluster).toEqual({ verdict: 'denied', reason: 'SNATed source not in 198.51.100.0/24' });
    expect(lb.counts).toEqual({ allowed: 2, denied: 0, unknown: 0 });
    expect(out.rows[1].pods.map((p) => p.pod)).toEqual(['shop/checkout-7d9f-b1']);
    expect(out.unselected).toBe(0);
    expect(out.unavailable).toBeNull();
  });

  it('marks an invalid selector as "maybe" selecting', () => {
    const out = policiesForService(
      model([netpol('broken', { matchExpressions: [{ key: 'app', operator: 'Bogus' }] })]),
      analysis(),
    );
    const broken = out.rows.find((r) => r.name === 'broken');
    expect(broken?.pods.every((p) => p.selects === 'maybe')).toBe(true);
  });

  it("reads a large Service's aggregate pod rows: each one entry counting its pods, every pod with a verdict", () => {
    // 60 web pods on three nodes: above 32 pod rows, the analysis merges the pods that behave alike.
    const objects = webObjects({
      endpoints: webPods(60),
      nodeAnnotations: CALICO_IPIP,
      extra: [allowWeb('web-allow-partners', ['203.0.113.0/26'])],
    });
    const { model: m, analysis: all } = analyzeObjects(objects);
    const web = all.services.find((s) => s.service === 'default/web')!;
    const rows = web.paths[web.externalTrafficPolicy].pods;
    expect(rows.some((r) => r.pod === null && r.count > 1)).toBe(true); // aggregated
    const out = policiesForService(m, web);
    expect(out.rows.map((r) => r.name)).toEqual(['web-allow-partners']);
    const [row] = out.rows;
    expect(row.pods.length).toBeLessThan(10);
    expect(row.pods.reduce((n, p) => n + p.count, 0)).toBe(60);
    expect(row.counts.allowed + row.counts.denied + row.counts.unknown).toBe(60);
    for (const p of row.pods) {
      expect(p.verdicts.Cluster).not.toBeNull();
      expect(p.verdicts.Local).not.toBeNull();
      if (p.count > 1) expect(p.samples[0]).toBe(p.pod);
    }
    expect(out.unselected).toBe(0);
  });

  it("gives a pod the other policy's verdict from its aggregate when it is not among the samples", () => {
    // The Service runs under Local; under Cluster (the what-if) its two pods are one aggregate naming the first.
    const a = analysis();
    const [first] = a.paths.Cluster.pods;
    a.paths.Cluster.pods = [{ ...first, pod: null, count: 2, samplePods: ['shop/checkout-7d9f-a1'] }];
    const lb = policiesForService(model(), a).rows[0];
    expect(lb.pods.map((p) => [p.pod, p.count])).toEqual([
      ['shop/checkout-7d9f-a1', 1],
      ['shop/checkout-7d9f-b1', 1],
    ]);
    expect(lb.pods[0].verdicts.Cluster).toEqual({ verdict: 'denied', reason: first.policyReason });
    expect(lb.pods[1].verdicts.Cluster).toEqual({
      verdict: 'denied',
      reason: `as for the 2 pods alike (shop/checkout-7d9f-a1, …): ${first.policyReason}`,
    });
    // Aggregates that disagree leave it unknown.
    a.paths.Cluster.pods.push({ ...first, pod: null, count: 3, samplePods: ['shop/other'], policy: 'allowed' });
    expect(policiesForService(model(), a).rows[0].pods[1].verdicts.Cluster).toBeNull();
  });

  it('counts pods no policy selects', () => {
    const m = buildClusterModel([
      pod('checkout-7d9f-a1', { app: 'checkout' }, '10.244.1.11'),
      pod('checkout-7d9f-b1', { app: 'checkout' }, '10.244.2.11'),
    ]);
    const out = policiesForService(m, analysis());
    expect(out.rows).toEqual([]);
    expect(out.unselected).toBe(2);
  });
});
