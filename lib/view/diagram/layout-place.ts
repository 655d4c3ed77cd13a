// Layout step 2: the boxes' positions. Columns left to right; every column but the pods in view
// order, centred vertically; the pods ordered by the weighted height of the boxes feeding them
// (barycentre), so under Local each node's pods sit next to it.
import type { DiagramColumn, DiagramEdge, DiagramNode, DiagramView, PositionedNode } from '../diagram-types';
import type { BoxText } from './layout-boxes';
import { COLUMN_GAP, COLUMN_WIDTHS, MARGIN, ROW_GAP, round } from './layout-metrics';

/** x of each column, and the diagram's width. */
export function columnPositions(view: DiagramView): { colX: Map<DiagramColumn, number>; width: number } {
  const colX = new Map<DiagramColumn, number>();
  let x = MARGIN.left;
  for (const c of view.columns) {
    colX.set(c.column, x);
    x += COLUMN_WIDTHS[c.column] + COLUMN_GAP;
  }
  return { colX, width: round(x - COLUMN_GAP + MARGIN.right) };
}

/** Places every box; returns the positioned boxes by id and the diagram's height. */
export function placeBoxes(
  view: DiagramView,
  byColumn: Map<DiagramColumn, DiagramNode[]>,
  heights: Map<string, number>,
  text: Map<string, BoxText>,
  colX: Map<DiagramColumn, number>,
): { placed: Map<string, PositionedNode>; height: number } {
  const colHeight = (list: DiagramNode[]) =>
    list.reduce((s, n) => s + heights.get(n.id)!, 0) + Math.max(0, list.length - 1) * ROW_GAP;
  const contentHeight = Math.max(...[...byColumn.values()].map(colHeight));
  const placed = new Map<string, PositionedNode>();
  const place = (list: DiagramNode[], column: DiagramColumn) => {
    let y = MARGIN.top + (contentHeight - colHeight(list)) / 2;
    for (const n of list) {
      const h = heights.get(n.id)!;
      placed.set(n.id, {
        ...n,
        ...text.get(n.id)!,
        x: colX.get(column)!,
        y: round(y),
        width: COLUMN_WIDTHS[column],
        height: round(h),
      });
      y += h + ROW_GAP;
    }
  };
  for (const c of view.columns) if (c.column !== 'pod') place(byColumn.get(c.column)!, c.column);
  place(podOrder(view, byColumn.get('pod') ?? [], placed), 'pod');
  return { placed, height: round(MARGIN.top + contentHeight + MARGIN.bottom) };
}

/** Pods by the barycentre of the boxes feeding them; pods without incoming edges keep their order at the bottom. */
function podOrder(view: DiagramView, pods: DiagramNode[], placed: Map<string, PositionedNode>): DiagramNode[] {
  const centre = (id: string) => {
    const p = placed.get(id)!;
    return p.y + p.height / 2;
  };
  const incoming = new Map<string, DiagramEdge[]>();
  for (const e of view.edges) {
    if (!placed.has(e.source)) continue;
    const list = incoming.get(e.target);
    if (list) list.push(e);
    else incoming.set(e.target, [e]);
  }
  const bary = new Map<string, number>();
  for (const p of pods) {
    const ins = incoming.get(p.id) ?? [];
    const w = ins.reduce((s, e) => s + (e.share > 0 ? e.share : 1e-6), 0);
    if (ins.length > 0)
      bary.set(p.id, ins.reduce((s, e) => s + centre(e.source) * (e.share > 0 ? e.share : 1e-6), 0) / w);
  }
  return pods
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const ba = bary.get(a.p.id),
        bb = bary.get(b.p.id);
      if (ba === undefined || bb === undefined)
        return (ba === undefined ? 1 : 0) - (bb === undefined ? 1 : 0) || a.i - b.i;
      return ba - bb || a.i - b.i;
    })
    .map((o) => o.p);
}
