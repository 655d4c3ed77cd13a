// The compact descriptions the demo clusters are written in; the builder expands them into
// full API objects (with the fields the control plane would fill in).
import type { Obj } from './ids';

/** A Node to create. */
export interface NodeSpec {
  name: string;
  zone: string;
  role: 'control-plane' | 'worker';
  /** InternalIP addresses (IPv4 first; an IPv6 one on dual-stack nodes). */
  internalIPs: string[];
  /** ExternalIP, for nodes with a public interface. */
  externalIP?: string;
  /** Prefix length of the node's network (Calico publishes the address with it). */
  networkPrefix: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string; timeAdded?: string }[];
  /** Days after the cluster was created that the node joined. */
  joinedAfterDays?: number;
}

/** One container of a pod template. */
export interface ContainerSpec {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' | 'SCTP'; hostPort?: number }[];
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  resources?: Obj;
}

/** How one replica deviates from "running and ready". */
export interface ReplicaState {
  /** Readiness probe failing (container running). */
  notReady?: boolean;
  /** Container restarting (implies not ready). */
  crashLoop?: { restarts: number };
  /** Pod being deleted: deletionTimestamp set; still Ready (serving) unless notReady. */
  terminatingSince?: string;
  /** Finished Job pod. */
  succeeded?: boolean;
  /** Exact creation time (RFC 3339), e.g. a replacement pod that just started. */
  createdAt?: string;
}

/** A workload whose pods the builder creates, one per entry of `nodes`. */
export interface WorkloadSpec {
  namespace: string;
  name: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'StaticPod' | 'Job';
  /** Pod labels (the selector-relevant ones; controller labels are added). */
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  containers: ContainerSpec[];
  /** Node of each replica, in replica order. */
  nodes: string[];
  hostNetwork?: boolean;
  serviceAccountName?: string;
  /** StatefulSet governing Service: pods get hostname/subdomain and slice hostnames. */
  serviceName?: string;
  priorityClassName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Obj[];
  terminationGracePeriodSeconds?: number;
  /** Per-replica deviations, by replica index. */
  states?: Record<number, ReplicaState>;
  /** Max age of the pods in days (rollouts make most pods young). */
  maxAgeDays?: number;
}

/** One Service port. */
export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  nodePort?: number;
  appProtocol?: string;
}

/** A Service to create (defaults as the API server applies them). */
export interface ServiceSpec {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  selector?: Record<string, string>;
  ports: ServicePortSpec[];
  headless?: boolean;
  /** Fixed ClusterIP (kubernetes, kube-dns). */
  clusterIP?: string;
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  ipFamilies?: ('IPv4' | 'IPv6')[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  externalIPs?: string[];
  loadBalancerSourceRanges?: string[];
  loadBalancerClass?: string;
  /** `status.loadBalancer.ingress[0]`, as the LB controller published it. */
  loadBalancer?: { ip: string; ipMode?: 'VIP' | 'Proxy' };
  statusConditions?: Obj[];
  publishNotReadyAddresses?: boolean;
  /** Endpoints of a selector-less Service (the API server writes them for `kubernetes`). */
  manualEndpoints?: { ips: string[]; ports: { name: string; port: number; protocol: 'TCP' | 'UDP' }[] };
}
