// The decision kube-proxy (or Cilium's replacement) makes for one packet of one Service port on one node:
// verdict (forward / drop / reject), which endpoint set, and whether the source is rewritten. Shared by the
// packet tracer and the per-Service path builder so both give the same answer.
import { cidrContains } from '../net/ip';
import type { ClusterModel, EndpointModel, NodeModel, Protocol, ServiceModel } from '../model/cluster';
import { ciliumForwardingMode, readCiliumConfig } from './cilium-config';
import type { TopologyMode } from './endpoints';
import { freshArray } from '../util/fresh-array';
import { hasLocalDetector } from './local-traffic';
import { RULES } from './rules';
import { nodePrimaryIP } from './snat';
import type { Dataplane, TrafficPolicy, Verdict } from './types';

/** A Service entry that kube-proxy handles (a pod IP is not one). */
export type ServiceEntryKind = 'clusterIP' | 'nodePort' | 'loadBalancerIP' | 'externalIP';

/**
 * The source as the handling node's proxy sees it: `pod` = inside the LocalTrafficDetector range,
 * `host` = a process on this node (`--src-type LOCAL` / `fib saddr type local`), `external` = anything else.
 */
export type SourceClass = 'pod' | 'host' | 'external';

/** An endpoint set with how it was chosen. */
export interface EndpointSet {
  endpoints: EndpointModel[];
  /** Fell back to serving+terminating endpoints. */
  terminating: boolean;
  topologyMode?: TopologyMode;
}

/** Everything the decision needs; endpoint sets are precomputed (see EndpointIndex). */
export interface ForwardingInput {
  model: ClusterModel;
  dataplane: Dataplane;
  service: ServiceModel;
  portIndex: number;
  protocol: Protocol;
  entry: ServiceEntryKind;
  /** The address the packet was sent to (LB IP, externalIP, ClusterIP, node address). */
  entryAddress: string;
  /** externalTrafficPolicy after any what-if override. */
  externalPolicy: TrafficPolicy;
  /** The node whose proxy handles the packet. */
  node: NodeModel | null;
  nodeName: string | null;
  sourceIP: string;
  sourceClass: SourceClass;
  /** The client is a pod or host process on the handling node (Cilium balances those at the socket). */
  originatesOnNode: boolean;
  cluster: EndpointSet;
  local: EndpointSet;
  hasAnyEndpoints: boolean;
}

/** How the source of a packet to one endpoint is rewritten. */
export type SnatKind =
  /** kube-proxy KUBE-MARK-MASQ → MASQUERADE on the handling node. */
  | 'masquerade'
  /** kube-proxy per-endpoint rule: an endpoint reaching itself is masqueraded (hairpin). */
  | 'hairpin'
  /** Cilium SNAT mode: a remote backend is reached with the receiving node's address. */
  | 'cilium-nodeport'
  /** Cilium: a pod reaching itself through a Service gets the service loopback address. */
  | 'cilium-loopback';

/** The decision. */
export interface ForwardingDecision {
  verdict: Verdict;
  /** The endpoints the packet may reach (empty unless forwarded). */
  chosen: EndpointModel[];
  chosenSet: 'cluster' | 'local' | null;
  /** The Service-level masquerade mark (kube-proxy); per-endpoint rewrites are in `snatFor`. */
  masquerade: boolean;
  /** Cilium north-south forwarding mode for this packet, when relevant. */
  ciliumMode: 'snat' | 'dsr' | null;
  /** How the source is rewritten toward one chosen endpoint (null = the endpoint sees the original source). */
  snatFor: (ep: EndpointModel) => SnatKind | null;
  reason: string;
  rules: string[];
}

const none = () => null;

/**
 * A decision as a class instance, not an object literal: path rows keep theirs for the whole Service, and
 * V8 pretenures a literal's allocation site once a Service with thousands of nodes keeps most of its
 * objects alive through a scavenge — every later decision would then be born in the old generation.
 */
class Decision implements ForwardingDecision {
  #reason: string | (() => string);

  constructor(
    readonly verdict: Verdict,
    readonly chosen: EndpointModel[],
    readonly chosenSet: 'cluster' | 'local' | null,
    readonly masquerade: boolean,
    readonly ciliumMode: 'snat' | 'dsr' | null,
    readonly snatFor: (ep: EndpointModel) => SnatKind | null,
    reason: string | (() => string),
    readonly rules: string[],
  ) {
    this.#reason = reason;
  }

  /**
   * Written when first read: the tracer reads it, the per-Service paths (paths.ts) keep a decision per node row
   * and never do — a Service with a row per node (a DaemonSet under Local: 5,000) built 5,000 sentences for nothing.
   */
  get reason(): string {
    if (typeof this.#reason !== 'string') this.#reason = this.#reason();
    return this.#reason;
  }
}

/** A decision's rule list (not a literal: see Decision and fresh-array.ts). */
const startRules = (): string[] => freshArray<string>(RULES.categorize);

function notForwarded(verdict: Verdict, reason: string, rules: string[]): ForwardingDecision {
  return new Decision(verdict, freshArray<EndpointModel>(), null, false, null, none, reason, rules);
}

const ENTRY_LABEL: Record<ServiceEntryKind, string> = {
  clusterIP: 'ClusterIP',
  nodePort: 'NodePort',
  loadBalancerIP: 'LoadBalancer IP',
  externalIP: 'externalIP',
};

/** "the LoadBalancer IP 198.51.100.10:80 of ns/name", for reasons. */
function svcName(i: ForwardingInput): string {
  const sp = i.service.ports[i.portIndex];
  const port = i.entry === 'nodePort' ? sp?.nodePort : sp?.port;
  const addr = i.entryAddress
    ? i.entryAddress.includes(':')
      ? `[${i.entryAddress}]:${port}`
      : `${i.entryAddress}:${port}`
    : `port ${port}`;
  return `the ${ENTRY_LABEL[i.entry]} ${addr} of ${i.service.key}`;
}

/** Source-range check for an LB IP (§8): allowed sources, plus the LB IP itself when a range covers the node IP. */
export function sourceRangeAllows(input: Pick<ForwardingInput, 'service' | 'entryAddress' | 'sourceIP' | 'node'>): {
  allowed: boolean;
  rule: string;
} {
  const ranges = input.service.loadBalancerSourceRanges;
  if (ranges.some((r) => cidrContains(r, input.sourceIP))) return { allowed: true, rule: RULES.sourceRangesLbOnly };
  const nodeIP = input.node ? nodePrimaryIP(input.node, input.sourceIP.includes(':') ? 6 : 4) : null;
  if (input.sourceIP === input.entryAddress && nodeIP && ranges.some((r) => cidrContains(r, nodeIP))) {
    return { allowed: true, rule: RULES.sourceRangesLbSelf };
  }
  return { allowed: false, rule: RULES.sourceRangesLbOnly };
}

/** Decides what the proxy on `input.node` does with the packet. */
export function decideForwarding(input: ForwardingInput): ForwardingDecision {
  return input.dataplane.proxyMode === 'cilium-kpr' ? decideCilium(input) : decideKubeProxy(input);
}

// ---- kube-proxy: iptables / nftables / ipvs ---------------------------------------------------

function decideKubeProxy(i: ForwardingInput): ForwardingDecision {
  const dp = i.dataplane;
  const ipvs = dp.proxyMode === 'ipvs';
  const rules = startRules();
  const noEndpointVerdict: Verdict = 'rejected';
  if (!i.hasAnyEndpoints) {
    // REJECT in iptables/nftables; ipvs keeps an empty virtual server, which answers ICMP port unreachable (inferred).
    return notForwarded(
      noEndpointVerdict,
      `${svcName(i)} has no ready or serving endpoint anywhere, so ${dp.proxyMode} rejects the packet`,
      [...rules, ipvs ? RULES.ipvsEmptyVirtualServer : RULES.rejectNoEndpoints],
    );
  }
  const emptyLocalVerdict: Verdict = ipvs ? 'rejected' : 'dropped';
  const emptyLocalRule = ipvs ? RULES.ipvsEmptyVirtualServer : null;
  // The closures capture the source address, not `i`: a decision kept with its row must not keep the input alive.
  const sourceIP = i.sourceIP;
  const hairpin =
    (masq: boolean) =>
    (ep: EndpointModel): SnatKind | null =>
      masq ? 'masquerade' : ep.ip === sourceIP ? 'hairpin' : null;

  if (i.entry === 'clusterIP') {
    // Masquerade: masqueradeAll marks everything; otherwise anything not from the pod range; without a
    // detector nothing (all ClusterIP traffic is assumed to come from pods). iTP never changes it.
    let masq: boolean;
    if (dp.masqueradeAll) {
      masq = true;
      rules.push(RULES.masqueradeAll);
    } else if (!hasLocalDetector(dp)) {
      masq = false;
      rules.push(RULES.noLocalDetector);
    } else if (i.sourceClass === 'pod') {
      masq = false;
      rules.push(RULES.masqPodToClusterIP);
    } else {
      masq = true;
      rules.push(i.sourceClass === 'host' ? RULES.masqNodeToClusterIP : RULES.masqExternalToClusterIP);
    }
    if (i.service.internalTrafficPolicy === 'Local') {
      rules.push(RULES.itpDoesNotMasquerade);
      if (i.local.endpoints.length === 0) {
        return notForwarded(
          emptyLocalVerdict,
          `${svcName(i)} has internalTrafficPolicy Local and no usable endpoint on ${i.nodeName ?? 'this node'} (there are some elsewhere), so the packet is ${emptyLocalVerdict}`,
          [...rules, emptyLocalRule ?? RULES.dropItpNoLocalEndpoints],
        );
      }
      if (i.local.terminating) rules.push(RULES.terminatingLocal);
      return forward(i, 'local', masq, hairpin(masq), rules, 'internalTrafficPolicy Local: local endpoints only');
    }
    if (i.cluster.terminating) rules.push(RULES.terminatingCluster);
    if (i.cluster.topologyMode) rules.push(RULES.topologyHints);
    return forward(i, 'cluster', masq, hairpin(masq), rules, null);
  }

  // External entries: NodePort, LB IP, externalIP. iTP does not apply (§5).
  if (i.service.internalTrafficPolicy === 'Local') rules.push(RULES.itpOnlyClusterIP);
  if (i.entry === 'externalIP') rules.push(RULES.externalIPs);
  if (i.entry === 'loadBalancerIP' && i.service.loadBalancerSourceRanges.length > 0) {
    // iptables only builds the KUBE-FW chain when the Service has endpoints, so REJECT above comes first.
    const check = sourceRangeAllows(i);
    rules.push(check.rule);
    if (!check.allowed) {
      return notForwarded(
        'dropped',
        `${i.sourceIP} is outside loadBalancerSourceRanges (${i.service.loadBalancerSourceRanges.map((r) => r.text).join(', ')}) of ${svcName(i)}, so the packet to the LB IP is dropped`,
        rules,
      );
    }
  }
  if (i.externalPolicy === 'Local') {
    if (ipvs) {
      // IPVS picks the virtual server by address and port only: its eTP=Local virtual servers hold local
      // real servers, for every client (inferred). Host sources are still masqueraded (inferred).
      rules.push(RULES.ipvsLocalOnly);
      const masq = i.sourceClass === 'host';
      if (i.local.endpoints.length === 0) {
        return notForwarded(
          'rejected',
          `${svcName(i)} has externalTrafficPolicy Local and ${i.nodeName ?? 'this node'} has no usable local endpoint; the ipvs virtual server is empty and answers ICMP port unreachable (inferred)`,
          [...rules, RULES.ipvsEmptyVirtualServer],
        );
      }
      if (i.local.terminating) rules.push(RULES.terminatingLocal);
      return forward(
        i,
        'local',
        masq,
        hairpin(masq),
        rules,
        'ipvs: eTP=Local virtual servers hold local endpoints only',
      );
    }
    if (i.sourceClass === 'pod') {
      rules.push(RULES.masqLocalPolicyPod, RULES.shortCircuit);
      if (i.cluster.terminating) rules.push(RULES.terminatingCluster);
      return forward(
        i,
        'cluster',
        false,
        hairpin(false),
        rules,
        'a pod source is short-circuited to every endpoint without masquerade',
      );
    }
    if (i.sourceClass === 'host') {
      rules.push(
        i.entry === 'nodePort' && i.sourceIP.startsWith('127.')
          ? RULES.masqLocalhostNodePort
          : RULES.masqLocalPolicyNode,
      );
      if (i.cluster.terminating) rules.push(RULES.terminatingCluster);
      return forward(
        i,
        'cluster',
        true,
        hairpin(true),
        rules,
        'a host-process source reaches every endpoint, masqueraded',
      );
    }
    rules.push(RULES.masqLocalPolicyExternal);
    if (!hasLocalDetector(dp)) rules.push(RULES.noLocalDetector);
    if (i.local.endpoints.length === 0) {
      return notForwarded(
        'dropped',
        `${svcName(i)} has externalTrafficPolicy Local and ${i.nodeName ?? 'this node'} has no usable local endpoint (there are some elsewhere), so ${dp.proxyMode} drops the packet`,
        [...rules, RULES.dropLocalNoLocalEndpoints],
      );
    }
    if (i.local.terminating) rules.push(RULES.terminatingLocal);
    return forward(
      i,
      'local',
      false,
      hairpin(false),
      rules,
      'externalTrafficPolicy Local: local endpoints only, client IP kept',
    );
  }
  rules.push(
    i.entry === 'nodePort' && i.sourceIP.startsWith('127.')
      ? RULES.masqLocalhostNodePort
      : RULES.masqClusterPolicyExternal,
  );
  if (i.cluster.terminating) rules.push(RULES.terminatingCluster);
  if (i.cluster.topologyMode) rules.push(RULES.topologyHints);
  return forward(i, 'cluster', true, hairpin(true), rules, null);
}

function forward(
  i: ForwardingInput,
  set: 'cluster' | 'local',
  masq: boolean,
  snatFor: ForwardingDecision['snatFor'],
  rules: string[],
  why: string | null,
  ciliumMode: 'snat' | 'dsr' | null = null,
): ForwardingDecision {
  const eps = set === 'cluster' ? i.cluster : i.local;
  const reason = () => forwardReason(i, eps, masq, why);
  return new Decision('forwarded', eps.endpoints, set, masq, ciliumMode, snatFor, reason, rules);
}

/** "kube-proxy on node-a sends the ClusterIP … to 3 endpoints, evenly, masqueraded (why)". */
function forwardReason(i: ForwardingInput, eps: EndpointSet, masq: boolean, why: string | null): string {
  const n = eps.endpoints.length;
  const term = eps.terminating ? ' (all serving but terminating: the ready-endpoint fallback)' : '';
  const masqText = masq
    ? 'masqueraded'
    : i.dataplane.proxyMode === 'cilium-kpr'
      ? 'without kube-proxy masquerade'
      : 'not masqueraded';
  const proxy = i.dataplane.proxyMode === 'cilium-kpr' ? 'Cilium' : 'kube-proxy';
  const where = i.nodeName ? ` on ${i.nodeName}` : '';
  return `${proxy}${where} sends ${svcName(i)} to ${n === 1 ? 'its 1 endpoint' : `${n} endpoints, evenly`}${term}, ${masqText}${why ? ` (${why})` : ''}`;
}

// ---- Cilium kube-proxy replacement ---------------------------------------------------------

function decideCilium(i: ForwardingInput): ForwardingDecision {
  const settings = readCiliumConfig(i.model);
  const noBackend: Verdict = settings?.noBackendResponse === 'drop' ? 'dropped' : 'rejected';
  const rules = startRules();
  // The closures capture strings, not `i`: a decision kept with its row must not keep the input alive.
  const sourceIP = i.sourceIP;
  const loopbackOrNone = (ep: EndpointModel): SnatKind | null => (ep.ip === sourceIP ? 'cilium-loopback' : null);
  // A pod or host process on this node: Cilium has no LocalTrafficDetector; its socket LB catches these.
  const inCluster = i.originatesOnNode;
  if (!i.hasAnyEndpoints) {
    return notForwarded(
      noBackend,
      `${svcName(i)} has no ready or serving backend; Cilium answers per service-no-backend-response (${noBackend === 'rejected' ? 'reject' : 'drop'})`,
      [...rules, RULES.ciliumNoBackend],
    );
  }
  if (inCluster) {
    // Socket-level load balancing: no DNAT on the wire, no SNAT; east-west follows iTP (ClusterIP only).
    rules.push(RULES.ciliumSocketLB);
    if (i.entry === 'clusterIP' && i.service.internalTrafficPolicy === 'Local') {
      if (i.local.endpoints.length === 0) {
        return notForwarded(
          noBackend,
          `${svcName(i)} has internalTrafficPolicy Local and no backend on ${i.nodeName ?? 'this node'}; Cilium has no backend for it there (inferred)`,
          [...rules, RULES.ciliumNoBackend],
        );
      }
      return forward(
        i,
        'local',
        false,
        loopbackOrNone,
        rules,
        'Cilium socket LB, internalTrafficPolicy Local: local backends only',
      );
    }
    return forward(
      i,
      'cluster',
      false,
      loopbackOrNone,
      rules,
      'Cilium balances in-cluster clients at the socket: every backend, no SNAT',
    );
  }
  if (i.entry === 'clusterIP' && !settings?.externalClusterIP) {
    return notForwarded(
      'notHandled',
      `Cilium does not expose ClusterIPs outside the cluster (bpf-lb-external-clusterip is off), so ${i.entryAddress} is not handled`,
      [RULES.ciliumExternalClusterIP],
    );
  }
  if (
    i.entry === 'loadBalancerIP' &&
    i.service.loadBalancerSourceRanges.length > 0 &&
    (i.dataplane.cilium?.sourceRangeCheck ?? true)
  ) {
    const check = sourceRangeAllows(i);
    rules.push(RULES.ciliumSourceRanges);
    if (!check.allowed) {
      return notForwarded(
        'dropped',
        `${i.sourceIP} is outside loadBalancerSourceRanges of ${svcName(i)}; Cilium drops it`,
        rules,
      );
    }
  }
  if (i.externalPolicy === 'Local' && i.entry !== 'clusterIP') {
    rules.push(RULES.masqLocalPolicyExternal);
    if (i.local.endpoints.length === 0) {
      return notForwarded(
        noBackend,
        `${svcName(i)} has externalTrafficPolicy Local and no backend on ${i.nodeName ?? 'this node'}; Cilium has no backend for it there (inferred)`,
        [...rules, RULES.ciliumNoBackend],
      );
    }
    return forward(i, 'local', false, none, rules, 'externalTrafficPolicy Local: local backends, client IP kept');
  }
  const fm = ciliumForwardingMode(i.dataplane, i.model, i.service, i.protocol);
  rules.push(fm.rule);
  const here = i.nodeName;
  const snatFor =
    fm.mode === 'dsr'
      ? none
      : (ep: EndpointModel): SnatKind | null =>
          ep.nodeName !== null && ep.nodeName === here ? null : 'cilium-nodeport';
  const why =
    fm.mode === 'dsr'
      ? 'Cilium DSR: the backend sees the client IP'
      : 'Cilium SNAT mode: remote backends see the receiving node, a local backend sees the client';
  return forward(i, 'cluster', false, snatFor, rules, why, fm.mode);
}
