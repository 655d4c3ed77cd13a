// The policy hook the packet tracer calls: ingress of the destination pod for the source it sees,
// AND egress of the client pod toward the destination (pod-to-pod traffic needs both: network-policies.md;
// e2e "should support denying of egress traffic on the client side"; cyclonus AllowedResult.IsAllowed).
// When only one end is a pod, only that end is evaluated (cyclonus: external target ⇒ allow).
import { canonicalIP } from '../../net/ip';
import type { ClusterModel, PodModel } from '../../model/cluster';
import type { Dataplane } from '../types';
import { evaluateEgress, evaluateIngress } from './evaluate';
import type { PolicyAnswer, PolicyHook, PolicyQuestion } from './question';
import { policiesSelectingPod } from './selection';
import { hostNetworkSideExempt, hostTrafficExplanation } from './host-network';
import { classifyClient, policySeenSource } from './seen-source';
import type { PeerView, PolicyDecision, PolicyIndex, SeenSource } from './types';
import { externalView, hostNetworkViews, nodeView, podView, policyTraits, type PolicyTraits } from './views';

/** The combined verdict with its two halves (null where that end is not a pod). */
export interface PacketPolicyDecision extends PolicyDecision {
  ingress: PolicyDecision | null;
  egress: PolicyDecision | null;
}

/** What the client pod's egress policy sees of the destination. */
export function egressDestination(
  model: ClusterModel,
  t: PolicyTraits,
  clientPod: PodModel,
  q: PolicyQuestion,
): { dest: SeenSource; port: number | null } {
  const N = q.ingressNode;
  // pod → NodePort of another node (or a proxying LB in front of it): kube-proxy on that node DNATs after the
  // client's egress hook ran on its own node, so egress is judged against the address and port the pod
  // connected to (projectcalico/calico#9869, inference from netfilter order). Cilium's replacement
  // translates at the socket, before egress (kubeproxy-free.rst).
  const dnatElsewhere = q.preDnatDestIP != null || q.preDnatPort != null;
  if (dnatElsewhere && N && clientPod.nodeName && N.name !== clientPod.nodeName && !t.ciliumKPR) {
    const ip = q.preDnatDestIP ? canonicalIP(q.preDnatDestIP) : null;
    const view = ip
      ? classifyAddress(model, t, clientPod, ip)
      : [
          nodeView(
            N,
            null,
            t,
            false,
            `the address the pod connected to (node ${N.name} or a load balancer in front of it)`,
          ),
        ];
    return {
      dest: {
        views: view,
        explanation: `kube-proxy on ${N.name} DNATs after the client's egress policy ran on ${clientPod.nodeName}`,
      },
      port: q.preDnatPort ?? null,
    };
  }
  const ip = canonicalIP(q.destIP);
  const destPod = q.destPod ?? model.podsByIP.get(ip) ?? null;
  if (destPod) {
    if (!destPod.hostNetwork)
      return { dest: { views: [podView(destPod, t, ip)], explanation: `pod ${destPod.key}` }, port: q.port };
    const node = model.nodes.get(destPod.nodeName ?? '') ?? null;
    const views = hostNetworkViews(destPod, node, ip, t, destPod.nodeName === clientPod.nodeName);
    const asHost = hostTrafficExplanation(destPod, t);
    return {
      dest: asHost
        ? { views, explanation: asHost, rewritten: true }
        : {
            views,
            explanation: `${destPod.key} uses hostNetwork, where NetworkPolicy behaviour is undefined (network-policies.md "NetworkPolicy and hostNetwork pods"): does the CNI treat it as the node or as a pod?`,
          },
      port: q.port,
    };
  }
  return { dest: { views: classifyAddress(model, t, clientPod, ip), explanation: ip }, port: q.port };
}

function classifyAddress(model: ClusterModel, t: PolicyTraits, clientPod: PodModel, ip: string): PeerView[] {
  const pod = model.podsByIP.get(ip);
  if (pod) return [podView(pod, t, ip)];
  const node = model.nodeByAddress.get(ip);
  if (node) return [nodeView(node, ip, t, node.name === clientPod.nodeName)];
  return [externalView(ip)];
}

function combine(ingress: PolicyDecision | null, egress: PolicyDecision | null): PacketPolicyDecision {
  const parts = [ingress, egress].filter((d): d is PolicyDecision => d !== null);
  if (parts.length === 0) {
    return {
      verdict: 'allowed',
      reason: 'neither end is a pod, so NetworkPolicy does not apply',
      policies: [],
      isolated: false,
      ingress,
      egress,
    };
  }
  // Both ends must allow; either can block (network-policies.md "The two sorts of pod isolation").
  const verdict = parts.some((p) => p.verdict === 'denied')
    ? 'denied'
    : parts.some((p) => p.verdict === 'unknown')
      ? 'unknown'
      : 'allowed';
  const reason = [ingress && `ingress: ${ingress.reason}`, egress && `egress: ${egress.reason}`]
    .filter(Boolean)
    .join('; ');
  return {
    verdict,
    reason,
    ingress,
    egress,
    policies: decidingPolicies(parts, verdict),
    isolated: parts.some((p) => p.isolated),
  };
}

/**
 * The policies of the parts that have the combined verdict, each once (in order). A few keys are compared in a
 * loop (this runs for every pod and source); a pod selected by many policies gets a set.
 */
function decidingPolicies(parts: PolicyDecision[], verdict: PolicyDecision['verdict']): string[] {
  const out: string[] = [];
  let seen: Set<string> | null = null;
  for (const p of parts) {
    if (p.verdict !== verdict) continue;
    for (const key of p.policies) {
      if (seen === null && out.length >= 16) seen = new Set(out);
      if (seen ? seen.has(key) : out.includes(key)) continue;
      out.push(key);
      seen?.add(key);
    }
  }
  return out;
}

/** A pod calling its own IP: allowed whatever its policies say (network-policies.md, "a pod cannot block access to itself"). */
function selfAccess(pod: PodModel): PacketPolicyDecision {
  return {
    verdict: 'allowed',
    reason: `${pod.key} calls its own IP, and a pod cannot block access to itself (network-policies.md: https://kubernetes.io/docs/concepts/services-networking/network-policies/)`,
    policies: [],
    isolated: false,
    ingress: null,
    egress: null,
  };
}

/** The full policy decision for one packet (ingress of the destination pod AND egress of a client pod). */
export function decidePacketPolicy(
  model: ClusterModel,
  dataplane: Dataplane | null,
  index: PolicyIndex,
  q: PolicyQuestion,
): PacketPolicyDecision {
  const t = policyTraits(dataplane);
  const destPod = q.destPod ?? model.podsByIP.get(canonicalIP(q.destIP)) ?? null;
  const question = { ...q, destPod };
  const client = classifyClient(question, model);
  const clientPod = client.kind === 'pod' ? client.pod : client.kind === 'host' ? client.hostNetworkPod : null;
  // network-policies.md: "a pod cannot block access to itself" — for a pod calling its own IP directly. Via its
  // own Service (DNAT back to itself) CNIs disagree, so that case stays with the rules below
  // (kubernetes/kubernetes#95879).
  const direct = q.preDnatDestIP == null && q.preDnatPort == null;
  if (direct && clientPod && destPod && clientPod.key === destPod.key) return selfAccess(destPod);
  const ingress = destPod
    ? (hostNetworkSideExempt(destPod, 'Ingress', t) ??
      evaluateIngress(index, destPod, policySeenSource(dataplane, question, model), q.port, q.protocol))
    : null;
  let egress: PolicyDecision | null = clientPod ? hostNetworkSideExempt(clientPod, 'Egress', t) : null;
  if (clientPod && !egress) {
    const { dest, port } = egressDestination(model, t, clientPod, question);
    egress = evaluateEgress(index, clientPod, dest, port, q.protocol);
    // AWS VPC CNI: "the service port must be the same as the container port" (amazon-eks-user-guide
    // cni-network-policy.md): its egress check may see the Service port (inference, ../shared/reference/netpol-semantics.md §1.6).
    if (t.engine === 'aws-vpc-cni' && q.preDnatPort != null && port === q.port && q.preDnatPort !== q.port) {
      const atServicePort = evaluateEgress(index, clientPod, dest, q.preDnatPort, q.protocol);
      if (atServicePort.verdict !== egress.verdict) {
        egress = {
          ...egress,
          verdict: 'unknown',
          reason: `AWS VPC CNI may compare egress rules with the Service port ${q.preDnatPort} instead of the target port ${q.port} (EKS requires them to be equal): at ${q.port} ${egress.verdict} (${egress.reason}); at ${q.preDnatPort} ${atServicePort.verdict}`,
        };
      }
    }
  }
  const d = combine(ingress, egress);
  // CNIs disagree about pod → own Service → itself; the e2e suite ignores loopback (kubernetes/kubernetes#95879).
  if (clientPod && destPod && clientPod.key === destPod.key && d.verdict !== 'allowed') {
    return {
      ...d,
      verdict: 'unknown',
      reason: `${destPod.key} talks to itself, which plugins treat differently (kubernetes/kubernetes#95879): by the rules it would be ${d.verdict} (${d.reason})`,
    };
  }
  return d;
}

/**
 * Creates the PolicyHook for the tracer and the analysis. Early exit for the most common question of a
 * whole-cluster run: an outside client reaching a pod no policy selects for ingress. The pod is not
 * isolated, so the packet is allowed whatever source the policy would see (network-policies.md "The two
 * sorts of pod isolation"), and an outside client has no egress side (cyclonus: external end never
 * isolated); the answer equals decidePacketPolicy's, without working out the seen source.
 */
export function createPolicyHook(model: ClusterModel, dataplane: Dataplane | null, index: PolicyIndex): PolicyHook {
  // A whole-cluster run asks about one sample client per Service, several cases per pod in a row: the
  // client's classification and the pod's reason are kept for the next call (the model never changes
  // under a hook: it is rebuilt, with a new hook, on every change).
  let lastClient: string | null = null;
  let lastClientOutside = false;
  let lastPod: PodModel | null = null;
  /**
   * The early answer for lastPod, or null when a policy selects it for ingress. One object for the pod's
   * cases (up to four per policy): callers copy its fields, never change it.
   */
  let lastAnswer: PolicyAnswer | null = null;
  return (q) => {
    const pod = q.destPod;
    if (pod && !index.unavailable && q.clientPod === null && q.clientNode === null) {
      if (q.clientIP !== lastClient) {
        const client = canonicalIP(q.clientIP);
        // Addresses the model knows as a pod or node address are in-cluster clients: full evaluation.
        lastClientOutside = !model.podsByIP.has(client) && !model.nodeByAddress.has(client);
        lastClient = q.clientIP;
      }
      if (lastClientOutside) {
        if (pod !== lastPod) {
          lastPod = pod;
          lastAnswer =
            policiesSelectingPod(index, pod, 'Ingress').length === 0
              ? {
                  verdict: 'allowed',
                  reason: `ingress: no NetworkPolicy selects ${pod.key} for ingress, so it is not isolated`,
                }
              : null;
        }
        if (lastAnswer !== null) return lastAnswer;
      }
    }
    const d = decidePacketPolicy(model, dataplane, index, q);
    return { verdict: d.verdict, reason: d.reason };
  };
}
