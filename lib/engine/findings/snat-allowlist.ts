// snat-allowlist: a Service whose pods allow-list outside clients by ipBlock, reached under
// externalTrafficPolicy Cluster: the receiving node masquerades the client (kube-proxy
// TestExternalTrafficPolicyCluster; Cilium kube-proxy replacement in SNAT mode), so the policy sees a
// node/tunnel address (or Cilium's remote-node / world identity) that the allow-list does not contain.
// What the policy sees is decided per CNI by the NetworkPolicy engine (../shared/reference/netpol-semantics.md §3: Calico
// tigera about-kubernetes-services, projectcalico/calico#1379; Cilium cilium/cilium#23603,
// kubeproxy-free.rst; Antrea #1816). Raised only for pods whose policy admits the client when it is seen
// unmasqueraded (as under Local), so it is the SNAT, not the policy, that denies.
import { CILIUM_FORWARDING_MODE_ANNOTATION } from '../cilium-config';
import type { Finding, PodShare } from '../types';
import { unmasqueradedVerdict } from './baseline';
import { finding, listText, percent, plural, ref, shortName } from './finding';
import { flowsToTrace, MAX_TRACED_FLOWS, tracedPolicyShare } from './policy-share';
import type { FindingContext } from './types';

export const SNAT_ALLOWLIST = 'snat-allowlist';

/** Raises `snat-allowlist` when masquerading under Cluster hides allow-listed clients from the policy. */
export function snatAllowList(ctx: FindingContext): Finding[] {
  const { service: s, analysis, entry, sampleClient } = ctx.svc;
  if (
    !entry ||
    s.externalTrafficPolicy !== 'Cluster' ||
    sampleClient.origin !== 'allow-list' ||
    !sampleClient.allowList
  )
    return [];
  const cluster = analysis.paths.Cluster;
  const client = cluster.clientIP;
  const denied: PodShare[] = [];
  const unsure: PodShare[] = [];
  for (const p of cluster.pods) {
    if (p.share <= 0 || p.policy === 'allowed') continue;
    // Only pods whose policy admits the client itself: otherwise the policy, not SNAT, is what denies.
    if (unmasqueradedVerdict(ctx, p, client)?.verdict !== 'allowed') continue;
    (p.policy === 'denied' ? denied : unsure).push(p);
  }
  const hit = denied.length ? denied : unsure;
  if (hit.length === 0) return [];
  const receiving = cluster.pods.filter((p) => p.share > 0).length;
  const sure = denied.length > 0;
  // The pods' whole share overstates it where the pod on the receiving node still sees the client: trace per node.
  const toHit = hit.reduce((n, p) => n + p.share, 0);
  const hitPods = new Set(hit.flatMap((p) => (p.pod ? [p.pod] : [])));
  const flows = flowsToTrace(ctx, 'Cluster');
  const untraced = flows.rows * flows.endpoints > MAX_TRACED_FLOWS;
  const traced = untraced
    ? null
    : tracedPolicyShare(ctx, 'Cluster', hitPods, new Set(sure ? ['denied'] : ['denied', 'unknown']));
  const traffic = traced ?? toHit;
  const partly = traced !== null && traced < toHit - 1e-9;
  const share = untraced
    ? `${percent(traffic)} of the traffic, not traced node by node for ${plural(flows.rows, 'receiving node')} × ${plural(flows.endpoints, 'endpoint')}: it includes the flows that enter through a pod's own node, where that pod may still see the client`
    : partly
      ? `about ${percent(traffic)} of the traffic: the flows that enter through a node other than the pod's own, while the pod on the receiving node still sees the client`
      : `${percent(traffic)} of the traffic, whichever node it enters through`;
  const al = sampleClient.allowList;
  const seen = [...new Set(hit.flatMap((p) => p.sourceIPs.addresses))].slice(0, 3);
  const localAllowed = analysis.paths.Local.pods.filter((p) => p.share > 0 && p.policy === 'allowed').length;
  const localReceiving = analysis.paths.Local.pods.filter((p) => p.share > 0).length;
  const policies = [
    ...new Set(ctx.svc.allowLists.filter((a) => a.peer.cidr.family === al.peer.cidr.family).map((a) => a.policy)),
  ];
  const kpr = ctx.cluster.dataplane.proxyMode === 'cilium-kpr';
  const how = kpr
    ? "Cilium's kube-proxy replacement (SNAT mode) forwards external clients to backends on other nodes with the receiving node's address"
    : 'the receiving node masquerades external clients';
  const message = `Under externalTrafficPolicy Cluster ${how}${seen.length ? ` (the pods see addresses such as ${listText(seen, 3)})` : ''}, so a client such as ${client} — inside ${al.cidr} of ${shortName(al.policy)} — ${sure ? 'is denied' : 'may be denied'} by ${hit.length} of ${plural(receiving, 'pod')} (${share})${localReceiving ? `; under Local ${localAllowed} of ${plural(localReceiving, 'pod')} would allow it` : ''}.`;
  const annotationMode = kpr && ctx.cluster.dataplane.cilium?.loadBalancerMode === 'annotation';
  const fixYaml = annotationMode
    ? `# Service ${s.key}: Cilium DSR keeps the client address (bpf-lb-mode-annotation is on)\nmetadata:\n  annotations:\n    ${CILIUM_FORWARDING_MODE_ANNOTATION}: dsr\n`
    : `# Service ${s.key}: keep the client address (only nodes with a ready pod receive traffic)\nspec:\n  externalTrafficPolicy: Local\n`;
  return [
    finding({
      rule: SNAT_ALLOWLIST,
      namespace: s.namespace,
      name: s.name,
      severity: sure ? 'error' : 'warning',
      service: s.key,
      title: 'NetworkPolicy ipBlock allow-list never sees the client under externalTrafficPolicy Cluster',
      message,
      evidence: [
        ref('Service', s.key),
        ...policies.map((p) => ref('NetworkPolicy', p)),
        ...hit
          .slice(0, 5)
          .filter((p) => p.pod)
          .map((p) => ref('Pod', p.pod!)),
      ],
      fix: annotationMode
        ? 'Annotate the Service for DSR so backends see the client address, or set externalTrafficPolicy Local.'
        : kpr
          ? 'Set externalTrafficPolicy Local (or switch Cilium to DSR / hybrid load-balancer mode) so backends see the client address.'
          : 'Set externalTrafficPolicy Local so the pods see the client address (mind the per-node balancing), or filter clients before DNAT (loadBalancerSourceRanges, Calico preDNAT host-endpoint policy).',
      fixYaml,
      source:
        '../shared/reference/netpol-semantics.md §3 / §5 rule 1: tigera about-kubernetes-services ("ingress network policy for the service backing pod does not see the original client IP"); projectcalico/calico#1379; cilium/cilium#23603; cilium kubeproxy-free.rst (SNAT mode); proxier_test.go::TestExternalTrafficPolicyCluster',
    }),
  ];
}
