// sidecar-loopback-source: pods with an Istio sidecar in REDIRECT mode see 127.0.0.6 as the peer of every
// inbound connection, so application-level allow-lists and access logs lose the caller (NetworkPolicy still
// sees the real source). Raised for Services reached from outside or through a proxy
// (../shared/reference/source-ip-catalog.md istio-sidecar; §7 item 9).
import { anySidecarPods, sidecarOfPod } from '../frontdoor/sidecar';
import type { Finding } from '../types';
import { finding, plural, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts } from './frontdoor-facts';
import type { FindingContext } from './types';

export const SIDECAR_LOOPBACK_SOURCE = 'sidecar-loopback-source';

/** Raises `sidecar-loopback-source`. */
export function sidecarLoopbackSource(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { fd } = frontDoorFacts(ctx);
  if (!ctx.svc.entry && fd.behind.length === 0) return [];
  // No pod of the cluster has a sidecar (most clusters): nothing to look up per pod.
  if (!anySidecarPods(ctx.cluster.model)) return [];
  const pods = [...new Set(ctx.svc.endpoints.map((e) => e.podKey).filter((k): k is string => !!k))];
  const redirect = pods.filter((k) => sidecarOfPod(ctx.cluster.model, k) === 'istio-redirect');
  if (redirect.length === 0) return [];
  return [
    finding({
      rule: SIDECAR_LOOPBACK_SOURCE,
      namespace: s.namespace,
      name: s.name,
      severity: 'info',
      service: s.key,
      title: 'Istio sidecar in REDIRECT mode: the application sees 127.0.0.6',
      message: `${redirect.length} of ${plural(pods.length, 'pod')} of ${s.key} run an Istio sidecar in REDIRECT mode: the application's peer is 127.0.0.6 for every connection, so IP allow-lists and logs in the application lose the caller${fd.behind.length ? ` (the client still travels in the headers of ${fd.behind[0].proxyService})` : ''}.`,
      evidence: [ref('Service', s.key), ...redirect.slice(0, 8).map((k) => ref('Pod', k))],
      fix: 'Read the client from X-Forwarded-For / x-envoy-external-address in the application, or switch the pods to TPROXY interception.',
      fixYaml: `# pod template\nmetadata:\n  annotations:\n    sidecar.istio.io/interceptionMode: TPROXY\n`,
      source: `${CATALOG_SOURCE} §7 item 9 (istio-sidecar)`,
    }),
  ];
}
