// Turns one Service's engine analysis into the packet-path diagram of one traffic policy:
// Client → Load balancer → Nodes → kube-proxy (DNAT, SNAT where it happens) → Pods, with each edge's
// share of the traffic, whether the client IP survives it, and the addresses on the wire.
// Pure and deterministic: ids depend on names, never on positions, so `hop=` links stay valid.
import type { NodePath, PodShare, PolicyPaths, ServiceAnalysis, ServiceEntry, TrafficPolicy } from '../engine/types';
import type {
  ClientIPState,
  DiagramColumnInfo,
  DiagramEdge,
  DiagramEdgeKind,
  DiagramNode,
  DiagramView,
  HopAddresses,
} from './diagram-types';
import { formatShare, seenSourceText, shortName } from './format';
import { groupNodeRows, MAX_INDIVIDUAL_NODES, type NodeRow } from './node-grouping';

/** Pods drawn individually at least (more when the grouping threshold is higher). */
export const MIN_POD_ROWS = 16;

/** Options of buildDiagramView. */
export interface DiagramViewOptions {
  /** Node-grouping threshold (URL `group`). */
  group: number;
  /** Title of the proxy column, e.g. `kube-proxy (iptables)`. */
  proxyTitle?: string;
  /** Node name → address shown as the node's destination (InternalIP), for the displayed nodes. */
  nodeAddresses?: Record<string, string>;
}

/** Diagram-wide id of a box or edge: `<policy>:<local id>`. */
export function hopId(policy: TrafficPolicy, local: string): string {
  return `${policy}:${local}`;
}

/** The policy a hop id belongs to, or null when the id is not one of ours. */
export function hopPolicy(id: string | null): TrafficPolicy | null {
  if (!id) return null;
  const p = id.slice(0, id.indexOf(':'));
  return p === 'Cluster' || p === 'Local' ? p : null;
}

/** Id of the edge between two boxes. */
export function edgeId(source: string, target: string): string {
  return `${source}>${target.slice(target.indexOf(':') + 1)}`;
}

/** Local id of a node row's kube-proxy box. */
function proxyLocalId(row: NodeRow): string {
  return `proxy:${row.id}`;
}

/** A pod row: one pod, or the pods beyond the limit folded together. */
interface PodRow {
  id: string;
  pods: PodShare[];
  share: number;
}

/** Keeps the pods with the most traffic (then by name) and folds the rest into one row. */
export function groupPodRows(pods: PodShare[], limit: number): PodRow[] {
  // An aggregate PodShare (count > 1) is one row whose share is its pods' total.
  const key = (p: PodShare) => (p.count > 1 ? `group:${p.samplePods[0]}` : (p.pod ?? p.ip));
  const total = (p: PodShare) => p.share * p.count;
  const sorted = [...pods].sort((a, b) => total(b) - total(a) || key(a).localeCompare(key(b)));
  const kept = pods.length <= limit ? sorted : sorted.slice(0, limit);
  const rest = pods.length <= limit ? [] : sorted.slice(limit);
  const rows: PodRow[] = kept.map((p) => ({ id: `pod:${key(p)}`, pods: [p], share: total(p) }));
  if (rest.length > 0) rows.push({ id: 'pods:rest', pods: rest, share: rest.reduce((n, p) => n + total(p), 0) });
  return rows;
}

/** Client-IP state after a node applied (or not) SNAT, from the row's numbers. */
function afterProxy(p: NodePath): ClientIPState {
  if (p.snatSource !== null || p.clientIPPreserved === false) return 'snat';
  if (p.clientIPPreserved === true) return 'preserved';
  return 'unknown';
}

function podClientIP(p: PodShare['clientIPPreserved']): ClientIPState {
  return p === 'yes' ? 'preserved' : p === 'no' ? 'snat' : 'partial';
}

const CLIENT_IP_WORDS: Record<ClientIPState, string> = {
  preserved: 'client IP preserved',
  snat: 'client IP lost (SNAT)',
  partial: 'client IP preserved for some flows',
  unknown: 'client IP not certain',
  none: 'no traffic',
};

/** Words for a client-IP state, for labels and accessible names. */
export function clientIPWords(s: ClientIPState): string {
  return CLIENT_IP_WORDS[s];
}

function entryText(e: ServiceEntry | undefined): string | null {
  return e ? `${e.address}:${e.port}` : null;
}

/** Label of a node row: its name, or "N nodes without a local endpoint — health check 503". */
export function nodeRowLabel(row: NodeRow): string {
  const p = row.path;
  if (row.node !== null) return row.node;
  const nodes = `${p.count} node${p.count === 1 ? '' : 's'}`;
  let what: string;
  if (p.verdict === 'rejected') what = 'with no endpoint to send to';
  else if (p.localUsableEndpoints > 0) what = 'with local endpoints';
  else what = 'without a local endpoint';
  const hc =
    p.healthCheck !== null
      ? ` — health check ${p.healthCheck}`
      : p.proxyHealthz === 503
        ? ' — kube-proxy healthz 503'
        : '';
  return `${nodes} ${what}${hc}`;
}

function nodeRowSublabel(row: NodeRow): string {
  const p = row.path;
  const parts: string[] = [];
  if (row.node !== null) {
    if (p.zone) parts.push(p.zone);
    parts.push(`${p.localUsableEndpoints} local`);
    if (p.healthCheck !== null) parts.push(`HC ${p.healthCheck}`);
    else if (p.proxyHealthz === 503) parts.push('healthz 503');
  }
  parts.push(
    p.inLoadBalancer
      ? `${formatShare(p.lbShare)} of traffic`
      : `not in LB${p.lbExcludedReason ? `: ${p.lbExcludedReason}` : ''}`,
  );
  return parts.join(' · ');
}

function proxyBox(
  row: NodeRow,
  policy: TrafficPolicy,
  clientIP: string,
  podTarget: string,
): Omit<
  DiagramNode,
  'id' | 'column' | 'share' | 'pod' | 'nodeName' | 'count' | 'members' | 'sampleNodes' | 'ariaLabel' | 'traits'
> {
  const p = row.path;
  switch (p.verdict) {
    case 'dropped': {
      const why = policy === 'Local' && p.localUsableEndpoints === 0 ? 'no local endpoint' : 'dropped by the node';
      return {
        kind: 'drop',
        label: 'DROP',
        sublabel: why,
        clientIP: 'none',
        alert: true,
        // iptables/proxier_test.go::TestExternalTrafficPolicyLocal; KUBE-EXTERNAL-SERVICES "has no local endpoints" -j DROP.
        hop: {
          src: clientIP,
          dst: null,
          note: `eTP=${policy}: the node drops external traffic (${why}); the client sees a timeout.`,
        },
      };
    }
    case 'rejected':
      return {
        kind: 'reject',
        label: 'REJECT',
        sublabel: 'no usable endpoint',
        clientIP: 'none',
        alert: true,
        // iptables/proxier_test.go::TestNoEndpointsReject: no usable endpoint anywhere → REJECT (ICMP unreachable).
        hop: {
          src: clientIP,
          dst: null,
          note: 'The Service has no usable endpoint anywhere: the packet is rejected (connection refused).',
        },
      };
    case 'notHandled':
      return {
        kind: 'notHandled',
        label: 'Not handled',
        sublabel: 'no rule for this address',
        clientIP: 'none',
        alert: true,
        hop: {
          src: clientIP,
          dst: null,
          note: 'No Service rule matches on this node; the packet goes wherever routing sends it.',
        },
      };
    case 'forwarded': {
      const state = afterProxy(p);
      const snat = state === 'snat';
      const src =
        p.snatSource ??
        (snat
          ? row.node === null
            ? "each node's own address"
            : 'the node address'
          : state === 'preserved'
            ? clientIP
            : null);
      const targets =
        policy === 'Local'
          ? `${p.localUsableEndpoints} local endpoint${p.localUsableEndpoints === 1 ? '' : 's'}`
          : "any of the Service's endpoints";
      return {
        kind: 'dnat',
        label: snat ? 'DNAT + SNAT' : 'DNAT',
        alert: false,
        clientIP: state,
        sublabel: snat
          ? `SNAT → ${p.snatSource ?? 'node address'}`
          : state === 'preserved'
            ? 'no SNAT: client IP kept'
            : 'SNAT not certain',
        // Masquerade rules: iptables/proxier_test.go::TestExternalTrafficPolicyCluster (external → masqueraded)
        // and ::TestExternalTrafficPolicyLocal (external → local endpoints only, unmasqueraded).
        hop: {
          src,
          dst: podTarget,
          note: snat
            ? `eTP=${policy}: DNAT to ${targets}, then masquerade so replies return through this node; the pod sees ${src}.`
            : `eTP=${policy}: DNAT to ${targets}; no SNAT, so the pod sees the client address.`,
        },
      };
    }
  }
}

/** The flows from node rows to pod rows: (row id, pod row id) → share. */
function podFlows(
  policy: TrafficPolicy,
  rows: NodeRow[],
  podRows: PodRow[],
): Map<string, { row: NodeRow; pod: PodRow; share: number }> {
  const flows = new Map<string, { row: NodeRow; pod: PodRow; share: number }>();
  const add = (row: NodeRow, pod: PodRow, share: number) => {
    const k = `${row.id}|${pod.id}`;
    const f = flows.get(k);
    if (f) f.share += share;
    else flows.set(k, { row, pod, share });
  };
  const forwarding = rows.filter((r) => r.path.verdict === 'forwarded');
  if (policy === 'Local') {
    // eTP=Local: a node forwards only to its own endpoints (topology.go CategorizeEndpoints), so each
    // pod's traffic comes from the row holding its node.
    const byNode = new Map<string, NodeRow>();
    for (const r of forwarding) {
      if (r.node !== null) byNode.set(r.node, r);
      for (const m of r.members) byNode.set(m, r);
    }
    const fallback =
      forwarding.find((r) => r.node === null && r.members.length === 0 && r.path.localUsableEndpoints > 0) ?? null;
    for (const pr of podRows) {
      for (const p of pr.pods) {
        const row = (p.node !== null ? byNode.get(p.node) : undefined) ?? fallback;
        if (row) add(row, pr, p.share * p.count);
      }
    }
  } else {
    // eTP=Cluster: every node spreads over the cluster-wide endpoint set. The contract gives the
    // per-pod total only, so each row's traffic is split in proportion to the pods' shares.
    const podTotal = podRows.reduce((n, r) => n + r.share, 0);
    if (podTotal > 0) {
      for (const r of forwarding) {
        if (r.path.lbShare <= 0) continue;
        for (const pr of podRows) if (pr.share > 0) add(r, pr, (r.path.lbShare * pr.share) / podTotal);
      }
    }
  }
  return flows;
}

function edgeKindFor(share: number, fallback: DiagramEdgeKind = 'idle'): DiagramEdgeKind {
  return share > 0 ? 'traffic' : fallback;
}

/** Builds the diagram of `policy` for one Service. */
export function buildDiagramView(
  analysis: ServiceAnalysis,
  policy: TrafficPolicy,
  opts: DiagramViewOptions,
): DiagramView {
  const paths: PolicyPaths = analysis.paths[policy];
  const P = (local: string) => hopId(policy, local);
  const clientIP = paths.clientIP;
  const lbEntry = analysis.entries.find((e) => e.kind === 'loadBalancerIP');
  const npEntry = analysis.entries.find((e) => e.kind === 'nodePort');
  const extEntry = analysis.entries.find((e) => e.kind === 'externalIP');
  const hasLB = analysis.type === 'LoadBalancer';
  // ipMode Proxy: the LB proxies the connection, so the node sees the LB's address
  // (service.md §Specifying IPMode; ../shared/reference/source-ip-catalog.md K6/K8).
  const lbProxies = analysis.entries.some((e) => e.kind === 'loadBalancerIP' && e.ipMode === 'Proxy');
  const arriving: ClientIPState = hasLB && lbProxies ? 'snat' : 'preserved';
  const arrivingSrc = hasLB && lbProxies ? (lbEntry?.address ?? 'the load balancer') : clientIP;

  const columns: DiagramColumnInfo[] = [
    { column: 'client', title: 'Client' },
    ...(hasLB ? [{ column: 'loadBalancer' as const, title: 'Load balancer' }] : []),
    { column: 'node', title: 'Nodes' },
    { column: 'proxy', title: opts.proxyTitle ?? 'kube-proxy' },
    { column: 'pod', title: 'Pods' },
  ];
  const base: DiagramView = {
    service: analysis.service,
    policy,
    actual: paths.actual,
    clientIP,
    columns,
    nodes: [],
    edges: [],
    summary: summaryText(paths),
    notices: [],
    notes: paths.notes,
  };
  if (paths.nodes.length === 0) {
    base.notices.push(
      analysis.type === 'ClusterIP' || analysis.type === 'ExternalName'
        ? `No external path: a ${analysis.type} Service is not reachable from outside the cluster.`
        : 'No node handles external traffic for this Service.',
    );
    base.summary = 'No external path';
    return base;
  }

  const { rows, capped } = groupNodeRows(paths.nodes, opts.group);
  if (capped) base.notices.push(`Showing at most ${MAX_INDIVIDUAL_NODES} nodes individually; the others are grouped.`);
  const podRows = groupPodRows(paths.pods, Math.max(opts.group, MIN_POD_ROWS));
  const podIP = new Map(podRows.map((r) => [r.id, r.pods.length === 1 ? r.pods[0].ip : `${r.pods.length} pod IPs`]));
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const node = (
    n: Omit<DiagramNode, 'pod' | 'nodeName' | 'count' | 'members' | 'sampleNodes' | 'alert' | 'traits'> &
      Partial<DiagramNode>,
  ) =>
    nodes.push({ pod: null, nodeName: null, count: 1, members: [], sampleNodes: [], alert: false, traits: null, ...n });
  const edge = (source: string, target: string, e: Omit<DiagramEdge, 'id' | 'source' | 'target'>) =>
    edges.push({ id: edgeId(source, target), source, target, ...e });

  // Client and load balancer.
  const clientDst = hasLB
    ? (entryText(lbEntry) ?? 'the load balancer')
    : npEntry
      ? `a node's address:${npEntry.port}`
      : entryText(extEntry);
  const totalLB = rows.reduce((n, r) => n + (r.path.inLoadBalancer ? r.path.lbShare : 0), 0);
  node({
    id: P('client'),
    column: 'client',
    kind: 'client',
    label: 'Client',
    sublabel: clientIP,
    share: 1,
    clientIP: 'preserved',
    hop: { src: clientIP, dst: clientDst, note: 'A sample external client; its address is what the pod should see.' },
    ariaLabel: `External client ${clientIP} sends to ${clientDst ?? 'the Service'}`,
  });
  let front = P('client');
  if (hasLB) {
    const lbAddr = entryText(lbEntry);
    const probe =
      policy === 'Local'
        ? // create-external-load-balancer.md: Local LBs probe healthCheckNodePort and skip nodes answering 503.
          'probes healthCheckNodePort and sends only to nodes answering 200'
        : // virtual-ips.md §External traffic policy: Cluster LBs probe kube-proxy :10256/healthz.
          'probes kube-proxy :10256/healthz and spreads over healthy nodes';
    node({
      id: P('lb'),
      column: 'loadBalancer',
      kind: 'loadBalancer',
      label: 'Load balancer',
      sublabel: lbAddr ?? (lbEntry === undefined ? 'no address yet' : ''),
      share: 1,
      clientIP: arriving,
      alert: totalLB === 0,
      // The packet as the LB receives it; where it sends it is on the LB → node edges.
      hop: {
        src: clientIP,
        dst: lbAddr,
        note: `The load balancer ${probe}${npEntry ? ` (to NodePort ${npEntry.port} or the VIP itself, depending on the load balancer)` : ''}${lbProxies ? '; it proxies (ipMode: Proxy), so nodes see its address' : ''}.${totalLB === 0 ? ' No node is eligible: clients get no answer.' : ''}`,
      },
      ariaLabel: `Load balancer ${lbAddr ?? 'without an address'}: ${probe}`,
    });
    edge(P('client'), P('lb'), {
      share: 1,
      kind: 'traffic',
      clientIP: 'preserved',
      label: '',
      hop: { src: clientIP, dst: lbAddr, note: 'The client connects to the load balancer address.' },
      ariaLabel: `Client to load balancer: all traffic, ${clientIPWords('preserved')}`,
    });
    front = P('lb');
  }

  // Nodes and their kube-proxy boxes.
  for (const row of rows) {
    const p = row.path;
    const rid = P(row.id);
    const pid = P(proxyLocalId(row));
    const label = nodeRowLabel(row);
    const dst =
      row.node !== null && opts.nodeAddresses?.[row.node]
        ? `${opts.nodeAddresses[row.node]}${npEntry ? `:${npEntry.port}` : ''}`
        : hasLB
          ? entryText(lbEntry)
          : npEntry
            ? `node address:${npEntry.port}`
            : entryText(extEntry);
    const nodeAlert = p.verdict !== 'forwarded' || p.healthCheck === 503 || p.proxyHealthz === 503 || !p.inLoadBalancer;
    const gets = p.inLoadBalancer ? p.lbShare : 0;
    node({
      id: rid,
      column: 'node',
      kind: row.node === null ? 'nodeGroup' : 'node',
      label,
      sublabel: nodeRowSublabel(row),
      share: gets,
      clientIP: gets > 0 ? arriving : 'none',
      alert: nodeAlert,
      nodeName: row.node,
      count: p.count,
      members: row.members,
      sampleNodes: p.sampleNodes,
      traits: {
        zone: p.zone,
        lbExcludedReason: p.lbExcludedReason,
        proxyHealthz: p.proxyHealthz,
        inLoadBalancer: p.inLoadBalancer,
      },
      hop: {
        src: gets > 0 ? arrivingSrc : null,
        dst,
        note: p.inLoadBalancer
          ? `Receives ${formatShare(gets)} of the external traffic.`
          : `Gets no traffic from the load balancer: ${p.lbExcludedReason ?? 'excluded'}.`,
      },
      ariaLabel: `${label}: ${nodeRowSublabel(row)}`,
    });
    const inKind: DiagramEdgeKind = p.inLoadBalancer ? edgeKindFor(gets) : 'excluded';
    edge(front, rid, {
      share: gets,
      kind: inKind,
      clientIP: gets > 0 ? arriving : 'none',
      label: inKind === 'excluded' ? (p.healthCheck === 503 ? 'HC 503' : 'excluded') : '',
      hop: {
        src: arrivingSrc,
        dst,
        note:
          inKind === 'excluded'
            ? `Not sent: ${p.lbExcludedReason ?? 'excluded from the load balancer'}.`
            : `${formatShare(gets)} of the traffic arrives at ${label}.`,
      },
      ariaLabel: `${hasLB ? 'Load balancer' : 'Client'} to ${label}: ${inKind === 'excluded' ? `no traffic (${p.lbExcludedReason ?? 'excluded'})` : `${formatShare(gets)} of traffic, ${clientIPWords(arriving)}`}`,
    });

    const podTargetIds = podRows.map((r) => r.id);
    const box = proxyBox(
      row,
      policy,
      arrivingSrc,
      podTargetIds.length === 1 ? (podIP.get(podTargetIds[0]) ?? 'endpoint IP') : 'endpoint IP',
    );
    node({
      id: pid,
      column: 'proxy',
      share: gets,
      nodeName: row.node,
      count: p.count,
      members: row.members,
      sampleNodes: p.sampleNodes,
      ...box,
      ariaLabel: `${opts.proxyTitle ?? 'kube-proxy'} on ${label}: ${box.label}, ${box.sublabel}`,
    });
    const dies = p.verdict !== 'forwarded';
    const toProxyKind: DiagramEdgeKind = p.verdict === 'rejected' ? 'rejected' : dies ? 'dropped' : edgeKindFor(gets);
    edge(rid, pid, {
      share: gets,
      kind: toProxyKind,
      clientIP: gets > 0 ? arriving : 'none',
      label:
        p.verdict === 'rejected' ? 'rejected' : dies ? (gets > 0 ? `${formatShare(gets)} dropped` : 'would drop') : '',
      hop: { src: arrivingSrc, dst, note: dies ? box.hop.note : 'kube-proxy rules on the node pick an endpoint.' },
      ariaLabel: `${label} to ${box.label}: ${dies ? `${p.verdict}${gets > 0 ? `, ${formatShare(gets)} of traffic` : ''}` : `${formatShare(gets)} of traffic`}`,
    });
  }

  // Pods, and the flows into them.
  for (const pr of podRows) {
    const id = P(pr.id);
    if (pr.pods.length === 1) {
      const p = pr.pods[0];
      const name = p.count > 1 ? `${p.count} pods (${shortName(p.samplePods[0])}, …)` : p.pod ? shortName(p.pod) : p.ip;
      const seen = seenSourceText(p.sourceIPs, clientIP);
      const state = podClientIP(p.clientIPPreserved);
      const status = p.terminating ? ' · terminating' : p.ready ? '' : ' · not ready';
      node({
        id,
        column: 'pod',
        kind: 'pod',
        label: name,
        sublabel: `${formatShare(p.share)}${p.count > 1 ? ' each' : ''} · sees ${seen}${status}`,
        share: pr.share,
        clientIP: p.share > 0 ? state : 'none',
        pod: p.pod,
        nodeName: p.node,
        alert: p.policy !== 'allowed' || (p.share === 0 && p.ready),
        hop: { src: seen, dst: p.ip, note: `NetworkPolicy: ${p.policy} — ${p.policyReason}` },
        ariaLabel: `Pod ${p.pod ?? p.ip} (${p.ip}) on ${p.node ?? 'an unknown node'}: ${formatShare(p.share)} of traffic, sees ${seen}, NetworkPolicy ${p.policy}`,
      });
    } else {
      const states = new Set(pr.pods.map((p) => p.clientIPPreserved));
      const state: ClientIPState = states.size === 1 ? podClientIP(pr.pods[0].clientIPPreserved) : 'partial';
      const label = `${pr.pods.length} more pods`;
      node({
        id,
        column: 'pod',
        kind: 'podGroup',
        label,
        sublabel: `${formatShare(pr.share)} · ${clientIPWords(state)}`,
        share: pr.share,
        clientIP: pr.share > 0 ? state : 'none',
        count: pr.pods.length,
        alert: pr.pods.some((p) => p.policy !== 'allowed'),
        hop: {
          src: null,
          dst: `${pr.pods.length} pod IPs`,
          note: `The ${pr.pods.length} pods with the least traffic, together.`,
        },
        ariaLabel: `${label}: ${formatShare(pr.share)} of traffic together, ${clientIPWords(state)}`,
      });
    }
  }
  const flows = podFlows(policy, rows, podRows);
  for (const { row, pod, share } of [...flows.values()].sort((a, b) =>
    (a.row.id + a.pod.id).localeCompare(b.row.id + b.pod.id),
  )) {
    const pid = P(proxyLocalId(row));
    const state = share > 0 ? afterProxy(row.path) : 'none';
    const src = row.path.snatSource ?? (state === 'preserved' ? arrivingSrc : state === 'snat' ? 'node address' : null);
    const podLabel = pod.pods.length === 1 ? (pod.pods[0].pod ?? pod.pods[0].ip) : `${pod.pods.length} more pods`;
    edge(pid, P(pod.id), {
      share,
      kind: edgeKindFor(share),
      clientIP: state,
      label: '',
      hop: {
        src,
        dst: podIP.get(pod.id) ?? null,
        note: `${formatShare(share)} of the traffic goes from ${nodeRowLabel(row)} to ${podLabel}.`,
      },
      ariaLabel: `${nodeRowLabel(row)} to ${podLabel}: ${formatShare(share)} of traffic, source ${src ?? 'unknown'}, ${clientIPWords(state)}`,
    });
  }
  return { ...base, nodes, edges };
}

/** One-line summary of a policy's outcome. */
export function summaryText(paths: PolicyPaths): string {
  const parts: string[] = [];
  parts.push(
    paths.clientIPPreserved === 'yes'
      ? 'Pods see the client IP'
      : paths.clientIPPreserved === 'no'
        ? 'Pods see SNAT addresses, not the client IP'
        : 'Some pods see the client IP',
  );
  if (paths.droppedShare > 0) parts.push(`${formatShare(paths.droppedShare)} of traffic dropped`);
  if (paths.skew !== null && paths.skew > 1.01)
    parts.push(`busiest pod gets ${Number(paths.skew.toFixed(1))}× the least busy`);
  return parts.join(' · ');
}

/** The hop (box or edge) with this id, in either view. */
export function findHop(
  views: DiagramView[],
  id: string | null,
): { view: DiagramView; node?: DiagramNode; edge?: DiagramEdge } | null {
  if (!id) return null;
  for (const view of views) {
    const node = view.nodes.find((n) => n.id === id);
    if (node) return { view, node };
    const edge = view.edges.find((e) => e.id === id);
    if (edge) return { view, edge };
  }
  return null;
}

/** Addresses of a hop for its tooltip. */
export function hopAddresses(views: DiagramView[], id: string | null): HopAddresses | null {
  const hit = findHop(views, id);
  return hit ? (hit.node ?? hit.edge)!.hop : null;
}
