// Cluster-wide facts for the finding stages, computed once per analysis: compiled policies, the policy
// hook, node classes, and lazily the named-port issues and a pod → Services index.
import type { ClusterModel } from '../../model/cluster';
import {
  compilePolicies,
  createPolicyHook,
  policyTraits,
  unresolvedNamedPorts,
  type NamedPortIssue,
  type PolicyIndex,
} from '../netpol';
import { buildNodeClasses } from '../node-classes';
import { nodePortServedOn } from '../nodeport';
import type { Dataplane } from '../types';
import { nodeCoverageOf, type NodeCoverage } from './node-coverage';
import { isClientAllowList, podRangesOf } from './sample-client';
import type { ClusterFacts } from './types';

/** Builds the cluster facts; `policies` may be passed in when the caller already compiled them. */
export function createClusterFacts(
  model: ClusterModel,
  dataplane: Dataplane,
  policies: PolicyIndex = compilePolicies(model),
): ClusterFacts {
  let namedPorts: NamedPortIssue[] | null = null;
  let podServices: Map<string, string[]> | null = null;
  const coverage = new Map<string, NodeCoverage>();
  const memos = new Map<string, unknown>();
  const podRanges = podRangesOf(dataplane);
  const clientLists = new Map<string, boolean>();
  const portRanges = new Map<string, [number, number][]>();
  const facts: ClusterFacts = {
    model,
    dataplane,
    policies,
    hook: createPolicyHook(model, dataplane, policies),
    traits: policyTraits(dataplane),
    nodeClasses: buildNodeClasses(model),
    namedPortIssues: () => (namedPorts ??= unresolvedNamedPorts(policies)),
    servicesOfPod(podKey) {
      if (!podServices) {
        podServices = new Map();
        for (const [svc, eps] of model.endpointsByService) {
          for (const ep of eps) {
            if (!ep.podKey) continue;
            const l = podServices.get(ep.podKey);
            if (!l) podServices.set(ep.podKey, [svc]);
            else if (!l.includes(svc)) l.push(svc);
          }
        }
      }
      return podServices.get(podKey) ?? [];
    },
    nodeCoverage(allowList) {
      let c = coverage.get(allowList.peer.text);
      if (!c) coverage.set(allowList.peer.text, (c = nodeCoverageOf(model, dataplane, allowList)));
      return c;
    },
    podRanges,
    isClientAllowList(allowList) {
      let v = clientLists.get(allowList.peer.text);
      if (v === undefined) clientLists.set(allowList.peer.text, (v = isClientAllowList(model, podRanges, allowList)));
      return v;
    },
    ingressPortRanges(namespace) {
      // By namespace in a map of its own: no key string built per call.
      let out = portRanges.get(namespace);
      if (out) return out;
      out = [];
      for (const p of policies.byNamespace.get(namespace) ?? []) {
        if (!p.isolates.Ingress) continue;
        for (const r of p.rules.Ingress)
          for (const port of r.ports ?? []) if (port.port !== null) out.push([port.port, port.endPort ?? port.port]);
      }
      portRanges.set(namespace, out);
      return out;
    },
    memo<T>(key: string, compute: () => T): T {
      // One lookup on a hit (most calls: several rules read each Service's memo), not two.
      const hit = memos.get(key);
      if (hit !== undefined || memos.has(key)) return hit as T;
      const value = compute();
      memos.set(key, value);
      return value;
    },
    nodePortAddress: {
      4: representativeNodePortAddress(model, dataplane, 4),
      6: representativeNodePortAddress(model, dataplane, 6),
    },
  };
  return facts;
}

/**
 * The node NodePort entries are shown on: the first node by name that a load balancer would use (not
 * excluded, not being deleted), else the first node at all, with an address of the family that serves
 * NodePorts in this dataplane. O(nodes), once.
 */
function representativeNodePortAddress(
  model: ClusterModel,
  dataplane: Dataplane,
  family: 4 | 6,
): { node: string; address: string } | null {
  let best: { node: string; address: string; rank: number } | null = null;
  for (const node of model.nodes.values()) {
    const rank = node.excludedFromLB || node.beingDeleted ? 1 : 0;
    if (best && (rank > best.rank || (rank === best.rank && node.name >= best.node))) continue;
    for (const address of [...node.internalIPs, ...node.externalIPs]) {
      if ((address.includes(':') ? 6 : 4) !== family) continue;
      if (nodePortServedOn(dataplane, node, address).served) {
        best = { node: node.name, address, rank };
        break;
      }
    }
  }
  return best ? { node: best.node, address: best.address } : null;
}
