import { describe, expect, it } from 'vitest';
import { buildNodeClasses } from './node-classes';
import { DEFAULT_SAMPLE_CLIENT_V6, servicePaths } from './paths';
import type { PolicyHook, PolicyQuestion } from './policy-hook';
import { unknownPolicyHook } from './policy-hook';
import { clusterOf } from './testing/cluster';
import {
  ciliumConfig,
  kubeProxyConfig,
  node,
  pod,
  slice,
  svc,
  type EndpointInput,
  type NodeInput,
  type SvcInput,
} from './testing/fixtures';
import type { KubeObject } from '../model/k8s';

const CLIENT = '203.0.113.10';

interface Opts {
  nodes?: number;
  service?: Partial<SvcInput>;
  endpoints?: EndpointInput[];
  nodeExtra?: (i: number) => Partial<NodeInput>;
  extra?: KubeObject[];
  kubeProxy?: boolean;
}

/** n nodes (n0..), "web" LoadBalancer with endpoints (default: two on n0, one on n1). */
function cluster(o: Opts = {}) {
  const n = o.nodes ?? 8;
  const objs: KubeObject[] = [];
  for (let i = 0; i < n; i++) {
    objs.push(
      node({
        name: `n${i}`,
        internalIP: `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        podCIDR: `10.${Math.floor(i / 250) + 10}.${i % 250}.0/24`,
        zone: 'z1',
        ...(o.nodeExtra?.(i) ?? {}),
      }),
    );
  }
  const eps = o.endpoints ?? [
    { ip: '10.10.0.5', node: 'n0', pod: 'web-1' },
    { ip: '10.10.0.6', node: 'n0', pod: 'web-2' },
    { ip: '10.10.1.5', node: 'n1', pod: 'web-3' },
  ];
  objs.push(
    svc({
      name: 'web',
      type: 'LoadBalancer',
      clusterIP: '10.96.0.10',
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }],
      lbIngress: [{ ip: '198.51.100.10' }],
      healthCheckNodePort: 32000,
      ...(o.service ?? {}),
    }),
  );
  objs.push(slice({ service: 'web', ports: [{ name: 'http', port: 8080 }], endpoints: eps }));
  for (const e of eps) if (e.pod) objs.push(pod({ name: e.pod, ip: e.ip, node: e.node, labels: { app: 'web' } }));
  if (o.kubeProxy !== false) objs.push(kubeProxyConfig({ mode: 'iptables', clusterCIDR: '10.0.0.0/8' }));
  objs.push(...(o.extra ?? []));
  const c = clusterOf(...objs);
  return { ...c, service: c.model.services.get('default/web')!, index: buildNodeClasses(c.model) };
}

function paths(
  c: ReturnType<typeof cluster>,
  policy: 'Cluster' | 'Local',
  hook: PolicyHook = unknownPolicyHook,
  clientIP = CLIENT,
) {
  return servicePaths(c.model, c.dataplane, c.service, policy, { clientIP, hook, index: c.index });
}
const shareOf = (p: ReturnType<typeof paths>): Record<string, number> =>
  Object.fromEntries(p.pods.map((x) => [x.pod ?? x.ip, x.share]));
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 10);

describe('servicePaths: eTP=Local behind a load balancer', () => {
  const c = cluster({ service: { externalTrafficPolicy: 'Local' } });
  const p = paths(c, 'Local');
  it('one row per node with endpoints, one aggregate row for the rest', () => {
    expect(p.nodes.map((n) => [n.node, n.count])).toEqual([
      ['n0', 1],
      ['n1', 1],
      [null, 6],
    ]);
    expect(p.nodes[0]).toMatchObject({
      healthCheck: 200,
      localEndpoints: 2,
      localUsableEndpoints: 2,
      verdict: 'forwarded',
      inLoadBalancer: true,
      snatSource: null,
      clientIPPreserved: true,
    });
    expect(p.nodes[2]).toMatchObject({
      healthCheck: 503,
      localEndpoints: 0,
      verdict: 'dropped',
      inLoadBalancer: false,
      lbShare: 0,
    });
    expect(p.nodes[2].lbExcludedReason).toMatch(/healthCheckNodePort/);
  });
  it('the LB spreads per node, so pods on the busier node get less: skew 2', () => {
    close(p.nodes[0].lbShare, 0.5);
    close(p.nodes[1].lbShare, 0.5);
    expect(shareOf(p)).toEqual({ 'default/web-1': 0.25, 'default/web-2': 0.25, 'default/web-3': 0.5 });
    expect(p.skew).toBe(2);
    expect(p.droppedShare).toBe(0);
  });
  it('the client IP is preserved', () => {
    expect(p.clientIPPreserved).toBe('yes');
    expect(p.pods[0].sourceIPs).toEqual({ client: true, addresses: [], total: 0 });
    expect(p.actual).toBe(true);
    expect(p.clientIP).toBe(CLIENT);
  });
});

describe('servicePaths: eTP=Cluster', () => {
  const c = cluster({ service: { externalTrafficPolicy: 'Local' } });
  const p = paths(c, 'Cluster');
  it('every node is in the LB (kube-proxy healthz) and forwards to every pod', () => {
    expect(p.actual).toBe(false); // what-if
    expect(p.nodes.map((n) => [n.node, n.count])).toEqual([
      ['n0', 1],
      ['n1', 1],
      [null, 6],
    ]);
    expect(
      p.nodes.every(
        (n) => n.inLoadBalancer && n.verdict === 'forwarded' && n.healthCheck === null && n.proxyHealthz === 200,
      ),
    ).toBe(true);
    close(p.nodes[2].lbShare, 6 / 8);
    for (const s of Object.values(shareOf(p))) close(s, 1 / 3);
    expect(p.skew).toBeCloseTo(1, 10);
  });
  it('every path is masqueraded: pods see up to 5 SNAT addresses of 8 nodes', () => {
    expect(p.clientIPPreserved).toBe('no');
    expect(p.nodes[0]).toMatchObject({ snatSource: '192.168.0.1', clientIPPreserved: false });
    expect(p.nodes[2].snatSource).toBe(null); // aggregate: each node its own address
    const web3 = p.pods.find((x) => x.pod === 'default/web-3')!;
    expect(web3.sourceIPs.client).toBe(false);
    expect(web3.sourceIPs.total).toBe(8);
    expect(web3.sourceIPs.addresses).toHaveLength(5);
    expect(web3.sourceIPs.addresses.slice(0, 2)).toEqual(['192.168.0.1', '192.168.0.2']);
    expect(web3.clientIPPreserved).toBe('no');
  });
});

describe('servicePaths: node exclusion and deletion', () => {
  it('an excluded node gets no LB traffic (Local: its pods get nothing)', () => {
    const c = cluster({
      service: { externalTrafficPolicy: 'Local' },
      nodeExtra: (i) =>
        i === 1 ? { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': 'true' } } : {},
    });
    const p = paths(c, 'Local');
    expect(p.nodes.find((n) => n.node === 'n1')).toMatchObject({ inLoadBalancer: false, healthCheck: 200 });
    expect(shareOf(p)).toEqual({ 'default/web-1': 0.5, 'default/web-2': 0.5, 'default/web-3': 0 });
    expect(p.skew).toBe(1);
    expect(p.notes.join(' ')).toMatch(/1 of 3 endpoints receive no external traffic/);
    const cl = paths(c, 'Cluster');
    expect(cl.nodes.find((n) => n.node === 'n1')!.lbShare).toBe(0);
    close(
      cl.nodes.reduce((s, n) => s + n.lbShare, 0),
      1,
    );
  });
  it('nodes being deleted fail kube-proxy healthz (Cluster) and form their own aggregate', () => {
    const c = cluster({
      nodeExtra: (i) => (i >= 6 ? { taints: [{ key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' }] } : {}),
    });
    const p = paths(c, 'Cluster');
    const deleting = p.nodes.find((n) => n.node === null && n.proxyHealthz === 503)!;
    expect(deleting).toMatchObject({ count: 2, inLoadBalancer: false, lbShare: 0 });
    const healthyAgg = p.nodes.find((n) => n.node === null && n.proxyHealthz === 200)!;
    expect(healthyAgg.count).toBe(4);
    close(healthyAgg.lbShare, 4 / 6);
  });
  it('only terminating endpoints: every health check is 503, traffic is not served', () => {
    const c = cluster({
      service: { externalTrafficPolicy: 'Local' },
      endpoints: [{ ip: '10.10.0.5', node: 'n0', pod: 'web-1', ready: false, serving: true, terminating: true }],
    });
    const p = paths(c, 'Local');
    expect(p.nodes[0]).toMatchObject({
      node: 'n0',
      healthCheck: 503,
      localEndpoints: 0,
      localUsableEndpoints: 1,
      verdict: 'forwarded',
    });
    expect(p.droppedShare).toBe(1);
    expect(p.notes.join(' ')).toMatch(/no node passes/);
  });
  it('no endpoints at all: every node rejects', () => {
    const p = paths(cluster({ endpoints: [] }), 'Cluster');
    expect(p.nodes.every((n) => n.verdict === 'rejected')).toBe(true);
    expect(p.droppedShare).toBe(1);
    expect(p.pods).toEqual([]);
  });
});

describe('servicePaths: other entries', () => {
  it('NodePort-only Service: clients spread over all nodes; Local drops on nodes without endpoints', () => {
    const c = cluster({
      service: {
        type: 'NodePort',
        lbIngress: undefined,
        healthCheckNodePort: undefined,
        externalTrafficPolicy: 'Local',
      },
    });
    const p = paths(c, 'Local');
    expect(p.nodes.every((n) => n.inLoadBalancer && n.healthCheck === null)).toBe(true);
    close(p.droppedShare, 6 / 8);
    expect(shareOf(p)).toEqual({ 'default/web-1': 1 / 16, 'default/web-2': 1 / 16, 'default/web-3': 1 / 8 });
    expect(p.notes.join(' ')).toMatch(/spread evenly over all nodes/);
  });
  it('ClusterIP-only Service: not reachable from outside', () => {
    const c = cluster({
      service: {
        type: 'ClusterIP',
        lbIngress: undefined,
        healthCheckNodePort: undefined,
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    });
    const p = paths(c, 'Cluster');
    expect(p.nodes).toEqual([]);
    expect(p.pods.every((x) => x.share === 0)).toBe(true);
    expect(p.notes.join(' ')).toMatch(/not reachable from outside/);
  });
  it('externalIP owned by a node: only that node receives it', () => {
    const c = cluster({
      service: {
        type: 'ClusterIP',
        lbIngress: undefined,
        healthCheckNodePort: undefined,
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        externalIPs: ['192.168.0.2'],
      },
    });
    const p = paths(c, 'Local');
    expect(p.nodes.find((n) => n.node === 'n1')).toMatchObject({ inLoadBalancer: true, lbShare: 1 });
    expect(shareOf(p)['default/web-3']).toBe(1);
  });
  it('loadBalancerSourceRanges that exclude the sample client: everything dropped', () => {
    const c = cluster({ service: { loadBalancerSourceRanges: ['10.1.0.0/16'] } });
    const p = paths(c, 'Cluster');
    expect(p.nodes.every((n) => n.verdict === 'dropped')).toBe(true);
    expect(p.droppedShare).toBe(1);
    expect(paths(cluster({ service: { loadBalancerSourceRanges: ['203.0.113.0/24'] } }), 'Cluster').droppedShare).toBe(
      0,
    );
  });
  it('ipMode Proxy: the pod never sees the client at L3', () => {
    const c = cluster({
      service: { externalTrafficPolicy: 'Local', lbIngress: [{ ip: '198.51.100.10', ipMode: 'Proxy' }] },
    });
    const p = paths(c, 'Local');
    expect(p.clientIPPreserved).toBe('no');
    expect(p.notes.join(' ')).toMatch(/ipMode Proxy/);
  });
});

describe('servicePaths: dataplanes', () => {
  const ciliumHost = (i: number) => ({
    annotations: { 'network.cilium.io/ipv4-cilium-host': `10.${10 + Math.floor(i / 250)}.${i % 250}.200` },
  });
  it('Cilium SNAT mode, Cluster: a pod sees the client via its own node and SNAT addresses via others', () => {
    const c = cluster({
      kubeProxy: false,
      nodeExtra: ciliumHost,
      extra: [ciliumConfig({ 'kube-proxy-replacement': 'true' })],
    });
    const p = paths(c, 'Cluster');
    expect(p.clientIPPreserved).toBe('partial');
    const web3 = p.pods.find((x) => x.pod === 'default/web-3')!;
    expect(web3.sourceIPs.client).toBe(true);
    expect(web3.sourceIPs.total).toBe(7);
    expect(web3.sourceIPs.addresses[0]).toBe('10.10.0.200');
    expect(web3.clientIPPreserved).toBe('partial');
    expect(p.nodes[0].clientIPPreserved).toBe(null); // n0 keeps the client for its own pods, SNATs toward n1
  });
  it('Cilium DSR, Cluster: client preserved everywhere', () => {
    const c = cluster({
      kubeProxy: false,
      extra: [ciliumConfig({ 'kube-proxy-replacement': 'true', 'bpf-lb-mode': 'dsr' })],
    });
    const p = paths(c, 'Cluster');
    expect(p.clientIPPreserved).toBe('yes');
    expect(p.nodes.every((n) => n.clientIPPreserved === true)).toBe(true);
  });
  it('flannel VXLAN, Cluster: the SNAT addresses are flannel.1 network addresses, the own node uses cni0', () => {
    const c = cluster({ nodeExtra: () => ({ annotations: { 'flannel.alpha.coreos.com/backend-type': 'vxlan' } }) });
    const p = paths(c, 'Cluster');
    const web1 = p.pods.find((x) => x.pod === 'default/web-1')!;
    expect(web1.sourceIPs.addresses).toEqual(['10.10.0.1', '10.10.1.0', '10.10.2.0', '10.10.3.0', '10.10.4.0']);
  });
});

describe('servicePaths: NetworkPolicy per pod', () => {
  const hook: PolicyHook = (q) =>
    q.masqueraded
      ? { verdict: 'denied', reason: `SNAT source ${q.snatSource} not in the allow-list` }
      : { verdict: 'allowed', reason: 'client allowed' };
  it('Local: allowed (client seen); Cluster: denied (SNAT seen)', () => {
    const c = cluster({ service: { externalTrafficPolicy: 'Local' } });
    expect(paths(c, 'Local', hook).pods.map((p) => p.policy)).toEqual(['allowed', 'allowed', 'allowed']);
    const cl = paths(c, 'Cluster', hook);
    expect(cl.pods.map((p) => p.policy)).toEqual(['denied', 'denied', 'denied']);
  });
  it('mixed cases (Cilium SNAT mode) → denied, with the reason naming both', () => {
    const c = cluster({ kubeProxy: false, extra: [ciliumConfig({ 'kube-proxy-replacement': 'true' })] });
    const p = paths(c, 'Cluster', hook);
    expect(p.pods[0].policy).toBe('denied');
    expect(p.pods[0].policyReason).toMatch(/depends on the node/);
  });
  it('asks a bounded number of questions with the post-DNAT port', () => {
    const asked: PolicyQuestion[] = [];
    const c = cluster({ nodes: 300 });
    paths(c, 'Cluster', (q) => {
      asked.push(q);
      return { verdict: 'unknown', reason: '' };
    });
    expect(asked.length).toBeLessThanOrEqual(3 * 4);
    expect(asked.every((q) => q.port === 8080 && q.clientIP === CLIENT && q.destPod !== null)).toBe(true);
  });
});

describe('servicePaths: scale and aggregation', () => {
  it('a large cluster collapses into a few rows and stays fast', () => {
    const c = cluster({ nodes: 2000, nodeExtra: (i) => ({ zone: `z${i % 3}` }) });
    const t = performance.now();
    for (let i = 0; i < 200; i++) paths(c, i % 2 ? 'Cluster' : 'Local');
    const ms = performance.now() - t;
    const p = paths(c, 'Cluster');
    expect(p.nodes.length).toBeLessThanOrEqual(2 + 3);
    expect(p.nodes.reduce((s, n) => s + n.count, 0)).toBe(2000);
    // 200 Services over 2,000 nodes: O(nodes) per Service would be 400,000 node visits; this must be far below.
    expect(ms).toBeLessThan(1000);
  });
  it('a Service with an endpoint on each of 3,000 nodes stays linear', () => {
    const endpoints = Array.from({ length: 3000 }, (_, i) => ({
      ip: `10.${10 + Math.floor(i / 250)}.${i % 250}.5`,
      node: `n${i}`,
    }));
    const c = cluster({ nodes: 3000, endpoints });
    let calls = 0;
    const t = performance.now();
    const p = paths(c, 'Cluster', () => {
      calls++;
      return { verdict: 'unknown', reason: '' };
    });
    const ms = performance.now() - t;
    expect(p.nodes).toHaveLength(3000);
    expect(p.pods).toHaveLength(3000);
    for (const x of p.pods.slice(0, 3)) {
      close(x.share, 1 / 3000);
      expect(x.sourceIPs.total).toBe(3000);
      expect(x.sourceIPs.addresses).toHaveLength(5);
    }
    expect(calls).toBeLessThanOrEqual(3000 * 4);
    expect(ms).toBeLessThan(2000);
  });

  it('zone hints split the cluster-wide set per zone', () => {
    const c = cluster({
      nodes: 4,
      nodeExtra: (i) => ({ zone: i % 2 ? 'z2' : 'z1' }),
      endpoints: [
        { ip: '10.10.0.5', node: 'n0', zone: 'z1', pod: 'a', hints: { zones: ['z1'] } },
        { ip: '10.10.1.5', node: 'n1', zone: 'z2', pod: 'b', hints: { zones: ['z2'] } },
      ],
    });
    const p = paths(c, 'Cluster');
    const agg = p.nodes.filter((n) => n.node === null);
    expect(agg.map((n) => n.zone).sort()).toEqual(['z1', 'z2']);
    expect(shareOf(p)).toEqual({ 'default/a': 0.5, 'default/b': 0.5 });
  });
});

describe('servicePaths: IPv6', () => {
  it('works for a single-stack IPv6 Service and swaps in an IPv6 sample client', () => {
    const c = clusterOf(
      node({ name: 'a', internalIP: 'fd00::1', podCIDR: 'fd00:10:244::/64' }),
      node({ name: 'b', internalIP: 'fd00::2', podCIDR: 'fd00:10:244:1::/64' }),
      svc({
        name: 'v6',
        type: 'LoadBalancer',
        clusterIP: 'fd00:96::10',
        ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }],
        lbIngress: [{ ip: '2001:db8:1::10' }],
      }),
      slice({ service: 'v6', ports: [{ name: 'http', port: 8080 }], endpoints: [{ ip: 'fd00:10:244::5', node: 'a' }] }),
    );
    const p = servicePaths(c.model, c.dataplane, c.model.services.get('default/v6')!, 'Cluster', {
      clientIP: CLIENT,
      hook: unknownPolicyHook,
    });
    expect(p.clientIP).toBe(DEFAULT_SAMPLE_CLIENT_V6);
    expect(p.notes).toContain(
      `sample client ${CLIENT} is not IPv6 like the Service; ${DEFAULT_SAMPLE_CLIENT_V6} used instead`,
    );
    expect(p.pods[0]).toMatchObject({ ip: 'fd00:10:244::5', share: 1 });
    expect(p.pods[0].sourceIPs.addresses).toEqual(['fd00::1', 'fd00::2']);
    // The same client for an IPv4 Service right after (the parsed client is remembered between calls): kept.
    const v4 = paths(cluster(), 'Cluster');
    expect(v4.clientIP).toBe(CLIENT);
    expect(v4.notes.some((n) => n.startsWith('sample client'))).toBe(false);
  });
});

describe('servicePaths: ghost nodes (named by endpoints, absent from the snapshot)', () => {
  // Endpoints on n0 (real) and on "gone-1" / "gone-2", which have no Node object.
  const endpoints: EndpointInput[] = [
    { ip: '10.10.0.5', node: 'n0', pod: 'web-1' },
    { ip: '10.10.9.5', node: 'gone-1', pod: 'web-2' },
    { ip: '10.10.9.6', node: 'gone-2', pod: 'web-3' },
  ];
  it('under Local, ghost nodes get no health-check answer and no load-balancer share', () => {
    const c = cluster({ nodes: 2, endpoints, service: { externalTrafficPolicy: 'Local' } });
    const p = paths(c, 'Local');
    const row = (name: string) => p.nodes.find((n) => n.node === name)!;
    expect(row('gone-1')).toMatchObject({ healthCheck: null, inLoadBalancer: false, lbShare: 0 });
    expect(row('gone-1').lbExcludedReason).toMatch(/not in the snapshot/);
    expect(row('n0')).toMatchObject({ healthCheck: 200, inLoadBalancer: true, lbShare: 1 });
    // Only the real node's pod receives traffic.
    expect(shareOf(p)).toEqual({ 'default/web-1': 1, 'default/web-2': 0, 'default/web-3': 0 });
    expect(p.notes.join('\n')).toMatch(/gone-1, gone-2\): those nodes are not counted/);
  });
  it('under Cluster, the load balancer spreads over existing nodes only; pods on ghost nodes still receive forwarded traffic', () => {
    const c = cluster({ nodes: 2, endpoints });
    const p = paths(c, 'Cluster');
    const inLb = p.nodes.filter((n) => n.inLoadBalancer);
    expect(inLb.flatMap((n) => (n.node ? [n.node] : n.sampleNodes)).sort()).toEqual(['n0', 'n1']);
    close(
      inLb.reduce((s, n) => s + n.lbShare, 0),
      1,
    );
    for (const x of p.pods) close(x.share, 1 / 3);
  });
  it('with no Node objects at all, per-node answers are unknown and nothing is called dropped', () => {
    const c = cluster({ nodes: 0, service: { externalTrafficPolicy: 'Local' } });
    const p = paths(c, 'Local');
    expect(p.nodes.map((n) => n.node)).toEqual(['n0', 'n1']);
    for (const n of p.nodes) {
      expect(n).toMatchObject({ healthCheck: null, inLoadBalancer: false, lbShare: 0 });
      expect(n.lbExcludedReason).toBe('unknown: the snapshot has no Node objects');
    }
    expect(p.droppedShare).toBe(0);
    expect(p.notes.join('\n')).toMatch(/no Node objects: which nodes receive traffic/);
    expect(p.pods[0].policyReason).toMatch(/no Node objects/);
  });
});
