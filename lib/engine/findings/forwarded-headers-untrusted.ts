// forwarded-headers-untrusted: an L7 LB (ALB, GCLB, TKE L7 CLB) or upstream proxy puts the client in
// X-Forwarded-For, but the proxy behind it does not trust that hop, so it takes the LB as the client
// (../shared/reference/source-ip-catalog.md §7 item 6); or a proxy takes PROXY only from CIDRs that contain
// none of the node addresses it receives the connections from under Cluster.
import type { Finding } from '../types';
import { finding, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts, proxyRefs } from './frontdoor-facts';
import { trusts } from '../frontdoor/proxy-eval';
import type { FindingContext } from './types';

export const FORWARDED_HEADERS_UNTRUSTED = 'forwarded-headers-untrusted';

/** Raises `forwarded-headers-untrusted`. */
export function forwardedHeadersUntrusted(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { fd, lb, proxy, settings } = frontDoorFacts(ctx);
  if (!proxy || !settings) return [];
  const l7 = lb?.layer === 'L7' ? lb : (fd.routes.find((r) => r.loadBalancer?.layer === 'L7')?.loadBalancer ?? null);
  const out: string[] = [];
  if (l7 && settings.forwardedTrust.mode === 'none')
    out.push(
      `${l7.label} (${l7.kind}) puts the client in X-Forwarded-For, but ${proxy.id} trusts no forwarded hop (${settings.evidence.join(', ')}), so it takes the load balancer's address as the client`,
    );
  if (
    settings.expectsProxyProtocol &&
    settings.proxyProtocolTrust.mode === 'cidrs' &&
    s.externalTrafficPolicy === 'Cluster'
  ) {
    const nodes = [...ctx.cluster.model.nodes.values()].flatMap((n) => n.internalIPs);
    if (nodes.length && !nodes.some((ip) => trusts(settings.proxyProtocolTrust, ip)))
      out.push(
        `${proxy.id} takes PROXY only from ${settings.proxyProtocolTrust.cidrs.join(', ')}, which contains none of the ${nodes.length} node addresses the connections come from under Cluster`,
      );
  }
  if (out.length === 0) return [];
  return [
    finding({
      rule: FORWARDED_HEADERS_UNTRUSTED,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'Proxy does not trust its load balancer: the client is lost',
      message: `${out.join('; ')}.`,
      evidence: [
        ref('Service', s.key),
        ...proxyRefs(proxy),
        ...fd.routes.filter((r) => r.loadBalancer).map((r) => ref(r.kind, r.object)),
      ],
      fix: `Trust exactly the load balancer's subnet or hop count in ${proxy.id} (Kong KONG_TRUSTED_IPS, ingress-nginx use-forwarded-headers + proxy-real-ip-cidr, Istio numTrustedProxies: 1, Envoy Gateway numTrustedHops, Traefik forwardedHeaders.trustedIPs).`,
      fixYaml: null,
      source: `${CATALOG_SOURCE} §7 item 6`,
    }),
  ];
}
