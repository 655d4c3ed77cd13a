// proxy-protocol-mismatch: PROXY protocol on one side only (../shared/reference/source-ip-catalog.md §7
// item 1): the LB sends it and the proxy does not expect it (nginx/HAProxy answer 400, health checks fail),
// or the proxy expects it and the LB does not send it (nginx-style proxies reject every connection; Traefik
// accepts silently and loses the client).
import type { Finding } from '../types';
import { finding, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts, proxyRefs } from './frontdoor-facts';
import type { FindingContext } from './types';

export const PROXY_PROTOCOL_MISMATCH = 'proxy-protocol-mismatch';

/** Raises `proxy-protocol-mismatch`. */
export function proxyProtocolMismatch(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { lb, proxy, settings } = frontDoorFacts(ctx);
  if (!lb || !proxy || !settings || lb.kind === 'unknown' || settings.expectsProxyProtocol === null) return [];
  const sends = lb.proxyProtocol !== null && lb.proxyProtocol !== 'unknown';
  const expects = settings.expectsProxyProtocol;
  if (sends === expects || (lb.proxyProtocol === 'unknown' && expects)) return [];
  const message = sends
    ? `${lb.label} (${lb.kind}) sends PROXY ${lb.proxyProtocol} to ${s.key}, but ${proxy.id} does not expect it (${settings.evidence.join(', ')}): it reads the PROXY line as a broken request and answers 400.`
    : `${proxy.id} behind ${s.key} expects PROXY protocol (${settings.evidence.join(', ')}), but ${lb.label} (${lb.kind}) does not send it: ${
        settings.proxyProtocolOptional
          ? 'it accepts the connection and silently takes the load balancer or node as the client'
          : 'it rejects every connection with a broken-header error'
      }.`;
  return [
    finding({
      rule: PROXY_PROTOCOL_MISMATCH,
      namespace: s.namespace,
      name: s.name,
      severity: settings.proxyProtocolOptional && !sends ? 'warning' : 'error',
      service: s.key,
      title: 'PROXY protocol on one side only',
      message,
      evidence: [ref('Service', s.key), ...proxyRefs(proxy)],
      fix: sends
        ? `Enable PROXY protocol in ${proxy.id} (e.g. ingress-nginx use-proxy-protocol: "true"), or remove it from the load balancer.`
        : `Enable PROXY protocol on the load balancer (catalog ${lb.kind}: its PROXY annotation), or turn it off in ${proxy.id}.`,
      fixYaml: null,
      source: `${CATALOG_SOURCE} §7 item 1`,
    }),
  ];
}
