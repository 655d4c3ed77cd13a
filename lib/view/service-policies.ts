// The NetworkPolicies that select a Service's pods, each with the verdict the engine gave for the
// external traffic that reaches those pods (PodShare.policy, per traffic policy). Scans only the
// Service's namespace and only its pods: cost = policies in the namespace × the Service's pods.
import type { ClusterModel } from '../model/cluster';
import type { PolicyVerdict, ServiceAnalysis, TrafficPolicy } from '../engine/types';
import { compileSelector, selectorMatches } from '../engine/netpol/selector';

/** One selected pod with the verdict for the traffic reaching it under each traffic policy. */
export interface PolicyPodVerdict {
  pod: string;
  /** `maybe` when the policy's selector is invalid and may or may not select the pod. */
  selects: 'yes' | 'maybe';
  verdicts: Record<TrafficPolicy, { verdict: PolicyVerdict; reason: string } | null>;
}

/** A NetworkPolicy selecting some of the Service's pods. */
export interface ServicePolicyRow {
  key: string;
  name: string;
  policyTypes: string[];
  /** True when kubepath defaulted policyTypes (the object did not say). */
  policyTypesDefaulted: boolean;
  /** The podSelector in short form, e.g. `{app=web}`. */
  selector: string;
  pods: PolicyPodVerdict[];
  /** Verdict counts for the Service's actual policy. */
  counts: Record<PolicyVerdict, number>;
}

/** The policies list, or why it is not known. */
export interface ServicePolicies {
  rows: ServicePolicyRow[];
  /** Set when NetworkPolicies could not be read: the list may be incomplete. */
  unavailable: string | null;
  /** Pods of the Service that no policy selects (their ingress is not isolated). */
  unselected: number;
}

/** Lists the NetworkPolicies of the Service's namespace that select at least one of its pods. */
export function policiesForService(model: ClusterModel, analysis: ServiceAnalysis): ServicePolicies {
  const byPod = new Map<string, Record<TrafficPolicy, { verdict: PolicyVerdict; reason: string } | null>>();
  for (const policy of ['Cluster', 'Local'] as const) {
    for (const p of analysis.paths[policy].pods) {
      if (p.pod === null) continue;
      const v = byPod.get(p.pod) ?? { Cluster: null, Local: null };
      v[policy] = { verdict: p.policy, reason: p.policyReason };
      byPod.set(p.pod, v);
    }
  }
  // The Service's endpoints name its pods even where the analysis lists none (e.g. not ready, or no external path).
  for (const ep of model.endpointsByService.get(analysis.service) ?? []) {
    if (ep.podKey && !byPod.has(ep.podKey)) byPod.set(ep.podKey, { Cluster: null, Local: null });
  }
  const pods = [...byPod.keys()]
    .sort()
    .map((k) => model.pods.get(k))
    .filter((p) => p !== undefined);
  const selected = new Set<string>();
  const rows: ServicePolicyRow[] = [];
  for (const np of model.policiesByNamespace.get(analysis.namespace) ?? []) {
    const sel = compileSelector(np.podSelector);
    const hits: PolicyPodVerdict[] = [];
    for (const pod of pods) {
      const m = selectorMatches(sel, pod.labels);
      if (m === 'no') continue;
      hits.push({ pod: pod.key, selects: m === 'yes' ? 'yes' : 'maybe', verdicts: byPod.get(pod.key)! });
      selected.add(pod.key);
    }
    if (hits.length === 0) continue;
    const counts: Record<PolicyVerdict, number> = { allowed: 0, denied: 0, unknown: 0 };
    for (const h of hits) {
      const v = h.verdicts[analysis.externalTrafficPolicy];
      if (v) counts[v.verdict] += 1;
    }
    rows.push({
      key: np.key,
      name: np.name,
      policyTypes: np.policyTypes,
      policyTypesDefaulted: np.policyTypesDefaulted,
      selector: sel.text,
      pods: hits,
      counts,
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return { rows, unavailable: model.unavailableKinds.NetworkPolicy ?? null, unselected: pods.length - selected.size };
}
