// Which source the destination pod's ingress policy SEES (../shared/reference/netpol-semantics.md §2, §3, §1.7): the
// client itself, or the address it was masqueraded to, depending on where the SNAT happens relative
// to the policy hook on each CNI. When the answer depends on undocumented ordering, several views are
// returned and evaluate.ts reports `unknown` if they lead to different verdicts.
import { canonicalIP } from '../../net/ip';
import type { ClusterModel, NodeModel, PodModel } from '../../model/cluster';
import type { Dataplane } from '../types';
import type { PolicyQuestion } from './question';
import { hostTrafficExplanation } from './host-network';
import type { PeerView, SeenSource } from './types';
import { externalView, hostNetworkViews, nodeView, podView, policyTraits, worldView, type PolicyTraits } from './views';

/** The client as the policy engine classifies it. */
export type PolicyClient =
  | { kind: 'pod'; pod: PodModel }
  | { kind: 'host'; node: NodeModel | null; hostNetworkPod: PodModel | null }
  | { kind: 'external' };

/** Classifies the client of a question (falls back to the model's address indexes when given). */
export function classifyClient(q: PolicyQuestion, model?: ClusterModel): PolicyClient {
  const ip = canonicalIP(q.clientIP);
  if (q.clientPod && !q.clientPod.hostNetwork) return { kind: 'pod', pod: q.clientPod };
  if (q.clientPod)
    return {
      kind: 'host',
      node: q.clientNode ?? model?.nodes.get(q.clientPod.nodeName ?? '') ?? null,
      hostNetworkPod: q.clientPod,
    };
  if (q.clientNode) return { kind: 'host', node: q.clientNode, hostNetworkPod: null };
  const pod = model?.podsByIP.get(ip);
  if (pod) return { kind: 'pod', pod };
  const node = model?.nodeByAddress.get(ip);
  if (node) return { kind: 'host', node, hostNetworkPod: null };
  return { kind: 'external' };
}

/** What the policy would see with no NAT at all: the client itself. */
function clientViews(client: PolicyClient, q: PolicyQuestion, t: PolicyTraits): PeerView[] {
  const destNode = q.destPod?.nodeName ?? null;
  switch (client.kind) {
    case 'pod':
      return [podView(client.pod, t, q.clientIP)];
    case 'host': {
      const own = destNode !== null && client.node?.name === destNode;
      if (client.hostNetworkPod) return hostNetworkViews(client.hostNetworkPod, client.node, q.clientIP, t, own);
      return [
        nodeView(
          client.node,
          q.clientIP,
          t,
          own,
          `node ${client.node?.name ?? '(unknown)'} host process (${q.clientIP})`,
        ),
      ];
    }
    case 'external':
      return [externalView(q.clientIP, `client ${q.clientIP}`)];
  }
}

/**
 * The source the destination's ingress policy sees for this packet. `model` is optional and only
 * used to resolve addresses the question leaves unresolved.
 */
export function policySeenSource(dataplane: Dataplane | null, q: PolicyQuestion, model?: ClusterModel): SeenSource {
  const t = policyTraits(dataplane);
  const client = classifyClient(q, model);
  const original = clientViews(client, q, t);
  if (!q.masqueraded) {
    const hostTraffic = client.kind === 'host' && client.hostNetworkPod;
    const why = hostTraffic ? hostTrafficExplanation(client.hostNetworkPod!, t) : null;
    if (why) return { views: original, explanation: why, rewritten: true };
    if (original.length > 1) {
      return {
        views: original,
        explanation: `NetworkPolicy behaviour for hostNetwork pods is undefined; most plugins treat their traffic as node traffic (network-policies.md "NetworkPolicy and hostNetwork pods")`,
      };
    }
    return { views: original, explanation: `not masqueraded: the policy sees the client itself` };
  }
  const S = q.snatSource ? canonicalIP(q.snatSource) : null;
  const N = q.ingressNode ?? (S ? (model?.nodeByAddress.get(S) ?? null) : null);
  const destNode = q.destPod?.nodeName ?? null;
  // Same node: SNAT and the endpoint on the node that received the packet; null when not known.
  const sameNode: boolean | null = N && destNode ? N.name === destNode : null;
  // SNATed traffic is never the node-local exception, even with the node's own address (§1.7 second bullet).
  const snat = nodeView(N, S, t, false, `SNAT address ${S ?? '(unknown)'} of node ${N?.name ?? '(unknown)'}`);
  const hostClient = client.kind === 'host';
  const alternatives = (views: PeerView[], why: string): SeenSource => ({ views, explanation: why, rewritten: true });

  switch (t.engine) {
    case 'calico':
    case 'kube-router': {
      if (sameNode === true && t.proxyMode === 'ipvs') {
        return alternatives(
          [...original, snat],
          `${t.label} with kube-proxy ipvs: whether pod policy runs before MASQUERADE on the endpoint's own node is not documented`,
        );
      }
      if (sameNode === true) {
        return {
          views: original,
          explanation: `${t.label}: pod policy runs in the filter chains before POSTROUTING MASQUERADE, so on the endpoint's own node it sees the original client (projectcalico/calico#1379 reporter; inference from netfilter order)`,
        };
      }
      if (sameNode === null) return alternatives([...original, snat], `which node masqueraded the packet is not known`);
      return {
        views: [snat],
        rewritten: true,
        explanation: `${t.label}: masqueraded on ${N!.name} before reaching the endpoint's node, so the policy sees the SNAT address (the tunnel address on IPIP/VXLAN) (tigera about-kubernetes-services; projectcalico/calico#1379, #3665)`,
      };
    }
    case 'cilium': {
      if (t.ciliumKPR) {
        if (sameNode === false) {
          return {
            rewritten: true,
            views: [
              nodeView(
                N,
                S,
                t,
                false,
                `node ${N?.name ?? '(unknown)'} (identity remote-node, ${S ?? 'address unknown'})`,
              ),
            ],
            explanation: `Cilium kube-proxy replacement in SNAT mode: the backend sees the ingress node as identity remote-node; CIDR rules match nodes only with policy-cidr-match-mode=nodes (kubeproxy-free.rst; cilium/cilium#19010; language.rst)`,
          };
        }
        return alternatives(
          [...original, worldView(S, N)],
          `Cilium kube-proxy replacement does not normally SNAT to a local backend; what identity such a packet gets is not documented`,
        );
      }
      // Cilium behind kube-proxy: the node address of a possibly-SNATed packet is discarded and treated as world (cilium/cilium#23603, #17144).
      const world = worldView(S, N);
      if (hostClient)
        return alternatives(
          [world, ...original],
          `Cilium cannot tell host-originated traffic from kube-proxy-SNATed traffic (cilium/cilium#23603)`,
        );
      return {
        views: [world],
        rewritten: true,
        explanation: `Cilium with kube-proxy: kube-proxy SNATed the packet, and Cilium treats the node address of a possibly-SNATed packet as identity world (cilium/cilium#23603)`,
      };
    }
    case 'antrea': {
      // kube-proxy SNATs NodePort/LB traffic to antrea-gw0 before policy, which then applies (release v0.12.2, antrea-io/antrea#1816).
      const why = `Antrea: the packet is SNATed to the gateway address before policy and is then subject to it (antrea-io/antrea#1816, release v0.12.2)`;
      if (hostClient)
        return alternatives(
          [snat, ...original],
          `${why}; host-originated traffic is exempt, and after SNAT the two are indistinguishable`,
        );
      return { views: [snat], rewritten: true, explanation: why };
    }
    default: {
      if (sameNode === false) {
        return {
          views: [snat],
          rewritten: true,
          explanation: `masqueraded on ${N!.name} before reaching the endpoint's node: the policy sees the SNAT address (plain address matching assumed on ${t.label})`,
        };
      }
      // Whether NAT happens before or after policy is implementation-defined (network-policies.md ipBlock paragraph).
      return alternatives(
        [...original, snat],
        `on ${t.label}, whether the policy runs before or after kube-proxy's MASQUERADE on the endpoint's node is implementation-defined (network-policies.md)`,
      );
    }
  }
}
