// Who sends a traced packet: an outside client, a pod, a host process on a node, or localhost on a node.
import { canonicalIP, parseIP } from '../net/ip';
import type { ClusterModel, NodeModel, PodModel } from '../model/cluster';
import { nodeAddresses } from './nodeport';
import { nodePrimaryIP } from './snat';
import type { TraceSource } from './types';
import { isPodTraffic } from './local-traffic';
import type { SourceClass } from './forwarding';
import type { Dataplane } from './types';

/** A trace source resolved against the model. */
export interface ResolvedSource {
  kind: TraceSource['kind'];
  /** The source address on the wire. */
  ip: string;
  pod: PodModel | null;
  /** The node an in-cluster source runs on. */
  node: NodeModel | null;
  /** A host-network process (node, localhost, or a hostNetwork pod). */
  hostProcess: boolean;
  label: string;
  /** Set when an "external" IP turned out to be a pod or node address. */
  note: string | null;
}

/** Resolves the source for a destination of the given family; a string is an error message. */
export function resolveSource(model: ClusterModel, src: TraceSource, family: 4 | 6): ResolvedSource | string {
  switch (src.kind) {
    case 'external': {
      if (!parseIP(src.ip)) return `source "${src.ip}" is not an IP address`;
      const ip = canonicalIP(src.ip.trim());
      const pod = model.podsByIP.get(ip);
      if (pod) {
        const r = fromPod(model, pod, family);
        if (typeof r !== 'string') return { ...r, ip, note: `${ip} is the IP of pod ${pod.key}; traced as that pod` };
      }
      const node = model.nodeByAddress.get(ip);
      if (node)
        return {
          kind: 'node',
          ip,
          pod: null,
          node,
          hostProcess: true,
          label: `node ${node.name} (${ip})`,
          note: `${ip} is an address of node ${node.name}; traced as a host process there`,
        };
      return {
        kind: 'external',
        ip,
        pod: null,
        node: null,
        hostProcess: false,
        label: `external client ${ip}`,
        note: null,
      };
    }
    case 'pod': {
      const pod = model.pods.get(src.pod);
      if (!pod) return `pod ${src.pod} is not in the cluster data`;
      return fromPod(model, pod, family);
    }
    case 'node':
    case 'localhost': {
      const node = model.nodes.get(src.node);
      if (!node) return `node ${src.node} is not in the cluster data`;
      if (src.kind === 'localhost') {
        const ip = family === 4 ? '127.0.0.1' : '::1';
        return {
          kind: 'localhost',
          ip,
          pod: null,
          node,
          hostProcess: true,
          label: `localhost on node ${node.name}`,
          note: null,
        };
      }
      const ip = nodePrimaryIP(node, family);
      if (!ip) return `node ${node.name} has no IPv${family} address`;
      return {
        kind: 'node',
        ip,
        pod: null,
        node,
        hostProcess: true,
        label: `host process on node ${node.name} (${ip})`,
        note: null,
      };
    }
  }
}

function fromPod(model: ClusterModel, pod: PodModel, family: 4 | 6): ResolvedSource | string {
  const node = pod.nodeName ? (model.nodes.get(pod.nodeName) ?? null) : null;
  const fam = (ip: string) => (ip.includes(':') ? 6 : 4) === family;
  const ip = pod.ips.find(fam) ?? (pod.hostNetwork && node ? nodePrimaryIP(node, family) : null);
  if (!ip) return `pod ${pod.key} has no IPv${family} address${pod.phase ? ` (phase ${pod.phase})` : ''}`;
  return {
    kind: 'pod',
    ip,
    pod,
    node,
    hostProcess: pod.hostNetwork,
    label: pod.hostNetwork ? `hostNetwork pod ${pod.key} on ${pod.nodeName ?? '?'} (${ip})` : `pod ${pod.key} (${ip})`,
    note: null,
  };
}

/** How the proxy on `node` classifies the source (LocalTrafficDetector and `--src-type LOCAL`). */
export function classifySource(
  model: ClusterModel,
  dp: Dataplane,
  src: ResolvedSource,
  node: NodeModel | null,
): SourceClass {
  if (src.hostProcess && src.node && node && src.node.name === node.name) return 'host';
  if (node && (src.ip.startsWith('127.') || src.ip === '::1' || nodeAddresses(node).includes(src.ip))) return 'host';
  if (isPodTraffic(model, dp, node, src.ip)) return 'pod';
  return 'external';
}

/** The source runs on `node` (a pod or host process there): Cilium balances it at the socket. */
export function originatesOn(src: ResolvedSource, node: NodeModel | null): boolean {
  return (src.pod !== null || src.hostProcess) && src.node !== null && node !== null && src.node.name === node.name;
}
