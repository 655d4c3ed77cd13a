// Per-Service external traffic paths under one externalTrafficPolicy (actual or what-if): what every node
// does, how a load balancer spreads traffic over the nodes it considers healthy, the share each pod gets,
// the source addresses it sees and the NetworkPolicy verdict for a sample client. Linear: O(endpoints of the
// Service + node classes), using a precomputed NodeClasses.
import { parseIP, type IPAddress } from '../net/ip';
import type { ClusterModel, EndpointModel, NodeModel, PodModel, Protocol, ServiceModel } from '../model/cluster';
import {
  buildEndpointIndex,
  endpointPortFor,
  endpointsForServicePort,
  familyOf,
  type EndpointIndex,
} from './endpoints';
import { decideForwarding, type ForwardingDecision, type ServiceEntryKind } from './forwarding';
import { freshArray, mapArray } from '../util/fresh-array';
import { healthCheckAnswer, lbMembership, proxyHealthzAnswer } from './health';
import { isPodTraffic } from './local-traffic';
import { buildNodeClasses, classSamplesExcept, type NodeClasses } from './node-classes';
import type { PolicyAnswer, PolicyHook } from './policy-hook';
import { readCiliumConfig } from './cilium-config';
import { mainPortIndex, portLabel } from './main-port';
import { nodePrimaryIP, snatSourceFor } from './snat';
import type { Dataplane, NodePath, PodShare, PolicyPaths, PolicyVerdict, TrafficPolicy } from './types';

/** Default sample external clients (documentation ranges, RFC 5737 / RFC 3849). */
export const DEFAULT_SAMPLE_CLIENT_V4 = '203.0.113.10';
export const DEFAULT_SAMPLE_CLIENT_V6 = '2001:db8::10';

/** How many SNAT addresses a PodShare lists (the total is always given). */
export const MAX_LISTED_SOURCES = 5;
/** How many distinct (source, node) cases are put to the policy hook per pod. */
const MAX_POLICY_QUESTIONS = 4;

/** Options for servicePaths. */
export interface ServicePathOptions {
  /** Sample external client; replaced by a documentation address of the Service's family if the family differs. */
  clientIP: string;
  hook: PolicyHook;
  /** Cluster-wide node classes from buildNodeClasses(model); computed here (O(nodes)) when absent. */
  index?: NodeClasses;
  /** The Service's externalEntryOf, when the caller has it already; computed here when undefined. */
  entry?: ExternalEntry | null;
  /**
   * The pod behind one of the Service's endpoints, when the caller has them at hand (prepareService looks
   * each up once per Service, not once per policy in a map of 150,000 pods); endpointPod otherwise.
   */
  podOf?: (ep: EndpointModel) => PodModel | null;
}

/** The pod behind an endpoint: its targetRef pod, else the pod with its address. */
export function endpointPod(model: ClusterModel, ep: EndpointModel): PodModel | null {
  return ep.podKey ? (model.pods.get(ep.podKey) ?? null) : (model.podsByIP.get(ep.ip) ?? null);
}

/** The way external traffic enters a Service. */
export interface ExternalEntry {
  /** The entry kube-proxy matches (an ipMode=Proxy or address-less LB reaches kube-proxy as NodePort traffic). */
  kind: ServiceEntryKind;
  address: string | null;
  portIndex: number;
  viaLoadBalancer: boolean;
  /** ipMode Proxy: the LB connects from its own address. */
  lbProxies: boolean;
  /** externalIP that is an address of this node: only that node receives it. */
  ownerNode: string | null;
  notes: string[];
}

/** How external clients reach the Service (its main port, main-port.ts); null when only a ClusterIP exists. */
export function externalEntryOf(model: ClusterModel, service: ServiceModel): ExternalEntry | null {
  if (service.ports.length === 0 || service.type === 'ExternalName') return null;
  const notes: string[] = [];
  const portIndex = mainPortIndex(service.ports);
  const sp = service.ports[portIndex];
  if (service.ports.length > 1)
    notes.push(
      `paths shown for port ${portLabel(sp)}, ${portIndex === 0 ? 'the first' : 'chosen as the traffic port'} of ${service.ports.length} (status, health and metrics ports are not chosen)`,
    );
  if (service.type === 'LoadBalancer') {
    const ing = service.loadBalancerIngress.find((i) => i.ip !== null);
    if (ing?.ip) {
      if (ing.ipMode === 'Proxy') {
        notes.push(
          'ipMode Proxy: the load balancer connects to the NodePort from its own address, so pods that are not behind SNAT see the load balancer, not the client (unless PROXY protocol carries it)',
        );
        return {
          kind: 'nodePort',
          address: ing.ip,
          portIndex,
          viaLoadBalancer: true,
          lbProxies: true,
          ownerNode: null,
          notes,
        };
      }
      return {
        kind: 'loadBalancerIP',
        address: ing.ip,
        portIndex,
        viaLoadBalancer: true,
        lbProxies: false,
        ownerNode: null,
        notes,
      };
    }
    if (sp.nodePort === null) {
      notes.push(
        'LoadBalancer without an ingress IP and without NodePorts: only a load balancer that targets pods directly can reach it (not modelled)',
      );
      return null;
    }
    notes.push(
      service.loadBalancerIngress.some((i) => i.hostname)
        ? 'the load balancer publishes a hostname only: assumed to deliver to NodePorts with the client address'
        : 'the load balancer is not provisioned (no status.loadBalancer.ingress): paths assume it will deliver to NodePorts with the client address',
    );
    return {
      kind: 'nodePort',
      address: null,
      portIndex,
      viaLoadBalancer: true,
      lbProxies: false,
      ownerNode: null,
      notes,
    };
  }
  if (service.type === 'NodePort' && sp.nodePort !== null) {
    notes.push('NodePort Service without a load balancer: clients assumed to spread evenly over all nodes');
    return {
      kind: 'nodePort',
      address: null,
      portIndex,
      viaLoadBalancer: false,
      lbProxies: false,
      ownerNode: null,
      notes,
    };
  }
  if (service.externalIPs.length > 0) {
    const address = service.externalIPs[0];
    const owner = model.nodeByAddress.get(address)?.name ?? null;
    notes.push(
      owner
        ? `externalIP ${address} is an address of node ${owner}: only that node receives it`
        : `externalIP ${address}: how it is routed to nodes is outside Kubernetes; assumed spread evenly over all nodes`,
    );
    return {
      kind: 'externalIP',
      address,
      portIndex,
      viaLoadBalancer: false,
      lbProxies: false,
      ownerNode: owner,
      notes,
    };
  }
  return null;
}

// Per-row objects come from class constructors, `{}` plus assignments, or freshArray — never from object or
// array literals. V8 pretenures a literal's allocation site once one scavenge finds most of its objects still
// alive, as it finds every row of a Service with thousands of nodes; from then on every later Service's rows
// are born in the old generation and only major collections free them (a 5,000-node DaemonSet Service
// analysed first cost the rest of the run ~1 s of GC). Constructors and `{}` carry no allocation site.

class Row {
  constructor(
    readonly path: NodePath,
    /** The node the answer was computed for (the node itself, or a sample of an aggregate). */
    readonly node: NodeModel | null,
    readonly nodeName: string | null,
    readonly samples: string[],
    readonly decision: ForwardingDecision | null,
    readonly groupKey: string | null,
    readonly snatRemote: boolean,
    readonly snatLocal: boolean,
  ) {}
}

/** The node rows that send traffic to one endpoint set (a class, not a literal: see Row). */
class Group {
  share = 0;
  readonly rows: Row[] = freshArray<Row>();
  nodeCount = 0;
  constructor(
    /** The groupKey of its rows. */
    readonly key: string,
    readonly endpoints: EndpointModel[],
  ) {}
}

/** The last sample client parsed: most Services of a run share one (its bigint is read, never changed). */
let lastClient: { text: string; parsed: IPAddress | null } = { text: '', parsed: null };

function parseClient(text: string): IPAddress | null {
  if (text !== lastClient.text) lastClient = { text, parsed: parseIP(text) };
  return lastClient.parsed;
}

/** The policy answer of every pod of a Service without an external entry (podShare copies its fields). */
const NO_EXTERNAL_TRAFFIC: PolicyAnswer = { verdict: 'unknown', reason: 'no external traffic reaches this pod' };

/** Paths of external traffic for one Service under `policy` (actual or what-if). */
export function servicePaths(
  model: ClusterModel,
  dataplane: Dataplane,
  service: ServiceModel,
  policy: TrafficPolicy,
  opts: ServicePathOptions,
): PolicyPaths {
  const actual = policy === service.externalTrafficPolicy;
  const entry = opts.entry !== undefined ? opts.entry : externalEntryOf(model, service);
  const family: 4 | 6 = entry?.address
    ? familyOf(entry.address)
    : service.clusterIPs[0]
      ? familyOf(service.clusterIPs[0])
      : 4;
  const notes: string[] = [...(entry?.notes ?? [])];
  let clientIP = opts.clientIP;
  let clientParsed = parseClient(clientIP);
  if (clientParsed?.family !== family) {
    const replacement = family === 4 ? DEFAULT_SAMPLE_CLIENT_V4 : DEFAULT_SAMPLE_CLIENT_V6;
    notes.push(`sample client ${clientIP} is not IPv${family} like the Service; ${replacement} used instead`);
    clientIP = replacement;
    clientParsed = parseClient(clientIP);
  }
  const result: PolicyPaths = {
    policy,
    actual,
    clientIP,
    // Packed arrays from the start, like the ones assigned below (fresh-array.ts).
    nodes: freshArray<NodePath>(),
    pods: freshArray<PodShare>(),
    droppedShare: 0,
    clientIPPreserved: 'yes',
    skew: null,
    notes,
  };
  const portIndex = entry?.portIndex ?? 0;
  const eps = service.ports.length ? endpointsForServicePort(model, service, portIndex, family) : [];
  if (service.clusterIPs.length > 1) notes.push(`dual-stack Service: paths shown for IPv${family}`);
  if (!entry) {
    notes.push('not reachable from outside the cluster (no NodePort, LoadBalancer or externalIP)');
    const pods = freshArray<PodShare>();
    for (const ep of eps)
      pods.push(podShare(model, ep, 0, sourceIPsOf(false, freshArray<string>(), 0), 'yes', NO_EXTERNAL_TRAFFIC));
    result.pods = pods;
    return result;
  }
  const idx = buildEndpointIndex(eps);
  const classes = opts.index ?? buildNodeClasses(model);
  const ctx: RowCtx = {
    model,
    dp: dataplane,
    service,
    policy,
    entry,
    family,
    clientIP,
    clientParsed,
    idx,
  };
  const rows = buildRows(ctx, classes, notes);
  distribute(service, entry, rows, notes, result);
  result.nodes = mapArray(rows, (r) => r.path);
  podShares(model, dataplane, service, entry, family, clientIP, idx, rows, opts, result);
  if (dataplane.proxyMode === 'cilium-kpr' && service.type === 'LoadBalancer') {
    const cs = readCiliumConfig(model);
    if (policy === 'Cluster' && !cs?.healthzBindAddress) {
      notes.push(
        'Cilium serves a kube-proxy-style :10256/healthz only with kube-proxy-replacement-healthz-bind-address set; load balancers probing it would mark every node down',
      );
    }
    if (policy === 'Local' && cs && !cs.healthCheckNodePort) {
      notes.push(
        'Cilium enable-health-check-nodeport is false: nothing answers on healthCheckNodePort, so health-checking load balancers see every node down',
      );
    }
  }
  return result;
}

// ---- node rows -----------------------------------------------------------------------------

/** What every row of one servicePaths call shares. */
interface RowCtx {
  model: ClusterModel;
  dp: Dataplane;
  service: ServiceModel;
  policy: TrafficPolicy;
  entry: ExternalEntry;
  family: 4 | 6;
  clientIP: string;
  clientParsed: IPAddress | null;
  idx: EndpointIndex;
}

function buildRows(ctx: RowCtx, classes: NodeClasses, notes: string[]): Row[] {
  const { model, entry, idx } = ctx;
  const individual = new Set(idx.interestingNodes);
  if (entry.ownerNode) individual.add(entry.ownerNode);
  const rows: Row[] = [];
  const unknownNodes: string[] = [];
  for (const name of [...individual].sort()) {
    const node = model.nodes.get(name) ?? null;
    if (!node && model.nodes.size > 0) unknownNodes.push(name);
    const zone = node?.zone ?? idx.onNode(name)[0]?.zone ?? null;
    rows.push(computeRow(ctx, node, name, zone, 1, freshArray<string>(), null));
  }
  if (unknownNodes.length)
    notes.push(
      `endpoints on nodes missing from the snapshot (${unknownNodes.slice(0, 5).join(', ')}${unknownNodes.length > 5 ? ', …' : ''}): those nodes are not counted as load-balancer members and their health check is unknown`,
    );
  if (model.nodes.size === 0)
    notes.push(
      'the snapshot has no Node objects: which nodes receive traffic, their health checks and every share are unknown; only nodes named by endpoints are shown',
    );
  // Aggregates: every class minus its individually shown nodes, merged when the answers are identical.
  const merged = new Map<string, Row>();
  const shownPerClass = new Map<string, number>();
  for (const name of individual) {
    const c = classes.classOf.get(name);
    if (c) shownPerClass.set(c.key, (shownPerClass.get(c.key) ?? 0) + 1);
  }
  for (const c of classes.classes) {
    const count = c.count - (shownPerClass.get(c.key) ?? 0);
    if (count <= 0) continue;
    const samples = classSamplesExcept(c, individual, count);
    const sample = samples.length ? (model.nodes.get(samples[0]) ?? null) : null;
    const row = computeRow(ctx, sample, samples[0] ?? null, c.zone, count, samples, c);
    const zoneMatters = idx.topologyActive;
    const key = [
      row.path.verdict,
      row.path.inLoadBalancer,
      row.path.lbExcludedReason,
      row.path.healthCheck,
      row.path.proxyHealthz,
      zoneMatters ? c.zone : '',
      row.groupKey,
    ].join('\u0000');
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, row);
      continue;
    }
    prev.path.count += count;
    if (prev.path.zone !== c.zone) prev.path.zone = null;
    for (const s of samples) if (prev.samples.length < 16) prev.samples.push(s);
  }
  for (const row of merged.values()) {
    if (row.path.count > 1) row.path.snatSource = null; // each node of the group SNATs to its own address
    rows.push(row);
  }
  return rows;
}

/**
 * An aggregate row's local endpoints: none (its nodes host no endpoint). Shared by every aggregate row and
 * read-only by type, not frozen: a frozen object and array are other hidden classes than the index's own
 * answers (EndpointIndex.local), and forwarding code optimised on those was thrown away and compiled again
 * when the first aggregate arrived (fresh-array.ts).
 */
const NO_LOCAL_ENDPOINTS: Readonly<ReturnType<EndpointIndex['local']>> = {
  endpoints: freshArray<EndpointModel>(),
  terminating: false,
  ready: 0,
  total: 0,
};

function computeRow(
  ctx: RowCtx,
  node: NodeModel | null,
  nodeName: string | null,
  zone: string | null,
  count: number,
  samples: string[],
  cls: { excludedFromLB: string | null; beingDeleted: string | null } | null,
): Row {
  const { model, dp, service, policy, entry, family, clientIP, idx } = ctx;
  const isAggregate = cls !== null;
  const local = isAggregate ? NO_LOCAL_ENDPOINTS : idx.local(nodeName);
  const cluster = idx.cluster(isAggregate ? null : nodeName, zone);
  const entryAddress = entry.address ?? (node ? nodePrimaryIP(node, family) : null) ?? '';
  const decision = decideForwarding({
    model,
    dataplane: dp,
    service,
    portIndex: entry.portIndex,
    protocol: service.ports[entry.portIndex].protocol,
    entry: entry.kind,
    entryAddress,
    externalPolicy: policy,
    node,
    nodeName,
    sourceIP: clientIP,
    sourceClass: isPodTraffic(model, dp, node, clientIP, ctx.clientParsed) ? 'pod' : 'external',
    originatesOnNode: false,
    // The index's own (cached, read-only) sets: decideForwarding reads endpoints, terminating and topologyMode.
    cluster,
    local,
    hasAnyEndpoints: idx.hasAnyEndpoints,
  });
  // A node named by endpoints but absent from the snapshot (or a snapshot without Nodes): nothing says it
  // exists, so it gets no health-check answer and no share of the load balancer.
  const ghost = !isAggregate && node === null && nodeName !== null;
  const healthCheck = ghost ? null : healthCheckAnswer(service, policy, local.ready);
  // Aggregates carry their class's deletion state even when the sample node is missing.
  const deleting = cls ? cls.beingDeleted : (node?.beingDeleted ?? null);
  const proxyHealthz: 200 | 503 = deleting ? 503 : proxyHealthzAnswer(node);
  let membership = lbMembership(
    service,
    policy,
    node ?? (cls ? ({ excludedFromLB: cls.excludedFromLB, beingDeleted: cls.beingDeleted } as NodeModel) : null),
    healthCheck,
    proxyHealthz,
  );
  if (!entry.viaLoadBalancer) membership = { inLoadBalancer: true, reason: null, rule: null };
  if (ghost) {
    membership = {
      inLoadBalancer: false,
      reason:
        model.nodes.size === 0
          ? 'unknown: the snapshot has no Node objects'
          : `node ${nodeName} is not in the snapshot (no Node object): not counted`,
      rule: null,
    };
  }
  if (entry.ownerNode && nodeName !== entry.ownerNode) {
    membership = {
      inLoadBalancer: false,
      reason: `externalIP ${entry.address} is routed to node ${entry.ownerNode}`,
      rule: null,
    };
  }
  // SNAT toward endpoints on this node and on other nodes (snatFor depends only on those two facts here).
  const forwarded = decision.verdict === 'forwarded';
  const snatRemote = forwarded && decision.snatFor(REMOTE_PROBE) !== null;
  const snatLocal = forwarded && decision.snatFor({ ip: '\u0000', nodeName } as EndpointModel) !== null;
  const chosenHere =
    nodeName === null || decision.verdict !== 'forwarded'
      ? 0
      : decision.chosenSet === 'local'
        ? decision.chosen.length
        : countChosenOn(decision.chosen, idx.onNode(nodeName));
  const chosenRemote = decision.chosen.length - chosenHere;
  let snatSource: string | null = null;
  if (node && chosenRemote > 0 && snatRemote) snatSource = snatSourceFor(model, dp, node, null, family).address;
  else if (node && chosenHere > 0 && snatLocal) snatSource = snatSourceFor(model, dp, node, nodeName, family).address;
  const anySnat = (chosenRemote > 0 && snatRemote) || (chosenHere > 0 && snatLocal);
  const allSnat = (chosenRemote === 0 || snatRemote) && (chosenHere === 0 || snatLocal);
  // Field by field into `{}` in the order of NodePath (see Row for why not a literal).
  const path = {} as NodePath;
  path.node = isAggregate ? null : nodeName;
  path.count = count;
  // Aggregates share `samples` with the Row, so nodes merged in later appear here too.
  path.sampleNodes = isAggregate ? samples : nodeName ? freshArray(nodeName) : freshArray<string>();
  path.zone = zone;
  path.healthCheck = healthCheck;
  path.proxyHealthz = proxyHealthz;
  path.localEndpoints = local.ready;
  path.localUsableEndpoints = local.endpoints.length;
  path.verdict = decision.verdict;
  path.inLoadBalancer = membership.inLoadBalancer;
  path.lbExcludedReason = membership.reason;
  path.lbShare = 0;
  path.snatSource = snatSource;
  path.clientIPPreserved =
    decision.verdict !== 'forwarded'
      ? null
      : !anySnat && !entry.lbProxies
        ? true
        : allSnat || entry.lbProxies
          ? false
          : null;
  // The cluster set's own key ('*', 'n:…' or 'z:…', never 'local:…'): no new string for every row.
  const groupKey =
    decision.verdict !== 'forwarded' ? null : decision.chosenSet === 'local' ? `local:${nodeName}` : cluster.key;
  return new Row(path, node, nodeName, samples, decision, groupKey, snatRemote, snatLocal);
}

/** An endpoint on no node of the cluster: asks snatFor about endpoints on other nodes (no pod has this IP). */
const REMOTE_PROBE = { ip: '\u0000', nodeName: '\u0000other' } as EndpointModel;

const chosenSets = new WeakMap<readonly EndpointModel[], Set<EndpointModel>>();

/** How many of `onNode` are in `chosen`; O(|onNode|) after one O(|chosen|) set per distinct chosen list. */
function countChosenOn(chosen: readonly EndpointModel[], onNode: readonly EndpointModel[]): number {
  let set = chosenSets.get(chosen);
  if (!set) chosenSets.set(chosen, (set = new Set(chosen)));
  let n = 0;
  for (const e of onNode) if (set.has(e)) n++;
  return n;
}

// ---- load balancer spread ---------------------------------------------------------------------

function distribute(
  service: ServiceModel,
  entry: ExternalEntry,
  rows: Row[],
  notes: string[],
  result: PolicyPaths,
): void {
  const healthy = rows.reduce((n, r) => n + (r.path.inLoadBalancer ? r.path.count : 0), 0);
  const total = rows.reduce((n, r) => n + r.path.count, 0);
  if (healthy === 0) {
    // Without Node objects nothing is known about the nodes: not "dropped", unknown (see buildRows' note).
    const ghost = (r: Row) => r.node === null && r.path.node !== null;
    if (total > 0 && !rows.every(ghost)) {
      result.droppedShare = 1;
      notes.push(
        entry.viaLoadBalancer
          ? "no node passes the load balancer's health check: traffic is not served (some load balancers fail open and spread over all nodes instead)"
          : 'no node receives the traffic',
      );
    }
    return;
  }
  let dropped = 0;
  for (const r of rows) {
    r.path.lbShare = r.path.inLoadBalancer ? r.path.count / healthy : 0;
    if (r.path.verdict !== 'forwarded') dropped += r.path.lbShare;
  }
  result.droppedShare = clamp01(dropped);
  if (entry.viaLoadBalancer && service.type === 'LoadBalancer') {
    notes.push(
      `the load balancer is assumed to spread evenly over the ${healthy} node${healthy === 1 ? '' : 's'} it considers healthy (${result.policy === 'Local' ? 'healthCheckNodePort' : 'kube-proxy :10256/healthz'} probe, exclusion label)`,
    );
  }
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

// ---- per-pod shares, sources and policy -----------------------------------------------------------

/** The policy answers of pods no external traffic reaches (shared: podShare copies their fields). */
const NO_NODES_ANSWER: PolicyAnswer = {
  verdict: 'unknown',
  reason: 'the snapshot has no Node objects, so which nodes send this pod traffic is unknown',
};
const UNREACHED_ANSWER: PolicyAnswer = {
  verdict: 'unknown',
  reason: 'no external traffic reaches this pod under this policy',
};

function podShares(
  model: ClusterModel,
  dp: Dataplane,
  service: ServiceModel,
  entry: ExternalEntry,
  family: 4 | 6,
  clientIP: string,
  idx: EndpointIndex,
  rows: Row[],
  opts: ServicePathOptions,
  result: PolicyPaths,
): void {
  const groups = new Map<string, Group>();
  // Each node has at most one row of its own (aggregates name none), so one map for all groups: a Map per
  // group cost a DaemonSet Service under Local 5,000 of them.
  const rowByNode = new Map<string, Row>();
  for (const r of rows) {
    if (!r.groupKey || r.path.lbShare === 0 || !r.decision) continue;
    let g = groups.get(r.groupKey);
    if (!g) groups.set(r.groupKey, (g = new Group(r.groupKey, r.decision.chosen)));
    g.share += r.path.lbShare;
    g.rows.push(r);
    g.nodeCount += r.path.count;
    if (r.path.node) rowByNode.set(r.path.node, r);
  }
  const groupsOf = new Map<string, Group[]>();
  for (const g of groups.values())
    for (const ep of g.endpoints) {
      const l = groupsOf.get(ep.ip);
      if (l) l.push(g);
      else groupsOf.set(ep.ip, freshArray(g));
    }
  // snatSourceFor depends on the ingress node and whether the endpoint is on it: asked once per node and
  // answer here, not once per pod row and node.
  // The policy case of one SNAT source is shared by every pod row that lists it (read-only).
  type Case = { snat: string | null; node: NodeModel | null };
  const snatCache = new Map<NodeModel, [Case | undefined, Case | undefined]>();
  const snatCase = (n: NodeModel, sameNode: boolean): Case => {
    let c = snatCache.get(n);
    if (!c) snatCache.set(n, (c = [undefined, undefined]));
    const i = sameNode ? 1 : 0;
    return (c[i] ??= { snat: snatSourceFor(model, dp, n, sameNode ? n.name : null, family).address, node: n });
  };
  const addSource = (n: NodeModel, ep: EndpointModel, addresses: string[], cases: Case[]): void => {
    const c = snatCase(n, n.name === ep.nodeName);
    if (c.snat && !addresses.includes(c.snat)) {
      addresses.push(c.snat);
      if (cases.length < MAX_POLICY_QUESTIONS) cases.push(c);
    }
  };
  const sp = service.ports[entry.portIndex];
  const pods = freshArray<PodShare>();
  for (const ep of idx.endpoints) {
    let share = 0,
      client = false,
      total = 0;
    const addresses = freshArray<string>(); // kept by the pod row (see podShare)
    const cases: { snat: string | null; node: NodeModel | null }[] = [];
    for (const g of groupsOf.get(ep.ip) ?? []) {
      share += g.share / g.endpoints.length;
      // Within a group every other node treats this endpoint as remote (same answer: snatRemote); its own
      // node, when it is in the group, treats it as local (snatLocal).
      const ownRow = ep.nodeName ? rowByNode.get(ep.nodeName) : undefined;
      const own = ownRow?.groupKey === g.key ? ownRow : undefined;
      const othersSnat = g.rows[0].snatRemote;
      const others = g.nodeCount - (own ? 1 : 0);
      if (others > 0) {
        if (othersSnat) total += others;
        else client = true;
      }
      if (own) {
        if (own.snatLocal) total += 1;
        else client = true;
      }
      if (client && !cases.some((c) => c.snat === null) && cases.length < MAX_POLICY_QUESTIONS) {
        cases.push({
          snat: null,
          node: own && !own.snatLocal ? own.node : (g.rows.find((r) => r !== own)?.node ?? null),
        });
      }
      // Up to MAX_LISTED_SOURCES example SNAT addresses: individual rows first, then aggregate samples.
      for (const r of g.rows) {
        if (addresses.length >= MAX_LISTED_SOURCES) break;
        if (!(r === own ? r.snatLocal : othersSnat)) continue;
        // An individual row's node is r.node (looked up by buildRows); an aggregate's are its samples.
        if (r.path.node) {
          if (r.node) addSource(r.node, ep, addresses, cases);
          continue;
        }
        for (const name of r.samples) {
          if (addresses.length >= MAX_LISTED_SOURCES) break;
          const n = model.nodes.get(name);
          if (n) addSource(n, ep, addresses, cases);
        }
      }
    }
    if (entry.lbProxies) client = false; // without SNAT the pod sees the load balancer's address, not the client
    const preserved: PodShare['clientIPPreserved'] =
      share === 0 ? 'yes' : client && total === 0 ? 'yes' : !client ? 'no' : 'partial';
    const verdict =
      share > 0
        ? askPolicy(model, service, sp.protocol, ep, clientIP, entry, cases, opts)
        : model.nodes.size === 0
          ? NO_NODES_ANSWER
          : UNREACHED_ANSWER;
    pods.push(
      podShare(model, ep, share, sourceIPsOf(client, addresses, total), share === 0 ? 'yes' : preserved, verdict),
    );
  }
  pods.sort((a, b) => b.share - a.share || (a.pod ?? a.ip).localeCompare(b.pod ?? b.ip));
  result.pods = pods;
  // One pass over the pods that receive traffic: their count, the share spread and whether they agree.
  let receiving = 0,
    max = 0,
    min = Infinity;
  let kind: PodShare['clientIPPreserved'] | null = null;
  let mixed = false;
  for (const p of pods) {
    if (!(p.share > 0)) continue;
    receiving++;
    if (p.share > max) max = p.share;
    if (p.share < min) min = p.share;
    if (kind === null) kind = p.clientIPPreserved;
    else if (kind !== p.clientIPPreserved) mixed = true;
  }
  if (receiving >= 2) result.skew = max / min;
  const unreached = pods.length - receiving;
  if (unreached > 0 && receiving > 0)
    result.notes.push(`${unreached} of ${pods.length} endpoints receive no external traffic`);
  if (receiving === 0) result.clientIPPreserved = forwardingNodesPreserve(result);
  else result.clientIPPreserved = mixed ? 'partial' : kind!;
}

/** Whether the client is kept, judged by the forwarding node rows (when no pod receives traffic). */
function forwardingNodesPreserve(result: PolicyPaths): PolicyPaths['clientIPPreserved'] {
  let forwarding = false,
    allTrue = true,
    allFalse = true;
  for (const n of result.nodes) {
    if (n.verdict !== 'forwarded') continue;
    forwarding = true;
    if (n.clientIPPreserved !== true) allTrue = false;
    if (n.clientIPPreserved !== false) allFalse = false;
  }
  if (!forwarding) return result.policy === 'Local' ? 'yes' : 'no';
  return allTrue ? 'yes' : allFalse ? 'no' : 'partial';
}

function askPolicy(
  model: ClusterModel,
  service: ServiceModel,
  protocol: Protocol,
  ep: EndpointModel,
  clientIP: string,
  entry: ExternalEntry,
  cases: { snat: string | null; node: NodeModel | null }[],
  { hook, podOf }: Pick<ServicePathOptions, 'hook' | 'podOf'>,
): PolicyAnswer {
  if (cases.length === 0) return { verdict: 'unknown', reason: 'no traffic case to evaluate' };
  const sp = service.ports[entry.portIndex];
  const port = endpointPortFor(model, ep, sp) ?? (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
  const destPod = podOf ? podOf(ep) : endpointPod(model, ep);
  const ask = (c: { snat: string | null; node: NodeModel | null }) =>
    hook({
      clientIP,
      clientPod: null,
      clientNode: null,
      masqueraded: c.snat !== null,
      snatSource: c.snat,
      ingressNode: c.node,
      destIP: ep.ip,
      destPod,
      port,
      protocol,
      preDnatDestIP: entry.address,
      preDnatPort: entry.kind === 'nodePort' ? sp.nodePort : sp.port,
    });
  // The common case (one pod of 150,000): the answer as it is, without the comparison's sets and arrays
  // (podShare copies its verdict and reason).
  if (cases.length === 1) return ask(cases[0]);
  const answers = mapArray(cases, (c) => ({ c, a: ask(c) }));
  const label = (c: { snat: string | null; node: NodeModel | null }) =>
    c.snat ? `SNATed to ${c.snat} (via ${c.node?.name ?? '?'})` : `with the client address ${clientIP}`;
  const verdicts = new Set(mapArray(answers, (x) => x.a.verdict));
  if (verdicts.size === 1) {
    const v = answers[0].a.verdict;
    return {
      verdict: v,
      reason:
        answers.length === 1
          ? answers[0].a.reason
          : `${v} in every evaluated case (${mapArray(answers, (x) => label(x.c)).join('; ')}): ${answers[0].a.reason}`,
    };
  }
  const verdict: PolicyVerdict = verdicts.has('denied') ? 'denied' : 'unknown';
  return {
    verdict,
    reason: `depends on the node the traffic enters: ${mapArray(answers, (x) => `${x.a.verdict} ${label(x.c)} (${x.a.reason})`).join('; ')}`,
  };
}

/** A pod row's sources, built field by field like the row itself (see podShare). */
function sourceIPsOf(client: boolean, addresses: string[], total: number): PodShare['sourceIPs'] {
  const sources = {} as PodShare['sourceIPs'];
  sources.client = client;
  sources.addresses = addresses;
  sources.total = total;
  return sources;
}

function podShare(
  model: ClusterModel,
  ep: EndpointModel,
  share: number,
  sourceIPs: PodShare['sourceIPs'],
  preserved: PodShare['clientIPPreserved'],
  policy: PolicyAnswer,
): PodShare {
  const pod = ep.podKey ?? model.podsByIP.get(ep.ip)?.key ?? null;
  // Field by field into `{}` in the order of PodShare: a literal's allocation site would be pretenured by a
  // Service with thousands of pods (see Row); `sourceIPs` comes from sourceIPsOf for the same reason.
  const row = {} as PodShare;
  row.pod = pod;
  row.ip = ep.ip;
  row.node = ep.nodeName;
  row.count = 1;
  row.samplePods = freshArray(pod ?? ep.ip);
  row.share = share;
  row.ready = ep.ready;
  row.terminating = ep.terminating;
  row.sourceIPs = sourceIPs;
  row.clientIPPreserved = preserved;
  row.policy = policy.verdict;
  row.policyReason = policy.reason;
  return row;
}
