// proxy-protocol-in-cluster: an LB that adds PROXY protocol publishes an IP with ipMode VIP, so kube-proxy
// captures in-cluster traffic to that IP on the node: it never passes the LB and reaches the proxy
// without the PROXY header it expects (../shared/reference/source-ip-catalog.md §1 K7/K8, §7 item 2).
import type { Finding } from '../types';
import { finding, listText, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts, proxyRefs } from './frontdoor-facts';
import type { FindingContext } from './types';

export const PROXY_PROTOCOL_IN_CLUSTER = 'proxy-protocol-in-cluster';

/** Raises `proxy-protocol-in-cluster`. */
export function proxyProtocolInCluster(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { lb, proxy, settings } = frontDoorFacts(ctx);
  if (!lb?.proxyProtocol || !settings?.expectsProxyProtocol || !proxy) return [];
  const vips = s.loadBalancerIngress.filter((i) => i.ip && i.ipMode === 'VIP').map((i) => i.ip!);
  if (vips.length === 0) return [];
  return [
    finding({
      rule: PROXY_PROTOCOL_IN_CLUSTER,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'In-cluster clients of the LB address arrive without the PROXY header',
      message: `${s.key} publishes ${listText(vips, 3)} with ipMode VIP: pods calling it are short-circuited by kube-proxy on their own node, skip ${lb.label}, and reach ${proxy.id} without the PROXY ${lb.proxyProtocol} header it expects ("broken header").`,
      evidence: [ref('Service', s.key), ...proxyRefs(proxy)],
      fix: `Have the load-balancer controller publish ipMode: Proxy (or a hostname instead of the IP), or let in-cluster clients call the Service's ClusterIP ${s.clusterIPs[0] ?? ''} on a listener without PROXY.`,
      fixYaml: `status:\n  loadBalancer:\n    ingress:\n    - ip: ${vips[0]}\n      ipMode: Proxy   # set by the LB controller (KEP-1860)\n`,
      source: `${CATALOG_SOURCE} §1 K7, K8; §7 item 2`,
    }),
  ];
}
