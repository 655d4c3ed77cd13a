// The subset of Kubernetes API objects that kubepath reads. Every field is optional on purpose:
// snapshots and live clusters contain partial objects, and the model builder reports what is missing.
import { FRONT_DOOR_KINDS } from './frontdoor-k8s';

/** Standard object metadata (only the fields kubepath uses). */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
  creationTimestamp?: string;
  resourceVersion?: string;
  ownerReferences?: { kind?: string; name?: string }[];
}

/** Any Kubernetes object, before its kind is known. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

/** Label selector as in meta/v1 (matchLabels AND matchExpressions). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** core/v1 ServicePort. */
export interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
}

/** core/v1 Service. */
export interface Service extends KubeObject {
  kind?: 'Service';
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    selector?: Record<string, string>;
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    externalIPs?: string[];
    loadBalancerIP?: string;
    loadBalancerSourceRanges?: string[];
    loadBalancerClass?: string;
    healthCheckNodePort?: number;
    allocateLoadBalancerNodePorts?: boolean;
    ipFamilies?: string[];
    sessionAffinity?: string;
    externalName?: string;
    trafficDistribution?: string;
  };
  status?: {
    loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] };
  };
}

/** discovery.k8s.io/v1 Endpoint inside an EndpointSlice. */
export interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

/** discovery.k8s.io/v1 EndpointSlice. */
export interface EndpointSlice extends KubeObject {
  kind?: 'EndpointSlice';
  addressType?: string;
  endpoints?: SliceEndpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string; appProtocol?: string }[] | null;
}

/** core/v1 Endpoints (legacy; used only when a Service has no EndpointSlices). */
export interface Endpoints extends KubeObject {
  kind?: 'Endpoints';
  subsets?: {
    addresses?: { ip?: string; nodeName?: string; targetRef?: SliceEndpoint['targetRef'] }[];
    notReadyAddresses?: { ip?: string; nodeName?: string; targetRef?: SliceEndpoint['targetRef'] }[];
    ports?: { name?: string; port?: number; protocol?: string }[];
  }[];
}

/** core/v1 Node. */
export interface Node extends KubeObject {
  kind?: 'Node';
  spec?: {
    podCIDR?: string;
    podCIDRs?: string[];
    providerID?: string;
    unschedulable?: boolean;
    taints?: { key?: string; value?: string; effect?: string }[];
  };
  status?: {
    addresses?: { type?: string; address?: string }[];
    conditions?: { type?: string; status?: string }[];
  };
}

/** core/v1 ContainerPort. */
export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
  hostPort?: number;
}

/** core/v1 Pod (only what the engine reads). */
export interface Pod extends KubeObject {
  kind?: 'Pod';
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    containers?: {
      name?: string;
      ports?: ContainerPort[];
      image?: string;
      command?: string[];
      args?: string[];
      env?: { name?: string; value?: string; valueFrom?: unknown }[];
      /** Whole ConfigMaps / Secrets as environment variables. */
      envFrom?: { configMapRef?: { name?: string }; secretRef?: { name?: string }; prefix?: string }[];
    }[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip?: string }[];
    hostIP?: string;
    conditions?: { type?: string; status?: string }[];
  };
}

/** core/v1 Namespace. */
export interface Namespace extends KubeObject {
  kind?: 'Namespace';
}

/** networking.k8s.io/v1 NetworkPolicyPort. */
export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** networking.k8s.io/v1 NetworkPolicyPeer. */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: { cidr?: string; except?: string[] } | null;
}

/** networking.k8s.io/v1 NetworkPolicy. */
export interface NetworkPolicy extends KubeObject {
  kind?: 'NetworkPolicy';
  spec?: {
    podSelector?: LabelSelector | null;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[] | null; ports?: NetworkPolicyPort[] | null }[] | null;
    egress?: { to?: NetworkPolicyPeer[] | null; ports?: NetworkPolicyPort[] | null }[] | null;
  };
}

/** core/v1 ConfigMap. */
export interface ConfigMap extends KubeObject {
  kind?: 'ConfigMap';
  data?: Record<string, string>;
}

/** The kinds kubepath reads; everything else in a snapshot is ignored. */
export const KNOWN_KINDS = [
  'Service',
  'EndpointSlice',
  'Endpoints',
  'Node',
  'Pod',
  'Namespace',
  'NetworkPolicy',
  'ConfigMap',
  // Front doors: routes, classes, gateways and the bare-metal LB controllers' objects.
  ...FRONT_DOOR_KINDS,
] as const;

/** One of the kinds kubepath reads. */
export type KnownKind = (typeof KNOWN_KINDS)[number];
