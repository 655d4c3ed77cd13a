// Which endpoints kube-proxy uses: a port of pkg/proxy/topology.go::CategorizeEndpoints (§3, §4 of
// ../shared/reference/kube-proxy-semantics.md) plus the per-Service-port endpoint list and targetPort resolution.
import type { ClusterModel, EndpointModel, ServiceModel, ServicePortModel } from '../model/cluster';
import { filterArray, freshArray } from '../util/fresh-array';
import type { TrafficPolicy } from './types';

/** Which endpoint sets a Service port needs (ServicePort.UsesClusterEndpoints / UsesLocalEndpoints). */
export interface EndpointUsage {
  usesClusterEndpoints: boolean;
  usesLocalEndpoints: boolean;
}

/** Topology mode chosen from hints (topology.go::topologyModeFromHints). */
export type TopologyMode = 'PreferSameNode' | 'PreferSameZone' | null;

/** The result of CategorizeEndpoints for one node. */
export interface CategorizedEndpoints {
  /** Used by ClusterIP traffic under iTP=Cluster and external traffic under eTP=Cluster. */
  cluster: EndpointModel[];
  /** Endpoints on this node that Local policy uses. */
  local: EndpointModel[];
  /** Union of the two (what some rule on this node may reach). */
  allReachable: EndpointModel[];
  /** False → the Service is REJECTed; true with an empty chosen set → DROP (§2). */
  hasAnyEndpoints: boolean;
  topologyMode: TopologyMode;
  /** The cluster set fell back to serving+terminating endpoints (nothing ready anywhere). */
  clusterUsesTerminating: boolean;
  /** The local set fell back to local serving+terminating endpoints (no local ready one). */
  localUsesTerminating: boolean;
}

/**
 * kube-proxy's "externally accessible": a NodePort, an LB VIP (ipMode VIP only; Proxy-mode IPs are not
 * tracked, servicechangetracker) or an externalIP. eTP is ignored otherwise
 * (topology_test.go::TestCategorizeEndpoints "externalTrafficPolicy ignored if not externally accessible").
 */
export function isExternallyAccessible(service: ServiceModel, port?: ServicePortModel): boolean {
  const nodePort = port ? port.nodePort !== null : service.ports.some((p) => p.nodePort !== null);
  const exposesNodePort = nodePort && (service.type === 'NodePort' || service.type === 'LoadBalancer');
  return (
    exposesNodePort ||
    service.externalIPs.length > 0 ||
    service.loadBalancerIngress.some((i) => i.ip !== null && i.ipMode === 'VIP')
  );
}

/** ServicePort.UsesClusterEndpoints / UsesLocalEndpoints (pkg/proxy/serviceport.go), with an optional eTP override. */
export function endpointUsage(
  service: ServiceModel,
  externalPolicy: TrafficPolicy = service.externalTrafficPolicy,
  port?: ServicePortModel,
): EndpointUsage {
  const ext = isExternallyAccessible(service, port);
  return {
    usesClusterEndpoints: service.internalTrafficPolicy === 'Cluster' || (ext && externalPolicy === 'Cluster'),
    usesLocalEndpoints: service.internalTrafficPolicy === 'Local' || (ext && externalPolicy === 'Local'),
  };
}

const isLocal = (ep: EndpointModel, nodeName: string | null) => nodeName !== null && ep.nodeName === nodeName;
const servingTerminating = (ep: EndpointModel) => ep.serving && ep.terminating;

/** topology.go::topologyModeFromHints (PreferSameTrafficDistribution on: node hints first, then zone hints). */
export function topologyModeFromHints(
  endpoints: readonly EndpointModel[],
  nodeName: string | null,
  zone: string | null,
): TopologyMode {
  let hasReady = false,
    allNode = true,
    forNode = false,
    allZone = true,
    forZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    hasReady = true;
    const nodes = ep.hints?.nodes ?? [];
    const zones = ep.hints?.zones ?? [];
    if (nodes.length === 0) allNode = false;
    else if (nodeName !== null && nodes.includes(nodeName)) forNode = true;
    if (zones.length === 0) allZone = false;
    else if (zone !== null && zones.includes(zone)) forZone = true;
  }
  if (!hasReady) return null;
  if (allNode && forNode) return 'PreferSameNode';
  if (allZone && forZone) return 'PreferSameZone';
  return null;
}

function availableForTopology(
  ep: EndpointModel,
  mode: TopologyMode,
  nodeName: string | null,
  zone: string | null,
): boolean {
  if (mode === 'PreferSameNode') return nodeName !== null && (ep.hints?.nodes ?? []).includes(nodeName);
  if (mode === 'PreferSameZone') return zone !== null && (ep.hints?.zones ?? []).includes(zone);
  return true;
}

/**
 * Port of pkg/proxy/topology.go::CategorizeEndpoints for one node. Ready endpoints win; the cluster set
 * falls back to serving+terminating endpoints cluster-wide only when nothing is ready anywhere
 * (TestTerminatingEndpointsTrafficPolicyCluster), the local set to local serving+terminating endpoints
 * only when no local endpoint is ready (TestTerminatingEndpointsTrafficPolicyLocal). Endpoints that are
 * neither ready nor serving are never used.
 */
export function categorizeEndpoints(
  endpoints: readonly EndpointModel[],
  usage: EndpointUsage,
  node: { name: string | null; zone: string | null },
): CategorizedEndpoints {
  let cluster: EndpointModel[] = [];
  let local: EndpointModel[] = [];
  let hasAnyEndpoints = false;
  let topologyMode: TopologyMode = null;
  let clusterUsesTerminating = false;
  let localUsesTerminating = false;
  if (usage.usesClusterEndpoints) {
    topologyMode = topologyModeFromHints(endpoints, node.name, node.zone);
    cluster = endpoints.filter((ep) => ep.ready && availableForTopology(ep, topologyMode, node.name, node.zone));
    if (cluster.length === 0) {
      cluster = endpoints.filter(servingTerminating);
      clusterUsesTerminating = cluster.length > 0;
    }
    // Any ready endpoint anywhere guarantees a non-empty cluster set.
    if (cluster.length > 0) hasAnyEndpoints = true;
  }
  if (!usage.usesLocalEndpoints) {
    return {
      cluster,
      local,
      allReachable: cluster,
      hasAnyEndpoints,
      topologyMode,
      clusterUsesTerminating,
      localUsesTerminating,
    };
  }
  let localReady = false,
    localST = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (isLocal(ep, node.name)) localReady = true;
    } else if (servingTerminating(ep)) {
      hasAnyEndpoints = true;
      if (isLocal(ep, node.name)) localST = true;
    }
  }
  if (localReady) local = endpoints.filter((ep) => isLocal(ep, node.name) && ep.ready);
  else if (localST) {
    localUsesTerminating = true;
    local = endpoints.filter((ep) => isLocal(ep, node.name) && servingTerminating(ep));
  }
  if (!usage.usesClusterEndpoints) {
    return {
      cluster,
      local,
      allReachable: local,
      hasAnyEndpoints,
      topologyMode,
      clusterUsesTerminating,
      localUsesTerminating,
    };
  }
  let allReachable = cluster;
  if (topologyMode !== null || localUsesTerminating) {
    const seen = new Set(cluster.map((e) => e.ip));
    allReachable = [...cluster, ...local.filter((e) => !seen.has(e.ip))];
  }
  return { cluster, local, allReachable, hasAnyEndpoints, topologyMode, clusterUsesTerminating, localUsesTerminating };
}

// ---- endpoints of one Service port --------------------------------------------------------------

/** IP family of a canonical address from the model (IPv6 addresses always contain a colon). */
export function familyOf(ip: string): 4 | 6 {
  return ip.includes(':') ? 6 : 4;
}

/**
 * The endpoints that serve one Service port. kube-proxy keys endpoints by Service port name: an
 * EndpointSlice endpoint serves a port when its slice lists a port of the same name and protocol.
 * `family` keeps one IP family (kube-proxy runs one proxier per family).
 */
export function endpointsForServicePort(
  model: ClusterModel,
  service: ServiceModel,
  portIndex: number,
  family?: 4 | 6,
): EndpointModel[] {
  const sp = service.ports[portIndex];
  if (!sp) return [];
  const all = model.endpointsByService.get(service.key) ?? [];
  const out: EndpointModel[] = [];
  for (const ep of all) {
    if (family !== undefined && familyOf(ep.ip) !== family) continue;
    if (endpointPortFor(model, ep, sp) !== null) out.push(ep);
  }
  return out;
}

/**
 * The port the endpoint's pod receives for a Service port: the EndpointSlice port with the Service
 * port's name (the slice already holds the resolved targetPort); for legacy / selector-derived
 * endpoints without ports, a numeric targetPort or the pod's container port of that name. Null when
 * the endpoint does not serve this Service port.
 */
export function endpointPortFor(model: ClusterModel, ep: EndpointModel, sp: ServicePortModel): number | null {
  const name = sp.name ?? '';
  if (ep.ports.length > 0) {
    // A loop, not find(): asked for every endpoint of every Service under both policies, and a callback
    // closing over `name` and `sp` was one more allocation each time.
    for (const p of ep.ports) if ((p.name ?? '') === name && p.protocol === sp.protocol) return p.port;
    return null;
  }
  if (ep.source === 'EndpointSlice') return null; // a slice without ports serves no Service port
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  const pod = ep.podKey ? model.pods.get(ep.podKey) : undefined;
  const cp = pod?.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol);
  return cp ? cp.port : null;
}

// ---- per-node queries for many nodes, O(endpoints) in total ---------------------------------------

/**
 * Endpoint sets for every node of one Service port, computed once: the cluster set is cached per
 * topology key, the local set comes from a by-node index, so asking for N nodes costs O(endpoints + N).
 * Answers equal `categorizeEndpoints(endpoints, {true, true}, node)`.
 */
export interface EndpointIndex {
  readonly endpoints: readonly EndpointModel[];
  readonly hasAnyEndpoints: boolean;
  /** Names of nodes that host an endpoint or are named in a node hint. */
  readonly interestingNodes: ReadonlySet<string>;
  /** True when hints may change the cluster set from node to node. */
  readonly topologyActive: boolean;
  cluster(
    nodeName: string | null,
    zone: string | null,
  ): { key: string; endpoints: EndpointModel[]; terminating: boolean; topologyMode: TopologyMode };
  local(nodeName: string | null): { endpoints: EndpointModel[]; terminating: boolean; ready: number; total: number };
  /** Every endpoint on a node, whatever its conditions. */
  onNode(nodeName: string): readonly EndpointModel[];
}

/** No endpoints (one packed empty array: see fresh-array.ts). */
const NO_ENDPOINTS: readonly EndpointModel[] = freshArray();

/** Builds an EndpointIndex for one Service port's endpoints. */
export function buildEndpointIndex(endpoints: readonly EndpointModel[]): EndpointIndex {
  const byNode = new Map<string, EndpointModel[]>();
  const interesting = new Set<string>();
  let hasReady = false,
    hasST = false,
    allNode = true,
    allZone = true;
  const nodeHinted = new Set<string>();
  const zoneHinted = new Set<string>();
  for (const ep of endpoints) {
    if (ep.nodeName) {
      interesting.add(ep.nodeName);
      const l = byNode.get(ep.nodeName);
      if (l) l.push(ep);
      // Not a literal: a Service with thousands of nodes would get a literal's site pretenured (util/fresh-array.ts).
      else byNode.set(ep.nodeName, freshArray(ep));
    }
    if (ep.ready) {
      hasReady = true;
      const nodes = ep.hints?.nodes ?? [];
      const zones = ep.hints?.zones ?? [];
      if (nodes.length === 0) allNode = false;
      for (const n of nodes) {
        nodeHinted.add(n);
        interesting.add(n);
      }
      if (zones.length === 0) allZone = false;
      for (const z of zones) zoneHinted.add(z);
    } else if (servingTerminating(ep)) hasST = true;
  }
  const topologyActive = hasReady && ((allNode && nodeHinted.size > 0) || (allZone && zoneHinted.size > 0));
  const cache = new Map<
    string,
    { key: string; endpoints: EndpointModel[]; terminating: boolean; topologyMode: TopologyMode }
  >();
  return {
    endpoints,
    hasAnyEndpoints: hasReady || hasST,
    interestingNodes: interesting,
    topologyActive,
    cluster(nodeName, zone) {
      let mode: TopologyMode = null;
      if (hasReady && allNode && nodeName !== null && nodeHinted.has(nodeName)) mode = 'PreferSameNode';
      else if (hasReady && allZone && zone !== null && zoneHinted.has(zone)) mode = 'PreferSameZone';
      // paths.ts groups node rows by this key next to `local:<node>` keys: it never starts with `local:`.
      const key = mode === 'PreferSameNode' ? `n:${nodeName}` : mode === 'PreferSameZone' ? `z:${zone}` : '*';
      let hit = cache.get(key);
      if (!hit) {
        let eps = filterArray(endpoints, (ep) => ep.ready && availableForTopology(ep, mode, nodeName, zone));
        let terminating = false;
        if (eps.length === 0) {
          eps = filterArray(endpoints, servingTerminating);
          terminating = eps.length > 0;
        }
        hit = { key, endpoints: eps, terminating, topologyMode: mode };
        cache.set(key, hit);
      }
      return hit;
    },
    onNode(nodeName) {
      return byNode.get(nodeName) ?? NO_ENDPOINTS;
    },
    local(nodeName) {
      // filterArray: forwarding.ts gets endpoint lists of one array kind, empty or not (fresh-array.ts).
      const mine = nodeName ? (byNode.get(nodeName) ?? NO_ENDPOINTS) : NO_ENDPOINTS;
      const ready = filterArray(mine, (e) => e.ready);
      if (ready.length > 0) return { endpoints: ready, terminating: false, ready: ready.length, total: mine.length };
      const st = filterArray(mine, servingTerminating);
      return { endpoints: st, terminating: st.length > 0, ready: 0, total: mine.length };
    },
  };
}
