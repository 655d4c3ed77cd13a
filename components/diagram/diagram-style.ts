// Tailwind classes for the diagram's boxes and edges. Colour is never the only signal: every state
// also has words (labels, legend, accessible names) and edge kinds have their own dash patterns.
// Class names are written out in full so Tailwind's scanner finds them.
import type { ClientIPState, DiagramEdgeKind, DiagramNodeKind, DiagramVerdict } from '@/lib/view/diagram-types';

/** Stroke colour of an edge by what happens to the client IP on it. */
export const EDGE_STROKE: Record<ClientIPState, string> = {
  preserved: 'stroke-emerald-500 dark:stroke-emerald-400',
  snat: 'stroke-amber-500 dark:stroke-amber-400',
  partial: 'stroke-violet-500 dark:stroke-violet-400',
  unknown: 'stroke-slate-400 dark:stroke-slate-500',
  none: 'stroke-slate-400 dark:stroke-slate-500',
};

/** Stroke overrides for edges that do not carry delivered traffic. */
export const EDGE_KIND_STROKE: Partial<Record<DiagramEdgeKind, string>> = {
  blocked: 'stroke-red-600 dark:stroke-red-400',
  dropped: 'stroke-red-500 dark:stroke-red-400',
  rejected: 'stroke-red-700 dark:stroke-red-300',
  excluded: 'stroke-slate-400 dark:stroke-slate-500',
  idle: 'stroke-slate-300 dark:stroke-slate-600',
};

/** Dash pattern per edge kind (solid for traffic). */
export const EDGE_DASH: Record<DiagramEdgeKind, string | undefined> = {
  traffic: undefined,
  blocked: '10 3',
  dropped: '6 4',
  rejected: '2 3',
  excluded: '4 4',
  idle: '2 4',
  relayed: '16 6',
};

/** Box fill and border by kind. */
export const BOX_STYLE: Record<DiagramNodeKind, string> = {
  client: 'fill-white stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500',
  clientGroup: 'fill-white stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500',
  clusterIP: 'fill-sky-50 stroke-sky-500 dark:fill-sky-950 dark:stroke-sky-400',
  loadBalancer: 'fill-sky-50 stroke-sky-500 dark:fill-sky-950 dark:stroke-sky-400',
  node: 'fill-white stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500',
  nodeGroup: 'fill-slate-100 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500',
  dnat: 'fill-slate-50 stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500',
  drop: 'fill-red-50 stroke-red-500 dark:fill-red-950 dark:stroke-red-400',
  reject: 'fill-red-50 stroke-red-700 dark:fill-red-950 dark:stroke-red-300',
  notHandled: 'fill-amber-50 stroke-amber-600 dark:fill-amber-950 dark:stroke-amber-400',
  pod: 'fill-white stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500',
  podGroup: 'fill-slate-100 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500',
  l7Proxy: 'fill-indigo-50 stroke-indigo-500 dark:fill-indigo-950 dark:stroke-indigo-400',
  sidecar: 'fill-indigo-50 stroke-indigo-400 dark:fill-indigo-950 dark:stroke-indigo-500',
  app: 'fill-white stroke-slate-600 dark:fill-slate-900 dark:stroke-slate-300',
};

/** The glyph before a front-door box's label (the HTML cards use the same glyphs). */
export const KIND_GLYPH: Partial<Record<DiagramNodeKind, string>> = {
  loadBalancer: '⇶',
  l7Proxy: '⇄',
  sidecar: '◫',
  app: '▣',
};

/** Left accent bar of a box: what the client IP looks like there. */
export const ACCENT_FILL: Record<ClientIPState, string> = {
  preserved: 'fill-emerald-500 dark:fill-emerald-400',
  snat: 'fill-amber-500 dark:fill-amber-400',
  partial: 'fill-violet-500 dark:fill-violet-400',
  unknown: 'fill-slate-400 dark:fill-slate-500',
  none: 'fill-slate-300 dark:fill-slate-600',
};

/** Legend entries (colour + words). */
export const LEGEND: { state: ClientIPState; text: string }[] = [
  { state: 'preserved', text: 'client IP preserved' },
  { state: 'snat', text: 'client IP lost (SNAT)' },
  { state: 'partial', text: 'some flows keep it' },
  { state: 'unknown', text: 'not certain' },
];

/** Verdict badge: icon disc fill and text colour per NetworkPolicy verdict (words and glyph come with it). */
export const VERDICT_STYLE: Record<DiagramVerdict, { disc: string; text: string }> = {
  allowed: { disc: 'fill-emerald-600 dark:fill-emerald-500', text: 'fill-emerald-800 dark:fill-emerald-300' },
  denied: { disc: 'fill-red-600 dark:fill-red-500', text: 'fill-red-800 dark:fill-red-300' },
  unknown: { disc: 'fill-slate-500 dark:fill-slate-400', text: 'fill-slate-700 dark:fill-slate-300' },
  mixed: { disc: 'fill-amber-600 dark:fill-amber-500', text: 'fill-amber-800 dark:fill-amber-300' },
};

/** One legend entry as the export draws it (plain sRGB colours of the light theme). */
export interface LegendSwatch {
  /** `glyph`: the entry's mark is the characters in `glyph`. */
  shape: 'bar' | 'line' | 'glyph';
  glyph?: string;
  colour: string;
  dash?: string;
  text: string;
}

/** The legend of an exported diagram: client-IP colours, NetworkPolicy verdicts, edge kinds. */
export const LEGEND_SWATCHES: LegendSwatch[] = [
  { shape: 'bar', colour: 'rgb(16, 185, 129)', text: 'client IP preserved' },
  { shape: 'bar', colour: 'rgb(245, 158, 11)', text: 'client IP lost (SNAT)' },
  { shape: 'bar', colour: 'rgb(139, 92, 246)', text: 'some flows keep it' },
  { shape: 'bar', colour: 'rgb(148, 163, 184)', text: 'not certain' },
  { shape: 'bar', colour: 'rgb(5, 150, 105)', text: '✓ NetworkPolicy allows' },
  { shape: 'line', colour: 'rgb(220, 38, 38)', dash: '10 3', text: '✕ blocked by NetworkPolicy' },
  { shape: 'line', colour: 'rgb(239, 68, 68)', dash: '6 4', text: 'dropped' },
  { shape: 'line', colour: 'rgb(185, 28, 28)', dash: '2 3', text: 'rejected' },
  { shape: 'line', colour: 'rgb(148, 163, 184)', dash: '4 4', text: 'no traffic' },
  { shape: 'line', colour: 'rgb(71, 85, 105)', dash: '8 3', text: 'new connection (proxy / sidecar)' },
  { shape: 'glyph', colour: 'rgb(15, 23, 42)', glyph: '⇶ ⇄ ◫ ▣', text: 'load balancer, proxy, sidecar, app' },
];

/** The accent bar of a step in the phone's list of steps (components/diagram/PathSteps.tsx), as a left border. */
export const ACCENT_BORDER: Record<ClientIPState, string> = {
  preserved: 'border-l-emerald-500 dark:border-l-emerald-400',
  snat: 'border-l-amber-500 dark:border-l-amber-400',
  partial: 'border-l-violet-500 dark:border-l-violet-400',
  unknown: 'border-l-slate-400 dark:border-l-slate-500',
  none: 'border-l-slate-300 dark:border-l-slate-600',
};

/** Verdict words in HTML text (the SVG's VERDICT_STYLE fills, as text colours). */
export const VERDICT_TEXT: Record<DiagramVerdict, string> = {
  allowed: 'text-emerald-800 dark:text-emerald-300',
  denied: 'text-red-800 dark:text-red-300',
  unknown: 'text-slate-700 dark:text-slate-300',
  mixed: 'text-amber-800 dark:text-amber-300',
};
