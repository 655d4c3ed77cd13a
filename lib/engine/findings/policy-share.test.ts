import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { ciliumConfig, netpol, node, pod } from '../testing/fixtures';
import { webObjects } from '../testing/scenarios';
import { tracePacket } from '../trace';
import type { PolicyVerdict } from '../types';
import { CALICO_IPIP } from './policy-fixtures';

/** The web scenario's three nodes as Calico nodes without a tunnel address (BGP, no overlay). */
const CALICO_BGP = Object.fromEntries(
  Object.entries(CALICO_IPIP!).map(([name, a]) => [
    name,
    { 'projectcalico.org/IPv4Address': a['projectcalico.org/IPv4Address'] },
  ]),
);
import { tracedPolicyShare } from './policy-share';
import { contextOf } from './testing';
import type { FindingContext } from './types';

/** tracedPolicyShare as it was: every endpoint of every row asked, one by one. */
function askedOneByOne(ctx: FindingContext, pods: ReadonlySet<string>, verdicts: ReadonlySet<PolicyVerdict>) {
  const { model, dataplane, hook } = ctx.cluster;
  const { service, entry, analysis } = ctx.svc;
  const paths = analysis.paths.Cluster;
  const sp = service.ports[entry!.portIndex];
  let share = 0;
  for (const row of paths.nodes) {
    if (row.lbShare <= 0 || row.verdict !== 'forwarded') continue;
    const name = row.node ?? row.sampleNodes[0];
    const r = tracePacket(
      model,
      dataplane,
      {
        source: { kind: 'external', ip: paths.clientIP },
        destination: { ip: entry!.address!, port: sp.port, protocol: sp.protocol },
        atNode: name,
        policy: 'Cluster',
      },
      hook,
    );
    for (const ep of r.endpoints)
      if (ep.pod && pods.has(ep.pod) && verdicts.has(ep.policy)) share += row.lbShare * ep.share;
  }
  return share;
}

/**
 * Twelve nodes, web pods of three label sets, two port layouts and a hostNetwork one, several per node, and
 * policies whose ipBlocks hold some nodes' addresses and tunnel addresses but not others: the verdict of a
 * pod then depends on its labels, its ports, the node the flow enters and whether the pod runs there.
 */
function mixedCluster(extra: KubeObject[], tunnels = true): KubeObject[] {
  const names = Array.from({ length: 12 }, (_, i) => `node-${String(i).padStart(2, '0')}`);
  const nodes = names.map((name, i) =>
    node({
      name,
      internalIP: `192.168.5.${i + 1}`,
      podCIDR: `10.50.${i}.0/24`,
      zone: `zone-${i % 2}`,
      annotations: {
        'projectcalico.org/IPv4Address': `192.168.5.${i + 1}/24`,
        ...(tunnels ? { 'projectcalico.org/IPv4IPIPTunnelAddr': `10.50.${i}.0` } : {}),
      },
    }),
  );
  const endpoints = Array.from({ length: 30 }, (_, i) => ({
    ip: `10.50.${i % 12}.${10 + i}`,
    node: names[i % 12],
    pod: `web-${i}`,
  }));
  const pods = endpoints.map((ep, i) =>
    pod({
      name: ep.pod,
      ip: ep.ip,
      node: ep.node,
      hostNetwork: i === 7,
      labels: { app: 'web', tier: ['a', 'b', 'c'][i % 3] },
      ports: [{ name: 'http', containerPort: i % 5 === 0 ? 9090 : 8080 }],
    }),
  );
  const objs = webObjects({
    endpoints,
    extra: [...nodes, ...extra],
    nodeAnnotations: tunnels ? CALICO_IPIP : CALICO_BGP,
  });
  // The scenario's own pods (app=web, port 8080) give way to these.
  return [...objs.filter((o) => !(o.kind === 'Pod' && o.metadata?.name?.startsWith('web-'))), ...pods];
}

const policies = [
  netpol({
    name: 'web-partners',
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/26' } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
  }),
  netpol({
    name: 'tier-a-some-nodes',
    podSelector: { matchLabels: { tier: 'a' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ ipBlock: { cidr: '192.168.5.0/29' } }, { ipBlock: { cidr: '10.50.0.0/22' } }] }],
  }),
  netpol({
    name: 'tier-b-port',
    podSelector: { matchLabels: { tier: 'b' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.50.8.0/21'] } }], ports: [{ port: 8080 }] }],
  }),
];

describe('tracedPolicyShare asks once per kind of pod and row', () => {
  const engines: [string, KubeObject[], boolean][] = [
    ['Calico IPIP', [], true],
    // Without a tunnel a node masquerades to its own address whether the pod is on it or not: only where the pod
    // runs tells the two flows apart.
    ['Calico without an overlay', [], false],
    ['Cilium behind kube-proxy', [ciliumConfig({ 'kube-proxy-replacement': 'false', 'routing-mode': 'native' })], true],
    [
      'Cilium kube-proxy replacement',
      [ciliumConfig({ 'kube-proxy-replacement': 'true', 'routing-mode': 'native' })],
      true,
    ],
  ];
  it.each(engines)('%s: the same shares as asking every endpoint of every row', (_, cni, tunnels) => {
    const ctx = contextOf(mixedCluster([...policies, ...cni], tunnels), 'default/web');
    const pods = new Set(ctx.svc.analysis.paths.Cluster.pods.map((p) => p.pod!));
    expect(pods.size).toBe(30);
    const seen = new Set<PolicyVerdict>(ctx.svc.analysis.paths.Cluster.pods.map((p) => p.policy));
    let compared = 0;
    for (const verdicts of [['denied'], ['denied', 'unknown'], ['allowed'], ['unknown']] as PolicyVerdict[][]) {
      const v = new Set(verdicts);
      const want = askedOneByOne(ctx, pods, v);
      expect(tracedPolicyShare(ctx, 'Cluster', pods, v), verdicts.join('+')).toBeCloseTo(want, 12);
      if (want > 0) compared++;
    }
    // The cluster gives more than one verdict, so the comparison is not of zeros.
    expect(seen.size).toBeGreaterThan(1);
    expect(compared).toBeGreaterThan(1);
  });
});
