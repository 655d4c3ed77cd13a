// Which NetworkPolicies select a pod, per direction. A pod is isolated in a direction only when a
// policy of its own namespace selects it with `spec.podSelector` AND lists that direction in its
// effective policyTypes (network-policies.md "The two sorts of pod isolation"). Answers are cached per
// pod; only the pod's own namespace's policies are scanned, never the whole cluster's.
import type { PodModel } from '../../model/cluster';
import { selectorMatches } from './selector';
import { and, type Tri } from './tri';
import type { Direction, PolicyIndex, Selecting } from './types';

/**
 * The answer for the many pods no policy selects, shared (and frozen: nobody may add to it). At 150,000 pods
 * an object and two arrays each was memory the garbage collector copied and marked for nothing.
 */
const NOT_SELECTED: Record<Direction, Selecting[]> = Object.freeze({
  Ingress: Object.freeze([]) as unknown as Selecting[],
  Egress: Object.freeze([]) as unknown as Selecting[],
});

/** Policies that select the pod (selects `yes` or `maybe`), per direction, cached by pod key. */
export function selectionFor(index: PolicyIndex, pod: PodModel): Record<Direction, Selecting[]> {
  const cached = index.selectionCache.get(pod.key);
  if (cached) return cached;
  let out: Record<Direction, Selecting[]> | null = null;
  for (const policy of index.byNamespace.get(pod.namespace) ?? []) {
    let selects: Tri = selectorMatches(policy.podSelector, pod.labels);
    // An object the API would reject may not exist at all: its selection is uncertain.
    if (policy.invalid) selects = and(selects, 'maybe');
    if (selects === 'no') continue;
    out ??= { Ingress: [], Egress: [] };
    if (policy.isolates.Ingress) out.Ingress.push({ policy, selects });
    if (policy.isolates.Egress) out.Egress.push({ policy, selects });
  }
  index.selectionCache.set(pod.key, out ?? NOT_SELECTED);
  return out ?? NOT_SELECTED;
}

/** Policies that select the pod for `direction` (both directions when omitted) (in policy order). */
export function policiesSelectingPod(index: PolicyIndex, pod: PodModel, direction?: Direction): Selecting[] {
  const sel = selectionFor(index, pod);
  if (direction) return sel[direction];
  const seen = new Set<string>();
  const all: Selecting[] = [];
  for (const s of [...sel.Ingress, ...sel.Egress]) {
    if (seen.has(s.policy.key)) continue;
    seen.add(s.policy.key);
    all.push(s);
  }
  return all;
}
