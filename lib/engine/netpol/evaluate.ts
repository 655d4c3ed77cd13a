// The NetworkPolicy verdict for one direction of one pod (../shared/reference/netpol-semantics.md §1): a pod not
// selected for the direction is unrestricted; otherwise the connection must match at least one rule
// of at least one selecting policy (union, order irrelevant); inside a rule, peers AND ports, each
// list ORed (types.go NetworkPolicyIngressRule). Evaluated in three-valued logic so that any
// undecidable part yields `unknown`, never `allowed`.
import type { PodModel, Protocol } from '../../model/cluster';
import { freshArray, mapArray } from '../../util/fresh-array';
import type { PolicyVerdict } from '../types';
import { ruleLabel } from './compile';
import { blockSetContains, blockSetOf, MIN_SET_PEERS, type BlockSet } from './block-set';
import { bare, MATCH_NO, MATCH_YES, peerMatches, type Match } from './peers';
import { portMatches } from './ports';
import { selectionFor } from './selection';
import { and, not, or, type Tri } from './tri';
import type {
  CompiledPeer,
  CompiledPolicy,
  Direction,
  PeerView,
  PolicyDecision,
  PolicyIndex,
  SeenSource,
  Selecting,
} from './types';

const MAX_NOTES = 3;

/** Kleene OR of the matches, with the notes of those that decide it (none for `yes`). */
function anyOf(matches: Match[]): Match {
  let t: Tri = 'no';
  for (const m of matches) {
    if (m.tri === 'yes') return MATCH_YES;
    if (m.tri === 'maybe') t = 'maybe';
  }
  let notes: string[] | null = null;
  for (const m of matches) if (m.tri === t && m.notes.length > 0) (notes ??= []).push(...m.notes);
  return notes ? { tri: t, notes } : bare(t);
}

/**
 * anyOf over a rule's peers, stopping at the first that matches `yes`: the answer is then `yes` without notes
 * whatever the others say. A namespace's allow-list of office networks is tens of ipBlocks, tested for every
 * pod of the namespace and every source it may see.
 */
function anyPeer(index: PolicyIndex, policy: CompiledPolicy, peers: CompiledPeer[], view: PeerView): Match {
  // An address the CNI matches ipBlocks against as it is (`address`: no notes, yes or no per block), and a rule of
  // ipBlocks only: yes when one of them contains it, else no without notes (each block's answer below, ORed).
  if (view.ipBlockMode === 'address' && view.ip !== null && peers.length >= MIN_SET_PEERS) {
    const set = blockSetFor(peers);
    if (set) return view.address !== null && blockSetContains(set, view.address) ? MATCH_YES : MATCH_NO;
  }
  const matches = freshArray<Match>();
  for (const p of peers) {
    const m = peerMatches(index, policy, p, view);
    if (m.tri === 'yes') return MATCH_YES;
    matches.push(m);
  }
  return anyOf(matches);
}

/** Each rule's peer list as a set of ranges, built on first use (null: not all ipBlocks). Compiled lists never change. */
const blockSets = new WeakMap<CompiledPeer[], BlockSet | null>();

function blockSetFor(peers: CompiledPeer[]): BlockSet | null {
  let set = blockSets.get(peers);
  if (set === undefined) blockSets.set(peers, (set = blockSetOf(peers)));
  return set;
}

/** Kleene AND of two matches, with the notes of those that decide it (none for `yes`). */
function bothOf(a: Match, b: Match): Match {
  const t = and(a.tri, b.tri);
  if (t === 'yes') return MATCH_YES;
  const fromA = a.tri === t ? a.notes : [];
  const fromB = b.tri === t ? b.notes : [];
  if (fromA.length + fromB.length === 0) return bare(t);
  return { tri: t, notes: [...fromA, ...fromB] };
}

interface PolicyMatch extends Match {
  /** Index of the first rule that matched `yes`. */
  rule: number | null;
}

/** Does any rule of the policy (for `dir`) admit the connection? */
export function policyAdmits(
  index: PolicyIndex,
  policy: CompiledPolicy,
  dir: Direction,
  view: PeerView,
  port: number | null,
  protocol: Protocol,
  namedPortPod: PodModel | null,
): PolicyMatch {
  const ruleMatches = freshArray<Match>(); // anyOf's arrays are of one kind (fresh-array.ts)
  for (const rule of policy.rules[dir]) {
    // A missing/empty peer list or port list means "any" (types.go); `{}` therefore allows everything.
    const peers = rule.peers === null ? MATCH_YES : anyPeer(index, policy, rule.peers, view);
    const ports =
      rule.ports === null
        ? MATCH_YES
        : anyOf(mapArray(rule.ports, (p) => portMatches(p, port, protocol, namedPortPod)));
    const m = bothOf(peers, ports);
    if (m.tri === 'yes') return { tri: 'yes', notes: [], rule: rule.index };
    ruleMatches.push(m);
  }
  // An empty rule list allows nothing (types.go Ingress/Egress comments; "default deny" examples).
  const m = anyOf(ruleMatches);
  return { tri: m.tri, notes: m.notes, rule: null }; // not a spread: this runs for every pod and source
}

function listNotes(notes: Iterable<string>): string {
  const all = [...new Set(notes)];
  if (all.length === 0) return '';
  const shown = all.slice(0, MAX_NOTES).join('; ');
  return all.length > MAX_NOTES ? `${shown}; (+${all.length - MAX_NOTES} more)` : shown;
}

function dirWord(dir: Direction): string {
  return dir === 'Ingress' ? 'ingress' : 'egress';
}

/** The isolating policies as a denial names them, per selection (selection.ts hands out one array per kind of pod). */
const isolatingTexts = new WeakMap<Selecting[], string>();

function isolatingText(selecting: Selecting[]): string {
  let text = isolatingTexts.get(selecting);
  if (text === undefined) {
    const keys = selecting.map((s) => s.policy.key);
    text = `${keys.slice(0, MAX_NOTES).join(', ')}${keys.length > MAX_NOTES ? ` (+${keys.length - MAX_NOTES} more)` : ''}`;
    isolatingTexts.set(selecting, text);
  }
  return text;
}

/** Evaluates one direction for one view of the other end. */
function evaluateView(
  index: PolicyIndex,
  pod: PodModel,
  dir: Direction,
  view: PeerView,
  port: number | null,
  protocol: Protocol,
): PolicyDecision {
  const conn = `${view.label} on ${protocol}/${port ?? '?'}`;
  const selecting = selectionFor(index, pod)[dir];
  if (selecting.length === 0) {
    return {
      verdict: 'allowed',
      reason: `no NetworkPolicy selects ${pod.key} for ${dirWord(dir)}, so it is not isolated`,
      policies: [],
      isolated: false,
    };
  }
  // types.go NetworkPolicySpec.Ingress: "OR if the traffic source is the pod's local node" (never for SNATed traffic, §1.7).
  if (dir === 'Ingress' && view.ownNode) {
    return {
      verdict: 'allowed',
      isolated: true,
      policies: [],
      reason: `${view.label} is ${pod.key}'s own node, and traffic from a pod's own node is always allowed (types.go NetworkPolicySpec.ingress; network-policies.md)`,
    };
  }
  let isolated: Tri = 'no';
  let allowed: Tri = 'no';
  const allowing: string[] = [];
  const allowingKeys: string[] = [];
  const undecided: string[] = [];
  const notes: string[] = [];
  const namedPortPod = dir === 'Ingress' ? pod : view.kind === 'pod' ? view.pod : null;
  for (const s of selecting) {
    isolated = or(isolated, s.selects);
    if (s.selects === 'maybe')
      notes.push(
        `whether ${s.policy.key} selects ${pod.key} is unknown (${s.policy.invalid ?? `invalid podSelector: ${s.policy.podSelector.invalid}`})`,
      );
    const m = policyAdmits(index, s.policy, dir, view, port, protocol, namedPortPod);
    const contrib = and(s.selects, m.tri);
    allowed = or(allowed, contrib);
    if (contrib === 'yes') {
      allowing.push(ruleLabel(s.policy, dir, m.rule!));
      allowingKeys.push(s.policy.key);
    } else {
      if (contrib === 'maybe') undecided.push(s.policy.key);
      if (m.notes.length > 0) notes.push(...m.notes);
    }
  }
  const verdictTri = or(not(isolated), allowed);
  if (verdictTri === 'yes') {
    return {
      verdict: 'allowed',
      reason: `${conn} is allowed by ${allowing.join(', ')}`,
      policies: allowingKeys,
      isolated: true,
    };
  }
  // The isolating policies are named only when the connection is not allowed.
  const isolating = mapArray(selecting, (s) => s.policy.key); // packed wherever it runs (fresh-array.ts)
  const by = isolatingText(selecting);
  const extra = listNotes(notes);
  if (verdictTri === 'no') {
    return {
      verdict: 'denied',
      policies: isolating,
      isolated: true,
      reason: `${pod.key} is isolated for ${dirWord(dir)} by ${by} and no rule admits ${conn}${extra ? ` (${extra})` : ''}`,
    };
  }
  return {
    verdict: 'unknown',
    policies: undecided.length ? undecided : isolating,
    isolated: true,
    reason: `${pod.key} is ${isolated === 'yes' ? '' : 'possibly '}isolated for ${dirWord(dir)} by ${by}; whether ${conn} is admitted is unknown${extra ? `: ${extra}` : ''}`,
  };
}

function unavailable(index: PolicyIndex): PolicyDecision | null {
  if (!index.unavailable) return null;
  return {
    verdict: 'unknown',
    reason: `NetworkPolicies could not be read (${index.unavailable}), so no verdict is possible`,
    policies: [],
    isolated: false,
  };
}

function viewsOf(x: SeenSource | PeerView): SeenSource {
  return 'views' in x ? x : { views: [x], explanation: x.label };
}

/** Combines the verdicts for alternative views: agreement gives that verdict, disagreement `unknown`. */
export function mergeAlternatives(
  parts: { view: PeerView; decision: PolicyDecision }[],
  explanation: string,
): PolicyDecision {
  if (parts.length === 1) return parts[0].decision;
  const verdicts = new Set<PolicyVerdict>(parts.map((p) => p.decision.verdict));
  const policies = [...new Set(parts.flatMap((p) => p.decision.policies))];
  const isolated = parts.some((p) => p.decision.isolated);
  if (verdicts.size === 1) {
    const first = parts[0].decision;
    return {
      ...first,
      policies,
      isolated,
      reason: `${first.reason} (the same whether the policy sees ${parts.map((p) => p.view.label).join(' or ')})`,
    };
  }
  return {
    verdict: 'unknown',
    policies,
    isolated,
    reason: `${explanation}; ${parts.map((p) => `if the policy sees ${p.view.label}: ${p.decision.verdict} (${p.decision.reason})`).join('; ')}`,
  };
}

/** Ingress verdict of `destPod` for the source it sees (one view, or alternatives that depend on the CNI). */
export function evaluateIngress(
  index: PolicyIndex,
  destPod: PodModel,
  seen: SeenSource | PeerView,
  port: number | null,
  protocol: Protocol,
): PolicyDecision {
  const down = unavailable(index);
  if (down) return down;
  const s = viewsOf(seen);
  let d = mergeAlternatives(
    s.views.map((view) => ({ view, decision: evaluateView(index, destPod, 'Ingress', view, port, protocol) })),
    s.explanation,
  );
  // Say why the policy sees a rewritten source when that source is not admitted (alternatives already explain it).
  if (s.rewritten && s.views.length === 1 && d.verdict !== 'allowed')
    d = { ...d, reason: `${d.reason}; ${s.explanation}` };
  // hostNetwork pods: NetworkPolicy behaviour is undefined; the common implementation cannot enforce pod policy on
  // them (network-policies.md "NetworkPolicy and hostNetwork pods"). Calico and Cilium are answered in hook.ts.
  if (destPod.hostNetwork && d.verdict !== 'allowed') {
    return {
      ...d,
      verdict: 'unknown',
      reason: `${destPod.key} uses hostNetwork, where Kubernetes leaves NetworkPolicy undefined: does the CNI enforce its ingress policy? Calico and Cilium do not (host traffic); enforced as for a pod it would be ${d.verdict} (${d.reason})`,
    };
  }
  return d;
}

/** Egress verdict of `srcPod` toward the destination it sees (one view, or alternatives). */
export function evaluateEgress(
  index: PolicyIndex,
  srcPod: PodModel,
  dest: SeenSource | PeerView,
  port: number | null,
  protocol: Protocol,
): PolicyDecision {
  const down = unavailable(index);
  if (down) return down;
  const s = viewsOf(dest);
  let d = mergeAlternatives(
    s.views.map((view) => {
      let decision = evaluateView(index, srcPod, 'Egress', view, port, protocol);
      // types.go exempts the pod's own node only for ingress; network-policies.md says "to and from", and plugins differ.
      if (view.ownNode && decision.verdict !== 'allowed') {
        decision = {
          ...decision,
          verdict: 'unknown',
          reason: `egress to the pod's own node is exempt per network-policies.md ("to and from the node") but not per types.go, and plugins differ: by the rules it would be ${decision.verdict} (${decision.reason})`,
        };
      }
      return { view, decision };
    }),
    s.explanation,
  );
  // Say why the policy sees the destination as something else (e.g. a hostNetwork pod as host traffic).
  if (s.rewritten && s.views.length === 1 && d.verdict !== 'allowed')
    d = { ...d, reason: `${d.reason}; ${s.explanation}` };
  if (srcPod.hostNetwork && d.verdict !== 'allowed') {
    return {
      ...d,
      verdict: 'unknown',
      reason: `${srcPod.key} uses hostNetwork, where NetworkPolicy behaviour is undefined (its traffic is usually node traffic): as a pod it would be ${d.verdict} (${d.reason})`,
    };
  }
  return d;
}
