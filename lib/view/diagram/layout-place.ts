// Layout step 2: the boxes' positions. Columns left to right; every column but the pods in view
// order, centred vertically; the pods ordered by the weighted height of the boxes feeding them
// (barycentre), so under Local each node's pods sit next to it.
import type { DiagramColumn, DiagramEdge, DiagramNode, DiagramView, PositionedNode } from '../diagram-types';
import type { BoxText } from './layout-boxes';
import { COLUMN_GAP, COLUMN_WIDTHS, DOOR_GAP, DOOR_GUTTER, MARGIN, ROW_GAP, round } from './layout-metrics';

/** The front-door columns (proxy, sidecar, app after the pods). */
export const DOOR_COLUMNS: ReadonlySet<DiagramColumn> = new Set(['l7Proxy', 'sidecar', 'app']);

/**
 * Whether the front-door boxes stack under the pods instead of taking columns of their own: always when the
 * diagram has pods, so the front door stays on screen at the widths the rest of the diagram fits (1280 px).
 */
export function doorStacked(view: DiagramView): boolean {
  return view.columns.some((c) => c.column === 'pod') && view.columns.some((c) => DOOR_COLUMNS.has(c.column));
}

/** x of each column, and the diagram's width (stacked front-door columns share the pods' x). */
export function columnPositions(view: DiagramView): { colX: Map<DiagramColumn, number>; width: number } {
  const colX = new Map<DiagramColumn, number>();
  const stacked = doorStacked(view);
  let x = MARGIN.left;
  for (const c of view.columns) {
    if (stacked && DOOR_COLUMNS.has(c.column)) {
      colX.set(c.column, colX.get('pod')!);
      continue;
    }
    colX.set(c.column, x);
    x += COLUMN_WIDTHS[c.column] + COLUMN_GAP;
  }
  return { colX, width: round(x - COLUMN_GAP + MARGIN.right + (stacked ? DOOR_GUTTER : 0)) };
}

/** Places every box; returns the positioned boxes by id and the diagram's height. */
export function placeBoxes(
  view: DiagramView,
  byColumn: Map<DiagramColumn, DiagramNode[]>,
  heights: Map<string, number>,
  text: Map<string, BoxText>,
  colX: Map<DiagramColumn, number>,
): { placed: Map<string, PositionedNode>; height: number } {
  const stacked = doorStacked(view);
  // Stacked: the front-door boxes go under the pods, in path order, each with a caption above it.
  const door = stacked
    ? view.columns.filter((c) => DOOR_COLUMNS.has(c.column)).flatMap((c) => byColumn.get(c.column)!)
    : [];
  const gapBefore = (n: DiagramNode, i: number) =>
    i === 0 ? 0 : DOOR_COLUMNS.has(n.column) && stacked ? DOOR_GAP : ROW_GAP;
  const colHeight = (list: DiagramNode[]) => list.reduce((s, n, i) => s + heights.get(n.id)! + gapBefore(n, i), 0);
  const heightOf = (column: DiagramColumn, list: DiagramNode[]) =>
    column === 'pod' && stacked
      ? colHeight([...list, ...door])
      : stacked && DOOR_COLUMNS.has(column)
        ? 0
        : colHeight(list);
  const contentHeight = Math.max(...[...byColumn.entries()].map(([c, list]) => heightOf(c, list)));
  const placed = new Map<string, PositionedNode>();
  const place = (list: DiagramNode[]) => {
    let y = MARGIN.top + (contentHeight - colHeight(list)) / 2;
    list.forEach((n, i) => {
      y += gapBefore(n, i);
      const h = heights.get(n.id)!;
      placed.set(n.id, {
        ...n,
        ...text.get(n.id)!,
        x: colX.get(n.column)!,
        y: round(y),
        width: COLUMN_WIDTHS[n.column],
        height: round(h),
      });
      y += h;
    });
  };
  for (const c of view.columns)
    if (c.column !== 'pod' && !(stacked && DOOR_COLUMNS.has(c.column))) place(byColumn.get(c.column)!);
  place([...podOrder(view, byColumn.get('pod') ?? [], placed), ...door]);
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
