// Builds the normalised, indexed ClusterModel from raw objects. Tolerant by design: an object with
// missing fields becomes a warning, never an exception, so one odd object cannot hide a cluster.
import { canonicalIPText, parseCidr, type Cidr } from '../net/ip';
import type {
  ConfigMap,
  EndpointSlice,
  Endpoints,
  KnownKind,
  KubeObject,
  Namespace,
  NetworkPolicy,
  Node,
  Pod,
  Service,
} from './k8s';
import { addFrontDoor } from './frontdoor-build';
import { freshArray, mapArray } from '../util/fresh-array';
import { pushTo, runPusher } from './grouping';
import { istioSidecarOf, mayNameConfigMaps, type IstioSidecar } from './frontdoor';
import { RawPods } from './raw-pods';
import type {
  AddressEntry,
  ClusterModel,
  EndpointModel,
  ModelWarning,
  NamespaceModel,
  NetworkPolicyModel,
  NodeModel,
  NodeTunnelAddresses,
  PodModel,
  PortSpec,
  Protocol,
  ServiceModel,
  ServicePortModel,
} from './cluster';
import { validateByKind } from './validate';

/** Options for buildClusterModel. */
export interface BuildOptions {
  /** Kinds the source could not read, with the reason (e.g. "403 Forbidden"). */
  unavailableKinds?: Partial<Record<KnownKind, string>>;
  /** ConfigMaps a proxy names that the source could not read (`namespace/name` → reason): their settings are unknown. */
  unreadableConfigMaps?: Record<string, string>;
  /**
   * Skip the cluster-wide reference checks (endpoints and pods on unknown nodes): for partial rebuilds of a
   * few objects without their Nodes, which call referenceWarnings on the merged model instead.
   */
  skipReferenceChecks?: boolean;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** `namespace/name` key, the identity of every namespaced object in kubepath. */
export function objectKey(namespace: string | undefined | null, name: string | undefined | null): string {
  return namespace ? `${namespace}/${name ?? ''}` : `${name ?? ''}`;
}

function protocolOf(p: unknown): Protocol {
  return p === 'UDP' || p === 'SCTP' ? p : 'TCP';
}

function validIPs(values: unknown[], warn: (m: string) => void, what: string): string[] {
  const out = freshArray<string>(); // packed even when empty (headless Services): see fresh-array.ts
  for (const v of values) {
    if (typeof v !== 'string' || v === '' || v === 'None') continue;
    const ip = canonicalIPText(v); // the same string when already canonical (150,000 pods)
    if (ip === null) warn(`${what} "${v}" is not a valid IP address; ignored`);
    else out.push(ip);
  }
  return out;
}

const leftOutByModel = new WeakMap<ClusterModel, number>();

/** How many objects of the input were left out of the model as malformed (each has a warning). */
export function objectsLeftOut(model: ClusterModel): number {
  return leftOutByModel.get(model) ?? 0;
}

/** Builds the model. Never throws on malformed objects; see `model.warnings`. */
export function buildClusterModel(objects: KubeObject[], opts: BuildOptions = {}): ClusterModel {
  const model: ClusterModel = {
    services: new Map(),
    endpointsByService: new Map(),
    pods: new Map(),
    podsByIP: new Map(),
    hostNetworkPodsByNode: new Map(),
    podsOnMissingNodes: new Map(),
    podsByNamespace: new Map(),
    nodes: new Map(),
    nodeByAddress: new Map(),
    namespaces: new Map(),
    policiesByNamespace: new Map(),
    configMaps: new Map(),
    addressIndex: new Map(),
    nodePortIndex: new Map(),
    unavailableKinds: { ...(opts.unavailableKinds ?? {}) },
    warnings: [],
  };
  const { byKind, warnings, leftOut } = validateByKind(objects);
  model.warnings.push(...warnings);
  if (leftOut > 0) leftOutByModel.set(model, leftOut);
  const warn = (kind: string, object: string | null, message: string) => model.warnings.push({ kind, object, message });
  const named = (kind: string, o: KubeObject, namespaced: boolean): { ns: string; name: string } | null => {
    const name = o.metadata?.name;
    const ns = o.metadata?.namespace ?? (namespaced ? 'default' : '');
    if (typeof name !== 'string' || name === '') {
      warn(kind, null, `${kind} without metadata.name; ignored`);
      return null;
    }
    return { ns, name };
  };

  for (const o of byKind.get('Namespace') ?? []) addNamespace(model, o as Namespace, named);
  for (const o of byKind.get('Node') ?? []) addNode(model, o as Node, named, warn);
  const podRun: PodRun = {
    ports: [],
    raws: new RawPods(),
    sidecars: new Map(),
    toNamespace: runPusher(model.podsByNamespace),
    all: [],
  };
  const configMapCandidates: Pod[] = [];
  for (const o of byKind.get('Pod') ?? []) {
    addPod(model, o as Pod, named, warn, podRun);
    // Read while the pod is at hand: the front-door model then looks at these few, not at every pod again.
    if (mayNameConfigMaps(o as Pod)) configMapCandidates.push(o as Pod);
  }
  // In the order read: a later pod of a repeated key or address wins (the key keeps its first position).
  for (const pod of podRun.all) model.pods.set(pod.key, pod);
  for (const pod of podRun.all) if (!pod.hostNetwork) for (const ip of pod.ips) model.podsByIP.set(ip, pod);
  for (const o of byKind.get('ConfigMap') ?? []) {
    const id = named('ConfigMap', o, true);
    if (id) model.configMaps.set(objectKey(id.ns, id.name), { ...((o as ConfigMap).data ?? {}) });
  }
  for (const o of byKind.get('Service') ?? []) addService(model, o as Service, named, warn);
  addEndpointSlices(model, (byKind.get('EndpointSlice') ?? []) as EndpointSlice[], named, warn);
  addLegacyEndpoints(model, (byKind.get('Endpoints') ?? []) as Endpoints[], named, warn);
  deriveEndpointsFromSelectors(model, byKind.has('EndpointSlice') || byKind.has('Endpoints'), warn);
  for (const o of byKind.get('NetworkPolicy') ?? []) addNetworkPolicy(model, o as NetworkPolicy, named, warn);
  if (!opts.skipReferenceChecks) model.warnings.push(...referenceWarnings(model));
  const rawPod = (key: string) => {
    const pod = model.pods.get(key); // the last pod of a repeated key, whose raw object is wanted
    return pod && podRun.raws.rawOf(pod, model.podsByNamespace.get(pod.namespace) ?? []);
  };
  addFrontDoor(
    model,
    byKind,
    warn,
    { rawPod, sidecars: podRun.sidecars, configMapCandidates },
    opts.unreadableConfigMaps,
  );
  // Namespaces referenced by objects but absent from the snapshot still get their immutable name label.
  return model;
}

type Named = (kind: string, o: KubeObject, namespaced: boolean) => { ns: string; name: string } | null;
type Warn = (kind: string, object: string | null, message: string) => void;

function addNamespace(model: ClusterModel, o: Namespace, named: Named): void {
  const id = named('Namespace', o, false);
  if (!id) return;
  // The control plane always sets this immutable label (network-policies.md "Targeting a Namespace by its name").
  const ns: NamespaceModel = {
    name: id.name,
    labels: { ...(o.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': id.name },
  };
  model.namespaces.set(id.name, ns);
}

function tunnelAddresses(annotations: Record<string, string>, warnNode: (m: string) => void): NodeTunnelAddresses {
  const ip = (key: string): string | null => {
    const v = annotations[key];
    if (!v) return null;
    const ip = canonicalIPText(v.split('/')[0]);
    if (ip === null) warnNode(`annotation ${key}="${v}" is not an IP address; ignored`);
    return ip;
  };
  return {
    calicoIPIP: ip('projectcalico.org/IPv4IPIPTunnelAddr'),
    calicoVXLAN: ip('projectcalico.org/IPv4VXLANTunnelAddr'),
    calicoVXLANv6: ip('projectcalico.org/IPv6VXLANTunnelAddr'),
    calicoWireguard: ip('projectcalico.org/IPv4WireguardInterfaceAddr'),
    ciliumHost: ip('network.cilium.io/ipv4-cilium-host') ?? ip('io.cilium.network.ipv4-cilium-host'),
    flannelBackend: annotations['flannel.alpha.coreos.com/backend-type'] ?? null,
    flannelPublicIP: ip('flannel.alpha.coreos.com/public-ip'),
  };
}

function addNode(model: ClusterModel, o: Node, named: Named, warn: Warn): void {
  const id = named('Node', o, false);
  if (!id) return;
  const w = (m: string) => warn('Node', id.name, m);
  const addrs = Array.isArray(o.status?.addresses) ? o.status!.addresses! : [];
  if (addrs.length === 0) w('node has no status.addresses; SNAT sources for it are unknown');
  const internalIPs = validIPs(
    addrs.filter((a) => a?.type === 'InternalIP').map((a) => a.address),
    w,
    'InternalIP',
  );
  const externalIPs = validIPs(
    addrs.filter((a) => a?.type === 'ExternalIP').map((a) => a.address),
    w,
    'ExternalIP',
  );
  const cidrTexts = o.spec?.podCIDRs?.length ? o.spec.podCIDRs : o.spec?.podCIDR ? [o.spec.podCIDR] : [];
  const podCIDRs: Cidr[] = [];
  for (const t of cidrTexts) {
    const c = parseCidr(t);
    if (c && t.includes('/')) podCIDRs.push(c);
    else w(`podCIDR "${t}" is not a valid CIDR; ignored`);
  }
  const labels = o.metadata?.labels ?? {};
  const annotations = o.metadata?.annotations ?? {};
  const taints = Array.isArray(o.spec?.taints) ? o.spec!.taints! : [];
  // Exclusion label: service controller skips such nodes (KEP-1143; label node.kubernetes.io/exclude-from-external-load-balancers).
  const excludedFromLB =
    'node.kubernetes.io/exclude-from-external-load-balancers' in labels
      ? 'labelled node.kubernetes.io/exclude-from-external-load-balancers'
      : null;
  // kube-proxy :10256/healthz answers 503 for these (healthcheck TestHealthzServer; virtual-ips.md).
  const beingDeleted = o.metadata?.deletionTimestamp
    ? `node is being deleted (deletionTimestamp ${o.metadata.deletionTimestamp})`
    : taints.some((t) => t?.key === 'ToBeDeletedByClusterAutoscaler')
      ? 'tainted ToBeDeletedByClusterAutoscaler'
      : null;
  const readyCond = o.status?.conditions?.find((c) => c?.type === 'Ready');
  const node: NodeModel = {
    name: id.name,
    internalIPs,
    externalIPs,
    podCIDRs,
    labels,
    annotations,
    zone: labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? null,
    excludedFromLB,
    beingDeleted,
    unschedulable: o.spec?.unschedulable === true,
    ready: readyCond ? readyCond.status === 'True' : null,
    providerID: o.spec?.providerID ?? null,
    tunnel: tunnelAddresses(annotations, w),
  };
  model.nodes.set(node.name, node);
  const t = node.tunnel;
  for (const a of [
    ...internalIPs,
    ...externalIPs,
    t.calicoIPIP,
    t.calicoVXLAN,
    t.calicoVXLANv6,
    t.calicoWireguard,
    t.ciliumHost,
  ]) {
    if (a && !model.nodeByAddress.has(a)) model.nodeByAddress.set(a, node);
  }
}

function portsOf(
  raw: { name?: string; containerPort?: number; port?: number; protocol?: string }[] | null | undefined,
): PortSpec[] {
  const out: PortSpec[] = [];
  for (const p of Array.isArray(raw) ? raw : []) {
    const port = p?.containerPort ?? p?.port;
    if (typeof port !== 'number') continue;
    out.push({ name: p.name ?? null, port, protocol: protocolOf(p.protocol) });
  }
  return out;
}

/**
 * All containers' ports in one array (a plain loop: this runs once per pod of the cluster). When they are
 * the ports of `previous` (the pod before: replicas of a workload sit together in a listing) that array is
 * returned: the model is read-only, and 150,000 pods then keep a few port lists instead of one each.
 */
function containerPortsOf(containers: NonNullable<Pod['spec']>['containers'], previous: PortSpec[]): PortSpec[] {
  if (!Array.isArray(containers)) return previous.length === 0 ? previous : [];
  if (samePorts(containers, previous)) return previous;
  const out: PortSpec[] = [];
  for (const c of containers) {
    const ports = c?.ports;
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (typeof p?.containerPort === 'number')
        out.push({ name: p.name ?? null, port: p.containerPort, protocol: protocolOf(p.protocol) });
    }
  }
  return out;
}

/** What addPod carries from one pod to the next. */
interface PodRun {
  /** The previous pod's containerPorts, shared by the next pod with the same ports. */
  ports: PortSpec[];
  /** The raw pods, for the front-door model's pod details. */
  raws: RawPods;
  /**
   * The sidecar of each Istio-injected pod by key, for the front-door model: read here, where the key string
   * is already made and the annotations are at hand, instead of in another pass over every pod.
   */
  sidecars: Map<string, IstioSidecar>;
  /** Adds a pod to `model.podsByNamespace` (a listing keeps a namespace's pods together). */
  toNamespace: (namespace: string, pod: PodModel) => void;
  /**
   * Every pod read, in order, for `model.pods` and `model.podsByIP`, which are filled after the pod loop, one
   * map at a time: two maps of 150,000 keys filled in turns with each other and the other pod maps cost about
   * a third more (CPU profiles at the scale limits; bench/NOTES.md).
   */
  all: PodModel[];
}

function addPod(model: ClusterModel, o: Pod, named: Named, warn: Warn, run: PodRun): void {
  // Written for 150,000 pods: no per-pod closures, id objects or temporary IP arrays on the common path
  // (one IPv4 address); the same answers and warnings as `named` and validIPs otherwise.
  const meta = o.metadata;
  const name = meta?.name;
  if (typeof name !== 'string' || name === '') {
    named('Pod', o, true); // warns
    return;
  }
  const namespace = meta?.namespace ?? 'default';
  const key = objectKey(namespace, name);
  const status = o.status;
  const spec = o.spec;
  const ips = podIPsOf(status, key, warn);
  const pod: PodModel = {
    key,
    namespace,
    name,
    ips,
    ip: ips.length ? ips[0] : null,
    nodeName: spec?.nodeName ?? null,
    labels: meta?.labels ?? {},
    hostNetwork: spec?.hostNetwork === true,
    containerPorts: (run.ports = containerPortsOf(spec?.containers, run.ports)),
    phase: status?.phase ?? null,
    ready: isReady(status?.conditions),
    terminating: Boolean(meta?.deletionTimestamp),
  };
  run.all.push(pod);
  const sidecar = istioSidecarOf(meta?.annotations);
  if (sidecar) run.sidecars.set(key, sidecar);
  else if (run.sidecars.size > 0) run.sidecars.delete(key); // the last pod of a repeated key decides, as in model.pods
  // Nodes are added before pods, so a node name is known or missing for good here.
  if (pod.nodeName) {
    if (pod.hostNetwork) pushTo(model.hostNetworkPodsByNode, pod.nodeName, pod);
    if (model.nodes.size > 0 && !model.nodes.has(pod.nodeName)) pushTo(model.podsOnMissingNodes, pod.nodeName, pod);
  }
  run.toNamespace(namespace, pod);
  run.raws.push(namespace, o); // at the pod's position in its namespace's list (RawPods)
}

/** Whether the containers' ports are `ports`, in order (what containerPortsOf would build from them). */
function samePorts(containers: NonNullable<NonNullable<Pod['spec']>['containers']>, ports: PortSpec[]): boolean {
  let n = 0;
  for (const c of containers) {
    const list = c?.ports;
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (typeof p?.containerPort !== 'number') continue;
      const q = ports[n++];
      if (q === undefined || q.port !== p.containerPort || q.name !== (p.name ?? null)) return false;
      if (q.protocol !== protocolOf(p.protocol)) return false;
    }
  }
  return n === ports.length;
}

/** The pod's valid IPs (status.podIPs, else status.podIP), warning about each invalid one. */
function podIPsOf(status: Pod['status'], key: string, warn: Warn): string[] {
  const list = status?.podIPs;
  if (list?.length) {
    const only = list.length === 1 ? list[0]?.ip : undefined;
    const ip = canonicalIPText(only); // one address, valid: the common case (150,000 pods)
    if (ip !== null) return [ip];
    return validIPs(
      list.map((p) => p?.ip),
      (m) => warn('Pod', key, m),
      'pod IP',
    );
  }
  const ip = canonicalIPText(status?.podIP);
  if (ip !== null) return [ip];
  return validIPs([status?.podIP], (m) => warn('Pod', key, m), 'pod IP');
}

/** Whether the pod's Ready condition is True. */
function isReady(conditions: NonNullable<Pod['status']>['conditions']): boolean {
  if (!conditions) return false;
  for (const c of conditions) if (c?.type === 'Ready' && c.status === 'True') return true;
  return false;
}

function addService(model: ClusterModel, o: Service, named: Named, warn: Warn): void {
  const id = named('Service', o, true);
  if (!id) return;
  const key = objectKey(id.ns, id.name);
  const w = (m: string) => warn('Service', key, m);
  const spec = o.spec;
  if (!spec) w('Service has no spec; treated as a ClusterIP Service with no ports');
  const s = spec ?? {};
  const rawType = s.type ?? 'ClusterIP';
  const type = (
    ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(rawType) ? rawType : 'ClusterIP'
  ) as ServiceModel['type'];
  if (type !== rawType) w(`unknown Service type "${rawType}"; treated as ClusterIP`);
  const headless = s.clusterIP === 'None';
  const clusterIPs = headless ? [] : validIPs(s.clusterIPs?.length ? s.clusterIPs : [s.clusterIP], w, 'clusterIP');
  const ports = freshArray<ServicePortModel>(); // packed even when empty: see fresh-array.ts
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    if (typeof p?.port !== 'number') {
      w(`port ${JSON.stringify(p?.name ?? '')} has no port number; ignored`);
      continue;
    }
    ports.push({
      name: p.name ?? null,
      protocol: protocolOf(p.protocol),
      port: p.port,
      // API default: targetPort = port (core/v1 defaults.go SetDefaults_Service).
      targetPort: p.targetPort == null || p.targetPort === '' || p.targetPort === 0 ? p.port : p.targetPort,
      nodePort: typeof p.nodePort === 'number' ? p.nodePort : null,
    });
  }
  const sourceRanges: Cidr[] = [];
  for (const r of s.loadBalancerSourceRanges ?? []) {
    // kube-proxy tolerates stray whitespace (TestLoadBalancer); we do too.
    const c = parseCidr(String(r).trim());
    if (c && String(r).includes('/')) sourceRanges.push(c);
    else w(`loadBalancerSourceRanges entry "${r}" is not a valid CIDR; ignored`);
  }
  const ingress = mapArray(o.status?.loadBalancer?.ingress ?? [], (i) => ({
    ip: canonicalIPText(i?.ip),
    hostname: i?.hostname ?? null,
    ipMode: i?.ipMode === 'Proxy' ? ('Proxy' as const) : ('VIP' as const),
  }));
  const external = type === 'NodePort' || type === 'LoadBalancer';
  const svc: ServiceModel = {
    key,
    namespace: id.ns,
    name: id.name,
    type,
    headless,
    clusterIPs,
    ports,
    selector: s.selector && Object.keys(s.selector).length ? s.selector : null,
    externalTrafficPolicy: s.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    internalTrafficPolicy: s.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    externalIPs: validIPs(s.externalIPs ?? [], w, 'externalIP'),
    loadBalancerIngress: type === 'LoadBalancer' ? ingress : freshArray(),
    loadBalancerSourceRanges: sourceRanges,
    healthCheckNodePort:
      type === 'LoadBalancer' && typeof s.healthCheckNodePort === 'number' ? s.healthCheckNodePort : null,
    loadBalancerClass: s.loadBalancerClass ?? null,
    allocateLoadBalancerNodePorts: s.allocateLoadBalancerNodePorts !== false,
    labels: o.metadata?.labels ?? {},
    annotations: o.metadata?.annotations ?? {},
  };
  if (
    external &&
    ports.some((p) => p.nodePort === null) &&
    !(type === 'LoadBalancer' && !svc.allocateLoadBalancerNodePorts)
  ) {
    w('a port has no nodePort allocated; NodePort paths for it are not shown');
  }
  model.services.set(key, svc);
  const index = (ip: string, kind: AddressEntry['kind']) => pushTo(model.addressIndex, ip, { serviceKey: key, kind });
  for (const ip of clusterIPs) index(ip, 'clusterIP');
  for (const ip of svc.externalIPs) index(ip, 'externalIP');
  for (const ing of svc.loadBalancerIngress) if (ing.ip) index(ing.ip, 'loadBalancerIP');
  ports.forEach((p, portIndex) => {
    if (p.nodePort === null || !external) return;
    const npKey = `${p.protocol}/${p.nodePort}`;
    const clash = model.nodePortIndex.get(npKey);
    if (clash) w(`nodePort ${npKey} is also used by ${clash.serviceKey}; the first one wins`);
    else model.nodePortIndex.set(npKey, { serviceKey: key, portIndex });
  });
}

/**
 * The key of the pod an endpoint's targetRef names: the pod's own key string when the pod is in the model
 * (150,000 endpoints then share the pods' strings instead of keeping a copy each, and every later
 * `model.pods.get(ep.podKey)` finds the hash already computed).
 */
function podKeyOf(
  model: ClusterModel,
  ref: { kind?: string; name?: string; namespace?: string } | undefined,
  fallbackNs: string,
  ip: string,
): string | null {
  if (ref?.kind !== 'Pod' || !ref.name) return null;
  const namespace = ref.namespace ?? fallbackNs;
  // An endpoint's address is its pod's IP: that lookup needs no key string made, flattened and hashed.
  const byIP = model.podsByIP.get(ip);
  if (byIP !== undefined && byIP.name === ref.name && byIP.namespace === namespace) return byIP.key;
  const key = objectKey(namespace, ref.name);
  return model.pods.get(key)?.key ?? key;
}

function addEndpointSlices(model: ClusterModel, slices: EndpointSlice[], named: Named, warn: Warn): void {
  for (const o of slices) {
    const id = named('EndpointSlice', o, true);
    if (!id) continue;
    const sliceKey = objectKey(id.ns, id.name);
    const svcName = o.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (!svcName) {
      warn('EndpointSlice', sliceKey, `no ${SERVICE_NAME_LABEL} label; not attached to any Service`);
      continue;
    }
    const svcKey = objectKey(id.ns, svcName);
    if (!model.services.has(svcKey) && !model.unavailableKinds.Service)
      warn('EndpointSlice', sliceKey, `its Service ${svcKey} is not in the snapshot; no Service uses these endpoints`);
    if (o.addressType === 'FQDN') continue; // kube-proxy ignores FQDN slices.
    const ports = portsOf(o.ports ?? []);
    const list = model.endpointsByService.get(svcKey) ?? [];
    model.endpointsByService.set(svcKey, list);
    for (const ep of Array.isArray(o.endpoints) ? o.endpoints : []) {
      const c = ep?.conditions ?? {};
      // Nil conditions: ready and serving are "unknown → treat as true"; terminating nil → false (discovery/v1 types.go).
      const ready = c.ready !== false;
      const serving = c.serving ?? ready;
      const terminating = c.terminating === true;
      // discovery/v1: only the first address is used by consumers (EndpointSlice API: "consumers MUST only use the first").
      const addr = ep?.addresses?.[0];
      const ip = canonicalIPText(addr);
      if (!ip) {
        warn('EndpointSlice', sliceKey, `endpoint with invalid address "${addr ?? ''}"; ignored`);
        continue;
      }
      list.push({
        ip,
        ready,
        serving: serving !== false,
        terminating,
        nodeName: ep.nodeName ?? null,
        zone: ep.zone ?? null,
        hints: ep.hints
          ? { zones: (ep.hints.forZones ?? []).map((z) => z.name), nodes: (ep.hints.forNodes ?? []).map((n) => n.name) }
          : null,
        podKey: podKeyOf(model, ep.targetRef, id.ns, ip),
        ports,
        source: 'EndpointSlice',
      });
    }
  }
}

function addLegacyEndpoints(model: ClusterModel, list: Endpoints[], named: Named, warn: Warn): void {
  for (const o of list) {
    const id = named('Endpoints', o, true);
    if (!id) continue;
    const svcKey = objectKey(id.ns, id.name);
    // Fall back to core Endpoints only when the Service has no EndpointSlices at all.
    if (model.endpointsByService.has(svcKey)) continue;
    const eps: EndpointModel[] = [];
    for (const subset of o.subsets ?? []) {
      const ports = portsOf(subset?.ports ?? []);
      const add = (
        a: { ip?: string; nodeName?: string; targetRef?: { kind?: string; name?: string; namespace?: string } },
        ready: boolean,
      ) => {
        const ip = canonicalIPText(a?.ip);
        if (ip === null) {
          warn('Endpoints', svcKey, `address "${a?.ip ?? ''}" is not an IP; ignored`);
          return;
        }
        eps.push({
          ip,
          ready,
          serving: ready,
          terminating: false,
          nodeName: a.nodeName ?? null,
          zone: null,
          hints: null,
          podKey: podKeyOf(model, a.targetRef, id.ns, ip),
          ports,
          source: 'Endpoints',
        });
      };
      for (const a of subset?.addresses ?? []) add(a, true);
      for (const a of subset?.notReadyAddresses ?? []) add(a, false);
    }
    model.endpointsByService.set(svcKey, eps);
    warn('Endpoints', svcKey, 'no EndpointSlice for this Service; using the legacy Endpoints object');
  }
}

/** Label index: namespace → "key=value" → pods; answers a selector by intersecting its smallest term. */
function selectPods(
  index: Map<string, Map<string, PodModel[]>>,
  ns: string,
  selector: Record<string, string>,
): PodModel[] {
  const terms = Object.entries(selector);
  const byLabel = index.get(ns);
  if (!byLabel) return [];
  let smallest: PodModel[] | null = null;
  for (const [k, v] of terms) {
    const l = byLabel.get(`${k}=${v}`) ?? [];
    if (!smallest || l.length < smallest.length) smallest = l;
  }
  return (smallest ?? []).filter((p) => terms.every(([k, v]) => p.labels[k] === v));
}

function deriveEndpointsFromSelectors(model: ClusterModel, haveEndpointKinds: boolean, warn: Warn): void {
  // Only when the snapshot has no EndpointSlices/Endpoints at all: kube-proxy itself reads slices,
  // so deriving endpoints from selectors is an approximation, and we say so.
  if (haveEndpointKinds || model.services.size === 0) return;
  const index = new Map<string, Map<string, PodModel[]>>();
  for (const pod of model.pods.values()) {
    let byLabel = index.get(pod.namespace);
    if (!byLabel) index.set(pod.namespace, (byLabel = new Map()));
    for (const [k, v] of Object.entries(pod.labels)) pushTo(byLabel, `${k}=${v}`, pod);
  }
  let derived = 0;
  for (const svc of model.services.values()) {
    if (!svc.selector) continue;
    const pods = selectPods(index, svc.namespace, svc.selector);
    const eps: EndpointModel[] = [];
    for (const p of pods) {
      const ip = p.hostNetwork ? (model.nodes.get(p.nodeName ?? '')?.internalIPs[0] ?? p.ip) : p.ip;
      if (!ip) continue;
      eps.push({
        ip,
        ready: p.ready && !p.terminating,
        serving: p.ready,
        terminating: p.terminating,
        nodeName: p.nodeName,
        zone: model.nodes.get(p.nodeName ?? '')?.zone ?? null,
        hints: null,
        podKey: p.key,
        ports: svc.ports.map((sp) => resolveTargetPort(sp, p)).filter((x): x is PortSpec => x !== null),
        source: 'selector',
      });
    }
    model.endpointsByService.set(svc.key, eps);
    derived++;
  }
  if (derived)
    warn(
      'EndpointSlice',
      null,
      `the snapshot has no EndpointSlices; endpoints of ${derived} Services were derived from their selectors and pod readiness`,
    );
}

function resolveTargetPort(sp: ServicePortModel, pod: PodModel): PortSpec | null {
  if (typeof sp.targetPort === 'number') return { name: sp.name, port: sp.targetPort, protocol: sp.protocol };
  const cp = pod.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol);
  return cp ? { name: sp.name, port: cp.port, protocol: sp.protocol } : null;
}

function addNetworkPolicy(model: ClusterModel, o: NetworkPolicy, named: Named, warn: Warn): void {
  const id = named('NetworkPolicy', o, true);
  if (!id) return;
  const key = objectKey(id.ns, id.name);
  if (!o.spec) {
    warn(
      'NetworkPolicy',
      key,
      'NetworkPolicy has no spec; it selects every pod of its namespace for ingress and allows nothing (API defaults)',
    );
  }
  const spec = o.spec ?? {};
  const given = (spec.policyTypes ?? []).filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
  // pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy: empty → [Ingress] (+ Egress if egress rules exist).
  const defaulted = given.length === 0;
  const policyTypes: ('Ingress' | 'Egress')[] = defaulted
    ? spec.egress?.length
      ? ['Ingress', 'Egress']
      : ['Ingress']
    : given;
  const np: NetworkPolicyModel = {
    key,
    namespace: id.ns,
    name: id.name,
    podSelector: spec.podSelector ?? {},
    policyTypes,
    policyTypesDefaulted: defaulted,
    spec,
  };
  pushTo(model.policiesByNamespace, id.ns, np);
}

const listed = (names: string[]) => `${names.slice(0, 5).join(', ')}${names.length > 5 ? `, … (${names.length})` : ''}`;

const referenceWarningSet = new WeakSet<ModelWarning>();

/** Whether a warning came from referenceWarnings (a partial rebuild replaces them all). */
export function isReferenceWarning(w: ModelWarning): boolean {
  return referenceWarningSet.has(w);
}

/**
 * References to nodes the cluster data does not hold: endpoints and pods on unknown nodes. Without any
 * Node object one warning says so instead (per-node answers are then unknown). Nothing is said when the
 * Node kind could not be read: that is reported where it is known. A function of the model alone, so a
 * partial rebuild can recompute it for the merged model.
 */
export function referenceWarnings(model: ClusterModel): ModelWarning[] {
  const out: ModelWarning[] = [];
  const warn = (kind: string, object: string | null, message: string) => {
    const w = { kind, object, message };
    referenceWarningSet.add(w);
    out.push(w);
  };
  if (model.unavailableKinds.Node) return out;
  if (model.nodes.size === 0) {
    if (model.services.size > 0 || model.pods.size > 0)
      warn(
        'Node',
        null,
        'the cluster data has no Node objects: health checks, load-balancer shares and per-node answers are unknown',
      );
    return out;
  }
  for (const [name, pods] of model.podsOnMissingNodes) {
    const keys = pods.map((p) => p.key);
    warn('Pod', null, `${keys.length} pod(s) run on node ${name}, which is not in the snapshot: ${listed(keys)}`);
  }
  for (const [svcKey, eps] of model.endpointsByService) {
    // No temporaries for the Services whose endpoints are all on known nodes (every one, usually).
    let unknown: Set<string> | null = null;
    for (const e of eps) if (e.nodeName && !model.nodes.has(e.nodeName)) (unknown ??= new Set()).add(e.nodeName);
    const ghosts = unknown ? [...unknown] : [];
    if (ghosts.length)
      warn(
        'EndpointSlice',
        svcKey,
        `endpoints on nodes that are not in the snapshot (${listed(ghosts)}); those nodes get no health-check answer and no load-balancer share`,
      );
  }
  return out;
}
