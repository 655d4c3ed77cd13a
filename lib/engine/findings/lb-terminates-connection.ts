// lb-terminates-connection: a proxying load balancer (Classic ELB, DigitalOcean REGIONAL, Hetzner, Octavia
// amphora, OCI LB) opens a new connection to the node, so without PROXY protocol the client is lost whatever
// externalTrafficPolicy says — Local only saves a hop (../shared/reference/source-ip-catalog.md §1 K6;
// aws-clb-intree notes).
import type { Finding } from '../types';
import { finding, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts } from './frontdoor-facts';
import type { FindingContext } from './types';

export const LB_TERMINATES_CONNECTION = 'lb-terminates-connection';

/** Raises `lb-terminates-connection`. */
export function lbTerminatesConnection(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { lb } = frontDoorFacts(ctx);
  if (!lb || lb.layer !== 'L4-proxy' || lb.proxyProtocol) return [];
  return [
    finding({
      rule: LB_TERMINATES_CONNECTION,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'The load balancer terminates the connection: the client is lost whatever the policy',
      message: `${lb.label} (${lb.kind}) terminates TCP and connects to the nodes from its own address, so the pods of ${s.key} never see the client, under Cluster or Local${s.externalTrafficPolicy === 'Local' ? ' (Local only saves the second hop)' : ''}; it sends no PROXY protocol.`,
      evidence: [ref('Service', s.key), ...lb.evidence.slice(0, 2).map((e) => ref('Evidence', e))],
      fix: `Enable PROXY protocol on the load balancer and in the application or proxy behind it, or switch to a pass-through load balancer (e.g. an NLB).`,
      fixYaml:
        lb.kind === 'aws-clb-intree'
          ? `metadata:\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"\n`
          : null,
      source: `${CATALOG_SOURCE} §1 K6; §3 ${lb.kind}`,
    }),
  ];
}
