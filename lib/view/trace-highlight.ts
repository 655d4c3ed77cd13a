// Maps a traced packet (engine TraceResult) onto a diagram: which boxes and edges it went through,
// so the diagram can highlight them and dim the rest.
import type { Verdict } from '../engine/types';
import { endpointCount, endpointNames, type TraceLike } from './trace-endpoints';
import type { DiagramNode, DiagramNodeKind, DiagramView, NodeTraits } from './diagram-types';
import type { ArrivalNode } from './trace-api';
import { edgeId, hopId } from './service-view';

/** The boxes and edges a traced packet touches in one diagram, with a one-line summary. */
export interface TraceHighlight {
  policy: DiagramView['policy'];
  /** Ids of highlighted boxes and edges. */
  ids: string[];
  /** The node row the packet arrived at, or null when the diagram has no such row. */
  rowId: string | null;
  summary: string;
}

const PROXY_KIND: Record<Verdict, DiagramNodeKind> = {
  forwarded: 'dnat',
  dropped: 'drop',
  rejected: 'reject',
  notHandled: 'notHandled',
};

/** Does an aggregate row's common traits fit the traced node's facts? */
function fits(t: NodeTraits | null, a: ArrivalNode): boolean {
  if (!t) return false;
  const excluded = t.lbExcludedReason?.startsWith('excluded from load balancers') ?? false;
  // health.ts lbMembership: "excluded from load balancers: <node.excludedFromLB>"; healthz 503 iff the node is being deleted.
  if (a.excludedFromLB ? !excluded : excluded) return false;
  return (a.beingDeleted !== null) === (t.proxyHealthz === 503);
}

/** How many distinct nodes a row names: itself, the view group's members and the engine's samples. */
function namedCount(r: DiagramNode): number {
  return r.nodeName !== null ? 1 : new Set([...r.members, ...r.sampleNodes]).size;
}

/**
 * Finds the node row holding `node`. Exact first: its own row, a view group listing it as a member,
 * or a row whose sample names list it. Only when no row names the node, it is guessed among the
 * groups that stand for more nodes than they name: the one whose kube-proxy box does what the trace
 * says and whose traits fit the node's facts.
 */
function findRow(
  view: DiagramView,
  node: string | null,
  verdict: Verdict,
  arrival: ArrivalNode | null,
): DiagramNode | null {
  const rows = view.nodes.filter((n) => n.column === 'node');
  if (node !== null) {
    const named =
      rows.find((r) => r.nodeName === node) ??
      rows.find((r) => r.members.includes(node) || r.sampleNodes.includes(node));
    if (named) return named;
  }
  const proxyOf = new Map(view.nodes.filter((n) => n.column === 'proxy').map((p) => [p.id, p]));
  const candidates = rows.filter(
    (r) =>
      r.kind === 'nodeGroup' &&
      // A named node not listed anywhere can only be one of a group's unnamed nodes; an unknown node
      // (no name) may be in any engine aggregate.
      (node !== null ? r.count > namedCount(r) : r.members.length === 0) &&
      proxyOf.get(hopId(view.policy, `proxy:${r.id.slice(r.id.indexOf(':') + 1)}`))?.kind === PROXY_KIND[verdict],
  );
  if (arrival) {
    // A merged aggregate's zone is not reliable (the engine merges zones that behave alike): it only breaks ties.
    const fitting = candidates.filter((r) => fits(r.traits, arrival));
    return fitting.find((r) => r.traits?.zone === arrival.zone) ?? fitting[0] ?? null;
  }
  // Without facts about the node, only an unambiguous match is shown.
  return candidates.length === 1 ? candidates[0] : null;
}

/** How a trace relates to the diagram: `external` = the source is outside the cluster (lights the client box). */
export interface TraceContext {
  external: boolean;
  /** Facts about the arrival node, to place it in a group row that does not name it. */
  arrival?: ArrivalNode | null;
}

/** The part of `view` a traced packet went through. */
export function traceHighlight(view: DiagramView, trace: TraceLike, ctx: TraceContext): TraceHighlight {
  const external = ctx.external;
  const P = (local: string) => hopId(view.policy, local);
  const has = new Set([...view.nodes.map((n) => n.id), ...view.edges.map((e) => e.id)]);
  const ids: string[] = [];
  const add = (id: string) => {
    if (has.has(id) && !ids.includes(id)) ids.push(id);
  };

  const viaLB = trace.entry === 'loadBalancerIP' && has.has(P('lb'));
  if (external) add(P('client'));
  if (external && viaLB) {
    add(P('lb'));
    add(edgeId(P('client'), P('lb')));
  }

  const row = findRow(view, trace.node, trace.verdict, ctx.arrival ?? null);
  if (row) {
    add(row.id);
    const front = viaLB ? P('lb') : external ? P('client') : null;
    if (front) add(edgeId(front, row.id));
    const proxy = P(`proxy:${row.id.slice(row.id.indexOf(':') + 1)}`);
    add(proxy);
    add(edgeId(row.id, proxy));
    // A row of the dashboard's trace stands for the pods it names (trace-endpoints.ts).
    for (const ep of trace.endpoints) {
      if (trace.verdict !== 'forwarded') break;
      for (const name of endpointNames(ep)) {
        const podId = has.has(P(`pod:${name}`)) ? P(`pod:${name}`) : P('pods:rest');
        if (!has.has(podId)) continue;
        add(podId);
        add(edgeId(proxy, podId));
      }
    }
  }
  const where = trace.node ? ` at ${trace.node}` : '';
  const n = trace.endpoints.reduce((sum, e) => sum + endpointCount(e), 0);
  const to = n === 1 ? ` → ${endpointNames(trace.endpoints[0])[0]}` : n > 1 ? ` → ${n} endpoints` : '';
  return {
    policy: view.policy,
    ids,
    rowId: row?.id ?? null,
    summary: `${trace.verdict}${where}${to}: ${trace.reason}`,
  };
}
