// Layout step 3: the edges as horizontal links (d3-shape linkHorizontal), their ends stacked at each
// box like a Sankey diagram (ordered by the other end's height, so edges do not cross at the box).
import { linkHorizontal } from 'd3';
import type { DiagramEdge, DiagramView, PositionedEdge, PositionedNode } from '../diagram-types';
import { round } from './layout-metrics';

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
  return view.edges.map((e) => {
    const s = placed.get(e.source)!;
    const t = placed.get(e.target)!;
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
