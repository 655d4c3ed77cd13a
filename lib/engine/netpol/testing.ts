// Test fixture builders for the NetworkPolicy engine: small functions returning raw Kubernetes
// objects (as kubectl would print them), fed through buildClusterModel so tests exercise the real
// model, plus a Dataplane builder and a PolicyQuestion builder.
import { buildClusterModel } from '../../model/build';
import type { ClusterModel } from '../../model/cluster';
import type { KnownKind, KubeObject, LabelSelector, NetworkPolicy } from '../../model/k8s';
import type { Dataplane } from '../types';
import type { PolicyQuestion } from './question';

/** A Namespace with labels. */
export function ns(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A Node with an InternalIP, a podCIDR and optional annotations (e.g. Calico tunnel address). */
export function node(
  name: string,
  ip: string,
  opts: { podCIDR?: string; annotations?: Record<string, string>; externalIP?: string } = {},
): KubeObject {
  const addresses = [
    { type: 'InternalIP', address: ip },
    ...(opts.externalIP ? [{ type: 'ExternalIP', address: opts.externalIP }] : []),
  ];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, annotations: opts.annotations ?? {} },
    spec: opts.podCIDR ? { podCIDR: opts.podCIDR } : {},
    status: { addresses, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** A container port as in a Pod spec. */
export interface PortDef {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A running, ready Pod `namespace/name` with an IP on a node. */
export function pod(
  key: string,
  ip: string,
  nodeName: string,
  opts: { labels?: Record<string, string>; ports?: PortDef[]; hostNetwork?: boolean } = {},
): KubeObject {
  const [namespace, name] = key.split('/');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name, labels: opts.labels ?? {} },
    spec: { nodeName, hostNetwork: opts.hostNetwork ?? false, containers: [{ name: 'main', ports: opts.ports ?? [] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** A NetworkPolicy `namespace/name` with the given spec (policyTypes left as written, for defaulting tests). */
export function netpol(key: string, spec: NonNullable<NetworkPolicy['spec']>): KubeObject {
  const [namespace, name] = key.split('/');
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}

/** Shorthand for a selector with matchLabels. */
export function labels(l: Record<string, string>): LabelSelector {
  return { matchLabels: l };
}

/** Builds the model from objects (optionally with unreadable kinds). */
export function model(objects: KubeObject[], unavailableKinds?: Partial<Record<KnownKind, string>>): ClusterModel {
  return buildClusterModel(objects, { unavailableKinds });
}

/** A Dataplane, kube-proxy iptables with an unknown CNI unless overridden. */
export function dataplane(over: Partial<Dataplane> = {}): Dataplane {
  return {
    proxyMode: 'iptables',
    proxyModeSource: 'assumed',
    clusterCIDRs: ['10.244.0.0/16'],
    detectLocalMode: 'ClusterCIDR',
    masqueradeAll: false,
    nodePortAddresses: [],
    localhostNodePorts: true,
    cni: 'unknown',
    overlay: 'unknown',
    cilium: null,
    assumptions: [],
    ...over,
  };
}

/** A Cilium dataplane (kube-proxy replacement when `kpr`). */
export function ciliumDataplane(
  opts: { kpr?: boolean; mode?: 'snat' | 'dsr' | 'hybrid' | 'annotation'; cidrMatchNodes?: boolean } = {},
): Dataplane {
  return dataplane({
    proxyMode: opts.kpr ? 'cilium-kpr' : 'iptables',
    cni: 'cilium',
    overlay: 'vxlan',
    cilium: {
      kubeProxyReplacement: opts.kpr ?? false,
      loadBalancerMode: opts.mode ?? 'snat',
      policyCIDRMatchNodes: opts.cidrMatchNodes ?? false,
      sourceRangeCheck: true,
    },
  });
}

/** A PolicyQuestion resolved against the model: pods and nodes by key/name. */
export function question(
  m: ClusterModel,
  q: {
    clientIP: string;
    clientPod?: string;
    clientNode?: string;
    masqueraded?: boolean;
    snatSource?: string | null;
    ingressNode?: string;
    destIP: string;
    destPod?: string;
    port: number;
    protocol?: 'TCP' | 'UDP' | 'SCTP';
    preDnatDestIP?: string;
    preDnatPort?: number;
  },
): PolicyQuestion {
  const get = <T>(map: Map<string, T>, k: string | undefined): T | null => {
    if (k === undefined) return null;
    const v = map.get(k);
    if (!v) throw new Error(`fixture: ${k} not in model`);
    return v;
  };
  return {
    clientIP: q.clientIP,
    clientPod: get(m.pods, q.clientPod),
    clientNode: get(m.nodes, q.clientNode),
    masqueraded: q.masqueraded ?? false,
    snatSource: q.snatSource ?? null,
    ingressNode: get(m.nodes, q.ingressNode),
    destIP: q.destIP,
    destPod: get(m.pods, q.destPod),
    port: q.port,
    protocol: q.protocol ?? 'TCP',
    preDnatDestIP: q.preDnatDestIP ?? null,
    preDnatPort: q.preDnatPort ?? null,
  };
}

/**
 * A small three-node Calico-style cluster: namespaces shop (team=shop), monitoring (team=ops), other;
 * nodes n1..n3 (192.168.1.11-13, podCIDR 10.244.N.0/24, IPIP tunnel 10.244.N.192); pods
 * shop/web-1 (n1) and shop/web-2 (n2) with app=web and ports http 8080/TCP, dns 53/UDP;
 * shop/client (n1), shop/prom (n2), monitoring/prom (n3), monitoring/grafana (n3), other/prom (n2),
 * and kube-system/agent, a hostNetwork pod on n1.
 */
export function baseObjects(): KubeObject[] {
  const webPorts: PortDef[] = [
    { name: 'http', containerPort: 8080 },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ];
  return [
    ns('shop', { team: 'shop' }),
    ns('monitoring', { team: 'ops' }),
    ns('other'),
    ns('kube-system'),
    ...[1, 2, 3].map((i) =>
      node(`n${i}`, `192.168.1.1${i}`, {
        podCIDR: `10.244.${i}.0/24`,
        annotations: { 'projectcalico.org/IPv4IPIPTunnelAddr': `10.244.${i}.192` },
      }),
    ),
    pod('shop/web-1', '10.244.1.10', 'n1', { labels: { app: 'web' }, ports: webPorts }),
    pod('shop/web-2', '10.244.2.10', 'n2', { labels: { app: 'web' }, ports: webPorts }),
    pod('shop/client', '10.244.1.20', 'n1', { labels: { app: 'client' } }),
    pod('shop/prom', '10.244.2.31', 'n2', { labels: { app: 'prom' } }),
    pod('monitoring/prom', '10.244.3.5', 'n3', { labels: { app: 'prom' } }),
    pod('monitoring/grafana', '10.244.3.6', 'n3', { labels: { app: 'grafana' } }),
    pod('other/prom', '10.244.2.30', 'n2', { labels: { app: 'prom' } }),
    pod('kube-system/agent', '192.168.1.11', 'n1', { labels: { app: 'agent' }, hostNetwork: true }),
  ];
}
