// What a policy "sees" of the other end, and how ipBlocks match it on the detected CNI
// (../shared/reference/netpol-semantics.md §1.5, §3). Constructors for the PeerView shapes evaluate.ts consumes.
import { parseIP, type IPAddress } from '../../net/ip';
import type { NodeModel, PodModel } from '../../model/cluster';
import type { Dataplane, ProxyMode } from '../types';
import { hostNetworkIsHost } from './host-network';
import type { IpBlockMode, PeerView } from './types';

/** The policy implementation, as far as the dataplane reveals it. */
export type PolicyEngine = 'calico' | 'kube-router' | 'cilium' | 'antrea' | 'aws-vpc-cni' | 'unknown';

/** The properties of the dataplane that change policy answers. */
export interface PolicyTraits {
  engine: PolicyEngine;
  proxyMode: ProxyMode | null;
  ciliumKPR: boolean;
  /** Cilium `policy-cidr-match-mode` includes `nodes`. */
  policyCIDRMatchNodes: boolean;
  /** Human name, e.g. "Calico (iptables)". */
  label: string;
}

/** Derives the policy traits from the detected dataplane (null = nothing known). */
export function policyTraits(dp: Dataplane | null | undefined): PolicyTraits {
  if (!dp)
    return {
      engine: 'unknown',
      proxyMode: null,
      ciliumKPR: false,
      policyCIDRMatchNodes: false,
      label: 'an unknown CNI',
    };
  const ciliumKPR = dp.proxyMode === 'cilium-kpr' || dp.cilium?.kubeProxyReplacement === true;
  const isCilium = dp.cni === 'cilium' || dp.cilium !== null || ciliumKPR;
  // flannel enforces no policy itself; its policy engines are kube-router or Canal (Calico policy), both
  // iptables filter-chain engines with plain address ipBlocks (§3.4, inference).
  const engine: PolicyEngine = isCilium
    ? 'cilium'
    : dp.cni === 'calico'
      ? 'calico'
      : dp.cni === 'flannel'
        ? 'kube-router'
        : dp.cni === 'antrea'
          ? 'antrea'
          : dp.cni === 'aws-vpc-cni'
            ? 'aws-vpc-cni'
            : 'unknown';
  const names: Record<PolicyEngine, string> = {
    calico: 'Calico',
    'kube-router': 'flannel (kube-router or Canal policy)',
    cilium: ciliumKPR ? 'Cilium (kube-proxy replacement)' : 'Cilium with kube-proxy',
    antrea: 'Antrea',
    'aws-vpc-cni': 'AWS VPC CNI',
    unknown: 'an unknown CNI',
  };
  return {
    engine,
    proxyMode: dp.proxyMode,
    ciliumKPR,
    policyCIDRMatchNodes: dp.cilium?.policyCIDRMatchNodes === true,
    label: names[engine],
  };
}

/** The view's address parsed once: a pod can be tested against every ipBlock of its namespace's policies. */
function addressOf(ip: string | null): IPAddress | null {
  return ip === null ? null : parseIP(ip);
}

/** How ipBlocks match a pod IP on this engine (§1.5). */
export function podIpBlockMode(t: PolicyTraits): IpBlockMode {
  // Calico converts ipBlock to nets/notNets and kube-router to ipsets: plain address match (conversion.go; evalIPBlockPeer).
  if (t.engine === 'calico' || t.engine === 'kube-router') return 'address';
  // Cilium: "ipBlock set with a pod IP" is unsupported (policy.rst, cilium/cilium#9209).
  if (t.engine === 'cilium') return 'never';
  return 'divergent';
}

/** How ipBlocks match a node address on this engine (§1.5 "Does an ipBlock match node IPs?"). */
export function nodeIpBlockMode(t: PolicyTraits): IpBlockMode {
  // Cilium matches nodes with CIDR selectors only with --policy-cidr-match-mode=nodes (language.rst "Selecting nodes with CIDR / ipBlock").
  if (t.engine === 'cilium') return t.policyCIDRMatchNodes ? 'address' : 'never';
  return 'address';
}

/** A pod as the other end (never a hostNetwork pod: see hostNetworkViews). */
export function podView(pod: PodModel, t: PolicyTraits, ip: string | null = pod.ip): PeerView {
  return {
    kind: 'pod',
    ip,
    address: addressOf(ip),
    pod,
    node: null,
    ownNode: false,
    ipBlockMode: podIpBlockMode(t),
    label: `pod ${pod.key} (${ip ?? 'no IP'})`,
  };
}

/** A node address (host process, hostNetwork pod, or SNAT source). `ownNode` only for genuine host traffic of the policy pod's node. */
export function nodeView(
  node: NodeModel | null,
  ip: string | null,
  t: PolicyTraits,
  ownNode: boolean,
  label?: string,
): PeerView {
  return {
    kind: 'node',
    ip,
    address: addressOf(ip),
    pod: null,
    node,
    ownNode,
    ipBlockMode: nodeIpBlockMode(t),
    label: label ?? `node ${node?.name ?? '(unknown)'} (${ip ?? 'address unknown'})`,
  };
}

/** An address outside the cluster: ipBlocks match it by address on every plugin. */
export function externalView(ip: string | null, label?: string): PeerView {
  return {
    kind: 'external',
    ip,
    address: addressOf(ip),
    pod: null,
    node: null,
    ownNode: false,
    ipBlockMode: 'address',
    label: label ?? `outside address ${ip ?? '(unknown)'}`,
  };
}

/** Cilium's `world` identity for a possibly-SNATed packet (cilium/cilium#23603). */
export function worldView(ip: string | null, node: NodeModel | null): PeerView {
  return {
    kind: 'world',
    ip,
    address: addressOf(ip),
    pod: null,
    node,
    ownNode: false,
    ipBlockMode: 'world',
    label: `identity world (SNAT address ${ip ?? 'unknown'})`,
  };
}

/** The views of a hostNetwork pod: node traffic (what plugins do), plus "as a pod" where that is not documented. */
export function hostNetworkViews(
  pod: PodModel,
  node: NodeModel | null,
  ip: string | null,
  t: PolicyTraits,
  ownNode: boolean,
): PeerView[] {
  const asNode = nodeView(
    node,
    ip,
    t,
    ownNode,
    `hostNetwork pod ${pod.key} as node ${node?.name ?? pod.nodeName ?? '(unknown)'} traffic (${ip ?? 'no IP'})`,
  );
  // Calico and Cilium document hostNetwork pods as host traffic (host-network.ts: projectcalico/calico#4493;
  // Cilium language.rst entities); elsewhere it is undefined (network-policies.md).
  if (hostNetworkIsHost(t)) return [asNode];
  return [asNode, { ...podView(pod, t, ip), label: `hostNetwork pod ${pod.key} as a pod (${ip ?? 'no IP'})` }];
}
