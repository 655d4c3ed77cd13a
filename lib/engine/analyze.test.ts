import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import type { KubeObject } from '../model/k8s';
import {
  analysisOrder,
  analyzeCluster,
  analyzeClusterSteps,
  analyzeClusterStream,
  analyzeService,
  LARGE_SERVICE_ENDPOINTS,
  serviceAnalysisOrder,
  WARM_UP_SERVICES,
} from './analyze';
import { compactServiceAnalysis } from './compact-rows';
import { createClusterFacts } from './findings';
import { detectDataplane } from './dataplane';
import { compilePolicies } from './netpol';
import { netpol, node, pod, slice, svc } from './testing/fixtures';
import { webObjects, WEB } from './testing/scenarios';
import type { AnalysisResult, ServiceAnalysis } from './types';
import { parseSnapshotText } from '../snapshot/parse';

function analyze(objects: KubeObject[], opts: Parameters<typeof analyzeCluster>[2] = {}): AnalysisResult {
  const model = buildClusterModel(objects);
  return analyzeCluster(model, detectDataplane(model), opts);
}

// The web LoadBalancer (Local, 3 pods on node-a, 1 on node-b), a selector that matches nothing, and an
// invalid policy: findings of three severities.
const objects: KubeObject[] = [
  ...webObjects({
    service: { externalTrafficPolicy: 'Local', healthCheckNodePort: 31437, externalIPs: [WEB.externalIP] },
    endpoints: [
      { ip: '10.244.0.5', node: 'node-a', pod: 'web-a1' },
      { ip: '10.244.0.6', node: 'node-a', pod: 'web-a2' },
      { ip: '10.244.0.7', node: 'node-a', pod: 'web-a3' },
      { ip: '10.244.1.5', node: 'node-b', pod: 'web-b1' },
    ],
  }),
  svc({ name: 'orphan', clusterIP: '10.96.0.20', selector: { app: 'nothing' } }),
  netpol({
    name: 'bad',
    podSelector: { matchLabels: { app: 'nobody' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ ipBlock: { cidr: 'not-a-cidr' } }] }],
  }),
];

describe('analyzeCluster: the `analyze --json` contract', () => {
  const result = analyze(objects);

  it('has dataplane, summary, services, findings and warnings, and survives a JSON round trip unchanged', () => {
    expect(Object.keys(result).sort()).toEqual(['dataplane', 'findings', 'services', 'summary', 'warnings']);
    expect(result.dataplane.proxyMode).toBe('iptables');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("one entry per Service, sorted by key, with both policies' paths and the own-policy node rows", () => {
    expect(result.services.map((s) => s.service)).toEqual(['default/orphan', 'default/web']);
    const web = result.services[1];
    expect(web).toMatchObject({
      service: 'default/web',
      namespace: 'default',
      name: 'web',
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Cluster',
    });
    expect(web.paths.Cluster.policy).toBe('Cluster');
    expect(web.paths.Cluster.actual).toBe(false);
    expect(web.paths.Local.actual).toBe(true);
    expect(web.nodes).toBe(web.paths.Local.nodes);
    const byNode = Object.fromEntries(
      web.nodes.map((n) => [n.node ?? `(${n.count} nodes)`, [n.healthCheck, n.localEndpoints, n.verdict]]),
    );
    expect(byNode).toEqual({
      'node-a': [200, 3, 'forwarded'],
      'node-b': [200, 1, 'forwarded'],
      '(1 nodes)': [503, 0, 'dropped'],
    });
  });

  it('entries: every ClusterIP, NodePort (on the first node), LB IP and externalIP × port', () => {
    const web = result.services[1];
    expect(web.entries).toEqual([
      { kind: 'clusterIP', address: WEB.clusterIP, port: 80, protocol: 'TCP' },
      { kind: 'nodePort', address: '192.168.0.1', port: WEB.nodePort, protocol: 'TCP' },
      { kind: 'loadBalancerIP', address: WEB.lbIP, port: 80, protocol: 'TCP', ipMode: 'VIP' },
      { kind: 'externalIP', address: WEB.externalIP, port: 80, protocol: 'TCP' },
    ]);
    expect(web.endpoints).toEqual({ total: 4, ready: 4, terminating: 0, nodes: 2 });
  });

  it('findings: sorted by severity then id, unique ids, each listed on its Service; summary counts them', () => {
    const ids = result.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < result.findings.length; i++) {
      const [a, b] = [result.findings[i - 1], result.findings[i]];
      expect(rank[a.severity] < rank[b.severity] || (rank[a.severity] === rank[b.severity] && a.id < b.id)).toBe(true);
    }
    expect(ids).toEqual([
      'no-endpoints/default/orphan',
      'local-imbalance/default/web',
      'local-nodes-drop/default/web',
      'policy-unknown/default/bad',
    ]);
    expect(result.services[0].findings).toEqual(['no-endpoints/default/orphan']);
    expect(result.services[1].findings).toEqual(['local-imbalance/default/web', 'local-nodes-drop/default/web']);
    expect(result.summary).toEqual({
      nodes: 3,
      pods: 5,
      services: 2,
      networkPolicies: 1,
      findings: { info: 1, warning: 2, error: 1 },
    });
    for (const f of result.findings) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.source.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(10);
    }
  });

  it('warnings include the NetworkPolicy compile warnings', () => {
    expect(
      result.warnings.some(
        (w) => w.kind === 'NetworkPolicy' && w.object === 'default/bad' && /not-a-cidr/.test(w.message),
      ),
    ).toBe(true);
  });

  it('is deterministic: the same ids and output whatever the object order', () => {
    const reversed = analyze([...objects].reverse());
    expect(reversed.findings.map((f) => f.id)).toEqual(result.findings.map((f) => f.id));
    expect(JSON.stringify(reversed.services)).toBe(JSON.stringify(result.services));
  });

  it('reuses precompiled policies and honours the sample client option where no allow-list decides', () => {
    const model = buildClusterModel(objects);
    const again = analyzeCluster(model, detectDataplane(model), {
      policies: compilePolicies(model),
      clientIP: '192.0.2.99',
    });
    expect(again.findings.map((f) => f.id)).toEqual(result.findings.map((f) => f.id));
    expect(again.services[1].paths.Local.clientIP).toBe('192.0.2.99');
    expect(result.services[1].paths.Local.clientIP).toBe('203.0.113.10');
  });

  it('a dual-stack pod counts once; both ClusterIPs are entries', () => {
    const ds = analyze([
      node({ name: 'n1', internalIP: ['192.168.0.1', 'fd00::1'], podCIDR: ['10.244.0.0/24', 'fd00:10:244::/64'] }),
      svc({
        name: 'rec',
        clusterIPs: ['10.96.0.30', 'fd00:10:96::30'],
        ipFamilies: ['IPv4', 'IPv6'],
        ports: [{ port: 8080 }],
      }),
      slice({ service: 'rec', endpoints: [{ ip: '10.244.0.5', node: 'n1', pod: 'rec-1' }] }),
      slice({ service: 'rec', addressType: 'IPv6', endpoints: [{ ip: 'fd00:10:244::5', node: 'n1', pod: 'rec-1' }] }),
      pod({ name: 'rec-1', ip: ['10.244.0.5', 'fd00:10:244::5'], node: 'n1', labels: { app: 'rec' } }),
    ]);
    const rec = ds.services[0];
    expect(rec.entries.map((e) => e.address)).toEqual(['10.96.0.30', 'fd00:10:96::30']);
    expect(rec.endpoints).toEqual({ total: 1, ready: 1, terminating: 0, nodes: 1 });
    expect(rec.paths.Cluster.pods).toHaveLength(1);
    expect(ds.findings).toEqual([]);
  });

  it('NodePort entries are shown on the first node a load balancer would use; entries are grouped by kind', () => {
    const multi = analyze(
      webObjects({
        service: {
          type: 'NodePort',
          ports: [
            { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
            { name: 'https', port: 443, targetPort: 8443, nodePort: 30443 },
          ],
        },
        nodeExtras: { 'node-a': { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } } },
      }),
    );
    expect(multi.services[0].entries.map((e) => `${e.kind} ${e.address}:${e.port}`)).toEqual([
      `clusterIP ${WEB.clusterIP}:80`,
      `clusterIP ${WEB.clusterIP}:443`,
      'nodePort 192.168.0.2:30080',
      'nodePort 192.168.0.2:30443',
    ]);
  });

  it('policies are resolved only for the Services a rule needs (a ClusterIP Service no policy port names costs no selection)', () => {
    const objs = [
      ...webObjects({ service: { type: 'ClusterIP' } }),
      netpol({ name: 'deny', podSelector: {}, policyTypes: ['Ingress'] }),
    ];
    const model = buildClusterModel(objs);
    const policies = compilePolicies(model);
    analyzeCluster(model, detectDataplane(model), { policies });
    expect(policies.selectionCache.size).toBe(0);
    // A LoadBalancer needs its pods' allow-lists (sample client, SNAT findings): its pods are resolved.
    const lbModel = buildClusterModel([
      ...webObjects(),
      netpol({ name: 'deny', podSelector: {}, policyTypes: ['Ingress'] }),
    ]);
    const lbPolicies = compilePolicies(lbModel);
    analyzeCluster(lbModel, detectDataplane(lbModel), { policies: lbPolicies });
    expect(lbPolicies.selectionCache.has('default/web-a')).toBe(true);
  });

  it('an empty cluster is a valid, empty analysis', () => {
    const empty = analyze([]);
    expect(empty.services).toEqual([]);
    expect(empty.findings).toEqual([]);
    expect(empty.summary.findings).toEqual({ info: 0, warning: 0, error: 0 });
  });
});

describe('analyzeService', () => {
  it('is the per-Service step of analyzeCluster: the same analysis and findings for each Service', () => {
    const model = buildClusterModel(objects);
    const dataplane = detectDataplane(model);
    const whole = analyzeCluster(model, dataplane);
    const facts = createClusterFacts(model, dataplane);
    for (const s of whole.services) {
      const one = analyzeService(facts, model.services.get(s.service)!);
      expect(one.prepared.analysis).toEqual(s);
      expect(one.found.map((f) => f.id).sort()).toEqual(s.findings);
      for (const f of one.found) expect(whole.findings).toContainEqual(f);
    }
    expect(whole.services.some((s) => s.findings.length > 0)).toBe(true);
  });
});

describe('analyzeClusterStream', () => {
  // The demo cluster and a front-door story: LoadBalancers, proxies, Ingresses, policies, every finding kind.
  for (const file of ['lib/demo/demo-cluster.json', 'lib/demo/stories/kong-aws.json']) {
    it(`hands out every Service in order and returns the rest of analyzeCluster's result (${file})`, () => {
      const { objects } = parseSnapshotText(readFileSync(file, 'utf8'), file);
      const model = buildClusterModel(objects);
      const dataplane = detectDataplane(model);
      const whole = analyzeCluster(model, dataplane);
      const streamed: ServiceAnalysis[] = [];
      const progress: number[] = [];
      const rest = analyzeClusterStream(model, dataplane, { onProgress: (done) => progress.push(done) }, (s) =>
        streamed.push(s),
      );
      expect(whole.services.length).toBeGreaterThan(3);
      expect(whole.findings.length).toBeGreaterThan(0);
      // Byte for byte, key order included: the CLI writes the streamed parts in this order.
      const { dataplane: d, summary, findings, warnings } = rest;
      expect(JSON.stringify({ dataplane: d, summary, services: streamed, findings, warnings })).toBe(
        JSON.stringify(whole),
      );
      expect(progress.at(-1)).toBe(whole.services.length);
    });
  }
});

describe('analysisOrder: large Services wait until small ones have warmed the code', () => {
  const W = WARM_UP_SERVICES;
  const L = LARGE_SERVICE_ENDPOINTS;
  const small = (n: number) => Array.from({ length: n }, (_, i) => `s/${String(i).padStart(3, '0')}`);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  it('moves large Services before the warm-up after it, in key order, and keeps the rest in place', () => {
    const keys = ['a/big', 'b/big', ...small(W + 10)];
    const size = (k: string) => (k.endsWith('big') ? L : L - 1);
    expect(analysisOrder(keys, size)).toEqual([...range(2, 2 + W), 0, 1, ...range(2 + W, keys.length)]);
  });

  it('leaves a large Service after the warm-up where it is, and puts them last when small ones are too few', () => {
    const late = [...small(W), 'z/big', 'z/tail'];
    expect(analysisOrder(late, (k) => (k === 'z/big' ? 10 * L : 1))).toEqual(range(0, late.length));
    const few = ['a/big', ...small(3), 'b/big'];
    expect(analysisOrder(few, (k) => (k.endsWith('big') ? L : 0))).toEqual([1, 2, 3, 0, 4]);
  });

  it('analyses each Service once', () => {
    const keys = ['a/big', ...small(W - 1), 'm/big', ...small(W + 5).map((k) => `t${k}`)];
    const order = analysisOrder(keys, (k) => (k.endsWith('big') ? L : 2));
    expect([...order].sort((a, b) => a - b)).toEqual(range(0, keys.length));
  });

  it('a cluster whose first Service is large is still handed out in key order, each as analysed alone', () => {
    // A DaemonSet-style Service (sorted first) and enough small Services for it to wait.
    const endpoints = Array.from({ length: L }, (_, i) => ({
      ip: `10.1.${i >> 8}.${i & 255}`,
      node: `node-${i % 3}`,
    }));
    const objects: KubeObject[] = [
      ...['node-0', 'node-1', 'node-2'].map((name, i) => node({ name, internalIP: `192.168.0.${i + 1}` })),
      svc({ name: 'a-edge', namespace: 'default', type: 'LoadBalancer', clusterIP: '10.96.1.1' }),
      slice({ service: 'a-edge', endpoints }),
      ...Array.from({ length: W + 3 }, (_, i) => [
        svc({ name: `web-${i}`, clusterIP: `10.96.2.${i}` }),
        slice({ service: `web-${i}`, endpoints: [{ ip: `10.2.${i}.1`, node: 'node-0' }] }),
      ]).flat(),
    ];
    const model = buildClusterModel(objects);
    const dataplane = detectDataplane(model);
    const keys = [...model.services.keys()].sort();
    expect(keys[0]).toBe('default/a-edge');
    expect(serviceAnalysisOrder(model, keys)[0]).not.toBe(0);
    const streamed: ServiceAnalysis[] = [];
    const progress: number[] = [];
    analyzeClusterStream(model, dataplane, { onProgress: (done) => progress.push(done) }, (s) => streamed.push(s));
    expect(streamed.map((s) => s.service)).toEqual(keys);
    const facts = createClusterFacts(model, dataplane);
    for (const i of [0, 1, keys.length - 1]) {
      const alone = analyzeService(facts, model.services.get(keys[i])!).prepared.analysis;
      expect(streamed[i]).toEqual(compactServiceAnalysis(alone));
    }
    expect(progress.at(-1)).toBe(keys.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe('analyzeClusterSteps: the analysis in slices (the dashboard shows its progress between them)', () => {
  it('yields 0 after the cluster facts, then each Service done, and returns what analyzeCluster answers', () => {
    const model = buildClusterModel(objects);
    const steps = analyzeClusterSteps(model, detectDataplane(model));
    const seen: string[] = [];
    let next = steps.next();
    for (; !next.done; next = steps.next()) seen.push(`${next.value.done}/${next.value.total}`);
    expect(seen).toEqual(['0/2', '1/2', '2/2']);
    expect(next.value.analysis).toEqual(analyze(objects));
  });

  it('onProgress of analyzeCluster hears the same steps but the first (nothing analysed yet)', () => {
    const calls: [number, number][] = [];
    analyze(objects, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
