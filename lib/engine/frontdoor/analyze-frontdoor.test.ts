import { describe, expect, it } from 'vitest';
import { contextOf } from '../findings/testing';
import { ingress, ingressClass, proxiedWeb } from './testing';

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

  it('a NodePort behind a TKE L7 CLB Ingress: the client arrives in X-Forwarded-For under both policies', () => {
    // catalog tencent-tke-clb-ingress: "cluster: header, local: header"; the NodePort is the CLB's target.
    const a = analysisOf({
      providerID: 'qcloud://',
      service: { type: 'NodePort' },
      extra: [
        ingress({
          name: 'web',
          annotations: { 'kubernetes.io/ingress.class': 'qcloud' },
          host: 'a.example',
          service: 'web',
          port: 80,
        }),
      ],
    });
    for (const p of ['Cluster', 'Local'] as const) {
      expect(a.paths[p].app!.clientIP).toBe('yes');
      expect(a.paths[p].app!.carriers).toEqual(['x-forwarded-for']);
      expect(a.paths[p].app!.note).toMatch(/^Ingress default\/web through Tencent TKE Ingress .* X-Forwarded-For/);
    }
  });

  it('a LoadBalancer that an L7 Ingress also reaches: partial where its own LB loses the client', () => {
    const a = analysisOf({
      providerID: 'azure:///s/',
      extra: [
        ingress({
          name: 'web',
          annotations: { 'kubernetes.io/ingress.class': 'qcloud' },
          host: 'a.example',
          service: 'web',
          port: 80,
        }),
      ],
    });
    expect(a.paths.Cluster.app!.clientIP).toBe('partial'); // own LB: SNAT (no); the L7 LB: XFF (yes)
    expect(a.paths.Cluster.app!.note).toMatch(/^its own entry: no .*; Ingress default\/web: yes/);
    expect(a.paths.Local.app!.clientIP).toBe('yes');
  });

  it('a ClusterIP proxy behind an ALB with ip targets is entered from outside: its trust decides', () => {
    // The ALB connects from the VPC (the nodes' 192.168.0.0/16 here): Kong takes XFF only if it trusts that.
    const behindAlb = (trusted: string) =>
      analysisOf({
        service: { type: 'ClusterIP' },
        pod: {
          image: 'kong/kong-gateway:3.9',
          env: { KONG_PROXY_LISTEN: '0.0.0.0:8000', KONG_TRUSTED_IPS: trusted, KONG_REAL_IP_HEADER: 'X-Forwarded-For' },
        },
        extra: [
          ingressClass('alb', 'ingress.k8s.aws/alb'),
          ingress({
            name: 'edge',
            className: 'alb',
            annotations: { 'alb.ingress.kubernetes.io/target-type': 'ip' },
            host: 'a.example',
            service: 'web',
            port: 80,
          }),
        ],
      });
    const trusting = behindAlb('192.168.0.0/16');
    expect(trusting.frontDoor!.proxy).toBe('kong');
    expect(trusting.paths.Cluster.app).toMatchObject({ clientIP: 'yes', carriers: ['x-forwarded-for'] });
    expect(trusting.paths.Cluster.app!.note).toMatch(/kong takes the client from x-forwarded-for/);
    const distrusting = behindAlb('10.0.0.0/8');
    expect(distrusting.paths.Local.app).toMatchObject({ clientIP: 'no', carriers: [] });
    expect(distrusting.paths.Local.app!.note).toMatch(/kong does not take the client/);
  });
});
