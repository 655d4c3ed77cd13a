// hostNetwork pods per CNI. Kubernetes leaves NetworkPolicy for them undefined (network-policies.md
// "NetworkPolicy and hostNetwork pods"), but Calico and Cilium document what they do: a hostNetwork pod is the
// host, so
// - Kubernetes NetworkPolicy never applies to it (Calico enforces policy on workload interfaces and leaves host
//   interfaces alone unless a HostEndpoint names them: https://docs.tigera.io/calico/latest/reference/host-endpoints/overview;
//   projectcalico/felix#1361. Cilium gives the host its own identity, policed only by host policies
//   (CiliumClusterwideNetworkPolicy with a nodeSelector): https://docs.cilium.io/en/latest/security/policy/host/);
// - its traffic is host traffic that pod and namespace selectors never match (projectcalico/calico#4493,
//   #5566 maintainer: "The from selectors … will not match if the nginx pods are host networked"; Cilium
//   language.rst entities `host` / `remote-node`);
// - on its own node it is host → local workload traffic, which Calico always allows ("Calico allows all
//   connections from processes running on the host to guest workloads on the host":
//   https://docs.tigera.io/calico/latest/network-policy/hosts/protect-hosts, projectcalico/calico#2691) and
//   Cilium allows by default (allow-localhost; language.rst "Access to/from local host"), as Kubernetes requires
//   (types.go NetworkPolicySpec.ingress). evaluate.ts answers that through the view's `ownNode`.
import type { PodModel } from '../../model/cluster';
import type { Direction, PolicyDecision } from './types';
import type { PolicyTraits } from './views';

/** CNIs that document hostNetwork pods as host traffic. */
export function hostNetworkIsHost(t: PolicyTraits): boolean {
  return t.engine === 'calico' || t.engine === 'cilium';
}

const WHY: Record<'calico' | 'cilium', string> = {
  calico:
    'Calico enforces NetworkPolicy on workload interfaces only and leaves host traffic alone unless a HostEndpoint is configured (docs.tigera.io host-endpoints overview; projectcalico/felix#1361)',
  cilium:
    'Cilium gives hostNetwork pods the host identity, which Kubernetes NetworkPolicy does not police; only Cilium host policies do (docs.cilium.io security/policy/host)',
};

/** Why pod and namespace selectors never match a hostNetwork pod on this CNI, or null where that is undefined. */
export function hostTrafficExplanation(pod: PodModel, t: PolicyTraits): string | null {
  if (!hostNetworkIsHost(t)) return null;
  return `${pod.key} uses hostNetwork: on ${t.label} its traffic is host traffic, which pod and namespace selectors never match (${t.engine === 'calico' ? 'projectcalico/calico#4493, #5566' : 'Cilium entities host / remote-node, language.rst'})`;
}

/**
 * The decision for the hostNetwork pod's own side (its ingress, or its egress as a client) where the CNI
 * documents that NetworkPolicy does not apply to it; null where the behaviour is undefined.
 */
export function hostNetworkSideExempt(pod: PodModel, dir: Direction, t: PolicyTraits): PolicyDecision | null {
  if (!pod.hostNetwork || (t.engine !== 'calico' && t.engine !== 'cilium')) return null;
  return {
    verdict: 'allowed',
    policies: [],
    isolated: false,
    reason: `${pod.key} uses hostNetwork, so no NetworkPolicy applies to its ${dir === 'Ingress' ? 'ingress' : 'egress'}: ${WHY[t.engine]}`,
  };
}
