// Folds a Service's node rows into a legible column: up to `threshold` individual nodes (the ones
// carrying the most traffic), the rest merged by what they do with the traffic (verdict, health
// check, LB membership, local endpoints), together with the engine's own aggregate rows of the same
// kind. Linear in the number of rows; deterministic (ties broken by name).
import type { NodePath, Verdict } from '../engine/types';

/** Hard cap on individually drawn nodes, whatever the URL asks for (keeps the SVG small). */
export const MAX_INDIVIDUAL_NODES = 200;

/** One row of the node column: an individual node or a group of nodes that behave alike. */
export interface NodeRow {
  /** Local id: `node:NAME` or `nodes:KEY` (prefixed with the policy by the view builder). */
  id: string;
  /** Individual node name, or null for a group. */
  node: string | null;
  /** The row's numbers: for a group, summed shares/endpoints and the common fields. */
  path: NodePath;
  /** Node names folded into this group by the view (engine aggregates list none). */
  members: string[];
}

const VERDICT_RANK: Record<Verdict, number> = { forwarded: 0, dropped: 1, rejected: 2, notHandled: 3 };

/** The behaviour key nodes are grouped by; equal keys draw identically apart from their share. */
export function nodeBehaviourKey(p: NodePath): string {
  return [
    p.verdict,
    p.healthCheck === null ? 'hc-none' : `hc-${p.healthCheck}`,
    p.proxyHealthz === 503 ? 'healthz-503' : null,
    p.inLoadBalancer ? 'in-lb' : 'not-in-lb',
    p.localUsableEndpoints > 0 ? 'local' : 'no-local',
    // Nodes left out of the LB for different reasons (label vs failed probe) stay apart.
    p.lbExcludedReason?.startsWith('excluded from load balancers') ? 'lb-excluded' : null,
  ]
    .filter((s) => s !== null)
    .join('.');
}

/**
 * Up to 16 node names for a merged row, the engine aggregates' names first: folded individual nodes
 * are all listed in the row's `members` anyway, while an aggregate's nodes are known only by these.
 */
function mergeSamples(rows: NodePath[]): string[] {
  const names = (aggregate: boolean) =>
    rows
      .filter((r) => (r.node === null) === aggregate)
      .flatMap((r) => r.sampleNodes)
      .sort();
  return [...new Set([...names(true), ...names(false)])].slice(0, 16).sort();
}

/** Merges rows of one behaviour key into one aggregate row. */
function mergeRows(rows: NodePath[]): NodePath {
  const first = rows[0];
  const same = <K extends keyof NodePath>(k: K): NodePath[K] | null =>
    rows.every((r) => r[k] === first[k]) ? first[k] : null;
  return {
    ...first,
    node: null,
    count: rows.reduce((n, r) => n + r.count, 0),
    sampleNodes: mergeSamples(rows),
    zone: same('zone'),
    localEndpoints: rows.reduce((n, r) => n + r.localEndpoints, 0),
    localUsableEndpoints: rows.reduce((n, r) => n + r.localUsableEndpoints, 0),
    lbShare: rows.reduce((n, r) => n + r.lbShare, 0),
    lbExcludedReason: rows.find((r) => r.lbExcludedReason)?.lbExcludedReason ?? null,
    snatSource: same('snatSource') ?? null,
    clientIPPreserved: same('clientIPPreserved') ?? null,
  };
}

/** Ranks individual rows for keeping: most traffic first, then most local endpoints, then name. */
function keepOrder(a: NodePath, b: NodePath): number {
  return (
    b.lbShare - a.lbShare ||
    b.localUsableEndpoints - a.localUsableEndpoints ||
    (a.node ?? '').localeCompare(b.node ?? '')
  );
}

/**
 * Groups node rows: keeps at most `threshold` individual nodes (capped at MAX_INDIVIDUAL_NODES) and
 * merges the others, and engine aggregates, per behaviour key. Rows are ordered forwarded → dropped →
 * rejected → not handled, individual nodes (by name) before groups (by key).
 */
export function groupNodeRows(rows: NodePath[], threshold: number): { rows: NodeRow[]; capped: boolean } {
  const limit = Math.max(0, Math.min(Math.floor(threshold), MAX_INDIVIDUAL_NODES));
  const individual = rows.filter((r) => r.node !== null);
  const aggregates = rows.filter((r) => r.node === null);
  const kept = individual.length <= limit ? individual : [...individual].sort(keepOrder).slice(0, limit);
  const keptSet = new Set(kept);
  const folded = new Map<string, { paths: NodePath[]; members: string[] }>();
  const fold = (p: NodePath, member: string | null) => {
    const key = nodeBehaviourKey(p);
    let g = folded.get(key);
    if (!g) folded.set(key, (g = { paths: [], members: [] }));
    g.paths.push(p);
    if (member !== null) g.members.push(member);
  };
  for (const r of individual) if (!keptSet.has(r)) fold(r, r.node);
  for (const r of aggregates) fold(r, null);

  const out: NodeRow[] = kept.map((p) => ({ id: `node:${p.node}`, node: p.node, path: p, members: [] }));
  for (const [key, g] of folded) {
    out.push({
      id: `nodes:${key}`,
      node: null,
      path: g.paths.length === 1 && g.members.length === 0 ? g.paths[0] : mergeRows(g.paths),
      members: g.members.sort(),
    });
  }
  out.sort(
    (a, b) =>
      VERDICT_RANK[a.path.verdict] - VERDICT_RANK[b.path.verdict] ||
      Number(a.node === null) - Number(b.node === null) ||
      a.id.localeCompare(b.id),
  );
  return { rows: out, capped: individual.length > limit && threshold > MAX_INDIVIDUAL_NODES };
}
