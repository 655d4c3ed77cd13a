// nodeport-local-no-endpoint: a NodePort Service with externalTrafficPolicy Local is served only by
// the nodes that run a usable endpoint; every other node DROPS connections to the NodePort, and without
// a load balancer nothing health-checks the nodes, so clients given the "wrong" node address are
// black-holed (proxier_test.go::TestExternalTrafficPolicyLocal (external to NodePort); TestTracePacket
// (DROP); virtual-ips.md §External traffic policy; source-ip tutorial "packets sent to the node are dropped").
import { RULES } from '../rules';
import { nodePrimaryIP } from '../snat';
import type { Finding } from '../types';
import { finding, listText, plural, ref } from './finding';
import { endpointNodeSet, nodesWithoutEndpoints } from './node-names';
import type { FindingContext } from './types';

export const NODEPORT_LOCAL_NO_ENDPOINT = 'nodeport-local-no-endpoint';

/** Raises `nodeport-local-no-endpoint` when NodePort access through some nodes is dropped under Local. */
export function nodePortLocalNoEndpoint(ctx: FindingContext): Finding[] {
  const { service: s, analysis, entry, endpoints } = ctx.svc;
  const { model } = ctx.cluster;
  if (!entry || s.type !== 'NodePort' || s.externalTrafficPolicy !== 'Local' || entry.kind !== 'nodePort') return [];
  const nodePort = s.ports[entry.portIndex]?.nodePort;
  if (nodePort == null) return [];
  const rows = analysis.paths.Local.nodes;
  const total = rows.reduce((n, r) => n + r.count, 0);
  const forwarding = rows.filter((r) => r.verdict === 'forwarded');
  const dropCount = rows.filter((r) => r.verdict !== 'forwarded').reduce((n, r) => n + r.count, 0);
  if (dropCount === 0) return [];
  // Rejected everywhere = no usable endpoint at all: that is no-endpoints, not a Local problem.
  if (forwarding.length === 0 && rows.every((r) => r.verdict === 'rejected')) return [];
  const addressOf = (name: string) => {
    const n = model.nodes.get(name);
    if (!n) return name;
    const addrs = [...n.externalIPs, ...n.internalIPs];
    return addrs.length ? `${name} (${addrs.slice(0, 2).join(', ')})` : name;
  };
  const good = forwarding.filter((r) => r.node).map((r) => addressOf(r.node!));
  const epNodes = endpointNodeSet(endpoints);
  const bad = [
    ...rows.filter((r) => r.node && r.verdict !== 'forwarded').map((r) => r.node!),
    ...nodesWithoutEndpoints(ctx.cluster, epNodes, 16).names,
  ];
  // Examples: nodes with an ExternalIP first (the addresses outside clients are given), then by name.
  const hasExternal = (name: string) => ((model.nodes.get(name)?.externalIPs.length ?? 0) > 0 ? 0 : 1);
  const badNodes = [...new Set(bad)].sort((a, b) => hasExternal(a) - hasExternal(b) || a.localeCompare(b)).slice(0, 2);
  const badExample = badNodes.map((name) => {
    const n = model.nodes.get(name);
    const ip = n ? (n.externalIPs[0] ?? nodePrimaryIP(n, 4) ?? nodePrimaryIP(n, 6)) : null;
    return ip ? `${name} at ${ip}` : name;
  });
  const ready = analysis.endpoints.ready;
  const servedBy =
    good.length === 0
      ? 'no node forwards it'
      : `only ${listText(good, 4)} ${good.length === 1 ? 'serves' : 'serve'} it (${ready === 1 ? 'its only ready endpoint runs there' : `where its ${plural(ready, 'ready endpoint')} run`})`;
  return [
    finding({
      rule: NODEPORT_LOCAL_NO_ENDPOINT,
      namespace: s.namespace,
      name: s.name,
      severity: good.length === 0 ? 'error' : 'warning',
      service: s.key,
      title: 'NodePort with externalTrafficPolicy Local is dropped on nodes without a local endpoint',
      message: `NodePort ${nodePort} of ${s.name} (externalTrafficPolicy Local): ${servedBy}; the other ${dropCount} of ${plural(total, 'node')} drop connections to it${badExample.length ? ` (e.g. ${listText(badExample, 2)})` : ''}, and nothing health-checks the nodes, so clients must be given the address of a node that hosts a pod.`,
      evidence: [
        ref('Service', s.key),
        ...forwarding.filter((r) => r.node).map((r) => ref('Node', r.node!)),
        ...badNodes.map((n) => ref('Node', n)),
      ],
      fix: 'Put a health-checking load balancer in front (type LoadBalancer uses healthCheckNodePort), run a replica on every node (DaemonSet), or use externalTrafficPolicy Cluster if the pods do not need the client IP.',
      fixYaml: `# Service ${s.key}\nspec:\n  externalTrafficPolicy: Cluster   # every node forwards (the client IP is then masqueraded)\n`,
      source: `${RULES.dropLocalNoLocalEndpoints}; kubernetes/website virtual-ips.md §External traffic policy`,
    }),
  ];
}
