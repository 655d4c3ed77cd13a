// policy-unknown: where kubepath cannot know a NetworkPolicy answer it says `unknown`, never
// `allowed` (../shared/reference/netpol-semantics.md §1: undefined behaviour stays undecided). This stage tells the user
// why: NetworkPolicies could not be read at all (every verdict unknown, policy findings impossible),
// or parts of a policy are invalid — the API server would reject them (validation.go
// ValidateNetworkPolicySpec / ValidateNetworkPolicyPeer / ValidateIPBlock / ValidateNetworkPolicyPort).
import type { Finding } from '../types';
import { finding, listText, plural, ref } from './finding';
import type { ClusterFindingContext } from './types';

export const POLICY_UNKNOWN = 'policy-unknown';

/** Raises `policy-unknown`: a warning when policies are unreadable, info per policy with invalid parts. */
export function policyUnknown(ctx: ClusterFindingContext): Finding[] {
  const { policies } = ctx.cluster;
  const out: Finding[] = [];
  if (policies.unavailable) {
    out.push(
      finding({
        rule: POLICY_UNKNOWN,
        namespace: 'cluster',
        name: 'networkpolicies',
        severity: 'warning',
        service: null,
        title: 'NetworkPolicies could not be read: every policy verdict is unknown',
        message: `NetworkPolicies could not be read (${policies.unavailable}), so every NetworkPolicy verdict is unknown and the policy findings (snat-allowlist, node-allowlist, overlay-tunnel-snat, policy-service-port, named ports, cilium-ipblock-nodes) cannot be checked.`,
        evidence: [],
        fix: 'Grant the snapshot user list/get on networking.k8s.io networkpolicies in all namespaces, or include them in the snapshot (kubectl get networkpolicies -A -o json).',
        source:
          '../shared/reference/netpol-semantics.md §1 (an unknown policy set cannot decide isolation); kubepath never reports such traffic as allowed',
      }),
    );
  }
  const byPolicy = new Map<string, string[]>();
  for (const w of policies.warnings) {
    if (!w.object) continue;
    const l = byPolicy.get(w.object);
    if (l) l.push(w.message);
    else byPolicy.set(w.object, [w.message]);
  }
  for (const [key, messages] of byPolicy) {
    const [ns, name] = key.split('/');
    out.push(
      finding({
        rule: POLICY_UNKNOWN,
        namespace: ns,
        name,
        severity: 'info',
        service: null,
        title: 'NetworkPolicy has invalid parts: verdicts that depend on them are unknown',
        message: `${name} has ${plural(messages.length, 'invalid part')} the API server would reject (${listText(messages, 2)}), so verdicts that depend on ${messages.length === 1 ? 'it' : 'them'} are reported as unknown.`,
        evidence: [ref('NetworkPolicy', key)],
        fix: 'Fix the listed fields; the API server would reject this object, so the cluster may not hold what the file says.',
        source:
          'kubernetes/kubernetes pkg/apis/networking/validation/validation.go (ValidateNetworkPolicySpec, ValidateNetworkPolicyPeer, ValidateIPBlock, ValidateNetworkPolicyPort)',
      }),
    );
  }
  return out;
}
