// Lays out a packet-path diagram: fixed columns left to right, boxes stacked per column, edges as
// horizontal links (d3-shape linkHorizontal) whose stroke width is proportional to their share of
// the traffic (d3-scale), stacked at each box like a Sankey diagram so widths add up visibly.
// Pure maths, no DOM: React renders the result. Deterministic: same view in, same numbers out.
import { linkHorizontal, scaleLinear } from 'd3';
import type {
  DiagramColumn,
  DiagramEdge,
  DiagramLayout,
  DiagramNode,
  DiagramView,
  PositionedEdge,
  PositionedNode,
} from './diagram-types';

/** Width of the boxes in each column. */
export const COLUMN_WIDTHS: Record<DiagramColumn, number> = {
  client: 120,
  loadBalancer: 140,
  clusterIP: 150,
  node: 200,
  proxy: 160,
  pod: 250,
};
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
const ROW_GAP = 10;
/** Text metrics (SVG user units) used to wrap labels: average glyph widths at the label sizes. */
export const LABEL_LINE = { height: 16, charWidth: 7.4 };
export const SUBLABEL_LINE = { height: 14, charWidth: 6.3 };
/** The NetworkPolicy verdict line of pod and client boxes (icon + words). */
export const VERDICT_LINE = { height: 18, charWidth: 6.6 };
const BOX_PADDING_X = 8;
const BOX_PADDING_Y = 8;
const MARGIN = { top: 34, right: 8, bottom: 12, left: 8 };

const widthScale = scaleLinear().domain([0, 1]).range([0, MAX_EDGE_WIDTH]).clamp(true);

/** Stroke width for a share of the traffic: proportional, floored at MIN_EDGE_WIDTH for non-zero shares. */
export function shareToWidth(share: number): number {
  if (!(share > 0)) return ZERO_EDGE_WIDTH;
  return round(Math.max(MIN_EDGE_WIDTH, widthScale(share)));
}

/**
 * Word-wraps `text` into at most `maxLines` lines of `maxChars` characters; a word longer than a line
 * is cut (after a hyphen or dot when possible), and text that does not fit ends with an ellipsis.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const width = Math.max(4, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    while (word.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      // Long names (pods, nodes) break after a '-' or '.' when one falls in the line, else mid-word.
      const cut = Math.max(word.lastIndexOf('-', width - 1), word.lastIndexOf('.', width - 1)) + 1;
      const at = cut >= width / 2 ? cut : width;
      lines.push(word.slice(0, at));
      word = word.slice(at);
    }
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/** Lays out a diagram view in SVG user units. */
export function layoutDiagram(view: DiagramView): DiagramLayout {
  const cols = view.columns;
  const colX = new Map<DiagramColumn, number>();
  let x = MARGIN.left;
  for (const c of cols) {
    colX.set(c.column, x);
    x += COLUMN_WIDTHS[c.column] + COLUMN_GAP;
  }
  const width = round(x - COLUMN_GAP + MARGIN.right);
  const columns = cols.map((c) => ({ ...c, x: colX.get(c.column)!, width: COLUMN_WIDTHS[c.column] }));
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
  const stackIn = new Map<string, number>();
  const stackOut = new Map<string, number>();
  for (const e of view.edges) {
    const w = edgeWidth.get(e.id)!;
    stackOut.set(e.source, (stackOut.get(e.source) ?? 0) + w);
    stackIn.set(e.target, (stackIn.get(e.target) ?? 0) + w);
  }
  const text = new Map(
    view.nodes.map((n) => {
      const inner = COLUMN_WIDTHS[n.column] - 2 * BOX_PADDING_X;
      return [
        n.id,
        {
          labelLines: wrapText(n.label, inner / LABEL_LINE.charWidth, 3),
          sublabelLines: wrapText(n.sublabel, inner / SUBLABEL_LINE.charWidth, 2),
          // The icon takes two characters' room.
          verdictLines: n.verdict === null ? [] : wrapText(n.verdictText, inner / VERDICT_LINE.charWidth - 2, 2),
        },
      ];
    }),
  );
  const boxHeight = (n: DiagramNode) => {
    const t = text.get(n.id)!;
    const textHeight =
      2 * BOX_PADDING_Y +
      t.labelLines.length * LABEL_LINE.height +
      t.sublabelLines.length * SUBLABEL_LINE.height +
      t.verdictLines.length * VERDICT_LINE.height;
    return Math.max(MIN_BOX_HEIGHT, textHeight, Math.max(stackIn.get(n.id) ?? 0, stackOut.get(n.id) ?? 0) + 8);
  };

  const byColumn = new Map<DiagramColumn, DiagramNode[]>();
  for (const c of cols) byColumn.set(c.column, []);
  for (const n of view.nodes) byColumn.get(n.column)?.push(n);

  // Nodes and their kube-proxy boxes are built in lockstep: give each pair one row height so the
  // node → proxy edges stay straight.
  const heights = new Map(view.nodes.map((n) => [n.id, boxHeight(n)]));
  const nodeCol = byColumn.get('node') ?? [];
  const proxyCol = byColumn.get('proxy') ?? [];
  if (nodeCol.length === proxyCol.length) {
    nodeCol.forEach((n, i) => {
      const h = Math.max(heights.get(n.id)!, heights.get(proxyCol[i].id)!);
      heights.set(n.id, h);
      heights.set(proxyCol[i].id, h);
    });
  }
  const colHeight = (list: DiagramNode[]) =>
    list.reduce((s, n) => s + heights.get(n.id)!, 0) + Math.max(0, list.length - 1) * ROW_GAP;
  const contentHeight = Math.max(...[...byColumn.values()].map(colHeight));
  const height = round(MARGIN.top + contentHeight + MARGIN.bottom);

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
  const centre = (id: string) => {
    const p = placed.get(id)!;
    return p.y + p.height / 2;
  };
  for (const c of cols) {
    if (c.column !== 'pod') place(byColumn.get(c.column)!, c.column);
  }
  // Pods: ordered by the weighted height of the boxes feeding them (barycentre), so under Local each
  // node's pods sit next to it; pods without traffic keep their order at the bottom.
  const pods = byColumn.get('pod') ?? [];
  const bary = new Map<string, number>();
  const incoming = new Map<string, DiagramEdge[]>();
  for (const e of view.edges) {
    if (!placed.has(e.source)) continue;
    const list = incoming.get(e.target);
    if (list) list.push(e);
    else incoming.set(e.target, [e]);
  }
  for (const p of pods) {
    const ins = incoming.get(p.id) ?? [];
    const w = ins.reduce((s, e) => s + (e.share > 0 ? e.share : 1e-6), 0);
    if (ins.length > 0)
      bary.set(p.id, ins.reduce((s, e) => s + centre(e.source) * (e.share > 0 ? e.share : 1e-6), 0) / w);
  }
  const podOrder = pods
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const ba = bary.get(a.p.id),
        bb = bary.get(b.p.id);
      if (ba === undefined || bb === undefined)
        return (ba === undefined ? 1 : 0) - (bb === undefined ? 1 : 0) || a.i - b.i;
      return ba - bb || a.i - b.i;
    })
    .map((o) => o.p);
  place(podOrder, 'pod');

  // Edge ends stacked at each box, ordered by the other end's height (then id) so edges do not cross at the box.
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

  const edges: PositionedEdge[] = view.edges.map((e) => {
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
  return { policy: view.policy, width, height, columns, nodes: view.nodes.map((n) => placed.get(n.id)!), edges };
}
