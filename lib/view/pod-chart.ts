// Layout of the per-pod traffic-share bar chart: one horizontal bar per pod (d3 scaleBand for rows,
// scaleLinear for length), with the source address each pod sees. Pure; React draws it.
import { scaleBand, scaleLinear } from 'd3';
import type { PodShare, PolicyPaths } from '../engine/types';
import type { ClientIPState, DiagramView } from './diagram-types';
import { formatShare, seenSourceText, shortName, podCount } from './format';

/** Bars drawn at most; the rest are summed into one "N more pods" bar. */
export const MAX_BARS = 40;

/** One bar. */
export interface PodBar {
  key: string;
  pod: string | null;
  label: string;
  ip: string | null;
  node: string | null;
  share: number;
  shareText: string;
  /** Source address(es) the pod sees. */
  seen: string;
  clientIP: ClientIPState;
  y: number;
  width: number;
}

/** A laid-out bar chart. */
export interface PodChart {
  width: number;
  height: number;
  /** x where bars start (after the pod-name gutter). */
  barX: number;
  /** Length of the share axis: a bar of this width reaches its last tick (the narrow list draws bars as fractions of it). */
  barSpan: number;
  barHeight: number;
  bars: PodBar[];
  ticks: { x: number; label: string }[];
  /** The share an even spread would give each pod (a reference line), or null with < 2 pods. */
  even: { x: number; share: number } | null;
}

const LABEL_GUTTER = 230;
const VALUE_GUTTER = 260;
const ROW = 26;

function stateOf(p: PodShare): ClientIPState {
  if (p.share <= 0) return 'none';
  return p.clientIPPreserved === 'yes' ? 'preserved' : p.clientIPPreserved === 'no' ? 'snat' : 'partial';
}

/** Bar rows before layout. */
type BarRow = Omit<PodBar, 'y' | 'width'>;

/** Lays out the share bars of one policy's pods, largest share first. */
export function layoutPodChart(paths: PolicyPaths, width = 760): PodChart {
  const sorted = [...paths.pods].sort((a, b) => b.share - a.share || (a.pod ?? a.ip).localeCompare(b.pod ?? b.ip));
  const shown = sorted.length > MAX_BARS ? sorted.slice(0, MAX_BARS - 1) : sorted;
  const rest = sorted.slice(shown.length);
  const rows: BarRow[] = shown.map((p) => ({
    // Pods of a Service share its namespace: the name alone says which.
    key: p.count > 1 ? `pods:${p.samplePods[0]}` : (p.pod ?? p.ip),
    pod: p.pod,
    label: p.count > 1 ? `${p.count} pods (${shortName(p.samplePods[0])}, …)` : p.pod ? shortName(p.pod) : p.ip,
    ip: p.count > 1 ? null : p.ip,
    node: p.node,
    // An aggregate row's bar is one pod's share ("each").
    share: p.share,
    shareText: p.count > 1 ? `${formatShare(p.share)} each` : formatShare(p.share),
    seen: seenSourceText(p.sourceIPs, paths.clientIP),
    clientIP: stateOf(p),
  }));
  if (rest.length > 0) {
    const share = rest.reduce((n, p) => n + p.share * p.count, 0);
    rows.push({
      key: 'rest',
      pod: null,
      label: `${podCount(rest)} more pods`,
      ip: null,
      node: null,
      share,
      shareText: formatShare(share),
      seen: '',
      clientIP: share > 0 ? 'partial' : 'none',
    });
  }
  // An aggregate row (count > 1) stands for `count` pods, each with `share`.
  const n = paths.pods.reduce((c, p) => c + (p.ready || p.terminating ? p.count : 0), 0);
  const total = paths.pods.reduce((s, p) => s + p.share * p.count, 0);
  return layoutBars(rows, n, total, width);
}

/**
 * The share bars of an in-cluster diagram: each pod's share of the flows from client pods (each
 * client pod sending alike), from the diagram's pod boxes.
 */
export function layoutInClusterChart(view: DiagramView, width = 760): PodChart {
  const pods = view.nodes
    .filter((n) => n.column === 'pod')
    .sort((a, b) => b.share - a.share || a.label.localeCompare(b.label));
  const rows: BarRow[] = pods.slice(0, MAX_BARS).map((p) => ({
    key: p.pod ?? p.label,
    pod: p.pod,
    label: p.label,
    ip: p.hop.dst,
    node: p.nodeName,
    share: p.share,
    shareText: formatShare(p.share),
    seen: `client pod IPs · NetworkPolicy ${p.verdictText}`,
    clientIP: p.share > 0 ? 'preserved' : 'none',
  }));
  return layoutBars(
    rows,
    rows.length,
    rows.reduce((s, r) => s + r.share, 0),
    width,
  );
}

/** Lays out bar rows; `evenPods` pods would share `totalShare` evenly (the reference line). */
function layoutBars(rows: BarRow[], evenPods: number, totalShare: number, width: number): PodChart {
  const barX = LABEL_GUTTER;
  const maxShare = Math.max(0.01, ...rows.map((r) => r.share));
  const barSpan = Math.max(40, width - LABEL_GUTTER - VALUE_GUTTER);
  const x = scaleLinear().domain([0, maxShare]).range([0, barSpan]).nice();
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.key))
    .range([0, rows.length * ROW])
    .paddingInner(0.25);
  const bars = rows.map((r) => ({ ...r, y: y(r.key) ?? 0, width: Math.round(x(r.share) * 10) / 10 }));
  const ticks = x.ticks(4).map((t) => ({ x: barX + x(t), label: formatShare(t) }));
  const even =
    evenPods >= 2 && totalShare > 0 ? { share: totalShare / evenPods, x: barX + x(totalShare / evenPods) } : null;
  return { width, height: rows.length * ROW + 22, barX, barSpan, barHeight: y.bandwidth(), bars, ticks, even };
}
