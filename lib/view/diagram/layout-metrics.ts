// Sizes of the laid-out diagram in SVG user units, and the text metrics used to wrap labels. The
// diagram is drawn at this size (never shrunk), so these numbers are also the on-screen pixels.
import { scaleLinear } from 'd3';
import type { DiagramColumn } from '../diagram-types';

/** Width of the boxes in each column. */
export const COLUMN_WIDTHS: Record<DiagramColumn, number> = {
  client: 120,
  clients: 230,
  loadBalancer: 180,
  clusterIP: 150,
  node: 200,
  proxy: 160,
  pod: 250,
  // The front-door boxes stack under the pods (same width), or follow them as columns when there are no pods.
  l7Proxy: 250,
  sidecar: 250,
  app: 250,
};
/** Room right of the pods for the edges that turn down into the front-door boxes stacked under them. */
export const DOOR_GUTTER = 48;
/** Vertical gap above a stacked front-door box: its caption and the edge from the box above. */
export const DOOR_GAP = 40;
/** Horizontal room for the edges between two columns. */
export const COLUMN_GAP = 70;
/** Stroke width of an edge carrying all the traffic. */
export const MAX_EDGE_WIDTH = 28;
/** Thinnest stroke for an edge that carries some traffic (so 0.1% stays visible). */
export const MIN_EDGE_WIDTH = 1.5;
/** Stroke of an edge that carries nothing (excluded, idle, would-drop). */
export const ZERO_EDGE_WIDTH = 1;
/** Smallest box height (two lines of text). */
export const MIN_BOX_HEIGHT = 46;
/** Vertical gap between boxes of a column. */
export const ROW_GAP = 10;
/** Text metrics (SVG user units) used to wrap labels: average glyph widths at the label sizes. */
export const LABEL_LINE = { height: 16, charWidth: 7.4 };
export const SUBLABEL_LINE = { height: 14, charWidth: 6.3 };
/** The NetworkPolicy verdict line of pod and client boxes (icon + words). */
export const VERDICT_LINE = { height: 18, charWidth: 6.6 };
/** A box's fact lines (`label: value`, 11 px; headers in monospace, the wider of the two fonts). */
export const FACT_LINE = { height: 14, charWidth: 6.7 };
export const BOX_PADDING_X = 8;
export const BOX_PADDING_Y = 8;
export const MARGIN = { top: 34, right: 8, bottom: 12, left: 8 };

const widthScale = scaleLinear().domain([0, 1]).range([0, MAX_EDGE_WIDTH]).clamp(true);

/** Rounds to 1/100 of a unit (stable numbers in tests and the DOM). */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Stroke width for a share of the traffic: proportional, floored at MIN_EDGE_WIDTH for non-zero shares. */
export function shareToWidth(share: number): number {
  if (!(share > 0)) return ZERO_EDGE_WIDTH;
  return round(Math.max(MIN_EDGE_WIDTH, widthScale(share)));
}
