// lb-single-node: MetalLB L2, kube-vip ARP, Cilium L2 announcements and OpenELB layer2 answer ARP for the
// address on one node: all traffic enters there. Under Local only that node's pods serve (the others idle);
// under Cluster every flow takes an extra hop from it (../shared/reference/source-ip-catalog.md §7 item 8;
// metallb-l2 notes).
import type { Finding } from '../types';
import { finding, plural, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts } from './frontdoor-facts';
import { frontDoorOf } from '../frontdoor/platform';
import type { FindingContext } from './types';

export const LB_SINGLE_NODE = 'lb-single-node';

/** Raises `lb-single-node`. */
export function lbSingleNode(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { lb } = frontDoorFacts(ctx);
  if (!lb || lb.weights !== 'singleNode') return [];
  const node =
    frontDoorOf(ctx.cluster.model).announcers.l2StatusNode.get(s.key) ?? s.annotations['kube-vip.io/vipHost'] ?? null;
  const eps = ctx.svc.endpoints.filter((e) => e.ready);
  const onNode = node ? eps.filter((e) => e.nodeName === node).length : null;
  const where = node ? `node ${node}` : 'one elected node';
  const local =
    onNode === null
      ? `under Local only the pods on that node serve`
      : `under Local only its ${plural(onNode, 'pod')} of ${eps.length} serve`;
  return [
    finding({
      rule: LB_SINGLE_NODE,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'One node receives all the traffic of this load balancer',
      message: `${lb.label} (${lb.kind}) announces ${s.key} from ${where}: ${local}, and under Cluster every flow takes an extra hop from it to the pods (now ${s.externalTrafficPolicy}).`,
      evidence: [ref('Service', s.key), ...(node ? [ref('Node', node)] : [])],
      fix: 'Use BGP (ECMP) announcements to spread over nodes, or accept the single entry node and run the pods there (Local) / spread them (Cluster).',
      fixYaml: null,
      source: `${CATALOG_SOURCE} §7 item 8`,
    }),
  ];
}
