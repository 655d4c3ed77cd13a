// Hand-written ServiceAnalysis fixtures for the view-data tests: small, readable shapes of what the
// engine returns for the situations the diagram must draw (Local imbalance, Cluster SNAT, many
// nodes, no endpoints, a NodePort reached through nodes without endpoints).
import type { NodePath, PodShare, PolicyPaths, ServiceAnalysis, ServiceEntry, TrafficPolicy } from '../engine/types';

/** A NodePath row with sensible defaults (an individual forwarding node). */
export function nodePath(p: Partial<NodePath> & { node: string | null }): NodePath {
  return {
    count: 1,
    zone: null,
    healthCheck: null,
    proxyHealthz: 200,
    localEndpoints: 0,
    localUsableEndpoints: 0,
    verdict: 'forwarded',
    inLoadBalancer: true,
    lbExcludedReason: null,
    lbShare: 0,
    snatSource: null,
    clientIPPreserved: null,
    ...p,
    sampleNodes: p.sampleNodes ?? (p.node ? [p.node] : []),
  };
}

/** A PodShare row with sensible defaults (a ready pod that sees the client). */
export function podShare(p: Partial<PodShare> & { pod: string | null; ip: string }): PodShare {
  return {
    node: null,
    count: 1,
    samplePods: [p.pod ?? p.ip],
    share: 0,
    ready: true,
    terminating: false,
    sourceIPs: { client: true, addresses: [], total: 0 },
    clientIPPreserved: 'yes',
    policy: 'allowed',
    policyReason: 'no NetworkPolicy selects the pod',
    ...p,
  };
}

/** PolicyPaths with defaults. */
export function policyPaths(p: Partial<PolicyPaths> & { policy: TrafficPolicy }): PolicyPaths {
  return {
    actual: false,
    clientIP: '203.0.113.10',
    nodes: [],
    pods: [],
    droppedShare: 0,
    clientIPPreserved: 'yes',
    skew: null,
    notes: [],
    ...p,
  };
}

/** A ServiceAnalysis around two PolicyPaths. */
export function serviceAnalysis(p: {
  namespace: string;
  name: string;
  type?: string;
  etp?: TrafficPolicy;
  entries?: ServiceEntry[];
  Cluster: PolicyPaths;
  Local: PolicyPaths;
  findings?: string[];
}): ServiceAnalysis {
  const etp = p.etp ?? 'Cluster';
  const paths = {
    Cluster: { ...p.Cluster, actual: etp === 'Cluster' },
    Local: { ...p.Local, actual: etp === 'Local' },
  };
  const pods = paths[etp].pods;
  return {
    service: `${p.namespace}/${p.name}`,
    namespace: p.namespace,
    name: p.name,
    type: p.type ?? 'LoadBalancer',
    externalTrafficPolicy: etp,
    internalTrafficPolicy: 'Cluster',
    entries: p.entries ?? [
      { kind: 'loadBalancerIP', address: '198.51.100.20', port: 443, protocol: 'TCP', ipMode: 'VIP' },
      { kind: 'nodePort', address: '0.0.0.0', port: 31443, protocol: 'TCP' },
      { kind: 'clusterIP', address: '10.96.12.7', port: 443, protocol: 'TCP' },
    ],
    endpoints: {
      total: pods.length,
      ready: pods.filter((x) => x.ready).length,
      terminating: pods.filter((x) => x.terminating).length,
      nodes: new Set(pods.map((x) => x.node)).size,
    },
    paths,
    nodes: paths[etp].nodes,
    findings: p.findings ?? [],
  };
}

/**
 * shop/checkout, eTP=Local: three pods on worker-a, one on worker-b, five nodes without a local
 * endpoint (health check 503, aggregated by the engine). The LB splits per node, so worker-b's single
 * pod takes half the traffic. The Cluster what-if SNATs on every node and spreads evenly.
 */
export function localImbalanceFixture(): ServiceAnalysis {
  const a = ['shop/checkout-7d9f-a1', 'shop/checkout-7d9f-a2', 'shop/checkout-7d9f-a3'];
  const local = policyPaths({
    policy: 'Local',
    clientIPPreserved: 'yes',
    skew: 3,
    nodes: [
      nodePath({
        node: 'worker-a',
        zone: 'eu-west-1a',
        healthCheck: 200,
        localEndpoints: 3,
        localUsableEndpoints: 3,
        lbShare: 0.5,
        clientIPPreserved: true,
      }),
      nodePath({
        node: 'worker-b',
        zone: 'eu-west-1b',
        healthCheck: 200,
        localEndpoints: 1,
        localUsableEndpoints: 1,
        lbShare: 0.5,
        clientIPPreserved: true,
      }),
      nodePath({
        node: null,
        count: 5,
        healthCheck: 503,
        verdict: 'dropped',
        inLoadBalancer: false,
        lbExcludedReason: 'health check 503: no local endpoint',
        lbShare: 0,
      }),
    ],
    pods: [
      ...a.map((pod, i) => podShare({ pod, ip: `10.244.1.${11 + i}`, node: 'worker-a', share: 0.5 / 3 })),
      podShare({ pod: 'shop/checkout-7d9f-b1', ip: '10.244.2.11', node: 'worker-b', share: 0.5 }),
    ],
  });
  const snat = (ip: string) => ({ client: false, addresses: [ip], total: 1 });
  const cluster = policyPaths({
    policy: 'Cluster',
    clientIPPreserved: 'no',
    skew: 1,
    nodes: [
      nodePath({
        node: 'worker-a',
        zone: 'eu-west-1a',
        localEndpoints: 3,
        localUsableEndpoints: 3,
        lbShare: 1 / 7,
        snatSource: '10.0.1.10',
        clientIPPreserved: false,
      }),
      nodePath({
        node: 'worker-b',
        zone: 'eu-west-1b',
        localEndpoints: 1,
        localUsableEndpoints: 1,
        lbShare: 1 / 7,
        snatSource: '10.0.2.10',
        clientIPPreserved: false,
      }),
      nodePath({ node: null, count: 5, lbShare: 5 / 7, snatSource: null, clientIPPreserved: false }),
    ],
    pods: [
      ...a.map((pod, i) =>
        podShare({
          pod,
          ip: `10.244.1.${11 + i}`,
          node: 'worker-a',
          share: 0.25,
          sourceIPs: snat('10.0.1.10'),
          clientIPPreserved: 'no',
        }),
      ),
      podShare({
        pod: 'shop/checkout-7d9f-b1',
        ip: '10.244.2.11',
        node: 'worker-b',
        share: 0.25,
        sourceIPs: snat('10.0.2.10'),
        clientIPPreserved: 'no',
      }),
    ],
  });
  return serviceAnalysis({
    namespace: 'shop',
    name: 'checkout',
    etp: 'Local',
    Cluster: cluster,
    Local: local,
    findings: ['local-imbalance/shop/checkout'],
  });
}

/** An eTP=Cluster Service spread over `n` individual nodes, one pod on each of the first `pods` nodes. */
export function manyNodesFixture(n: number, pods = 4): ServiceAnalysis {
  const names = Array.from({ length: n }, (_, i) => `node-${String(i).padStart(3, '0')}`);
  const podRows = names.slice(0, pods).map((node, i) =>
    podShare({
      pod: `web/frontend-${i}`,
      ip: `10.244.${i}.5`,
      node,
      share: 1 / pods,
      sourceIPs: { client: false, addresses: ['10.0.0.1', '10.0.0.2'], total: n },
      clientIPPreserved: 'no',
    }),
  );
  const cluster = policyPaths({
    policy: 'Cluster',
    clientIPPreserved: 'no',
    nodes: names.map((node, i) =>
      nodePath({
        node,
        localEndpoints: i < pods ? 1 : 0,
        localUsableEndpoints: i < pods ? 1 : 0,
        lbShare: 1 / n,
        snatSource: `10.0.${Math.floor(i / 250)}.${i % 250}`,
        clientIPPreserved: false,
      }),
    ),
    pods: podRows,
  });
  const local = policyPaths({
    policy: 'Local',
    clientIPPreserved: 'yes',
    nodes: [
      ...names.slice(0, pods).map((node) =>
        nodePath({
          node,
          healthCheck: 200,
          localEndpoints: 1,
          localUsableEndpoints: 1,
          lbShare: 1 / pods,
          clientIPPreserved: true,
        }),
      ),
      nodePath({
        node: null,
        count: n - pods,
        healthCheck: 503,
        verdict: 'dropped',
        inLoadBalancer: false,
        lbExcludedReason: 'health check 503: no local endpoint',
      }),
    ],
    pods: podRows.map((p) => ({
      ...p,
      sourceIPs: { client: true, addresses: [], total: 0 },
      clientIPPreserved: 'yes' as const,
    })),
  });
  return serviceAnalysis({ namespace: 'web', name: 'frontend', Cluster: cluster, Local: local });
}

/** A LoadBalancer Service with no endpoints: every node rejects. */
export function noEndpointsFixture(): ServiceAnalysis {
  const row = (policy: TrafficPolicy) =>
    policyPaths({
      policy,
      clientIPPreserved: 'no',
      droppedShare: 1,
      nodes: [
        nodePath({
          node: null,
          count: 6,
          verdict: 'rejected',
          healthCheck: policy === 'Local' ? 503 : null,
          inLoadBalancer: policy === 'Cluster',
          lbShare: policy === 'Cluster' ? 1 : 0,
        }),
      ],
    });
  return serviceAnalysis({ namespace: 'billing', name: 'invoices', Cluster: row('Cluster'), Local: row('Local') });
}

/**
 * A NodePort Service (no LB) with eTP=Local: clients pick any of 4 nodes; the 3 without the pod
 * drop what they get (75% of the traffic).
 */
export function nodePortLocalFixture(): ServiceAnalysis {
  const local = policyPaths({
    policy: 'Local',
    clientIPPreserved: 'yes',
    droppedShare: 0.75,
    nodes: [
      nodePath({ node: 'edge-1', localEndpoints: 1, localUsableEndpoints: 1, lbShare: 0.25, clientIPPreserved: true }),
      nodePath({ node: null, count: 3, verdict: 'dropped', lbShare: 0.75 }),
    ],
    pods: [podShare({ pod: 'ops/metrics-0', ip: '10.244.7.3', node: 'edge-1', share: 0.25 })],
  });
  const cluster = policyPaths({
    policy: 'Cluster',
    clientIPPreserved: 'no',
    nodes: [
      nodePath({
        node: 'edge-1',
        localEndpoints: 1,
        localUsableEndpoints: 1,
        lbShare: 0.25,
        snatSource: '10.0.7.1',
        clientIPPreserved: false,
      }),
      nodePath({ node: null, count: 3, lbShare: 0.75, clientIPPreserved: false }),
    ],
    pods: [
      podShare({
        pod: 'ops/metrics-0',
        ip: '10.244.7.3',
        node: 'edge-1',
        share: 1,
        sourceIPs: { client: false, addresses: ['10.0.7.1', '192.168.5.1'], total: 4 },
        clientIPPreserved: 'no',
      }),
    ],
  });
  return serviceAnalysis({
    namespace: 'ops',
    name: 'metrics',
    type: 'NodePort',
    etp: 'Local',
    Cluster: cluster,
    Local: local,
    entries: [
      { kind: 'nodePort', address: '0.0.0.0', port: 30900, protocol: 'TCP' },
      { kind: 'clusterIP', address: '10.96.0.90', port: 9090, protocol: 'TCP' },
    ],
  });
}

/** A ClusterIP Service: no external path at all. */
export function clusterIPFixture(): ServiceAnalysis {
  return serviceAnalysis({
    namespace: 'data',
    name: 'redis',
    type: 'ClusterIP',
    entries: [{ kind: 'clusterIP', address: '10.96.3.3', port: 6379, protocol: 'TCP' }],
    Cluster: policyPaths({ policy: 'Cluster' }),
    Local: policyPaths({ policy: 'Local' }),
  });
}
