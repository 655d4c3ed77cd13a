// Resolves a destination IP:port/protocol to what kube-proxy (or routing) makes of it: a Service entry
// (ClusterIP, externalIP, LoadBalancer IP, NodePort), a pod IP, a node address, or the outside world.
import { canonicalIP, parseIP } from '../net/ip';
import type { AddressEntryKind, ClusterModel, NodeModel, PodModel, Protocol, ServiceModel } from '../model/cluster';
import { nodePortServedOn, type NodePortReach } from './nodeport';
import type { Dataplane } from './types';

/** What a destination address is. */
export type ResolvedDestination =
  | {
      kind: 'service';
      entry: AddressEntryKind;
      service: ServiceModel;
      portIndex: number;
      address: string;
      ipMode: 'VIP' | 'Proxy';
    }
  | {
      kind: 'nodePort';
      service: ServiceModel;
      portIndex: number;
      address: string;
      node: NodeModel | null;
      loopback: boolean;
      reach: NodePortReach;
    }
  /** A Service address, but no port of that Service matches the port/protocol. */
  | { kind: 'serviceWrongPort'; entry: AddressEntryKind; service: ServiceModel; address: string }
  | { kind: 'pod'; pod: PodModel; address: string }
  | { kind: 'node'; node: NodeModel; address: string }
  | { kind: 'outside'; address: string };

function isLoopback(ip: string): boolean {
  const p = parseIP(ip);
  return p !== null && (p.family === 4 ? p.value >> 24n === 127n : p.value === 1n);
}

/**
 * Resolves `ip:port/protocol` as seen at `atNode` (needed for 127.0.0.1 NodePorts). Service addresses
 * come from `model.addressIndex`, NodePorts from `model.nodePortIndex` on a node address. A Service
 * address wins over a NodePort (KUBE-SERVICES matches Service IPs before jumping to KUBE-NODEPORTS).
 */
export function resolveDestination(
  model: ClusterModel,
  dataplane: Dataplane,
  ip: string,
  port: number,
  protocol: Protocol,
  atNode: NodeModel | null,
): ResolvedDestination {
  const address = canonicalIP(ip.trim());
  const entries = model.addressIndex.get(address) ?? [];
  let wrongPort: ResolvedDestination | null = null;
  for (const e of entries) {
    const svc = model.services.get(e.serviceKey);
    if (!svc || svc.type === 'ExternalName') continue;
    const portIndex = svc.ports.findIndex((p) => p.port === port && p.protocol === protocol);
    if (portIndex < 0) {
      wrongPort ??= { kind: 'serviceWrongPort', entry: e.kind, service: svc, address };
      continue;
    }
    const ipMode =
      e.kind === 'loadBalancerIP' ? (svc.loadBalancerIngress.find((i) => i.ip === address)?.ipMode ?? 'VIP') : 'VIP';
    return { kind: 'service', entry: e.kind, service: svc, portIndex, address, ipMode };
  }
  const loopback = isLoopback(address);
  const node = loopback ? atNode : (model.nodeByAddress.get(address) ?? null);
  if (node) {
    const np = model.nodePortIndex.get(`${protocol}/${port}`);
    const svc = np ? model.services.get(np.serviceKey) : undefined;
    if (np && svc) {
      return {
        kind: 'nodePort',
        service: svc,
        portIndex: np.portIndex,
        address,
        node,
        loopback,
        reach: nodePortServedOn(dataplane, node, address),
      };
    }
  }
  if (wrongPort) return wrongPort;
  const pod = model.podsByIP.get(address);
  if (pod) return { kind: 'pod', pod, address };
  if (node) return { kind: 'node', node, address };
  return { kind: 'outside', address };
}

/**
 * The hostNetwork pod on `node` that declares `port/protocol` (for hostNetwork pods containerPort is the host
 * port: Pod API `hostNetwork`), i.e. the pod a packet to that node address and port reaches; null when none
 * declares it. The first by key when several do (only one can bind it).
 */
export function hostNetworkPodServing(
  model: ClusterModel,
  node: NodeModel,
  port: number,
  protocol: Protocol,
): PodModel | null {
  const pods = (model.hostNetworkPodsByNode.get(node.name) ?? []).filter(
    (p) => !p.terminating && p.containerPorts.some((c) => c.port === port && c.protocol === protocol),
  );
  return pods.sort((a, b) => (a.key < b.key ? -1 : 1))[0] ?? null;
}
