// Turns one Service's engine analysis into the packet-path diagram of one traffic policy:
// Client → Load balancer → Nodes → kube-proxy (DNAT, SNAT where it happens) → Pods, with each edge's
// share of the traffic, whether the client IP survives it, the NetworkPolicy verdict at the pods and
// the addresses on the wire. One builder per column lives in ./diagram/; this file runs them in order.
// Pure and deterministic: ids depend on names, never on positions, so `hop=` links stay valid.
import type { ServiceAnalysis, TrafficPolicy } from '../engine/types';
import type { DiagramColumnInfo, DiagramEdge, DiagramNode, DiagramView } from './diagram-types';
import { addDoorHops, addProxiedFront, DOOR_TITLE, doorColumns } from './diagram/column-door';
import { addClientAndLoadBalancer } from './diagram/column-front';
import { addFlows } from './diagram/column-flows';
import { addNodeRows } from './diagram/column-nodes';
import { addPods, groupPodRows, MIN_POD_ROWS } from './diagram/column-pods';
import { buildContext, type DiagramViewOptions } from './diagram/context';
import { summaryText } from './diagram/sentences';
import { podCount } from './format';
import { groupNodeRows, MAX_INDIVIDUAL_NODES } from './node-grouping';

export { edgeId, hopId, hopPolicy } from './diagram/ids';
export { clientIPWords, nodeRowLabel, summaryText } from './diagram/sentences';
export { groupPodRows, MIN_POD_ROWS } from './diagram/column-pods';
export type { DiagramViewOptions } from './diagram/context';

/** Builds the diagram of `policy` for one Service. */
export function buildDiagramView(
  analysis: ServiceAnalysis,
  policy: TrafficPolicy,
  opts: DiagramViewOptions,
): DiagramView {
  const ctx = buildContext(analysis, policy, opts);
  const { paths } = ctx;
  const door = opts.frontDoor ?? null;
  const doorCols: DiagramColumnInfo[] = doorColumns(door).map((c) => ({ column: c, title: DOOR_TITLE[c] }));
  const columns: DiagramColumnInfo[] = [
    { column: 'client', title: 'Client' },
    ...(ctx.hasLB ? [{ column: 'loadBalancer' as const, title: 'Load balancer' }] : []),
    { column: 'node', title: 'Nodes' },
    { column: 'proxy', title: opts.proxyTitle ?? 'kube-proxy' },
    { column: 'pod', title: 'Pods' },
    ...doorCols,
  ];
  const view: DiagramView = {
    service: analysis.service,
    policy,
    actual: paths.actual,
    clientIP: ctx.clientIP,
    columns,
    nodes: ctx.nodes,
    edges: ctx.edges,
    summary: summaryText(paths),
    notices: [],
    notes: paths.notes,
  };
  if (paths.nodes.length === 0 && door && doorCols.length > 0 && door.hops.some((h) => h.kind === 'proxy')) {
    // Reached only through a proxy: the front door's sample packet, from the client to this Service's app.
    const via = addProxiedFront(ctx, door);
    view.columns = [
      { column: 'client', title: 'Client' },
      ...(view.nodes.some((n) => n.column === 'loadBalancer')
        ? [{ column: 'loadBalancer' as const, title: 'Load balancer' }]
        : []),
      ...doorCols,
    ];
    view.notices.push(
      `${analysis.service} has no external path of its own: it is reached through ${via.proxyService ?? 'a proxy'}, drawn with that Service's sample packet (its nodes and kube-proxy are on its page).`,
    );
    view.summary = `Reached through ${via.proxyService ?? 'a proxy'}; client IP at the app: ${door.answer ?? 'unknown'}`;
    return view;
  }
  if (paths.nodes.length === 0) {
    view.notices.push(
      analysis.type === 'ClusterIP' || analysis.type === 'ExternalName'
        ? `No external path: a ${analysis.type} Service is not reachable from outside the cluster.`
        : 'No node handles external traffic for this Service.',
    );
    view.summary = 'No external path';
    return view;
  }

  const { rows, capped } = groupNodeRows(paths.nodes, opts.group);
  if (capped) view.notices.push(`Showing at most ${MAX_INDIVIDUAL_NODES} nodes individually; the others are grouped.`);
  const podRows = groupPodRows(paths.pods, Math.max(opts.group, MIN_POD_ROWS));
  // A pod's address; for an aggregate row or the folded pods, how many addresses (an aggregate counts its pods).
  const podIP = new Map(
    podRows.map((r) => [
      r.id,
      r.pods.length === 1 && r.pods[0].count === 1 ? r.pods[0].ip : `${podCount(r.pods)} pod IPs`,
    ]),
  );
  const front = addClientAndLoadBalancer(ctx, rows);
  const podTarget = podRows.length === 1 ? (podIP.get(podRows[0].id) ?? 'endpoint IP') : 'endpoint IP';
  addNodeRows(ctx, front, rows, podTarget);
  addPods(ctx, podRows);
  addFlows(ctx, rows, podRows, podIP);
  if (door) {
    const sources = ctx.nodes
      .filter((n) => n.column === 'pod' && n.share > 0)
      .map((n) => ({ id: n.id, share: n.share, clientIP: n.clientIP }));
    addDoorHops(ctx, door, sources);
  }
  return view;
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
