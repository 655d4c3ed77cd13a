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

/** True when two label maps hold the same keys with the same values. */
export function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k] || (a[k] === undefined && !Object.hasOwn(b, k))) return false;
    n++;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

/**
 * Policies that select the pod (selects `yes` or `maybe`), per direction, cached by pod key.
 * The last answer is reused: which policies select a pod depends only on its namespace and labels (the
 * podSelector and the policy's validity), and pods of one ReplicaSet — listed together in a namespace and
 * behind one Service — share both, so one evaluation serves the run of them (the shared answer is read-only).
 * Kept on the index, so it never outlives the model.
 */
export function selectionFor(index: PolicyIndex, pod: PodModel): Record<Direction, Selecting[]> {
  // Checked before the cache: at 150,000 pods a lookup in the by-key cache costs more than comparing two labels.
  const last = index.lastSelection;
  if (last && last.namespace === pod.namespace && sameLabels(last.labels, pod.labels)) return last.out;
  let out = index.selectionCache.get(pod.key);
  if (!out) index.selectionCache.set(pod.key, (out = evaluateSelection(index, pod)));
  index.lastSelection = { namespace: pod.namespace, labels: pod.labels, out };
  return out;
}

function evaluateSelection(index: PolicyIndex, pod: PodModel): Record<Direction, Selecting[]> {
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
