import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/k8s';
import { compactPaths, MAX_INDIVIDUAL_ROWS, MAX_SAMPLES } from './compact-rows';
import { analyzeObjects } from './facade';
import { netpol, node, pod, slice, svc } from './testing/fixtures';
import type { NodePath, PodShare, PolicyPaths } from './types';

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

  it('rows merge by their answer whether or not equal rows are neighbours (runs take a shortcut, the rest the key)', () => {
    // Node rows in the order A A B A B B (A: forwarded; B: dropped), pod rows alternating between two
    // answers in runs of different lengths, and pod rows that differ only in the masked own name.
    const nodeRow = (i: number, dropped: boolean): NodePath => ({
      node: `n${i}`,
      count: 1,
      sampleNodes: [`n${i}`],
      zone: 'z1',
      healthCheck: dropped ? 503 : 200,
      proxyHealthz: 200,
      localEndpoints: dropped ? 0 : 1,
      localUsableEndpoints: dropped ? 0 : 1,
      verdict: dropped ? 'dropped' : 'forwarded',
      inLoadBalancer: !dropped,
      lbExcludedReason: dropped ? 'health check fails' : null,
      lbShare: dropped ? 0 : 0.25,
      snatSource: null,
      clientIPPreserved: dropped ? null : true,
    });
    const dropped = [false, false, true, false, true, true];
    const nodes = [...Array(MAX_INDIVIDUAL_ROWS + 4).keys()].map((i) => nodeRow(i, dropped[i % dropped.length]));
    const podRow = (i: number, denied: boolean): PodShare => ({
      pod: `ns/p${i}`,
      ip: `10.0.0.${i}`,
      node: `n${i}`,
      count: 1,
      samplePods: [`ns/p${i}`],
      share: 0.1,
      ready: true,
      terminating: false,
      // A fresh array each row: equal addresses, not the same array.
      sourceIPs: { client: false, addresses: [i % 7 === 2 ? '192.168.0.2' : '192.168.0.1'], total: 1 },
      clientIPPreserved: 'no',
      policy: denied ? 'denied' : 'allowed',
      // Allowed pods give one of two reasons (the same verdict): only the reason tells them apart.
      policyReason: denied ? `ns/p${i} is isolated` : i % 5 === 1 ? 'no policy applies' : 'not isolated',
    });
    // Pod i runs on node i, so pods merge only within the same node answer, verdict, reason and sources.
    const pods = nodes.map((n, i) => podRow(i, i % 3 === 0));
    const paths = { nodes, pods } as PolicyPaths;
    const out = compactPaths(paths);
    expect(out.nodes.map((n) => [n.verdict, n.count, n.sampleNodes.length])).toEqual([
      ['forwarded', 18, MAX_SAMPLES],
      ['dropped', 18, MAX_SAMPLES],
    ]);
    expect(out.nodes[0].sampleNodes.slice(0, 4)).toEqual(['n0', 'n1', 'n3', 'n6']);
    // Every pod counted once; each group's pods share node answer and policy verdict.
    expect(out.pods.reduce((n, p) => n + p.count, 0)).toBe(pods.length);
    const groupOf = (i: number) =>
      `${dropped[i % dropped.length]}/${i % 3 === 0 || i % 5 === 1}/${i % 3 === 0}/${i % 7 === 2}`;
    const expected = new Map<string, string[]>();
    pods.forEach((p, i) => expected.set(groupOf(i), [...(expected.get(groupOf(i)) ?? []), p.pod!]));
    expect(out.pods.map((p) => p.samplePods)).toEqual([...expected.values()].map((l) => l.slice(0, MAX_SAMPLES)));
    expect(out.pods.map((p) => p.count)).toEqual([...expected.values()].map((l) => l.length));
    // The denied pods' reasons name themselves: masked, they are one answer.
    expect(out.pods.filter((p) => p.policy === 'denied').every((p) => p.count > 1)).toBe(true);
  });
});
