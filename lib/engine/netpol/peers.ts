// Matching a rule's peers (`from` / `to`) against what the policy sees of the other end.
// Selector peers: podSelector alone = pods of the policy's namespace; namespaceSelector alone = all
// pods of the selected namespaces; both in one entry = AND; separate entries = OR (network-policies.md
// "Behavior of to and from selectors"; e2e "should enforce policy based on PodSelector and
// NamespaceSelector" vs "...PodSelector or NamespaceSelector"). Selectors only ever match pods
// (never nodes, hostNetwork pods or outside addresses). ipBlock matching depends on the CNI (§1.5),
// carried by the view's `ipBlockMode`.
import { cidrContains, type IPAddress } from '../../net/ip';
import type { PodModel } from '../../model/cluster';
import { selectorMatches, selectorMatchesPartial } from './selector';
import { and, tri, type Tri } from './tri';
import type { CompiledPeer, CompiledPolicy, PeerView, PolicyIndex } from './types';

/** A peer match with the notes that explain a `maybe` (or a surprising `no`). */
export interface Match {
  tri: Tri;
  /** Read-only: the answers without notes below share one empty array. */
  notes: string[];
}

/**
 * The answers without notes, shared: a namespace's policies are tested tens of peers at a time for every pod and
 * every source it may see, and each fresh answer was two objects for the collector. Never mutated (the evaluator
 * copies notes into arrays of its own).
 */
const NO_NOTES: string[] = [];
export const MATCH_YES: Match = { tri: 'yes', notes: NO_NOTES };
export const MATCH_NO: Match = { tri: 'no', notes: NO_NOTES };
export const MATCH_MAYBE: Match = { tri: 'maybe', notes: NO_NOTES };

/** The shared answer without notes for `t`. */
export function bare(t: Tri): Match {
  return t === 'yes' ? MATCH_YES : t === 'no' ? MATCH_NO : MATCH_MAYBE;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Does a namespaceSelector select the namespace? Missing namespaces are decided only by their name label. */
export function namespaceMatches(
  index: PolicyIndex,
  sel: NonNullable<Extract<CompiledPeer, { kind: 'selector' }>['namespaceSelector']>,
  ns: string,
): Match {
  const known = index.model.namespaces.get(ns);
  if (known)
    return {
      tri: selectorMatches(sel, known.labels),
      notes: sel.invalid ? [`namespaceSelector invalid: ${sel.invalid}`] : [],
    };
  // The control plane sets kubernetes.io/metadata.name on every namespace (network-policies.md); other labels are unknown.
  const t = selectorMatchesPartial(sel, { [NAME_LABEL]: ns });
  const why = index.model.unavailableKinds.Namespace
    ? `Namespaces could not be read (${index.model.unavailableKinds.Namespace})`
    : `namespace ${ns} is not in the cluster data`;
  return {
    tri: t,
    notes: t === 'maybe' ? [`${why}, so its labels for namespaceSelector ${sel.text} are unknown`] : [],
  };
}

function selectorPeerMatches(
  index: PolicyIndex,
  policy: CompiledPolicy,
  peer: Extract<CompiledPeer, { kind: 'selector' }>,
  pod: PodModel,
): Match {
  const notes: string[] = [];
  let nsTri: Tri;
  if (peer.namespaceSelector === null) {
    // podSelector alone: only the policy's own namespace (types.go NetworkPolicyPeer.podSelector).
    nsTri = tri(pod.namespace === policy.namespace);
  } else {
    const m = namespaceMatches(index, peer.namespaceSelector, pod.namespace);
    nsTri = m.tri;
    notes.push(...m.notes);
  }
  let podTri: Tri = 'yes';
  if (peer.podSelector !== null) {
    podTri = selectorMatches(peer.podSelector, pod.labels);
    if (peer.podSelector.invalid) notes.push(`podSelector invalid: ${peer.podSelector.invalid}`);
  }
  return { tri: and(nsTri, podTri), notes };
}

/** Plain CIDR-minus-excepts containment. */
function inBlock(peer: Extract<CompiledPeer, { kind: 'ipBlock' }>, ip: IPAddress): boolean {
  if (!cidrContains(peer.cidr, ip)) return false;
  for (const e of peer.except) if (cidrContains(e, ip)) return false;
  return true;
}

function ipBlockMatches(peer: Extract<CompiledPeer, { kind: 'ipBlock' }>, view: PeerView): Match {
  if (view.ip === null)
    return { tri: 'maybe', notes: [`the address is not known, so ${peer.text} may or may not match`] };
  const plain = view.address !== null && inBlock(peer, view.address);
  switch (view.ipBlockMode) {
    case 'address':
      return plain ? MATCH_YES : MATCH_NO;
    case 'never':
      // Cilium: CIDR selectors do not match in-cluster entities (cilium language.rst "IP/CIDR based";
      // policy.rst lists "ipBlock set with a pod IP" as unsupported, cilium/cilium#9209).
      return {
        tri: 'no',
        notes: plain
          ? [
              `${peer.text} contains ${view.ip}, but Cilium does not apply CIDR rules to ${view.kind === 'pod' ? 'pod' : 'node'} identities${view.kind === 'node' ? ' unless policy-cidr-match-mode includes nodes' : ''}`,
            ]
          : [],
      };
    case 'divergent':
      // Implementations disagree on ipBlock vs pod IPs (../shared/reference/netpol-semantics.md §1.5): e2e/cyclonus/Calico/kube-router match, Cilium/netpol-analyzer do not.
      return plain
        ? {
            tri: 'maybe',
            notes: [
              `${peer.text} contains pod IP ${view.ip}: Calico, kube-router and the upstream e2e tests match it, Cilium and netpol-analyzer never do (kubernetes/kubernetes#49978, cilium/cilium#9209)`,
            ],
          }
        : MATCH_NO;
    case 'world': {
      if (view.address?.family !== peer.cidr.family) return MATCH_NO;
      // Cilium treats possibly-SNATed packets as `world` (cilium/cilium#23603): 0.0.0.0/0 allows, a client /N denies;
      // a narrower CIDR that contains the SNAT address gives no guarantee (cilium/cilium#25220).
      if (peer.cidr.prefix === 0 && plain) return MATCH_YES;
      if (peer.cidr.prefix === 0 || plain) {
        return {
          tri: 'maybe',
          notes: [
            `Cilium sees this SNATed packet as identity world; whether ${peer.text} matches it is not guaranteed (cilium/cilium#25220)`,
          ],
        };
      }
      return MATCH_NO;
    }
  }
}

/** Matches one peer against the view. */
export function peerMatches(index: PolicyIndex, policy: CompiledPolicy, peer: CompiledPeer, view: PeerView): Match {
  switch (peer.kind) {
    case 'invalid':
      return { tri: 'maybe', notes: [`${policy.key} has an invalid peer (${peer.reason})`] };
    case 'ipBlock':
      return ipBlockMatches(peer, view);
    case 'selector':
      if (view.kind === 'pod' && view.pod) return selectorPeerMatches(index, policy, peer, view.pod);
      // Selectors select pods only; an outside address could still be a pod when Pods were unreadable.
      if (view.kind === 'external' && index.model.unavailableKinds.Pod) {
        return {
          tri: 'maybe',
          notes: [
            `Pods could not be read (${index.model.unavailableKinds.Pod}); ${view.ip ?? 'the address'} may be a pod matching ${peer.text}`,
          ],
        };
      }
      if (view.kind === 'unknown')
        return { tri: 'maybe', notes: [`the other end is not known, so ${peer.text} may match`] };
      return MATCH_NO;
  }
}
