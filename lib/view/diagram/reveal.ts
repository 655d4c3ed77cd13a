// The order in which a Service's diagrams are drawn when they are drawn a step at a time (the /local panel:
// at full scale drawing both at once is one main-thread task of ~100 ms). Each step adds one chunk: the
// first diagram's boxes, then its edges, then the second diagram's boxes and edges. A chunk is small enough
// that creating, styling and laying out its SVG elements stays well under the 50 ms of a long task.
// Once every step is done, every box and edge is drawn, in the layout's order (the DOM of an all-at-once render).

/** How many boxes and edges one diagram has. */
export interface DiagramSize {
  nodes: number;
  edges: number;
}

/** How much of one diagram is drawn: its first `nodes` boxes and first `edges` edges. */
export type DiagramReveal = DiagramSize;

/** Boxes per step (a box with its caption, texts and verdict is ≈ 10–15 SVG elements). */
export const NODE_CHUNK = 15;
/** Edges per step (an edge is 4–5 SVG elements). */
export const EDGE_CHUNK = 40;

/** Steps one diagram takes: its box chunks, then its edge chunks; at least one (its panel's heading). */
function stepsOf(size: DiagramSize): number {
  return Math.max(1, Math.ceil(size.nodes / NODE_CHUNK) + Math.ceil(size.edges / EDGE_CHUNK));
}

/** Steps to draw diagrams of these sizes, one after the other. */
export function revealSteps(sizes: DiagramSize[]): number {
  return sizes.reduce((n, s) => n + stepsOf(s), 0);
}

/**
 * What each diagram draws after `step` steps (1-based): null for a diagram not begun (its panel is not drawn
 * yet), else the boxes and edges drawn so far. From revealSteps(sizes) on, every diagram is drawn whole.
 */
export function revealAt(sizes: DiagramSize[], step: number): (DiagramReveal | null)[] {
  let left = step;
  return sizes.map((size) => {
    if (left <= 0) return null;
    const steps = stepsOf(size);
    const taken = Math.min(left, steps);
    left -= taken;
    const nodeSteps = Math.ceil(size.nodes / NODE_CHUNK);
    return {
      nodes: Math.min(size.nodes, taken * NODE_CHUNK),
      edges: Math.min(size.edges, Math.max(0, taken - nodeSteps) * EDGE_CHUNK),
    };
  });
}
