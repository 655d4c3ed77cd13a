import { describe, expect, it } from 'vitest';
import { healthCheckAnswer, lbMembership, proxyHealthzAnswer } from './health';
import { modelOf } from './testing/cluster';
import { node, svc } from './testing/fixtures';

const lbLocal = modelOf(
  svc({
    name: 'lb',
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32000,
    ports: [{ port: 80, nodePort: 30080 }],
  }),
).services.get('default/lb')!;
const np = modelOf(
  svc({ name: 'np', type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30081 }] }),
).services.get('default/np')!;

describe('healthCheckNodePort answer (healthcheck TestServer)', () => {
  it('LoadBalancer + Local: 200 with ≥1 local ready endpoint, 503 with none', () => {
    expect(healthCheckAnswer(lbLocal, 'Local', 1)).toBe(200);
    expect(healthCheckAnswer(lbLocal, 'Local', 7)).toBe(200);
    expect(healthCheckAnswer(lbLocal, 'Local', 0)).toBe(503);
  });
  it('no health check for Cluster policy or NodePort Services', () => {
    expect(healthCheckAnswer(lbLocal, 'Cluster', 3)).toBe(null);
    expect(healthCheckAnswer(np, 'Local', 3)).toBe(null);
  });
});

describe('kube-proxy :10256/healthz (TestHealthzServer)', () => {
  const m = modelOf(
    node({ name: 'ok', internalIP: '192.168.0.1' }),
    node({ name: 'deleting', internalIP: '192.168.0.2', deletionTimestamp: '2026-01-01T00:00:00Z' }),
    node({
      name: 'autoscaled',
      internalIP: '192.168.0.3',
      taints: [{ key: 'ToBeDeletedByClusterAutoscaler', value: '1700000000', effect: 'NoSchedule' }],
    }),
    node({
      name: 'excluded',
      internalIP: '192.168.0.4',
      labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
    }),
  );
  it('503 for a node with deletionTimestamp or the ToBeDeletedByClusterAutoscaler taint', () => {
    expect(proxyHealthzAnswer(m.nodes.get('ok')!)).toBe(200);
    expect(proxyHealthzAnswer(m.nodes.get('deleting')!)).toBe(503);
    expect(proxyHealthzAnswer(m.nodes.get('autoscaled')!)).toBe(503);
  });
  it('load balancer membership', () => {
    const lbCluster = modelOf(
      svc({ name: 'lb', type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080 }] }),
    ).services.get('default/lb')!;
    expect(lbMembership(lbCluster, 'Cluster', m.nodes.get('ok')!, null, 200).inLoadBalancer).toBe(true);
    expect(lbMembership(lbCluster, 'Cluster', m.nodes.get('deleting')!, null, 503)).toMatchObject({
      inLoadBalancer: false,
    });
    expect(lbMembership(lbCluster, 'Cluster', m.nodes.get('excluded')!, null, 200).reason).toMatch(
      /exclude-from-external-load-balancers/,
    );
    expect(lbMembership(lbLocal, 'Local', m.nodes.get('ok')!, 503, 200)).toMatchObject({ inLoadBalancer: false });
    // Node deletion does not change the per-Service health check of a Local Service (virtual-ips.md).
    expect(lbMembership(lbLocal, 'Local', m.nodes.get('deleting')!, 200, 503).inLoadBalancer).toBe(true);
    // NodePort Services have no load balancer: every node is a way in.
    expect(lbMembership(np, 'Local', m.nodes.get('excluded')!, null, 200).inLoadBalancer).toBe(true);
  });
});
