// Keyboard walk through a laid-out diagram: Tab visits the boxes in path order (the edges are not tab
// stops, so two diagrams are ~40 stops rather than ~70); from a box → and ← step onto its outgoing and
// incoming edges, from an edge → and ← step to its ends and ↓ ↑ to its siblings. Pure.
import type { DiagramLayout } from '../diagram-types';

/** Keys the walk understands. */
export type WalkKey = 'ArrowRight' | 'ArrowLeft' | 'ArrowDown' | 'ArrowUp';

/** The hop to focus after `key` on hop `id`, or null when there is none. */
export function walkTarget(layout: DiagramLayout, id: string, key: WalkKey): string | null {
  const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
  const byY = (end: 'source' | 'target') => (a: { source: string; target: string }, b: typeof a) =>
    (y.get(a[end]) ?? 0) - (y.get(b[end]) ?? 0);
  const edge = layout.edges.find((e) => e.id === id);
  if (!edge) {
    if (key === 'ArrowRight') return layout.edges.filter((e) => e.source === id).sort(byY('target'))[0]?.id ?? null;
    if (key === 'ArrowLeft') return layout.edges.filter((e) => e.target === id).sort(byY('source'))[0]?.id ?? null;
    return null;
  }
  if (key === 'ArrowRight') return edge.target;
  if (key === 'ArrowLeft') return edge.source;
  const siblings = layout.edges.filter((e) => e.source === edge.source).sort(byY('target'));
  const i = siblings.findIndex((e) => e.id === id);
  const next = (i + (key === 'ArrowDown' ? 1 : siblings.length - 1)) % siblings.length;
  return siblings[next].id;
}
