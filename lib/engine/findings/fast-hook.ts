// The policy hook the analysis passes to servicePaths: the NetworkPolicy engine's hook, with one early
// exit for the most common question of a whole-cluster run — an outside client reaching a pod that no
// policy selects for ingress. Such a pod is not isolated, so the packet is allowed whatever source the
// policy would see (network-policies.md "The two sorts of pod isolation"; netpol-semantics.md §1.1), and
// an outside client has no egress side (cyclonus: external end never isolated). Skipping the seen-source
// work there keeps the 5,000-node benchmark linear and cheap; everything else goes to the real hook.
import type { ClusterModel } from '../../model/cluster';
import { createPolicyHook, policiesSelectingPod, type PolicyIndex } from '../netpol';
import type { PolicyHook } from '../policy-hook';
import type { Dataplane } from '../types';

/** The real hook with the "not isolated, outside client" early exit (same verdict and reason as the hook). */
export function analysisPolicyHook(model: ClusterModel, dataplane: Dataplane, policies: PolicyIndex): PolicyHook {
  const real = createPolicyHook(model, dataplane, policies);
  if (policies.unavailable) return real;
  return (q) => {
    const pod = q.destPod;
    // Only canonical outside addresses (the analysis' sample clients are canonical): anything the model knows
    // as a pod or node address, or any in-cluster client, is left to the real hook.
    if (pod && q.clientPod === null && q.clientNode === null && !model.podsByIP.has(q.clientIP) && !model.nodeByAddress.has(q.clientIP)
      && policiesSelectingPod(policies, pod, 'Ingress').length === 0) {
      return { verdict: 'allowed', reason: `ingress: no NetworkPolicy selects ${pod.key} for ingress, so it is not isolated` };
    }
    return real(q);
  };
}
