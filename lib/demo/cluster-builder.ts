// Assembles a demo cluster from compact specs: allocates addresses like the control plane would,
// creates pods per workload and derives the EndpointSlices from them, then returns every object
// in the order and shape of `kubectl get services,endpointslices,nodes,pods,namespaces,networkpolicies,configmaps -A -o json`.
import type { KubeObject } from '../model/k8s';
import { ClusterIPAllocator, NodePortAllocator, PodAddressPool, subnet } from './addressing';
import { slicesForService, type NodeFacts } from './endpoint-slices';
import { demoUID, fnv1a, k8sTime, type Obj } from './ids';
import { renderWorkloadPods, type PodRecord } from './pods';
import { renderService, type ServiceRecord } from './services';
import type { NodeSpec, ServiceSpec, WorkloadSpec } from './spec-types';

/** What the CNI publishes on a node, given the node's podCIDRs and an address pool to reserve from. */
export type CniNodeAnnotations = (node: NodeSpec, podCIDRs: string[], pool: PodAddressPool) => Record<string, string>;

/** Cluster-wide settings of a demo cluster. */
export interface DemoClusterConfig {
  /** When the snapshot was taken (RFC 3339). */
  snapshotTime: string;
  /** When `kubeadm init` ran (RFC 3339). */
  createdTime: string;
  /** Cluster pod CIDRs (kube-controller-manager --cluster-cidr), IPv4 first. */
  clusterCIDRs: { v4: string; v6?: string };
  /** Per-node podCIDR sizes (--node-cidr-mask-size-ipv4/ipv6). */
  nodeMaskSize: { v4: number; v6?: number };
  serviceCIDRs: { v4: string; v6?: string };
  nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string; osImage: string; kernelVersion: string };
  /** The CNI (decides the node's NetworkUnavailable condition wording). */
  cni: 'calico' | 'cilium';
  cniAnnotations: CniNodeAnnotations;
  /** NodePorts requested explicitly by Services, kept out of automatic allocation. */
  reservedNodePorts?: number[];
}

/** A node as the builder keeps it. */
interface NodeRecord extends NodeFacts {
  spec: NodeSpec;
  uid: string;
  pool: PodAddressPool;
  obj: Obj;
}

// Kinds in the order kubectl prints them for the command above.
const KIND_ORDER = ['Service', 'EndpointSlice', 'Node', 'Pod', 'Namespace', 'NetworkPolicy', 'ConfigMap'];

/** Builds one demo cluster; call the adders, then `objects()`. */
export class DemoClusterBuilder {
  private readonly snapshotMs: number;
  private readonly createdMs: number;
  private rv = 4_180_000;
  private readonly nodes = new Map<string, NodeRecord>();
  private readonly namespaces = new Map<string, Obj>();
  private readonly pods: PodRecord[] = [];
  private readonly services: ServiceRecord[] = [];
  private readonly extra: Obj[] = [];
  private readonly clusterIPs: ClusterIPAllocator;
  private readonly nodePorts: NodePortAllocator;

  constructor(private readonly config: DemoClusterConfig) {
    this.snapshotMs = Date.parse(config.snapshotTime);
    this.createdMs = Date.parse(config.createdTime);
    this.clusterIPs = new ClusterIPAllocator(config.serviceCIDRs);
    this.nodePorts = new NodePortAllocator(config.reservedNodePorts ?? []);
  }

  private nextRV(): string {
    this.rv += 1 + (this.rv % 7) * 13;
    return String(this.rv);
  }

  private created(seed: string, afterDays: number): string {
    // Business hours-ish spread within the day, reproducible from the seed.
    return k8sTime(this.createdMs + afterDays * 86_400_000 + (fnv1a(seed) % 28_800) * 1000);
  }

  /** Adds a Namespace (the control plane adds the kubernetes.io/metadata.name label). */
  namespace(
    name: string,
    opts: { labels?: Record<string, string>; annotations?: Record<string, string>; afterDays?: number } = {},
  ): void {
    this.namespaces.set(name, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        ...(opts.annotations ? { annotations: opts.annotations } : {}),
        creationTimestamp:
          opts.afterDays === undefined ? k8sTime(this.createdMs) : this.created(`ns/${name}`, opts.afterDays),
        labels: { ...(opts.labels ?? {}), 'kubernetes.io/metadata.name': name },
        name,
        resourceVersion: this.nextRV(),
        uid: demoUID(`Namespace/${name}`),
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  /** Adds a Node; its podCIDRs are cut from the cluster CIDR in join order. */
  node(spec: NodeSpec): void {
    const index = this.nodes.size;
    const c = this.config;
    const podCIDRs = [subnet(c.clusterCIDRs.v4, index, c.nodeMaskSize.v4)];
    if (c.clusterCIDRs.v6 && c.nodeMaskSize.v6) podCIDRs.push(subnet(c.clusterCIDRs.v6, index, c.nodeMaskSize.v6));
    const pool = new PodAddressPool(podCIDRs, `pods/${spec.name}`);
    const annotations = {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      ...c.cniAnnotations(spec, podCIDRs, pool),
      ...(spec.annotations ?? {}),
    };
    const labels = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': spec.name,
      'kubernetes.io/os': 'linux',
      ...(spec.role === 'control-plane'
        ? // kubeadm's mark-control-plane phase sets both labels (exclude-from-external-load-balancers since v1.20).
          { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
        : {}),
      'topology.kubernetes.io/region': spec.zone.replace(/[a-z]$/, ''),
      'topology.kubernetes.io/zone': spec.zone,
      ...(spec.labels ?? {}),
    };
    const taints = [
      ...(spec.role === 'control-plane'
        ? [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]
        : []),
      ...(spec.taints ?? []),
    ];
    const createdAt =
      spec.joinedAfterDays === undefined
        ? k8sTime(this.createdMs + index * 240_000)
        : this.created(`node/${spec.name}`, spec.joinedAfterDays);
    const heartbeat = k8sTime(this.snapshotMs - 30_000 - index * 7_000);
    const cond = (type: string, status: string, reason: string, message: string) => ({
      lastHeartbeatTime: heartbeat,
      lastTransitionTime: createdAt,
      message,
      reason,
      status,
      type,
    });
    const uid = demoUID(`Node/${spec.name}`);
    const addresses = [
      ...spec.internalIPs.map((address) => ({ address, type: 'InternalIP' })),
      ...(spec.externalIP ? [{ address: spec.externalIP, type: 'ExternalIP' }] : []),
      { address: spec.name, type: 'Hostname' },
    ];
    const obj: Obj = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        annotations,
        creationTimestamp: createdAt,
        labels,
        name: spec.name,
        resourceVersion: this.nextRV(),
        uid,
      },
      spec: { podCIDR: podCIDRs[0], podCIDRs, ...(taints.length ? { taints } : {}) },
      status: {
        addresses,
        allocatable: { cpu: '15800m', 'ephemeral-storage': '429960006646', memory: '63254736Ki', pods: '110' },
        capacity: { cpu: '16', 'ephemeral-storage': '466534132Ki', memory: '65453264Ki', pods: '110' },
        conditions: [
          cond(
            'NetworkUnavailable',
            'False',
            c.cni === 'cilium' ? 'CiliumIsUp' : 'CalicoIsUp',
            c.cni === 'cilium' ? 'Cilium is running on this node' : 'Calico is running on this node',
          ),
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          architecture: 'amd64',
          bootID: demoUID(`boot/${spec.name}`),
          containerRuntimeVersion: c.nodeInfo.containerRuntimeVersion,
          kernelVersion: c.nodeInfo.kernelVersion,
          kubeProxyVersion: c.nodeInfo.kubeletVersion,
          kubeletVersion: c.nodeInfo.kubeletVersion,
          machineID: demoUID(`machine/${spec.name}`).replace(/-/g, ''),
          operatingSystem: 'linux',
          osImage: c.nodeInfo.osImage,
          systemUUID: demoUID(`system/${spec.name}`).toUpperCase(),
        },
      },
    };
    this.nodes.set(spec.name, { spec, uid, pool, obj, zone: spec.zone });
  }

  /** Adds the pods of a workload (IPs allocated from each pod's node). */
  workload(spec: WorkloadSpec): PodRecord[] {
    if (!this.namespaces.has(spec.namespace)) throw new Error(`demo: namespace ${spec.namespace} not declared`);
    const node = (name: string) => {
      const n = this.nodes.get(name);
      if (!n) throw new Error(`demo: ${spec.namespace}/${spec.name} placed on unknown node ${name}`);
      return n;
    };
    const pods = renderWorkloadPods(spec, {
      snapshotMs: this.snapshotMs,
      nodeUID: (n) => node(n).uid,
      nodeInternalIPs: (n) => node(n).spec.internalIPs,
      allocatePodIPs: (n) => node(n).pool.next(),
      resourceVersion: () => this.nextRV(),
    });
    this.pods.push(...pods);
    return pods;
  }

  /** Adds a Service (ClusterIPs and NodePorts allocated). */
  service(spec: ServiceSpec, opts: { afterDays?: number } = {}): ServiceRecord {
    if (!this.namespaces.has(spec.namespace)) throw new Error(`demo: namespace ${spec.namespace} not declared`);
    const families: ('IPv4' | 'IPv6')[] = this.config.serviceCIDRs.v6 ? ['IPv4', 'IPv6'] : ['IPv4'];
    const createdAt =
      opts.afterDays === undefined
        ? k8sTime(this.createdMs + 60_000)
        : this.created(`svc/${spec.namespace}/${spec.name}`, opts.afterDays);
    const rec = renderService(spec, createdAt, {
      clusterIPs: this.clusterIPs,
      nodePorts: this.nodePorts,
      clusterFamilies: families,
      resourceVersion: () => this.nextRV(),
    });
    this.services.push(rec);
    return rec;
  }

  /** Adds a ConfigMap. */
  configMap(
    namespace: string,
    name: string,
    data: Record<string, string>,
    opts: { labels?: Record<string, string>; annotations?: Record<string, string>; afterDays?: number } = {},
  ): void {
    this.extra.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      data,
      metadata: {
        ...(opts.annotations ? { annotations: opts.annotations } : {}),
        creationTimestamp:
          opts.afterDays === undefined
            ? k8sTime(this.createdMs + 30_000)
            : this.created(`cm/${namespace}/${name}`, opts.afterDays),
        ...(opts.labels ? { labels: opts.labels } : {}),
        name,
        namespace,
        resourceVersion: this.nextRV(),
        uid: demoUID(`ConfigMap/${namespace}/${name}`),
      },
    });
  }

  /** Adds a NetworkPolicy (policyTypes as written; the API server stores them defaulted). */
  networkPolicy(
    namespace: string,
    name: string,
    spec: Obj,
    opts: { labels?: Record<string, string>; annotations?: Record<string, string>; afterDays: number },
  ): void {
    this.extra.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        ...(opts.annotations ? { annotations: opts.annotations } : {}),
        creationTimestamp: this.created(`np/${namespace}/${name}`, opts.afterDays),
        generation: 1,
        ...(opts.labels ? { labels: opts.labels } : {}),
        name,
        namespace,
        resourceVersion: this.nextRV(),
        uid: demoUID(`NetworkPolicy/${namespace}/${name}`),
      },
      spec,
    });
  }

  /** Node names added so far, in join order. */
  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /** Every object, EndpointSlices derived, grouped by kind and sorted by namespace/name like the API server lists them. */
  objects(rootCA: string): KubeObject[] {
    for (const [ns, nsObj] of this.namespaces) {
      // Every namespace gets the root CA bundle from kube-controller-manager's root-ca-cert-publisher, right after it is created.
      const nsCreated = Date.parse((nsObj.metadata as { creationTimestamp: string }).creationTimestamp);
      this.extra.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        data: { 'ca.crt': rootCA },
        metadata: {
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
          creationTimestamp: k8sTime(nsCreated + 1000),
          name: 'kube-root-ca.crt',
          namespace: ns,
          resourceVersion: this.nextRV(),
          uid: demoUID(`ConfigMap/${ns}/kube-root-ca.crt`),
        },
      });
    }
    const podsByNs = new Map<string, PodRecord[]>();
    for (const p of this.pods) podsByNs.set(p.namespace, [...(podsByNs.get(p.namespace) ?? []), p]);
    const slices = this.services.flatMap((s) =>
      slicesForService(s, podsByNs.get(s.spec.namespace) ?? [], this.nodes, () => this.nextRV()),
    );
    const all: Obj[] = [
      ...this.services.map((s) => s.obj),
      ...slices,
      ...[...this.nodes.values()].map((n) => n.obj),
      ...this.pods.map((p) => p.obj),
      ...this.namespaces.values(),
      ...this.extra,
    ];
    const sortKey = (o: Obj) => {
      const m = o.metadata as { namespace?: string; name: string };
      return `${String(KIND_ORDER.indexOf(o.kind as string)).padStart(2, '0')}/${m.namespace ?? ''}/${m.name}`;
    };
    const seen = new Set<string>();
    for (const o of all) {
      const k = sortKey(o);
      if (seen.has(k)) throw new Error(`demo: duplicate object ${k}`);
      seen.add(k);
    }
    return all.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0)) as KubeObject[];
  }
}
