// Fixture builders for tests: each returns a raw Kubernetes object (as `kubectl get -o json` would show
// it), so tests exercise the real model builder. Generic on purpose: the NetworkPolicy tests use them too.
import { stringify as toYaml } from 'yaml';
import type { KubeObject, LabelSelector, NetworkPolicyPeer, NetworkPolicyPort } from '../../model/k8s';

/** One Service port. `targetPort` defaults to `port` (API default). */
export interface PortInput {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** Service builder input. */
export interface SvcInput {
  name: string;
  namespace?: string;
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  clusterIP?: string | 'None';
  clusterIPs?: string[];
  ports?: PortInput[];
  /** Defaults to { app: name }; null for no selector. */
  selector?: Record<string, string> | null;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  externalIPs?: string[];
  /** status.loadBalancer.ingress */
  lbIngress?: { ip?: string; hostname?: string; ipMode?: 'VIP' | 'Proxy' }[];
  loadBalancerSourceRanges?: string[];
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  ipFamilies?: string[];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

/** A core/v1 Service. */
export function svc(i: SvcInput): KubeObject {
  const spec: Record<string, unknown> = {
    type: i.type ?? 'ClusterIP',
    ports: (i.ports ?? [{ port: 80, targetPort: 8080 }]).map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      protocol: p.protocol ?? 'TCP',
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    })),
  };
  if (i.clusterIP !== undefined) spec.clusterIP = i.clusterIP;
  else if (!i.clusterIPs) spec.clusterIP = '10.96.0.10';
  if (i.clusterIPs) {
    spec.clusterIPs = i.clusterIPs;
    spec.clusterIP ??= i.clusterIPs[0];
  }
  if (i.selector !== null) spec.selector = i.selector ?? { app: i.name };
  if (i.externalTrafficPolicy) spec.externalTrafficPolicy = i.externalTrafficPolicy;
  if (i.internalTrafficPolicy) spec.internalTrafficPolicy = i.internalTrafficPolicy;
  if (i.externalIPs) spec.externalIPs = i.externalIPs;
  if (i.loadBalancerSourceRanges) spec.loadBalancerSourceRanges = i.loadBalancerSourceRanges;
  if (i.healthCheckNodePort !== undefined) spec.healthCheckNodePort = i.healthCheckNodePort;
  if (i.allocateLoadBalancerNodePorts !== undefined)
    spec.allocateLoadBalancerNodePorts = i.allocateLoadBalancerNodePorts;
  if (i.ipFamilies) spec.ipFamilies = i.ipFamilies;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: i.name,
      namespace: i.namespace ?? 'default',
      labels: i.labels ?? {},
      annotations: i.annotations ?? {},
    },
    spec,
    status: { loadBalancer: i.lbIngress ? { ingress: i.lbIngress } : {} },
  };
}

/** One endpoint of an EndpointSlice. Conditions default to ready (and serving), not terminating. */
export interface EndpointInput {
  ip: string;
  node?: string;
  zone?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  /** Pod name (same namespace) for targetRef. */
  pod?: string;
  hints?: { zones?: string[]; nodes?: string[] };
}

/** EndpointSlice builder input. */
export interface SliceInput {
  /** The Service name (label kubernetes.io/service-name). */
  service: string;
  namespace?: string;
  name?: string;
  addressType?: 'IPv4' | 'IPv6';
  /** Slice ports: name must equal the Service port name; port is the resolved target port. */
  ports?: { name?: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  endpoints: EndpointInput[];
}

let sliceSeq = 0;

/** A discovery.k8s.io/v1 EndpointSlice. */
export function slice(i: SliceInput): KubeObject {
  const ns = i.namespace ?? 'default';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: i.name ?? `${i.service}-${(sliceSeq++).toString(36)}`,
      namespace: ns,
      labels: { 'kubernetes.io/service-name': i.service },
    },
    addressType: i.addressType ?? (i.endpoints[0]?.ip.includes(':') ? 'IPv6' : 'IPv4'),
    ports: (i.ports ?? [{ port: 8080 }]).map((p) => ({
      name: p.name ?? '',
      port: p.port,
      protocol: p.protocol ?? 'TCP',
    })),
    endpoints: i.endpoints.map((e) => {
      const ready = e.ready ?? true;
      return {
        addresses: [e.ip],
        conditions: { ready, serving: e.serving ?? ready, terminating: e.terminating ?? false },
        ...(e.node ? { nodeName: e.node } : {}),
        ...(e.zone ? { zone: e.zone } : {}),
        ...(e.pod ? { targetRef: { kind: 'Pod', name: e.pod, namespace: ns } } : {}),
        ...(e.hints
          ? {
              hints: {
                forZones: (e.hints.zones ?? []).map((name) => ({ name })),
                forNodes: (e.hints.nodes ?? []).map((name) => ({ name })),
              },
            }
          : {}),
      };
    }),
  };
}

/** Node builder input. */
export interface NodeInput {
  name: string;
  internalIP?: string | string[];
  externalIP?: string;
  podCIDR?: string | string[];
  zone?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  taints?: { key: string; value?: string; effect?: string }[];
  deletionTimestamp?: string;
  unschedulable?: boolean;
  ready?: boolean;
  providerID?: string;
}

/** A core/v1 Node. */
export function node(i: NodeInput): KubeObject {
  const internal = Array.isArray(i.internalIP) ? i.internalIP : i.internalIP ? [i.internalIP] : [];
  const cidrs = Array.isArray(i.podCIDR) ? i.podCIDR : i.podCIDR ? [i.podCIDR] : [];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: i.name,
      labels: {
        'kubernetes.io/hostname': i.name,
        ...(i.zone ? { 'topology.kubernetes.io/zone': i.zone } : {}),
        ...(i.labels ?? {}),
      },
      annotations: i.annotations ?? {},
      ...(i.deletionTimestamp ? { deletionTimestamp: i.deletionTimestamp } : {}),
    },
    spec: {
      ...(cidrs.length ? { podCIDR: cidrs[0], podCIDRs: cidrs } : {}),
      ...(i.taints ? { taints: i.taints } : {}),
      ...(i.unschedulable ? { unschedulable: true } : {}),
      ...(i.providerID ? { providerID: i.providerID } : {}),
    },
    status: {
      addresses: [
        ...internal.map((address) => ({ type: 'InternalIP', address })),
        ...(i.externalIP ? [{ type: 'ExternalIP', address: i.externalIP }] : []),
        { type: 'Hostname', address: i.name },
      ],
      conditions: [{ type: 'Ready', status: i.ready === false ? 'False' : 'True' }],
    },
  };
}

/** Pod builder input. */
export interface PodInput {
  name: string;
  namespace?: string;
  ip?: string | string[];
  node?: string;
  labels?: Record<string, string>;
  ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  hostNetwork?: boolean;
  phase?: string;
  ready?: boolean;
  /** Sets metadata.deletionTimestamp. */
  terminating?: boolean;
}

/** A core/v1 Pod. */
export function pod(i: PodInput): KubeObject {
  const ips = Array.isArray(i.ip) ? i.ip : i.ip ? [i.ip] : [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: i.name,
      namespace: i.namespace ?? 'default',
      labels: i.labels ?? {},
      ...(i.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      ...(i.node ? { nodeName: i.node } : {}),
      ...(i.hostNetwork ? { hostNetwork: true } : {}),
      containers: [
        {
          name: 'main',
          image: 'example',
          ports: (i.ports ?? []).map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })),
        },
      ],
    },
    status: {
      phase: i.phase ?? 'Running',
      ...(ips.length ? { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) } : {}),
      conditions: [{ type: 'Ready', status: i.ready === false ? 'False' : 'True' }],
    },
  };
}

/** A core/v1 Namespace. */
export function ns(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  };
}

/** NetworkPolicy builder input (spec fields as in the API). */
export interface NetpolInput {
  name: string;
  namespace?: string;
  podSelector?: LabelSelector;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
}

/** A networking.k8s.io/v1 NetworkPolicy. */
export function netpol(i: NetpolInput): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: i.name, namespace: i.namespace ?? 'default' },
    spec: {
      podSelector: i.podSelector ?? {},
      ...(i.policyTypes ? { policyTypes: i.policyTypes } : {}),
      ...(i.ingress ? { ingress: i.ingress } : {}),
      ...(i.egress ? { egress: i.egress } : {}),
    },
  };
}

/** A core/v1 ConfigMap. */
export function configMap(name: string, namespace: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

/** KubeProxyConfiguration fields for kubeProxyConfig(); anything else goes in `extra`. */
export interface KubeProxyConfigInput {
  mode?: string;
  clusterCIDR?: string;
  masqueradeAll?: boolean;
  nodePortAddresses?: string[] | null;
  detectLocalMode?: string;
  localhostNodePorts?: boolean;
  extra?: Record<string, unknown>;
}

/** The kube-system/kube-proxy ConfigMap in kubeadm layout (`config.conf` holds a v1alpha1 KubeProxyConfiguration). */
export function kubeProxyConfig(i: KubeProxyConfigInput = {}): KubeObject {
  const doc: Record<string, unknown> = {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: i.mode ?? '',
    clusterCIDR: i.clusterCIDR ?? '',
    detectLocalMode: i.detectLocalMode ?? '',
    nodePortAddresses: i.nodePortAddresses ?? null,
    iptables: {
      masqueradeAll: i.masqueradeAll ?? false,
      ...(i.localhostNodePorts !== undefined ? { localhostNodePorts: i.localhostNodePorts } : {}),
    },
    ...(i.extra ?? {}),
  };
  return configMap('kube-proxy', 'kube-system', {
    'config.conf': toYaml(doc),
    'kubeconfig.conf': 'apiVersion: v1\nkind: Config\n',
  });
}

/** The kube-system/cilium-config ConfigMap with the given keys (e.g. `kube-proxy-replacement: "true"`). */
export function ciliumConfig(data: Record<string, string> = {}): KubeObject {
  return configMap('cilium-config', 'kube-system', data);
}
