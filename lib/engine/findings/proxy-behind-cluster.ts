// proxy-behind-cluster: an L7 proxy's own Service under externalTrafficPolicy Cluster behind a pass-through
// LB (or a NodePort), with no PROXY protocol, L7 LB header or TOA to carry the client: kube-proxy SNATs to a
// node address, the proxy logs it and writes it into X-Forwarded-For for every application behind it
// (../shared/reference/source-ip-catalog.md §7 item 4; K2).
import type { Finding } from '../types';
import { finding, listText, plural, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts, proxyRefs } from './frontdoor-facts';
import type { FindingContext } from './types';

export const PROXY_BEHIND_CLUSTER = 'proxy-behind-cluster';

/** Raises `proxy-behind-cluster`. */
export function proxyBehindCluster(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { fd, lb, proxy, settings } = frontDoorFacts(ctx);
  if (!proxy || !settings || !ctx.svc.entry || s.externalTrafficPolicy !== 'Cluster') return [];
  if (lb && (lb.targets === 'pods' || lb.layer !== 'L4-passthrough' || lb.proxyProtocol)) return [];
  if (fd.routes.some((r) => r.loadBalancer?.layer === 'L7')) return [];
  if (ctx.svc.analysis.paths.Cluster.clientIPPreserved === 'yes') return []; // e.g. Cilium DSR keeps it
  const backends = [...new Set(fd.routes.flatMap((r) => r.backends))].sort();
  const snat = [
    ...new Set(ctx.svc.analysis.paths.Cluster.pods.flatMap((p) => (p.sourceIPs.client ? [] : p.sourceIPs.addresses))),
  ];
  return [
    finding({
      rule: PROXY_BEHIND_CLUSTER,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'Proxy behind externalTrafficPolicy Cluster: it and every application behind it lose the client',
      message: `${proxy.entry.name} (${proxy.id}) behind ${s.key} runs under externalTrafficPolicy Cluster${lb ? ` behind ${lb.label}` : ''} without PROXY protocol: kube-proxy SNATs clients to node addresses (${listText(snat.length ? snat : ['node addresses'], 4)}), which the proxy writes into ${settings.carrier} for the ${plural(backends.length, 'Service')} behind its ${plural(fd.routes.length, 'route')}${backends.length ? ` (${listText(backends, 4)})` : ''}.`,
      evidence: [ref('Service', s.key), ...proxyRefs(proxy), ...fd.routes.map((r) => ref(r.kind, r.object))],
      fix: `Set externalTrafficPolicy: Local on ${s.key} (with a load balancer that health-checks healthCheckNodePort), or enable PROXY protocol on both the load balancer and ${proxy.id}.`,
      fixYaml: `spec:\n  externalTrafficPolicy: Local\n`,
      source: `${CATALOG_SOURCE} §7 item 4; §1 K2`,
    }),
  ];
}
