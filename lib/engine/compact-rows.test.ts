import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/k8s';
import { MAX_INDIVIDUAL_ROWS, MAX_SAMPLES } from './compact-rows';
import { analyzeObjects } from './facade';
import { netpol, node, pod, slice, svc } from './testing/fixtures';

/**
 * A DaemonSet-style LoadBalancer Service `edge` (externalTrafficPolicy Local) with one ready pod on each
 * of `nodes` nodes; `notReady` names nodes whose pod is not ready (a different answer).
 */
function daemonSetCluster(nodes: number, notReady: number[] = []): KubeObject[] {
  const objects: KubeObject[] = [];
  const endpoints = [];
  for (let n = 0; n < nodes; n++) {
    const name = `node-${String(n).padStart(3, '0')}`;
    objects.push(node({ name, internalIP: `192.168.${n >> 8}.${n & 255}`, podCIDR: `10.${n >> 8}.${n & 255}.0/24` }));
    const ip = `10.${n >> 8}.${n & 255}.10`;
    const ready = !notReady.includes(n);
    objects.push(pod({ name: `edge-${n}`, ip, node: name, labels: { app: 'edge' }, ready }));
    endpoints.push({ ip, node: name, pod: `edge-${n}`, ready });
  }
  objects.push(
    svc({
      name: 'edge',
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      ports: [{ port: 443, targetPort: 8443, nodePort: 31443 }],
      lbIngress: [{ ip: '198.51.100.7' }],
    }),
    slice({ service: 'edge', ports: [{ port: 8443 }], endpoints }),
  );
  return objects;
}

const edgeOf = (objects: KubeObject[]) =>
  analyzeObjects(objects).analysis.services.find((s) => s.service === 'default/edge')!;

describe('compacted rows (identical pod and node rows aggregate)', () => {
  it('a DaemonSet LoadBalancer Service with Local on 200 nodes is one node row and one pod row', () => {
    const edge = edgeOf(daemonSetCluster(200));
    const local = edge.paths.Local;
    expect(local.nodes).toHaveLength(1);
    expect(local.nodes[0]).toMatchObject({ node: null, count: 200, healthCheck: 200, verdict: 'forwarded' });
    expect(local.nodes[0].lbShare).toBeCloseTo(1);
    expect(local.nodes[0].sampleNodes).toHaveLength(MAX_SAMPLES);
    expect(edge.nodes).toBe(local.nodes);
    expect(local.pods).toHaveLength(1);
    const row = local.pods[0];
    expect(row).toMatchObject({ pod: null, count: 200, share: 1 / 200, clientIPPreserved: 'yes', policy: 'allowed' });
    expect(row.samplePods).toHaveLength(MAX_SAMPLES);
    expect(row.samplePods[0]).toBe('default/edge-0');
    expect(row.sourceIPs).toEqual({ client: true, addresses: [], total: 0 });
    // The what-if Cluster paths are aggregated too: a handful of rows, every pod counted once.
    const cluster = edge.paths.Cluster;
    expect(cluster.pods.length).toBeLessThanOrEqual(10);
    expect(cluster.pods.reduce((n, p) => n + p.count, 0)).toBe(200);
    expect(cluster.pods.reduce((n, p) => n + p.count * p.share, 0)).toBeCloseTo(1);
  });

  it('pods that behave differently stay apart: a not-ready pod and its node get their own rows', () => {
    const edge = edgeOf(daemonSetCluster(100, [7]));
    const local = edge.paths.Local;
    expect(local.nodes.map((n) => [n.count, n.healthCheck]).sort()).toEqual([
      [1, 503],
      [99, 200],
    ]);
    const lone = local.pods.find((p) => p.count === 1)!;
    expect(lone).toMatchObject({ pod: 'default/edge-7', node: 'node-007', ready: false, share: 0 });
    expect(lone.samplePods).toEqual(['default/edge-7']);
    expect(local.pods.find((p) => p.count === 99)!.share).toBeCloseTo(1 / 99);
  });

  it('different NetworkPolicy verdicts do not merge', () => {
    const objects = daemonSetCluster(60);
    // Deny everything to the pods on even nodes (a label only they carry).
    for (const o of objects)
      if (o.kind === 'Pod' && Number(o.metadata!.name!.split('-')[1]) % 2 === 0) o.metadata!.labels!.even = 'yes';
    objects.push(
      netpol({ name: 'deny-even', podSelector: { matchLabels: { even: 'yes' } }, policyTypes: ['Ingress'] }),
    );
    const pods = edgeOf(objects).paths.Local.pods;
    expect(pods.map((p) => [p.policy, p.count]).sort()).toEqual([
      ['allowed', 30],
      ['denied', 30],
    ]);
  });

  it(`up to ${MAX_INDIVIDUAL_ROWS} rows every node and pod keeps its own row`, () => {
    const edge = edgeOf(daemonSetCluster(MAX_INDIVIDUAL_ROWS));
    expect(edge.paths.Local.nodes).toHaveLength(MAX_INDIVIDUAL_ROWS);
    expect(edge.paths.Local.pods).toHaveLength(MAX_INDIVIDUAL_ROWS);
    expect(edge.paths.Local.pods.every((p) => p.count === 1 && p.pod === p.samplePods[0])).toBe(true);
  });
});
