// Types of the NetworkPolicy evaluator: compiled policies, the index, what a policy "sees" of the
// other end of a connection, and the verdict. Plain data; see compile.ts and evaluate.ts.
import type { Cidr, IPAddress } from '../../net/ip';
import type {
  ClusterModel,
  ModelWarning,
  NetworkPolicyModel,
  NodeModel,
  PodModel,
  Protocol,
} from '../../model/cluster';
import type { PolicyVerdict } from '../types';
import type { CompiledSelector } from './selector';
import type { Tri } from './tri';

/** Policy direction, spelled as in `policyTypes`. */
export type Direction = 'Ingress' | 'Egress';

/** One `ports` entry, validated and defaulted (protocol TCP when omitted: defaults.go SetDefaults_NetworkPolicyPort). */
export interface CompiledPort {
  protocol: Protocol;
  /** Numeric port, or null for "every port of this protocol" or a named port. */
  port: number | null;
  endPort: number | null;
  /** Named port (resolved per destination pod's containerPorts). */
  name: string | null;
  /** Why the API would reject this entry; matching it yields `maybe`. */
  invalid: string | null;
  /** Short human form, e.g. `TCP/8080-8090`, `TCP/http`, `UDP/*`. */
  text: string;
}

/** One `from`/`to` entry. */
export type CompiledPeer =
  | { kind: 'selector'; podSelector: CompiledSelector | null; namespaceSelector: CompiledSelector | null; text: string }
  | { kind: 'ipBlock'; cidr: Cidr; except: Cidr[]; text: string }
  /** An entry the API would reject (no peer given, ipBlock mixed with a selector, bad CIDR): matches `maybe`. */
  | { kind: 'invalid'; reason: string; text: string };

/** One ingress or egress rule; null lists mean "any" (types.go NetworkPolicyIngressRule). */
export interface CompiledRule {
  index: number;
  peers: CompiledPeer[] | null;
  ports: CompiledPort[] | null;
}

/** A NetworkPolicy parsed once. */
export interface CompiledPolicy {
  key: string;
  namespace: string;
  name: string;
  podSelector: CompiledSelector;
  /** Directions this policy isolates (its effective policyTypes). */
  isolates: Record<Direction, boolean>;
  rules: Record<Direction, CompiledRule[]>;
  /** Why the API would reject the whole object (bad policyTypes), or null; selection then yields `maybe`. */
  invalid: string | null;
  source: NetworkPolicyModel;
}

/** A policy that (possibly) selects a pod for one direction. */
export interface Selecting {
  policy: CompiledPolicy;
  /** `yes`, or `maybe` when the policy's podSelector is invalid. */
  selects: Tri;
}

/** All NetworkPolicies of a model, compiled and indexed. */
export interface PolicyIndex {
  model: ClusterModel;
  byNamespace: Map<string, CompiledPolicy[]>;
  byKey: Map<string, CompiledPolicy>;
  /** Problems found while compiling (invalid CIDRs, selectors, ports). */
  warnings: ModelWarning[];
  /** Set when NetworkPolicies could not be read (e.g. 403): every verdict is `unknown`. */
  unavailable: string | null;
  /** Cache: pod key → policies selecting it per direction. */
  selectionCache: Map<string, Record<Direction, Selecting[]>>;
  /** The last evaluated pod's namespace, labels and answer (selection.ts: pods of one template come in runs). */
  lastSelection?: { namespace: string; labels: Readonly<Record<string, string>>; out: Record<Direction, Selecting[]> };
}

/**
 * How an `ipBlock` matches an address, which depends on the CNI and on what the address is
 * (../shared/reference/netpol-semantics.md §1.5): `address` = plain CIDR match (Calico, kube-router, external clients);
 * `never` = CIDR selectors never match this identity (Cilium pods; Cilium nodes without
 * policy-cidr-match-mode=nodes); `divergent` = implementations disagree (pod IPs on other CNIs), so a
 * match is `maybe`; `world` = Cilium's `world` identity given to possibly-SNATed packets (cilium/cilium#23603).
 */
export type IpBlockMode = 'address' | 'never' | 'divergent' | 'world';

/** What a policy sees of the other end of a connection (the source for ingress, the destination for egress). */
export interface PeerView {
  kind: 'pod' | 'node' | 'external' | 'world' | 'unknown';
  /** Address matched by ipBlocks; null when not known. */
  ip: string | null;
  /** `ip` parsed once for every ipBlock it is tested against (null when unknown or not an address). */
  address: IPAddress | null;
  /** Pod identity for podSelector/namespaceSelector (never a hostNetwork pod). */
  pod: PodModel | null;
  /** The node, for node-sourced (host or SNAT) addresses. */
  node: NodeModel | null;
  /** Genuine host traffic of the policy pod's own node: ingress always allowed (§1.7); never set for SNATed traffic. */
  ownNode: boolean;
  ipBlockMode: IpBlockMode;
  /** Human description, e.g. `pod shop/client (10.244.1.5)`. */
  label: string;
}

/** The source a destination's ingress policy sees; several views when it depends on implementation ordering. */
export interface SeenSource {
  views: PeerView[];
  /** How the view(s) were derived, with citations. */
  explanation: string;
  /** True when some view is not the client itself (SNAT or identity rewrite): the explanation is added to non-allowed reasons. */
  rewritten?: boolean;
}

/** A NetworkPolicy verdict for one direction (or both, from the hook). */
export interface PolicyDecision {
  verdict: PolicyVerdict;
  reason: string;
  /** Deciding policy keys: the allowing ones, else the isolating ones (denied), else the undecided ones. */
  policies: string[];
  /** True when at least one policy selects the pod for this direction (or may, when its selector is invalid). */
  isolated: boolean;
}
