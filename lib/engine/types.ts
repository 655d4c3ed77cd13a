// The engine's output contract: plain, serialisable data that the CLI prints as JSON and the
// dashboard renders. Changing a field here changes `kubepath --json`; document it in the README.
import type { ModelWarning, Protocol } from '../model/cluster';

/** What kube-proxy (or its replacement) does with a packet. */
export type Verdict = 'forwarded' | 'dropped' | 'rejected' | 'notHandled';

/** NetworkPolicy verdict; `unknown` whenever the answer is not certain (never shown as allowed). */
export type PolicyVerdict = 'allowed' | 'denied' | 'unknown';

/** Which Service address a packet was sent to (`pod` = straight to a pod IP). */
export type EntryKind = 'clusterIP' | 'nodePort' | 'loadBalancerIP' | 'externalIP' | 'pod';

/** Traffic policy, used for what-if analysis. */
export type TrafficPolicy = 'Cluster' | 'Local';

/** Finding severity. */
export type Severity = 'info' | 'warning' | 'error';

/** The service proxy in use. */
export type ProxyMode = 'iptables' | 'nftables' | 'ipvs' | 'cilium-kpr';

/** The CNI / overlay, as far as the cluster objects reveal it. */
export type CniKind = 'calico' | 'flannel' | 'cilium' | 'antrea' | 'aws-vpc-cni' | 'unknown';

/** Detected (or assumed) dataplane configuration that decides SNAT. */
export interface Dataplane {
  proxyMode: ProxyMode;
  /** Where `proxyMode` came from. */
  proxyModeSource: 'kube-proxy-configmap' | 'cilium-config' | 'assumed';
  /** Pod CIDRs used as the LocalTrafficDetector range (clusterCIDR, else the nodes' podCIDRs); empty = no detector. */
  clusterCIDRs: string[];
  detectLocalMode: 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix' | 'None';
  masqueradeAll: boolean;
  /** `nodePortAddresses` from the kube-proxy config; empty = mode default. */
  nodePortAddresses: string[];
  /** iptables only: NodePorts answer on 127.0.0.1 (IPv4). */
  localhostNodePorts: boolean;
  cni: CniKind;
  overlay: 'ipip' | 'vxlan' | 'none' | 'unknown';
  cilium: {
    kubeProxyReplacement: boolean;
    loadBalancerMode: 'snat' | 'dsr' | 'hybrid' | 'annotation';
    /** `policy-cidr-match-mode` includes `nodes`. */
    policyCIDRMatchNodes: boolean;
    /** LB source-range check enabled (default true). */
    sourceRangeCheck: boolean;
  } | null;
  /** Human-readable assumptions made where the cluster did not say (shown in every output). */
  assumptions: string[];
}

/** Where a traced packet comes from. */
export type TraceSource =
  | { kind: 'external'; ip: string }
  | { kind: 'pod'; pod: string }
  | { kind: 'node'; node: string }
  | { kind: 'localhost'; node: string };

/** A request to trace one packet. */
export interface TraceRequest {
  source: TraceSource;
  destination: { ip: string; port: number; protocol: Protocol };
  /** The node the packet arrives at; defaults to the source's own node for in-cluster sources. */
  atNode?: string | null;
  /** Overrides the Service's externalTrafficPolicy (what-if). */
  policy?: TrafficPolicy | null;
  /** The LB terminates the connection (set by the front-door layer from the LB identity): nodes see the LB. */
  loadBalancerTerminates?: boolean;
}

/** One hop of a traced path, with the addresses on the wire at that point. */
export interface Hop {
  kind:
    'client' | 'loadBalancer' | 'node' | 'dnat' | 'snat' | 'pod' | 'drop' | 'reject' | 'outside' | 'proxy' | 'sidecar';
  label: string;
  src: string | null;
  dst: string | null;
  detail: string;
  /** Headers as they leave this hop (`{ name: value }`), when the hop writes any. */
  headers?: Record<string, string>;
  /** PROXY protocol header this hop sends. */
  proxyProtocol?: { version: 'v1' | 'v2' | 'unknown'; source: string };
}

/** How a client address travels to the application. */
export type ClientIPCarrier =
  'l3' | 'proxy-protocol' | 'x-forwarded-for' | 'x-real-ip' | 'forwarded' | 'x-envoy-external-address' | 'toa';

/** What the application process behind an endpoint learns about the client (issue 9 contract). */
export interface AppView {
  /** Catalog id when the pod is a recognised proxy, else null. */
  proxy: string | null;
  sidecar: null | 'istio-redirect' | 'istio-tproxy';
  /** The L3 source the application process sees. */
  peerIP: string | null;
  /** The address the application will take as the client (a node, LB or proxy address when the client is lost). */
  clientIP: string | null;
  /** Whether that is the real client. */
  isClient: boolean | null;
  carrier: ClientIPCarrier | null;
  /** true: the carrier is accepted only from trusted peers; false: from anyone (spoofable). */
  trusted: boolean | null;
}

/** Identity and behaviour of the load balancer in front of a Service (catalog entry or unknown). */
export interface LoadBalancerInfo {
  /** Catalog id, or "unknown". */
  kind: string;
  label: string;
  targets: 'nodes' | 'pods';
  layer: 'L4-passthrough' | 'L4-proxy' | 'L7';
  keepsClientIP: boolean | null;
  /** null = off; unknown = set outside the cluster (e.g. at a CLB listener). */
  proxyProtocol: null | 'v1' | 'v2' | 'unknown';
  healthCheck: 'healthCheckNodePort' | 'trafficPort' | 'kube-proxy-healthz' | 'endpoints' | 'none' | 'unknown';
  weights: 'even' | 'podCount' | 'singleNode' | 'unknown';
  evidence: string[];
  question: string | null;
}

/** The proxy a traced packet passed through (`trace --host`). */
export interface ProxyPassed {
  kind: string;
  pod: string | null;
  service: string;
  route: string | null;
}

/** A route (Ingress, HTTPRoute, VirtualService) that sends traffic to or through a Service. */
export interface FrontDoorRoute {
  kind: string;
  object: string;
  hosts: string[];
  backends: string[];
  /** For an Ingress whose class makes a cloud L7 load balancer, else null. */
  loadBalancer: LoadBalancerInfo | null;
}

/** A Service's front doors (`analyze --json` services[].frontDoor). */
export interface FrontDoor {
  loadBalancer: LoadBalancerInfo | null;
  /** Catalog id when the Service's pods are a recognised proxy, else null. */
  proxy: string | null;
  routes: FrontDoorRoute[];
  /** Proxies whose routes send traffic to this Service. */
  behind: { proxyService: string; route: string }[];
}

/** Whether the application can learn the client under one policy (`paths[policy].app`). */
export interface AppPath {
  clientIP: 'yes' | 'no' | 'partial' | 'unknown';
  carriers: string[];
  note: string;
}

/** An endpoint a traced packet may reach. */
export interface TraceEndpoint {
  ip: string;
  port: number;
  pod: string | null;
  node: string | null;
  /** Fraction of this packet's flows that land here (0..1). */
  share: number;
  /** Source IP the pod sees. */
  sourceIP: string | null;
  clientIPPreserved: boolean;
  policy: PolicyVerdict;
  policyReason: string;
  /** What the application learns about the client. */
  app?: AppView;
}

/** The answer to a trace. */
export interface TraceResult {
  service: string | null;
  entry: EntryKind | null;
  node: string | null;
  verdict: Verdict;
  masqueraded: boolean | null;
  snatSource: string | null;
  endpoints: TraceEndpoint[];
  /** The load balancer the packet entered through, or null. */
  loadBalancer?: LoadBalancerInfo | null;
  /** The proxy passed through (`--host`), or null. */
  proxy?: ProxyPassed | null;
  /** Verdict for the packet as a whole when it goes to one pod or outside the cluster; null otherwise. */
  policy: PolicyVerdict | null;
  policyReason: string | null;
  reason: string;
  hops: Hop[];
  /** The rule citations that decided the answer. */
  rules: string[];
}

/** One way into a Service. */
export interface ServiceEntry {
  kind: Exclude<EntryKind, 'pod'>;
  address: string;
  port: number;
  protocol: Protocol;
  /** For LB IPs: `Proxy` means kube-proxy does not capture in-cluster traffic to it. */
  ipMode?: 'VIP' | 'Proxy';
}

/**
 * What one node (or a group of identical nodes) does with external traffic for a Service.
 * `node` is null for an aggregate row standing for `count` nodes.
 */
export interface NodePath {
  node: string | null;
  count: number;
  /** Names of up to 16 of the nodes the row stands for (`[node]` for an individual row). */
  sampleNodes: string[];
  zone: string | null;
  /** healthCheckNodePort answer (LoadBalancer + Local only), else null. */
  healthCheck: 200 | 503 | null;
  /** kube-proxy :10256/healthz answer (what Cluster-policy LBs probe). */
  proxyHealthz: 200 | 503;
  localEndpoints: number;
  /** Local endpoints kube-proxy would use (ready, else serving+terminating). */
  localUsableEndpoints: number;
  verdict: Verdict;
  /** Does the load balancer send traffic here? */
  inLoadBalancer: boolean;
  /** Why not, when not. */
  lbExcludedReason: string | null;
  /** Fraction of the Service's external traffic this node receives (0..1), per row (not per node of a group). */
  lbShare: number;
  /** Address the pod sees when this node SNATs, or null when it does not. */
  snatSource: string | null;
  clientIPPreserved: boolean | null;
}

/** Traffic a pod receives along a Service's external path. */
export interface PodShare {
  pod: string | null;
  ip: string;
  node: string | null;
  /** Fraction of the Service's external traffic (0..1). */
  share: number;
  ready: boolean;
  terminating: boolean;
  /** Source addresses the pod sees: the client, or the SNAT addresses (truncated list + count). */
  sourceIPs: { client: boolean; addresses: string[]; total: number };
  clientIPPreserved: 'yes' | 'no' | 'partial';
  /** NetworkPolicy verdict for the sample client's traffic as it reaches this pod. */
  policy: PolicyVerdict;
  policyReason: string;
}

/** The path of external traffic under one traffic policy. */
export interface PolicyPaths {
  policy: TrafficPolicy;
  /** True when this is the Service's actual policy, false for the what-if. */
  actual: boolean;
  /** Sample external client used for source-IP and NetworkPolicy answers. */
  clientIP: string;
  nodes: NodePath[];
  pods: PodShare[];
  /** Share of external traffic dropped (sent by the LB or clients to nodes that drop it). */
  droppedShare: number;
  clientIPPreserved: 'yes' | 'no' | 'partial';
  /** max/min pod share, or null with < 2 pods. */
  skew: number | null;
  notes: string[];
  /** Whether the application can learn the client under this policy. */
  app?: AppPath;
}

/** Per-Service analysis. */
export interface ServiceAnalysis {
  service: string;
  namespace: string;
  name: string;
  type: string;
  externalTrafficPolicy: TrafficPolicy;
  internalTrafficPolicy: TrafficPolicy;
  entries: ServiceEntry[];
  endpoints: { total: number; ready: number; terminating: number; nodes: number };
  /** Both policies, whatever the Service has (what-if). */
  paths: { Cluster: PolicyPaths; Local: PolicyPaths };
  /** Per-node rows for the Service's own policy (= paths[externalTrafficPolicy].nodes). */
  nodes: NodePath[];
  /** Ids of this Service's findings. */
  findings: string[];
  /** Load balancer, proxy and routes in front of the Service. */
  frontDoor?: FrontDoor;
}

/** A problem kubepath found, with evidence and a fix. */
export interface Finding {
  /** Stable id: `rule/namespace/name[/detail]`. */
  id: string;
  rule: string;
  severity: Severity;
  service: string | null;
  title: string;
  /** One sentence with the numbers. */
  message: string;
  evidence: { kind: string; name: string }[];
  fix: string;
  fixYaml: string | null;
  /** Citation of the rule's source. */
  source: string;
}

/** The whole-cluster analysis (`kubepath analyze --json`). */
export interface AnalysisResult {
  dataplane: Dataplane;
  /** `networkPolicies` is null when they could not be read (e.g. 403): their number is unknown, not 0. */
  summary: {
    nodes: number;
    pods: number;
    services: number;
    networkPolicies: number | null;
    findings: Record<Severity, number>;
  };
  services: ServiceAnalysis[];
  findings: Finding[];
  warnings: ModelWarning[];
}
