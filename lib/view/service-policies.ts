// The NetworkPolicies that select a Service's pods, each with the verdict the engine gave for the
// external traffic that reaches those pods (PodShare.policy, per traffic policy). Scans only the
// Service's namespace and only its pods: cost = policies in the namespace × the Service's pods.
import type { ClusterModel } from '../model/cluster';
import type { PodShare, PolicyVerdict, ServiceAnalysis, TrafficPolicy } from '../engine/types';
import { compileSelector, selectorMatches } from '../engine/netpol/selector';
import { podCount } from './format';

/** A verdict with its reason, for one traffic policy. */
type PodVerdict = { verdict: PolicyVerdict; reason: string } | null;

/**
 * One selected pod with the verdict for the traffic reaching it under each traffic policy, or pods that behave
 * alike (an aggregate pod row of a large Service: engine/compact-rows.ts), named by their first sample.
 */
export interface PolicyPodVerdict {
  pod: string;
  /** How many pods the entry stands for: 1, or an aggregate row's count. */
  count: number;
  /** An aggregate row's sample pods (the first is `pod`); empty for a single pod. */
  samples: string[];
  /** `maybe` when the policy's selector is invalid, or selects only some of an aggregate's samples. */
  selects: 'yes' | 'maybe';
  verdicts: Record<TrafficPolicy, PodVerdict>;
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
  /** Verdict counts for the Service's actual policy, in pods (an aggregate counts all of its pods). */
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

/** A pod of the Service (or an aggregate of pods) with its verdicts, before any policy is matched. */
type Entry = Omit<PolicyPodVerdict, 'selects'>;

/**
 * The Service's pods as the analysis lists them: one entry per pod row of the actual policy, an aggregate row as
 * one entry (a 5,000-pod DaemonSet is a handful, not 5,000 table rows with no verdict), each with the other
 * policy's verdict where its row names the same pod. Pods only the other policy lists, then the endpoints' pods
 * no row names (not ready, no external path), unless rows were aggregated: those pods are in the aggregates.
 */
function podEntries(model: ClusterModel, analysis: ServiceAnalysis): Entry[] {
  const actual = analysis.externalTrafficPolicy;
  const whatIf: TrafficPolicy = actual === 'Cluster' ? 'Local' : 'Cluster';
  // The other policy's verdict of each pod it names, individually or as an aggregate's sample.
  const other = new Map<string, PodVerdict>();
  const otherAggregates: PodShare[] = [];
  for (const p of analysis.paths[whatIf].pods) {
    if (p.pod === null && p.count > 1) otherAggregates.push(p);
    for (const name of p.pod !== null ? [p.pod] : p.count > 1 ? p.samplePods : [])
      other.set(name, { verdict: p.policy, reason: p.policyReason });
  }
  // A pod the other policy names neither alone nor as a sample is in one of its aggregates: when they all have
  // one verdict, that is the pod's (a DaemonSet under Local is one aggregate of every pod).
  const inAggregate = aggregateVerdict(otherAggregates);
  const otherOf = (pod: string): PodVerdict => other.get(pod) ?? inAggregate;
  const entries: Entry[] = [];
  const listed = new Set<string>();
  let aggregated = false;
  for (const p of analysis.paths[actual].pods) {
    // A row without a pod is an aggregate (count > 1) or an endpoint whose pod is not known (left out, as before).
    const samples = p.pod === null && p.count > 1 ? p.samplePods : [];
    const pod = p.pod ?? samples[0];
    if (pod === undefined) continue;
    aggregated ||= samples.length > 0;
    const verdicts: Entry['verdicts'] = { Cluster: null, Local: null };
    verdicts[actual] = { verdict: p.policy, reason: p.policyReason };
    verdicts[whatIf] = otherOf(pod);
    entries.push({ pod, count: p.pod === null ? p.count : 1, samples, verdicts });
    for (const name of p.pod === null ? samples : [pod]) listed.add(name);
  }
  for (const p of analysis.paths[whatIf].pods) {
    aggregated ||= p.pod === null && p.count > 1;
    if (p.pod === null || listed.has(p.pod)) continue;
    listed.add(p.pod);
    const verdicts: Entry['verdicts'] = { Cluster: null, Local: null };
    verdicts[whatIf] = other.get(p.pod) ?? null;
    entries.push({ pod: p.pod, count: 1, samples: [], verdicts });
  }
  // The Service's endpoints name its pods even where the analysis lists none (e.g. not ready, or no external path).
  if (!aggregated)
    for (const ep of model.endpointsByService.get(analysis.service) ?? []) {
      if (!ep.podKey || listed.has(ep.podKey)) continue;
      listed.add(ep.podKey);
      entries.push({ pod: ep.podKey, count: 1, samples: [], verdicts: { Cluster: null, Local: null } });
    }
  return entries.sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
}

/** The verdict every aggregate row shares, with the reason of the first, or null when they differ (or none). */
function aggregateVerdict(rows: PodShare[]): PodVerdict {
  if (rows.length === 0 || rows.some((r) => r.policy !== rows[0].policy)) return null;
  const pods = podCount(rows);
  return {
    verdict: rows[0].policy,
    reason: `as for the ${pods} pods alike (${rows[0].samplePods[0]}, …): ${rows[0].policyReason}`,
  };
}

/** Whether a policy's selector selects the entry's pods: every pod (or sample) yes, none, or only some (maybe). */
function selects(model: ClusterModel, sel: ReturnType<typeof compileSelector>, e: Entry): 'yes' | 'maybe' | 'no' {
  let yes = 0,
    maybe = 0,
    known = 0;
  for (const name of e.samples.length ? e.samples : [e.pod]) {
    const pod = model.pods.get(name);
    if (!pod) continue;
    known++;
    const m = selectorMatches(sel, pod.labels);
    if (m === 'yes') yes++;
    else if (m === 'maybe') maybe++;
  }
  if (known === 0 || yes + maybe === 0) return 'no';
  return yes === known ? 'yes' : 'maybe';
}

/** Lists the NetworkPolicies of the Service's namespace that select at least one of its pods. */
export function policiesForService(model: ClusterModel, analysis: ServiceAnalysis): ServicePolicies {
  const entries = podEntries(model, analysis);
  const selected = new Set<Entry>();
  const rows: ServicePolicyRow[] = [];
  for (const np of model.policiesByNamespace.get(analysis.namespace) ?? []) {
    const sel = compileSelector(np.podSelector);
    const hits: PolicyPodVerdict[] = [];
    const counts: Record<PolicyVerdict, number> = { allowed: 0, denied: 0, unknown: 0 };
    for (const e of entries) {
      const m = selects(model, sel, e);
      if (m === 'no') continue;
      hits.push({ ...e, selects: m });
      selected.add(e);
      const v = e.verdicts[analysis.externalTrafficPolicy];
      if (v) counts[v.verdict] += e.count;
    }
    if (hits.length === 0) continue;
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
  let unselected = 0;
  for (const e of entries)
    if (!selected.has(e) && (e.samples.length > 0 || model.pods.has(e.pod))) unselected += e.count;
  return { rows, unavailable: model.unavailableKinds.NetworkPolicy ?? null, unselected };
}
