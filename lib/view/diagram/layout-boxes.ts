// Layout step 1: the boxes' text wrapped to their column width and their heights (text, and the
// edges stacked at them); node rows and their kube-proxy boxes share one height so the edges between
// them stay straight.
import type {
  DiagramColumn,
  DiagramEdge,
  DiagramFact,
  DiagramFactLine,
  DiagramNode,
  DiagramView,
} from '../diagram-types';
import {
  BOX_PADDING_X,
  BOX_PADDING_Y,
  COLUMN_WIDTHS,
  FACT_LINE,
  LABEL_LINE,
  MIN_BOX_HEIGHT,
  SUBLABEL_LINE,
  VERDICT_LINE,
} from './layout-metrics';

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

/** A box's wrapped text. */
export interface BoxText {
  labelLines: string[];
  sublabelLines: string[];
  verdictLines: string[];
  factLines: DiagramFactLine[];
}

/** `text` cut to `width` characters, ending in … when cut. */
function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * A fact as drawn: `label: value` on one line when it fits, else the label and the indented value on two
 * lines (the value indented), cut to `maxChars` with an ellipsis (the whole value is in the tooltip and the details).
 */
export function factLines(f: DiagramFact, maxChars: number): DiagramFactLine[] {
  const width = Math.max(4, Math.floor(maxChars));
  const line = (text: string, indent = false) => ({ text, label: f.label, header: f.header, indent });
  const one = `${f.label}: ${f.value}`;
  if (one.length <= width) return [line(one)];
  // The value's line is indented by two characters' room.
  return [line(cut(`${f.label}:`, width)), line(cut(f.value, width - 2), true)];
}

/** Wraps every box's label, sublabel and verdict to its column. */
export function boxTexts(view: DiagramView): Map<string, BoxText> {
  return new Map(
    view.nodes.map((n) => {
      const inner = COLUMN_WIDTHS[n.column] - 2 * BOX_PADDING_X;
      return [
        n.id,
        {
          labelLines: wrapText(n.label, inner / LABEL_LINE.charWidth, 3),
          sublabelLines: wrapText(n.sublabel, inner / SUBLABEL_LINE.charWidth, 2),
          // The icon takes two characters' room.
          verdictLines: n.verdict === null ? [] : wrapText(n.verdictText, inner / VERDICT_LINE.charWidth - 2, 2),
          // The text starts 4 units right of the padding (the accent bar).
          factLines: n.facts.flatMap((f) => factLines(f, (inner - 4) / FACT_LINE.charWidth)),
        },
      ];
    }),
  );
}

/** The boxes of each column, in view order. */
export function boxesByColumn(view: DiagramView): Map<DiagramColumn, DiagramNode[]> {
  const byColumn = new Map<DiagramColumn, DiagramNode[]>();
  for (const c of view.columns) byColumn.set(c.column, []);
  for (const n of view.nodes) byColumn.get(n.column)?.push(n);
  return byColumn;
}

/** Box heights: enough for the text and for the edges stacked at the box. */
export function boxHeights(
  view: DiagramView,
  text: Map<string, BoxText>,
  edgeWidth: Map<string, number>,
  byColumn: Map<DiagramColumn, DiagramNode[]>,
): Map<string, number> {
  const stackIn = new Map<string, number>();
  const stackOut = new Map<string, number>();
  for (const e of view.edges as DiagramEdge[]) {
    const w = edgeWidth.get(e.id)!;
    stackOut.set(e.source, (stackOut.get(e.source) ?? 0) + w);
    stackIn.set(e.target, (stackIn.get(e.target) ?? 0) + w);
  }
  const boxHeight = (n: DiagramNode) => {
    const t = text.get(n.id)!;
    const textHeight =
      2 * BOX_PADDING_Y +
      t.labelLines.length * LABEL_LINE.height +
      t.sublabelLines.length * SUBLABEL_LINE.height +
      t.verdictLines.length * VERDICT_LINE.height +
      t.factLines.length * FACT_LINE.height;
    return Math.max(MIN_BOX_HEIGHT, textHeight, Math.max(stackIn.get(n.id) ?? 0, stackOut.get(n.id) ?? 0) + 8);
  };
  const heights = new Map(view.nodes.map((n) => [n.id, boxHeight(n)]));
  // Nodes and their kube-proxy boxes are built in lockstep: give each pair one row height.
  const nodeCol = byColumn.get('node') ?? [];
  const proxyCol = byColumn.get('proxy') ?? [];
  if (nodeCol.length === proxyCol.length) {
    nodeCol.forEach((n, i) => {
      const h = Math.max(heights.get(n.id)!, heights.get(proxyCol[i].id)!);
      heights.set(n.id, h);
      heights.set(proxyCol[i].id, h);
    });
  }
  return heights;
}
