// forwarded-headers-trust-all: a proxy that believes X-Forwarded-For / PROXY from 0.0.0.0/0 (or more hops
// than really stand in front of it) lets any client choose its own address
// (../shared/reference/source-ip-catalog.md §7 item 7: Traefik insecure, Kong trusted_ips 0.0.0.0/0,
// ingress-nginx use-forwarded-headers with the default proxy-real-ip-cidr, Istio numTrustedProxies too large).
import type { Finding } from '../types';
import { finding, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts, proxyRefs } from './frontdoor-facts';
import type { FindingContext } from './types';

export const FORWARDED_HEADERS_TRUST_ALL = 'forwarded-headers-trust-all';

/** Raises `forwarded-headers-trust-all`. */
export function forwardedHeadersTrustAll(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { fd, lb, proxy, settings } = frontDoorFacts(ctx);
  if (!proxy || !settings) return [];
  const realHops = lb?.layer === 'L7' || fd.routes.some((r) => r.loadBalancer?.layer === 'L7') ? 1 : 0;
  const what: string[] = [];
  if (settings.forwardedTrust.mode === 'all') what.push('X-Forwarded-For / X-Real-IP from any address');
  if (settings.forwardedTrust.mode === 'hops' && settings.forwardedTrust.hops > realHops)
    what.push(`${settings.forwardedTrust.hops} trusted X-Forwarded-For hops where ${realHops} stand in front`);
  if (
    settings.expectsProxyProtocol &&
    settings.proxyProtocolTrust.mode === 'all' &&
    !proxy.entry.id.startsWith('istio') &&
    !settings.envoy
  )
    what.push('PROXY headers from any address');
  if (what.length === 0) return [];
  return [
    finding({
      rule: FORWARDED_HEADERS_TRUST_ALL,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'Proxy trusts forwarded client addresses from anyone',
      message: `${proxy.id} behind ${s.key} accepts ${what.join(' and ')} (${settings.evidence.join(', ')}): any client that reaches it can choose the address every application behind it logs and allow-lists.`,
      evidence: [ref('Service', s.key), ...proxyRefs(proxy)],
      fix: `Trust only the load balancer's or upstream proxy's addresses (ingress-nginx proxy-real-ip-cidr, Kong KONG_TRUSTED_IPS, Traefik trustedIPs, Istio numTrustedProxies = the real hop count).`,
      fixYaml: null,
      source: `${CATALOG_SOURCE} §7 item 7`,
    }),
  ];
}
