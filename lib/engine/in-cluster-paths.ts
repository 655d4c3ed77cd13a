// Paths of in-cluster traffic to a Service's ClusterIP: which client pods (grouped by namespace and
// workload) reach which endpoints, through the kube-proxy of each client's own node, under
// internalTrafficPolicy Cluster and Local (actual or what-if), with the NetworkPolicy verdict per client
// group. Each (group, node) case is one packet put through the tracer (tracePacket), so forwarding,
// masquerade and the policy hook are the tracer's own answers; nothing here re-decides them. Pure.
//
// Rules: a packet from a pod to a ClusterIP is handled on the client's node (virtual-ips.md "kube-proxy
// on each node"); iTP=Local uses only endpoints on that node and drops otherwise
// (iptables/proxier_test.go::TestInternalTrafficPolicy; topology.go CategorizeEndpoints, see
// lib/engine/endpoints.ts); iTP=Cluster uses the cluster-wide set.
import { familyOf } from './endpoints';
import type { ClusterModel, PodModel, Protocol, ServiceModel } from '../model/cluster';
import type { PolicyHook } from './policy-hook';
import { tracePacket } from './trace';
import type { Dataplane, PolicyVerdict, TraceEndpoint, TrafficPolicy, Verdict } from './types';

/** Client groups evaluated at most (the Service's own namespace first); the rest are counted. */
export const MAX_CLIENT_GROUPS = 100;
/** Distinct client nodes traced per group at most (each node's proxy decides for its pods). */
export const MAX_NODES_PER_GROUP = 8;
/** Pod names kept per group. */
const MAX_SAMPLE_PODS = 16;

/** The facts the in-cluster paths need; the hook answers NetworkPolicy questions. */
export interface InClusterContext {
  model: ClusterModel;
  dataplane: Dataplane;
  hook: PolicyHook;
}

/** Client pods of one workload of one namespace (or the one pod a user chose). */
export interface ClientGroup {
  /** `namespace/workload`, or the pod key for a chosen pod. */
  key: string;
  namespace: string;
  workload: string;
  pods: number;
  samplePods: string[];
}

/** What the proxy on one client node (or on several that decide alike) does with the group's packets. */
export interface ClientRoute {
  /** The node whose pod was traced. */
  node: string | null;
  /** Every node this answer stands for (the traced one, and those that decide alike). */
  nodes: string[];
  /** Client pods of the group on these nodes. */
  pods: number;
  /** The pod whose packet was traced. */
  tracedPod: string;
  verdict: Verdict;
  reason: string;
  endpoints: TraceEndpoint[];
}

/** One client group's path to the Service. */
export interface ClientGroupPath {
  group: ClientGroup;
  routes: ClientRoute[];
  /** Pods on nodes beyond MAX_NODES_PER_GROUP, not traced. */
  untracedPods: number;
  /** NetworkPolicy verdict over every endpoint the group reaches (mixed answers → `denied` if any denies, else `unknown`); null when it reaches none. */
  policy: PolicyVerdict | null;
  policyReason: string;
}

/** In-cluster paths of one Service under one internalTrafficPolicy. */
export interface InClusterPaths {
  policy: TrafficPolicy;
  actual: boolean;
  /** The ClusterIP and first port traced; null for a headless or ExternalName Service. */
  entry: { address: string; port: number; protocol: Protocol } | null;
  clients: ClientGroupPath[];
  /** Client groups not evaluated (over MAX_CLIENT_GROUPS). */
  omittedGroups: number;
  notes: string[];
}

/**
 * The workload a pod belongs to, from its name as the controllers generate it: Deployment
 * `<name>-<pod-template-hash>-<5>`, DaemonSet/Job `<name>-<5>`, StatefulSet `<name>-<ordinal>`, static
 * pods `<name>-<node>` (names.SimpleNameGenerator: 5 random characters; kubelet static pod naming).
 */
export function workloadOf(pod: Pick<PodModel, 'name' | 'nodeName'>): string {
  const n = pod.name;
  if (pod.nodeName && n.endsWith(`-${pod.nodeName}`) && n.length > pod.nodeName.length + 1)
    return n.slice(0, -pod.nodeName.length - 1);
  const deployment = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(n);
  if (deployment) return deployment[1];
  const generated = /^(.+)-[a-z0-9]{5}$/.exec(n);
  if (generated) return generated[1];
  const ordinal = /^(.+)-\d+$/.exec(n);
  return ordinal ? ordinal[1] : n;
}

/** Pods that can be clients: running, with an address, not host-network (those are node traffic). */
function isClient(p: PodModel): boolean {
  return p.ip !== null && !p.hostNetwork && !p.terminating && (p.phase === null || p.phase === 'Running');
}

/**
 * Client pods grouped by `namespace/workload`, sorted by key, once per pod set: every Service page asks for
 * every policy, and grouping 150,000 pods took 0.8–2 s a page at Kubernetes' scale limits. Keyed by the
 * pods map, which a built model never changes (the live source rebuilds it when pods change; what-if
 * models share it). Callers copy before sorting a group.
 */
const groupsByPods = new WeakMap<ClusterModel['pods'], [string, PodModel[]][]>();

function workloadGroups(model: ClusterModel): [string, PodModel[]][] {
  const cached = groupsByPods.get(model.pods);
  if (cached) return cached;
  const groups = new Map<string, PodModel[]>();
  for (const p of model.pods.values()) {
    if (!isClient(p)) continue;
    const key = `${p.namespace}/${workloadOf(p)}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  groupsByPods.set(model.pods, sorted);
  return sorted;
}

/** Groups client pods by namespace and workload; the Service's own namespace first, then by key. */
export function clientGroups(model: ClusterModel, service: ServiceModel): Map<string, PodModel[]> {
  const own = `${service.namespace}/`;
  const sorted = workloadGroups(model);
  return new Map([...sorted.filter(([k]) => k.startsWith(own)), ...sorted.filter(([k]) => !k.startsWith(own))]);
}

/** The model with the Service's internalTrafficPolicy replaced (what-if); the rest is shared. */
function withInternalPolicy(model: ClusterModel, service: ServiceModel, policy: TrafficPolicy): ClusterModel {
  if (service.internalTrafficPolicy === policy) return model;
  const services = new Map(model.services);
  services.set(service.key, { ...service, internalTrafficPolicy: policy });
  return { ...model, services };
}

/** Combines per-endpoint verdicts: all equal → that one; any denial → denied; else unknown. */
function combine(endpoints: TraceEndpoint[]): { policy: PolicyVerdict | null; reason: string } {
  if (endpoints.length === 0) return { policy: null, reason: 'the packets reach no endpoint' };
  const verdicts = new Set(endpoints.map((e) => e.policy));
  const first = endpoints[0];
  if (verdicts.size === 1) return { policy: first.policy, reason: first.policyReason };
  const worst = verdicts.has('denied') ? 'denied' : 'unknown';
  const hit = endpoints.find((e) => e.policy === worst)!;
  return {
    policy: worst,
    reason: `depends on the endpoint: ${endpoints.filter((e) => e.policy === 'allowed').length} of ${endpoints.length} allow it; ${hit.pod ?? hit.ip}: ${hit.policyReason}`,
  };
}

/**
 * Traces one group: one packet per distinct client node (up to MAX_NODES_PER_GROUP) when the answer
 * can differ by node, else one packet for the whole group. It differs by node only under iTP=Local
 * (local endpoints) or with topology hints (CategorizeEndpoints, lib/engine/endpoints.ts); a pod
 * source is classified alike on every node for the ClusterIP masquerade rule (TestInternalExternalMasquerade).
 */
function groupPath(
  ctx: InClusterContext,
  model: ClusterModel,
  entry: NonNullable<InClusterPaths['entry']>,
  group: ClientGroup,
  pods: PodModel[],
  perNode: boolean,
): ClientGroupPath {
  const byNode = new Map<string | null, PodModel[]>();
  for (const p of [...pods].sort((a, b) => a.key.localeCompare(b.key))) {
    const list = byNode.get(p.nodeName);
    if (list) list.push(p);
    else byNode.set(p.nodeName, [p]);
  }
  const nodes = [...byNode.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const trace = (pod: PodModel) =>
    tracePacket(
      model,
      ctx.dataplane,
      {
        source: { kind: 'pod', pod: pod.key },
        destination: { ip: entry.address, port: entry.port, protocol: entry.protocol },
      },
      ctx.hook,
    );
  const named = (list: (string | null)[]) => list.filter((n): n is string => n !== null);
  if (!perNode) {
    const first = byNode.get(nodes[0])![0];
    const r = trace(first);
    const route: ClientRoute = {
      node: first.nodeName,
      nodes: named(nodes),
      pods: pods.length,
      tracedPod: first.key,
      verdict: r.verdict,
      reason: r.reason,
      endpoints: r.endpoints,
    };
    const { policy, reason } = combine(route.endpoints);
    return { group, routes: [route], untracedPods: 0, policy, policyReason: reason };
  }
  const routes: ClientRoute[] = nodes.slice(0, MAX_NODES_PER_GROUP).map((node) => {
    const list = byNode.get(node)!;
    const r = trace(list[0]);
    return {
      node,
      nodes: named([node]),
      pods: list.length,
      tracedPod: list[0].key,
      verdict: r.verdict,
      reason: r.reason,
      endpoints: r.endpoints,
    };
  });
  const untracedPods = nodes.slice(MAX_NODES_PER_GROUP).reduce((n, k) => n + byNode.get(k)!.length, 0);
  const { policy, reason } = combine(routes.flatMap((r) => r.endpoints));
  return { group, routes, untracedPods, policy, policyReason: reason };
}

/**
 * In-cluster paths of `service` under internalTrafficPolicy `policy`. `clientPod` (a pod key) traces
 * that pod alone instead of every workload.
 */
export function inClusterPaths(
  ctx: InClusterContext,
  service: ServiceModel,
  policy: TrafficPolicy,
  opts: { clientPod?: string | null } = {},
): InClusterPaths {
  const out: InClusterPaths = {
    policy,
    actual: policy === service.internalTrafficPolicy,
    entry: null,
    clients: [],
    omittedGroups: 0,
    notes: [],
  };
  const address = service.clusterIPs[0];
  const port = service.ports[0];
  if (service.type === 'ExternalName' || service.headless || !address || !port) {
    out.notes.push(
      service.type === 'ExternalName'
        ? 'An ExternalName Service is a DNS alias: no ClusterIP, no proxy rule.'
        : 'A headless Service has no ClusterIP: clients resolve the pod IPs through DNS and connect to them directly.',
    );
    return out;
  }
  out.entry = { address, port: port.port, protocol: port.protocol };
  const model = withInternalPolicy(ctx.model, service, policy);
  const family = familyOf(address);
  const perNode =
    policy === 'Local' || (ctx.model.endpointsByService.get(service.key) ?? []).some((ep) => ep.hints !== null);
  if (opts.clientPod) {
    const pod = ctx.model.pods.get(opts.clientPod);
    if (!pod || !isClient(pod)) {
      out.notes.push(`Pod ${opts.clientPod} is not a running pod with an address in the cluster data.`);
      return out;
    }
    const group = { key: pod.key, namespace: pod.namespace, workload: workloadOf(pod), pods: 1, samplePods: [pod.key] };
    out.clients.push(groupPath(ctx, model, out.entry, group, [pod], perNode));
    return out;
  }
  const groups = [...clientGroups(ctx.model, service)].filter(([, pods]) =>
    pods.some((p) => p.ips.some((ip) => familyOf(ip) === family)),
  );
  out.omittedGroups = Math.max(0, groups.length - MAX_CLIENT_GROUPS);
  if (out.omittedGroups > 0)
    out.notes.push(
      `${out.omittedGroups} more client workloads are not evaluated here; choose one of their pods to see it.`,
    );
  for (const [key, pods] of groups.slice(0, MAX_CLIENT_GROUPS)) {
    const group: ClientGroup = {
      key,
      namespace: pods[0].namespace,
      workload: key.slice(key.indexOf('/') + 1),
      pods: pods.length,
      samplePods: pods
        .map((p) => p.key)
        .sort()
        .slice(0, MAX_SAMPLE_PODS),
    };
    out.clients.push(groupPath(ctx, model, out.entry, group, pods, perNode));
  }
  out.notes.push(
    perNode
      ? 'Each workload is traced with one pod per node; its other pods are assumed to carry the same labels (one pod template).'
      : 'Each workload is traced with one of its pods (every node decides alike here); its other pods are assumed to carry the same labels.',
  );
  return out;
}
