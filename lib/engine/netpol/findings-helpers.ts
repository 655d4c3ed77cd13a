// Queries the findings engine needs about policies: which ingress rules apply to a set of pods, their
// ipBlock allow-lists, which node addresses an ipBlock admits, and named ports that resolve to
// nothing. Built on the per-pod selection cache, so a Service's endpoint pods cost one namespace scan each.
import { cidrContains } from '../../net/ip';
import type { ClusterModel, PodModel, Protocol } from '../../model/cluster';
import { namespaceMatches } from './peers';
import { selectionFor } from './selection';
import { selectorMatches } from './selector';
import type { Tri } from './tri';
import type { CompiledPeer, CompiledPolicy, CompiledPort, CompiledRule, Direction, PolicyIndex } from './types';
import { nodeAddressesInCidr, type NodeAddress } from './node-addresses';

/** An ingress rule of a policy that selects some of the given pods. */
export interface RuleRef {
  policy: CompiledPolicy;
  rule: CompiledRule;
  /** Keys of the given pods the policy selects. */
  pods: string[];
  /** `maybe` when the policy's selection is uncertain (invalid selector or object). */
  selects: Tri;
}

/** Ingress rules of every policy that isolates at least one of the pods for ingress. */
export function ingressRulesForPods(index: PolicyIndex, pods: Iterable<PodModel>): RuleRef[] {
  const byPolicy = new Map<string, { policy: CompiledPolicy; pods: string[]; selects: Tri }>();
  for (const pod of pods) {
    for (const s of selectionFor(index, pod).Ingress) {
      const e = byPolicy.get(s.policy.key);
      if (e) {
        e.pods.push(pod.key);
        if (s.selects === 'yes') e.selects = 'yes';
      } else byPolicy.set(s.policy.key, { policy: s.policy, pods: [pod.key], selects: s.selects });
    }
  }
  const out: RuleRef[] = [];
  for (const e of byPolicy.values())
    for (const rule of e.policy.rules.Ingress) out.push({ policy: e.policy, rule, pods: e.pods, selects: e.selects });
  return out;
}

/** One ipBlock peer of an ingress rule that applies to some of the given pods. */
export interface IpBlockAllowList {
  policy: string;
  ruleIndex: number;
  cidr: string;
  except: string[];
  /** The rule's ports (null = any port). */
  ports: CompiledPort[] | null;
  /** Keys of the given pods the policy selects. */
  pods: string[];
  selects: Tri;
  /** The compiled peer (parsed CIDRs) for further checks. */
  peer: Extract<CompiledPeer, { kind: 'ipBlock' }>;
}

/** All ipBlock allow-list peers of ingress rules of policies selecting the given pods. */
export function ipBlockAllowLists(index: PolicyIndex, pods: Iterable<PodModel>): IpBlockAllowList[] {
  const out: IpBlockAllowList[] = [];
  for (const ref of ingressRulesForPods(index, pods)) {
    for (const peer of ref.rule.peers ?? []) {
      if (peer.kind !== 'ipBlock') continue;
      out.push({
        policy: ref.policy.key,
        ruleIndex: ref.rule.index,
        cidr: peer.cidr.text,
        except: peer.except.map((e) => e.text),
        ports: ref.rule.ports,
        pods: ref.pods,
        selects: ref.selects,
        peer,
      });
    }
  }
  return out;
}

/** Node (and tunnel / derived gateway) addresses an ipBlock admits: inside `cidr` and outside every `except`. */
export function ipBlockNodeAddresses(
  model: ClusterModel,
  peer: Extract<CompiledPeer, { kind: 'ipBlock' }>,
  includeDerived = true,
): NodeAddress[] {
  return nodeAddressesInCidr(model, peer.cidr, { includeDerived }).filter(
    (a) => !peer.except.some((e) => cidrContains(e, a.address)),
  );
}

/** A policy port naming something no relevant pod exposes. */
export interface NamedPortIssue {
  policy: string;
  direction: Direction;
  ruleIndex: number;
  name: string;
  protocol: Protocol;
  /** Pods the name was resolved against (ingress: pods the policy selects; egress: pods its peers select). */
  candidatePods: number;
  message: string;
}

function exposes(pod: PodModel, name: string, protocol: Protocol): boolean {
  return pod.containerPorts.some((c) => c.name === name && c.protocol === protocol);
}

/** Pods a rule's `to` selector peers may select (ipBlock peers have no pods to resolve names on). */
function peerPods(index: PolicyIndex, policy: CompiledPolicy, rule: CompiledRule): PodModel[] | 'all' {
  if (rule.peers === null) return 'all';
  const model = index.model;
  const out: PodModel[] = [];
  for (const peer of rule.peers) {
    if (peer.kind === 'invalid') return 'all';
    if (peer.kind !== 'selector') continue;
    const namespaces =
      peer.namespaceSelector === null
        ? [policy.namespace]
        : [...model.podsByNamespace.keys()].filter(
            (ns) => namespaceMatches(index, peer.namespaceSelector!, ns).tri !== 'no',
          );
    for (const ns of namespaces) {
      for (const pod of model.podsByNamespace.get(ns) ?? []) {
        if (pod.hostNetwork) continue;
        if (peer.podSelector === null || selectorMatches(peer.podSelector, pod.labels) !== 'no') out.push(pod);
      }
    }
  }
  return out;
}

/**
 * Named ports in policies that resolve to nothing: an ingress rule's name that no pod the policy
 * selects exposes with that protocol, or an egress rule's name that no pod its peers select exposes
 * (e2e "should allow ingress access on one named port"; netpol-analyzer "named ports of the rule have
 * no match in the configuration of the destination peer").
 */
export function unresolvedNamedPorts(index: PolicyIndex): NamedPortIssue[] {
  const out: NamedPortIssue[] = [];
  const model = index.model;
  let clusterNames: Set<string> | null = null;
  const key = (name: string, protocol: Protocol) => `${protocol}/${name}`;
  for (const [ns, policies] of index.byNamespace) {
    const named = (p: CompiledPolicy, dir: Direction) =>
      p.isolates[dir] && p.rules[dir].some((r) => r.ports?.some((x) => x.name !== null));
    // Ingress: resolve against pods the policy selects.
    const ingressPolicies = policies.filter((p) => named(p, 'Ingress'));
    if (ingressPolicies.length) {
      const exposed = new Map<string, { names: Set<string>; pods: number }>();
      for (const p of ingressPolicies) exposed.set(p.key, { names: new Set(), pods: 0 });
      for (const pod of model.podsByNamespace.get(ns) ?? []) {
        for (const s of selectionFor(index, pod).Ingress) {
          const e = exposed.get(s.policy.key);
          if (!e) continue;
          e.pods++;
          for (const c of pod.containerPorts) if (c.name) e.names.add(key(c.name, c.protocol));
        }
      }
      for (const p of ingressPolicies) {
        const e = exposed.get(p.key)!;
        for (const rule of p.rules.Ingress)
          for (const port of rule.ports ?? []) {
            if (port.name === null || e.names.has(key(port.name, port.protocol))) continue;
            out.push({
              policy: p.key,
              direction: 'Ingress',
              ruleIndex: rule.index,
              name: port.name,
              protocol: port.protocol,
              candidatePods: e.pods,
              message:
                e.pods === 0
                  ? `${p.key} ingress[${rule.index}] names port "${port.name}" (${port.protocol}), but the policy selects no pods`
                  : `${p.key} ingress[${rule.index}] names port "${port.name}" (${port.protocol}), which none of the ${e.pods} selected pods exposes, so the entry admits nothing`,
            });
          }
      }
    }
    // Egress: resolve against the destination pods the rule's peers select.
    for (const p of policies.filter((x) => named(x, 'Egress'))) {
      for (const rule of p.rules.Egress) {
        const ports = (rule.ports ?? []).filter((x) => x.name !== null);
        if (!ports.length) continue;
        const pods = peerPods(index, p, rule);
        for (const port of ports) {
          let found: boolean;
          let count: number;
          if (pods === 'all') {
            clusterNames ??= new Set(
              [...model.pods.values()].flatMap((pod) =>
                pod.containerPorts.filter((c) => c.name).map((c) => key(c.name!, c.protocol)),
              ),
            );
            found = clusterNames.has(key(port.name!, port.protocol));
            count = model.pods.size;
          } else {
            found = pods.some((pod) => exposes(pod, port.name!, port.protocol));
            count = pods.length;
          }
          if (found) continue;
          out.push({
            policy: p.key,
            direction: 'Egress',
            ruleIndex: rule.index,
            name: port.name!,
            protocol: port.protocol,
            candidatePods: count,
            message: `${p.key} egress[${rule.index}] names port "${port.name}" (${port.protocol}), which none of the ${count} destination pods its peers select exposes, so the entry admits nothing`,
          });
        }
      }
    }
  }
  return out;
}
