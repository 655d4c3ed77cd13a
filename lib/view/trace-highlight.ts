// Maps a traced packet (engine TraceResult) onto a diagram: which boxes and edges it went through,
// so the diagram can highlight them and dim the rest.
import type { TraceResult, Verdict } from '../engine/types';
import type { DiagramNode, DiagramNodeKind, DiagramView } from './diagram-types';
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

const PROXY_KIND: Record<Verdict, DiagramNodeKind> = { forwarded: 'dnat', dropped: 'drop', rejected: 'reject', notHandled: 'notHandled' };

/** Finds the node row holding `node`: its own row, a view group listing it, or an engine aggregate that behaves as traced. */
function findRow(view: DiagramView, node: string | null, verdict: Verdict): DiagramNode | null {
  const rows = view.nodes.filter((n) => n.column === 'node');
  if (node !== null) {
    const own = rows.find((r) => r.nodeName === node) ?? rows.find((r) => r.members.includes(node));
    if (own) return own;
  }
  // Engine aggregates do not list their nodes: the traced node is in the one whose kube-proxy box does what the trace says.
  const proxyOf = new Map(view.nodes.filter((n) => n.column === 'proxy').map((p) => [p.id, p]));
  return rows.find((r) => r.kind === 'nodeGroup' && r.members.length === 0
    && proxyOf.get(hopId(view.policy, `proxy:${r.id.slice(r.id.indexOf(':') + 1)}`))?.kind === PROXY_KIND[verdict]) ?? null;
}

/** The part of `view` a traced packet went through. */
export function traceHighlight(view: DiagramView, trace: TraceResult): TraceHighlight {
  const P = (local: string) => hopId(view.policy, local);
  const has = new Set([...view.nodes.map((n) => n.id), ...view.edges.map((e) => e.id)]);
  const ids: string[] = [];
  const add = (id: string) => { if (has.has(id) && !ids.includes(id)) ids.push(id); };

  const external = trace.hops.length > 0 ? trace.hops[0].kind === 'client' : false;
  const viaLB = trace.entry === 'loadBalancerIP' && has.has(P('lb'));
  if (external) add(P('client'));
  if (external && viaLB) { add(P('lb')); add(edgeId(P('client'), P('lb'))); }

  const row = findRow(view, trace.node, trace.verdict);
  if (row) {
    add(row.id);
    const front = viaLB ? P('lb') : external ? P('client') : null;
    if (front) add(edgeId(front, row.id));
    const proxy = P(`proxy:${row.id.slice(row.id.indexOf(':') + 1)}`);
    add(proxy);
    add(edgeId(row.id, proxy));
    for (const ep of trace.endpoints) {
      if (trace.verdict !== 'forwarded') break;
      const podId = has.has(P(`pod:${ep.pod ?? ep.ip}`)) ? P(`pod:${ep.pod ?? ep.ip}`) : P('pods:rest');
      if (!has.has(podId)) continue;
      add(podId);
      add(edgeId(proxy, podId));
    }
  }
  const where = trace.node ? ` at ${trace.node}` : '';
  const to = trace.endpoints.length === 1 ? ` → ${trace.endpoints[0].pod ?? trace.endpoints[0].ip}` : trace.endpoints.length > 1 ? ` → ${trace.endpoints.length} endpoints` : '';
  return { policy: view.policy, ids, rowId: row?.id ?? null, summary: `${trace.verdict}${where}${to}: ${trace.reason}` };
}
