import { describe, expect, it } from 'vitest';
import { contextOf } from '../findings/testing';
import { proxiedWeb } from './testing';

const analysisOf = (...args: Parameters<typeof proxiedWeb>) =>
  contextOf(proxiedWeb(...args), 'default/web').svc.analysis;

describe('analyze: front door of a Service and paths[policy].app', () => {
  it('TKE direct access: pods targeted, no SNAT under Cluster, nodes out of the LB', () => {
    const a = analysisOf({
      providerID: 'qcloud://',
      service: { annotations: { 'service.cloud.tencent.com/direct-access': 'true' } },
    });
    expect(a.frontDoor!.loadBalancer).toMatchObject({ kind: 'tencent-tke-clb-direct', targets: 'pods' });
    expect(a.paths.Cluster.clientIPPreserved).toBe('yes');
    expect(a.paths.Cluster.pods.map((p) => [p.share, p.clientIPPreserved])).toEqual([
      [0.5, 'yes'],
      [0.5, 'yes'],
    ]);
    expect(a.paths.Cluster.nodes.every((n) => !n.inLoadBalancer && n.lbShare === 0)).toBe(true);
    expect(a.paths.Cluster.app).toEqual({
      clientIP: 'yes',
      carriers: ['l3'],
      note: 'the client address reaches the pods at L3 under Cluster',
    });
  });

  it('a Classic ELB under Local: kube-proxy keeps the source, but it is the ELB: client lost', () => {
    const a = analysisOf({ providerID: 'aws:///x/i-', service: { externalTrafficPolicy: 'Local' } });
    expect(a.paths.Local.clientIPPreserved).toBe('no');
    expect(a.paths.Local.pods.every((p) => p.clientIPPreserved === 'no' && !p.sourceIPs.client)).toBe(true);
    expect(a.paths.Local.app!.clientIP).toBe('no');
    expect(a.paths.Local.app!.note).toMatch(/terminates the connection/);
  });

  it('a pass-through LB keeps kube-proxy answer: Local yes, Cluster no; no LB on a ClusterIP Service', () => {
    const a = analysisOf({ providerID: 'azure:///s/' });
    expect(a.paths.Local.app!.clientIP).toBe('yes');
    expect(a.paths.Cluster.app!.clientIP).toBe('no');
    const c = analysisOf({ service: { type: 'ClusterIP' } });
    expect(c.frontDoor).toEqual({ loadBalancer: null, proxy: null, routes: [], behind: [] });
    expect(c.paths.Cluster.app!.clientIP).toBe('unknown');
  });
});
