// Layout step 3: the edges as horizontal links (d3-shape linkHorizontal), their ends stacked at each
// box like a Sankey diagram (ordered by the other end's height, so edges do not cross at the box).
import { linkHorizontal } from 'd3';
import type { DiagramEdge, DiagramView, PositionedEdge, PositionedNode } from '../diagram-types';
import { DOOR_GUTTER, round } from './layout-metrics';
import { DOOR_COLUMNS, doorStacked } from './layout-place';

/**
 * An edge into a front-door box stacked under the pods: out of the pod's right side, down the gutter right of
 * the pods and back into the box's right side (rounded corners).
 */
function gutterPath(source: [number, number], target: [number, number], gutterX: number): string {
  const r = Math.min(10, Math.abs(target[1] - source[1]) / 2);
  const down = target[1] >= source[1] ? 1 : -1;
  return [
    `M${source[0]},${source[1]}`,
    `H${round(gutterX - r)}`,
    `Q${round(gutterX)},${source[1]} ${round(gutterX)},${round(source[1] + down * r)}`,
    `V${round(target[1] - down * r)}`,
    `Q${round(gutterX)},${target[1]} ${round(gutterX - r)},${target[1]}`,
    `H${target[0]}`,
  ].join('');
}

const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/** Positions every edge between the placed boxes. */
export function placeEdges(
  view: DiagramView,
  placed: Map<string, PositionedNode>,
  edgeWidth: Map<string, number>,
): PositionedEdge[] {
  const centre = (id: string) => {
    const p = placed.get(id)!;
    return p.y + p.height / 2;
  };
  const outY = new Map<string, number>();
  const inY = new Map<string, number>();
  const stack = (groupBy: 'source' | 'target', other: 'source' | 'target', into: Map<string, number>) => {
    const groups = new Map<string, DiagramEdge[]>();
    for (const e of view.edges) {
      const g = groups.get(e[groupBy]);
      if (g) g.push(e);
      else groups.set(e[groupBy], [e]);
    }
    for (const [id, list] of groups) {
      list.sort((a, b) => centre(a[other]) - centre(b[other]) || a.id.localeCompare(b.id));
      const total = list.reduce((s, e) => s + edgeWidth.get(e.id)!, 0);
      let y = centre(id) - total / 2;
      for (const e of list) {
        const w = edgeWidth.get(e.id)!;
        into.set(e.id, round(y + w / 2));
        y += w;
      }
    }
  };
  stack('source', 'target', outY);
  stack('target', 'source', inY);
  const stacked = doorStacked(view);
  return view.edges.map((e) => {
    const s = placed.get(e.source)!;
    const t = placed.get(e.target)!;
    if (stacked && DOOR_COLUMNS.has(t.column)) {
      if (DOOR_COLUMNS.has(s.column)) {
        // Between two stacked front-door boxes: straight down, right of the caption.
        const x = round(t.x + t.width - 40);
        const from: [number, number] = [x, round(s.y + s.height)];
        const to: [number, number] = [x, round(t.y)];
        return {
          ...e,
          path: `M${from[0]},${from[1]}V${to[1]}`,
          width: edgeWidth.get(e.id)!,
          labelX: x,
          labelY: round((from[1] + to[1]) / 2),
        };
      }
      const source: [number, number] = [round(s.x + s.width), outY.get(e.id)!];
      const target: [number, number] = [round(t.x + t.width), inY.get(e.id)!];
      const gutterX = Math.max(source[0], target[0]) + DOOR_GUTTER / 2;
      return {
        ...e,
        path: gutterPath(source, target, gutterX),
        width: edgeWidth.get(e.id)!,
        labelX: round(gutterX),
        labelY: round((source[1] + target[1]) / 2),
      };
    }
    const source: [number, number] = [round(s.x + s.width), outY.get(e.id)!];
    const target: [number, number] = [round(t.x), inY.get(e.id)!];
    return {
      ...e,
      path: link({ source, target }) ?? '',
      width: edgeWidth.get(e.id)!,
      labelX: round((source[0] + target[0]) / 2),
      labelY: round((source[1] + target[1]) / 2),
    };
  });
}
