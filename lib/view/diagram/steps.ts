// The packet path as a list of steps, for screens too narrow for the diagram: one step per column, left to right,
// each with its boxes in the diagram's order. A node row and the kube-proxy box it hands the packet to are one
// entry ("prod-worker-01 → DNAT, no SNAT: client IP kept"): drawn side by side in the diagram, on a phone they
// would otherwise be two lists whose rows the reader has to pair by position.
import type { DiagramColumn, DiagramNode, DiagramView } from '../diagram-types';

/** One entry of a step: a box of the diagram, with the kube-proxy box that follows a node row. */
export interface StepEntry {
  box: DiagramNode;
  /** The proxy column's box this node row hands the packet to; null elsewhere. */
  then: DiagramNode | null;
}

/** One column of the diagram as a step of the list. */
export interface PathStep {
  column: DiagramColumn;
  title: string;
  entries: StepEntry[];
}

/**
 * The diagram's boxes as steps, in the columns' order. Every box is in exactly one entry: a proxy box is folded
 * into the node row whose only successor it is; any other proxy box keeps a step of its own. Columns without
 * boxes are left out.
 */
export function pathSteps(view: Pick<DiagramView, 'columns' | 'nodes' | 'edges'>): PathStep[] {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const e of view.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    (outgoing.get(e.source) ?? outgoing.set(e.source, []).get(e.source)!).push(e.target);
    (incoming.get(e.target) ?? incoming.set(e.target, []).get(e.target)!).push(e.source);
  }
  const pairedWith = new Map<string, DiagramNode>();
  const folded = new Set<string>();
  for (const n of view.nodes) {
    if (n.column !== 'node') continue;
    const next = outgoing.get(n.id) ?? [];
    const proxy = next.length === 1 ? byId.get(next[0]) : undefined;
    // Only a proxy box that this row alone feeds: a box reached from two rows would be claimed by one of them.
    if (proxy?.column !== 'proxy' || (incoming.get(proxy.id) ?? []).length !== 1 || folded.has(proxy.id)) continue;
    pairedWith.set(n.id, proxy);
    folded.add(proxy.id);
  }
  const steps: PathStep[] = [];
  const listed = new Set<DiagramColumn>();
  const add = (column: DiagramColumn, title: string) => {
    listed.add(column);
    const entries: StepEntry[] = [];
    for (const n of view.nodes) {
      if (n.column !== column || folded.has(n.id)) continue;
      entries.push({ box: n, then: pairedWith.get(n.id) ?? null });
    }
    if (entries.length > 0) steps.push({ column, title, entries });
  };
  for (const c of view.columns) add(c.column, c.title);
  // A box of a column the view has no title for is still listed (nothing the diagram draws is left out).
  for (const n of view.nodes) if (!listed.has(n.column)) add(n.column, n.column);
  return steps;
}
