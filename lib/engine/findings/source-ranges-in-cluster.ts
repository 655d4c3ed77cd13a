// source-ranges-in-cluster: kube-proxy enforces loadBalancerSourceRanges itself on the LB IP, for
// every source — pods included (iptables proxier_test.go::TestLoadBalancer "pod to LB1 (blocked …)";
// nftables firewall-ips before DNAT; ipvs KUBE-SOURCE-RANGES-FIREWALL), and pod traffic to a VIP-mode LB
// IP never leaves the node (short-circuit, ../shared/reference/kube-proxy-semantics.md §5). Ranges that leave out the pod CIDR
// therefore drop every in-cluster caller of the LB IP. Cilium's replacement never filters in-cluster
// clients (kubeproxy-free.rst), and an ipMode Proxy LB IP gets no kube-proxy rule at all.
import { cidrCovers, cidrContains, type Cidr } from '../../net/ip';
import { RULES } from '../rules';
import { nodePrimaryIP } from '../snat';
import type { Finding } from '../types';
import { finding, listText, ref } from './finding';
import type { FindingContext } from './types';
import { portsMainFirst } from '../main-port';

export const SOURCE_RANGES_IN_CLUSTER = 'source-ranges-in-cluster';

/** Raises `source-ranges-in-cluster` when the ranges do not cover the pod CIDR of a kube-proxy cluster. */
export function sourceRangesInCluster(ctx: FindingContext): Finding[] {
  const { service: s } = ctx.svc;
  const { model, dataplane } = ctx.cluster;
  if (s.type !== 'LoadBalancer' || s.loadBalancerSourceRanges.length === 0) return [];
  if (dataplane.proxyMode === 'cilium-kpr') return [];
  const vips = s.loadBalancerIngress.filter((i) => i.ip !== null && i.ipMode === 'VIP').map((i) => i.ip!);
  if (vips.length === 0) return [];
  const ranges = s.loadBalancerSourceRanges;
  let podRanges: Cidr[] = ctx.cluster.podRanges;
  // No clusterCIDR known: the nodes' podCIDRs stand in (computed once for the cluster).
  if (podRanges.length === 0)
    podRanges = ctx.cluster.memo('node-pod-cidrs', () => [
      ...new Map([...model.nodes.values()].flatMap((n) => n.podCIDRs).map((c) => [c.text, c])).values(),
    ]);
  const family = vips[0].includes(':') ? 6 : 4;
  const missed = podRanges.filter((p) => p.family === family && !ranges.some((r) => cidrCovers(r, p)));
  if (missed.length === 0) return [];
  // The main traffic port first (main-port.ts), not a status port such as Istio's 15021.
  const ports = portsMainFirst(s.ports).map((i) => s.ports[i].port);
  const rep = ctx.cluster.nodePortAddress[family];
  const repNode = rep ? model.nodes.get(rep.node) : undefined;
  const nodeIP = repNode ? nodePrimaryIP(repNode, family) : null;
  const nodesToo = nodeIP !== null && !ranges.some((r) => cidrContains(r, nodeIP));
  const clusterIP = s.clusterIPs.find((ip) => (ip.includes(':') ? 6 : 4) === family);
  return [
    finding({
      rule: SOURCE_RANGES_IN_CLUSTER,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'loadBalancerSourceRanges also drop in-cluster callers of the LB IP',
      message: `${s.name} (${listText(vips, 2)}) admits only ${listText(
        ranges.map((r) => r.text),
        4,
      )}; kube-proxy enforces the ranges on in-cluster traffic to the LB IP too, so any pod (pod CIDR ${listText(
        missed.map((m) => m.text),
        3,
      )})${nodesToo ? ' or host process on a node' : ''} calling ${vips[0]}:${ports[0] ?? '?'} is dropped${clusterIP ? `; in-cluster clients should use ${s.name}.${s.namespace}.svc (ClusterIP ${clusterIP})` : ''}.`,
      evidence: [ref('Service', s.key)],
      fix: `Have in-cluster clients call the Service name ${s.name}.${s.namespace}.svc (its ClusterIP) instead of the LB IP, or add the pod CIDR to loadBalancerSourceRanges.`,
      fixYaml: `# Service ${s.key}\nspec:\n  loadBalancerSourceRanges:\n${[...ranges.map((r) => r.text), ...missed.map((m) => `${m.text}   # in-cluster pods`)].map((r) => `  - ${r}`).join('\n')}\n`,
      source: `${RULES.sourceRangesLbOnly}; nftables firewall-ips, ipvs TestLoadBalancerSourceRanges; cilium kubeproxy-free.rst (in-cluster clients are not filtered)`,
    }),
  ];
}
