// The normalised cluster model that every analysis reads: plain data plus the indexes that keep
// whole-cluster analysis linear (by namespace, by node, by IP, by label). Built once per snapshot.
import type { Cidr } from '../net/ip';
import type { FrontDoorModel } from './frontdoor';
import type { KnownKind, LabelSelector, NetworkPolicy } from './k8s';

/** L4 protocol as Kubernetes spells it. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A named or numbered port with its protocol (EndpointSlice port, container port). */
export interface PortSpec {
  name: string | null;
  port: number;
  protocol: Protocol;
}

/** One entry of `Service.spec.ports`. */
export interface ServicePortModel {
  name: string | null;
  protocol: Protocol;
  port: number;
  /** Number, or a container port name; defaults to `port` as the API server does. */
  targetPort: number | string;
  nodePort: number | null;
}

/** One `status.loadBalancer.ingress` entry. */
export interface LoadBalancerIngress {
  ip: string | null;
  hostname: string | null;
  /** `VIP` when unset (the API default). */
  ipMode: 'VIP' | 'Proxy';
}

/** A Service, normalised with API defaults applied. */
export interface ServiceModel {
  key: string;
  namespace: string;
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** clusterIP: None. */
  headless: boolean;
  clusterIPs: string[];
  ports: ServicePortModel[];
  selector: Record<string, string> | null;
  externalTrafficPolicy: 'Cluster' | 'Local';
  internalTrafficPolicy: 'Cluster' | 'Local';
  externalIPs: string[];
  loadBalancerIngress: LoadBalancerIngress[];
  /** Parsed `loadBalancerSourceRanges`; invalid entries are dropped with a warning. */
  loadBalancerSourceRanges: Cidr[];
  healthCheckNodePort: number | null;
  loadBalancerClass: string | null;
  allocateLoadBalancerNodePorts: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** One endpoint address of a Service (one IP of one EndpointSlice endpoint). */
export interface EndpointModel {
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName: string | null;
  zone: string | null;
  hints: { zones: string[]; nodes: string[] } | null;
  /** `namespace/name` of the backing pod, when the targetRef names one. */
  podKey: string | null;
  ports: PortSpec[];
  /** Where the endpoint came from (EndpointSlice is what kube-proxy reads). */
  source: 'EndpointSlice' | 'Endpoints' | 'selector';
}

/** A Pod, reduced to what the engine uses. */
export interface PodModel {
  key: string;
  namespace: string;
  name: string;
  ips: string[];
  ip: string | null;
  nodeName: string | null;
  labels: Record<string, string>;
  hostNetwork: boolean;
  containerPorts: PortSpec[];
  phase: string | null;
  ready: boolean;
  terminating: boolean;
}

/** Overlay addresses a CNI publishes for a node (SNAT sources on overlays). */
export interface NodeTunnelAddresses {
  calicoIPIP: string | null;
  calicoVXLAN: string | null;
  calicoVXLANv6: string | null;
  calicoWireguard: string | null;
  ciliumHost: string | null;
  flannelBackend: string | null;
  flannelPublicIP: string | null;
}

/** A Node, reduced to what the engine uses. */
export interface NodeModel {
  name: string;
  internalIPs: string[];
  externalIPs: string[];
  podCIDRs: Cidr[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  zone: string | null;
  /** Why the node is excluded from external load balancers, or null. */
  excludedFromLB: string | null;
  /** Why kube-proxy's :10256/healthz fails (deletionTimestamp, ToBeDeletedByClusterAutoscaler), or null. */
  beingDeleted: string | null;
  unschedulable: boolean;
  ready: boolean | null;
  providerID: string | null;
  tunnel: NodeTunnelAddresses;
}

/** A Namespace with its labels (always including kubernetes.io/metadata.name). */
export interface NamespaceModel {
  name: string;
  labels: Record<string, string>;
}

/** A NetworkPolicy with `policyTypes` defaulted as the API server does. */
export interface NetworkPolicyModel {
  key: string;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** Defaulted: [Ingress] plus Egress when egress rules exist (pkg/apis/networking/v1/defaults.go). */
  policyTypes: ('Ingress' | 'Egress')[];
  /** True when the object did not say policyTypes and kubepath defaulted it. */
  policyTypesDefaulted: boolean;
  spec: NonNullable<NetworkPolicy['spec']>;
}

/** Which Service address an IP is. */
export type AddressEntryKind = 'clusterIP' | 'externalIP' | 'loadBalancerIP';

/** An address-index entry: this IP belongs to that Service as that kind of entry. */
export interface AddressEntry {
  serviceKey: string;
  kind: AddressEntryKind;
}

/** A problem with one object that did not stop the analysis. */
export interface ModelWarning {
  kind: string;
  /** `namespace/name` or `name`, when known. */
  object: string | null;
  message: string;
}

/** The whole cluster, normalised and indexed. */
export interface ClusterModel {
  services: Map<string, ServiceModel>;
  /** Endpoints per Service key (all slices merged). */
  endpointsByService: Map<string, EndpointModel[]>;
  pods: Map<string, PodModel>;
  /** Pod by IP (hostNetwork pods excluded: their IP is the node's). */
  podsByIP: Map<string, PodModel>;
  /**
   * hostNetwork pods by node name (what a packet to a node address and port can reach besides kube-proxy).
   * Only these: a list of every pod per node cost each of 150,000 pods a lookup and a push, for two uses that
   * read only hostNetwork pods and pods on missing nodes.
   */
  hostNetworkPodsByNode: Map<string, PodModel[]>;
  /** Pods by node name for node names no Node object of the cluster data has (for referenceWarnings). */
  podsOnMissingNodes: Map<string, PodModel[]>;
  podsByNamespace: Map<string, PodModel[]>;
  nodes: Map<string, NodeModel>;
  /** Node by any of its addresses, tunnel addresses included. */
  nodeByAddress: Map<string, NodeModel>;
  namespaces: Map<string, NamespaceModel>;
  policiesByNamespace: Map<string, NetworkPolicyModel[]>;
  /** ConfigMap data by `namespace/name`. */
  configMaps: Map<string, Record<string, string>>;
  /** Service addresses (ClusterIP, externalIP, LB IP) by canonical IP. */
  addressIndex: Map<string, AddressEntry[]>;
  /** Service port by `PROTOCOL/nodePort`. */
  nodePortIndex: Map<string, { serviceKey: string; portIndex: number }>;
  /** Kinds the source could not read (e.g. 403), with the reason: their absence is not "none exist". */
  unavailableKinds: Partial<Record<KnownKind, string>>;
  warnings: ModelWarning[];
  /** Routes, gateways, LB-controller objects and proxy pod details; absent when built elsewhere. */
  frontDoor?: FrontDoorModel;
}
