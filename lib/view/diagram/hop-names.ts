// The names behind a diagram box, for the details drawer: every node a row stands for (as far as the
// analysis names them) and a filter that stays fast on a 5,000-node list. Pure.
import type { DiagramNode } from '../diagram-types';

/** The node names a box stands for, sorted, and how many of its nodes the data does not name. */
export function boxNodeNames(n: DiagramNode): { names: string[]; unnamed: number } {
  if (n.nodeName !== null && n.count <= 1) return { names: [n.nodeName], unnamed: 0 };
  const names = [...new Set([...n.members, ...n.sampleNodes])].sort();
  return { names, unnamed: Math.max(0, n.count - names.length) };
}

/** Names containing `query` (case-insensitive), at most `limit`, with the number of matches. */
export function filterNames(names: string[], query: string, limit: number): { shown: string[]; matches: number } {
  const q = query.trim().toLowerCase();
  const hits = q === '' ? names : names.filter((s) => s.toLowerCase().includes(q));
  return { shown: hits.slice(0, limit), matches: hits.length };
}
