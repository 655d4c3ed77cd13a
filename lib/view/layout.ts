// Lays out a packet-path diagram: fixed columns left to right, boxes stacked per column, edges as
// horizontal links whose stroke width is proportional to their share of the traffic (d3-scale),
// stacked at each box like a Sankey diagram so widths add up visibly. One step per file in
// ./diagram/ (layout-boxes, layout-place, layout-edges); this file runs them in order.
// Pure maths, no DOM: React renders the result. Deterministic: same view in, same numbers out.
import type { DiagramLayout, DiagramView } from './diagram-types';
import { boxesByColumn, boxHeights, boxTexts } from './diagram/layout-boxes';
import { placeEdges } from './diagram/layout-edges';
import { COLUMN_WIDTHS, MARGIN, MIN_BOX_HEIGHT, shareToWidth } from './diagram/layout-metrics';
import { columnPositions, DOOR_COLUMNS, doorStacked, placeBoxes } from './diagram/layout-place';

export {
  COLUMN_GAP,
  COLUMN_WIDTHS,
  LABEL_LINE,
  MAX_EDGE_WIDTH,
  MIN_BOX_HEIGHT,
  MIN_EDGE_WIDTH,
  shareToWidth,
  SUBLABEL_LINE,
  VERDICT_LINE,
  FACT_LINE,
  ZERO_EDGE_WIDTH,
} from './diagram/layout-metrics';
export { wrapText } from './diagram/layout-boxes';

/** Lays out a diagram view in SVG user units. */
export function layoutDiagram(view: DiagramView): DiagramLayout {
  const { colX, width } = columnPositions(view);
  const stacked = doorStacked(view);
  // Stacked front-door columns have no header of their own: each box carries its column's title as a caption.
  const columns = view.columns
    .filter((c) => !(stacked && DOOR_COLUMNS.has(c.column)))
    .map((c) => ({ ...c, x: colX.get(c.column)!, width: COLUMN_WIDTHS[c.column] }));
  const captions = new Map(
    stacked ? view.columns.filter((c) => DOOR_COLUMNS.has(c.column)).map((c) => [c.column, c.title] as const) : [],
  );
  if (view.nodes.length === 0)
    return {
      policy: view.policy,
      width,
      height: MARGIN.top + MIN_BOX_HEIGHT + MARGIN.bottom,
      columns,
      nodes: [],
      edges: [],
    };
  const edgeWidth = new Map(view.edges.map((e) => [e.id, shareToWidth(e.share)]));
  const text = boxTexts(view);
  const byColumn = boxesByColumn(view);
  const heights = boxHeights(view, text, edgeWidth, byColumn);
  const { placed, height } = placeBoxes(view, byColumn, heights, text, colX);
  const edges = placeEdges(view, placed, edgeWidth);
  const nodes = view.nodes.map((n) => ({ ...placed.get(n.id)!, caption: captions.get(n.column) ?? null }));
  return { policy: view.policy, width, height, columns, nodes, edges };
}
