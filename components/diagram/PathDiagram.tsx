'use client';
// The packet-path diagram: React renders the SVG from a laid-out view (lib/view/layout.ts); d3 only
// computed the geometry and handles zoom gestures. Every box and edge is a hop: focusable, with an
// accessible name, a <title>, a tooltip with its addresses on hover and focus, and click-to-select.
import { useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type {
  DiagramColumn,
  DiagramFact,
  DiagramLayout,
  HopAddresses,
  PositionedEdge,
  PositionedNode,
} from '@/lib/view/diagram-types';
import { FACT_LINE, LABEL_LINE, SUBLABEL_LINE, VERDICT_LINE } from '@/lib/view/layout';
import { walkTarget, type WalkKey } from '@/lib/view/diagram/keyboard';
import type { DiagramReveal } from '@/lib/view/diagram/reveal';
import { VERDICT_ICON } from '@/lib/view/diagram/verdict';
import {
  ACCENT_FILL,
  BOX_STYLE,
  EDGE_DASH,
  EDGE_KIND_STROKE,
  EDGE_STROKE,
  KIND_GLYPH,
  VERDICT_STYLE,
} from './diagram-style';
import { HopTooltip, type TooltipAnchor } from './HopTooltip';
import { transformAttr, useDiagramZoom } from './useDiagramZoom';

/** The traced node's name and the id of the row that holds it. */
export interface TracedNode {
  rowId: string;
  name: string;
}

/** Props of PathDiagram. */
export interface PathDiagramProps {
  layout: DiagramLayout;
  /** Accessible name of the whole diagram, e.g. "Local policy (actual)". */
  title: string;
  /** One-line description (the policy's summary). */
  description: string;
  /** The hop selected through the URL, if it is in this diagram. */
  selectedHop: string | null;
  /** Ids lit by a traced packet; null = no trace shown. */
  highlight: string[] | null;
  /** The node a traced packet arrived at and its row, named on the diagram; null = no trace. */
  traced?: TracedNode | null;
  /** Called with a hop id on click/Enter, or null (Escape / click again) to clear. */
  onSelectHop: (id: string | null) => void;
  /** Draws only the layout's first boxes and edges (a diagram drawn a step at a time); all when absent. */
  reveal?: DiagramReveal;
}

const TEST_ID: Record<DiagramColumn, string> = {
  client: 'diagram-client',
  clients: 'diagram-client',
  loadBalancer: 'diagram-lb',
  clusterIP: 'diagram-cluster-ip',
  node: 'diagram-node',
  proxy: 'diagram-proxy',
  pod: 'diagram-pod',
  l7Proxy: 'diagram-l7-proxy',
  sidecar: 'diagram-sidecar',
  app: 'diagram-app',
};

const WALK_KEYS = new Set(['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp']);

/** One hop's interaction props, shared by boxes and edges. */
function hopHandlers(
  setAnchor: (a: TooltipAnchor | null) => void,
  onSelect: (id: string | null) => void,
  selectedHop: string | null,
  walk: (from: SVGGElement, id: string, key: WalkKey) => boolean,
) {
  return (id: string, title: string, hop: HopAddresses, facts: DiagramFact[] = []) => {
    const show = (e: MouseEvent<SVGGElement> | FocusEvent<SVGGElement>) => {
      // The tooltip is positioned relative to the diagram's <figure>.
      const fig = e.currentTarget.closest('figure')?.getBoundingClientRect();
      const r = e.currentTarget.getBoundingClientRect();
      if (!fig) return;
      // Keep the tooltip (up to 320px wide, centred on x) inside the diagram's box.
      const x = Math.min(Math.max(r.left + r.width / 2 - fig.left, 160), Math.max(160, fig.width - 160));
      setAnchor({ id, title, hop, facts, x, y: r.top - fig.top });
    };
    const hide = () => setAnchor(null);
    return {
      onMouseEnter: show,
      onFocus: show,
      onMouseLeave: hide,
      onBlur: hide,
      onClick: () => onSelect(selectedHop === id ? null : id),
      onKeyDown: (e: KeyboardEvent<SVGGElement>) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(selectedHop === id ? null : id);
        } else if (e.key === 'Escape') {
          onSelect(null);
          setAnchor(null);
        } else if (WALK_KEYS.has(e.key) && walk(e.currentTarget, id, e.key as WalkKey)) {
          e.preventDefault();
        }
      },
    };
  };
}

/** Renders one packet-path diagram. */
export function PathDiagram({
  layout,
  title,
  description,
  selectedHop,
  highlight,
  traced = null,
  onSelectHop,
  reveal,
}: PathDiagramProps) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  const [anchor, setAnchor] = useState<TooltipAnchor | null>(null);
  const { transform, reset, zoomed } = useDiagramZoom(svgRef);
  const uid = useId();
  const tooltipId = `${uid}-tooltip`;
  const lit = useMemo(() => (highlight ? new Set(highlight) : null), [highlight]);
  const walk = (from: SVGGElement, id: string, key: WalkKey) => {
    const target = walkTarget(layout, id, key);
    const el = target ? from.closest('svg')?.querySelector<SVGGElement>(`[data-hop="${CSS.escape(target)}"]`) : null;
    el?.focus();
    return el != null;
  };
  const handlers = hopHandlers(setAnchor, onSelectHop, selectedHop, walk);
  const dim = (id: string) => (lit && !lit.has(id) ? 0.15 : 1);
  const tracedRow = traced ? layout.nodes.find((n) => n.id === traced.rowId) : undefined;
  const nodes = reveal ? layout.nodes.slice(0, reveal.nodes) : layout.nodes;
  const edges = reveal ? layout.edges.slice(0, reveal.edges) : layout.edges;

  return (
    <figure className="relative" data-testid="path-diagram" data-policy={layout.policy}>
      <div className="absolute right-1 top-1 z-[5] flex gap-1 text-xs">
        {zoomed ? (
          <button
            type="button"
            onClick={reset}
            data-testid="diagram-reset-zoom"
            className="rounded border border-slate-300 bg-white/90 px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-900/90"
          >
            Reset zoom
          </button>
        ) : null}
      </div>
      {/* Never drawn smaller than its own size (text stays ≥ 11 px): narrower screens scroll sideways. */}
      <div className="overflow-x-auto" data-testid="diagram-scroller">
        <svg
          ref={svgRef}
          data-testid="path-diagram-svg"
          data-policy={layout.policy}
          xmlns="http://www.w3.org/2000/svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width="100%"
          style={{ minWidth: layout.width }}
          role="group"
          aria-roledescription="packet-path diagram"
          aria-label={`${title}: ${description}`}
          className="block h-auto select-none font-sans"
        >
          <title>{title}</title>
          <desc>{description}</desc>
          <rect width={layout.width} height={layout.height} className="fill-white dark:fill-slate-950" />
          <g data-zoom-layer="" transform={transformAttr(transform)}>
            {layout.columns.map((c) => (
              <g key={c.column}>
                <text
                  data-testid="diagram-column"
                  data-column={c.column}
                  x={c.x + c.width / 2}
                  y={18}
                  textAnchor="middle"
                  className="fill-slate-500 text-[12px] font-semibold tracking-wide dark:fill-slate-400"
                >
                  {c.title.toUpperCase()}
                </text>
                {KIND_GLYPH[c.column as keyof typeof KIND_GLYPH] ? (
                  // The legend's mark for this column, left of its (centred) title: ~8.4 units per uppercase glyph (12 px semibold, tracking-wide).
                  <text
                    aria-hidden="true"
                    x={c.x + c.width / 2 - (c.title.length * 8.4) / 2 - 5}
                    y={18}
                    textAnchor="end"
                    className="fill-slate-500 text-[12px] font-semibold dark:fill-slate-400"
                  >
                    {KIND_GLYPH[c.column as keyof typeof KIND_GLYPH]}
                  </text>
                ) : null}
              </g>
            ))}
            <g data-layer="edges">
              {edges.map((e) => (
                <EdgePath
                  key={e.id}
                  edge={e}
                  selected={selectedHop === e.id}
                  lit={lit?.has(e.id) ?? false}
                  opacity={dim(e.id)}
                  tooltipId={anchor?.id === e.id ? tooltipId : undefined}
                  {...handlers(e.id, e.ariaLabel, e.hop)}
                />
              ))}
            </g>
            <g data-layer="edge-labels" aria-hidden="true">
              {edges
                .filter((e) => e.label)
                .map((e) => (
                  <text
                    key={e.id}
                    x={e.labelX}
                    y={e.labelY - 4}
                    textAnchor="middle"
                    opacity={dim(e.id)}
                    className="pointer-events-none fill-red-700 stroke-white text-[11px] font-medium dark:fill-red-300 dark:stroke-slate-950"
                    style={{ paintOrder: 'stroke' }}
                    strokeWidth={3}
                  >
                    {e.label}
                  </text>
                ))}
            </g>
            <g data-layer="nodes">
              {nodes.map((n) => (
                <NodeBox
                  key={n.id}
                  node={n}
                  selected={selectedHop === n.id}
                  lit={lit?.has(n.id) ?? false}
                  opacity={dim(n.id)}
                  tooltipId={anchor?.id === n.id ? tooltipId : undefined}
                  {...handlers(n.id, n.ariaLabel, n.hop, n.facts)}
                />
              ))}
            </g>
            {tracedRow && traced ? (
              <text
                data-testid="diagram-traced-node"
                x={tracedRow.x + 4}
                y={tracedRow.y - 4}
                className="pointer-events-none fill-sky-700 stroke-white text-[12px] font-semibold dark:fill-sky-300 dark:stroke-slate-950"
                style={{ paintOrder: 'stroke' }}
                strokeWidth={3}
              >
                ▶ traced at {traced.name}
              </text>
            ) : null}
          </g>
        </svg>
      </div>
      <HopTooltip anchor={anchor} tooltipId={tooltipId} />
    </figure>
  );
}

type HopEvents = ReturnType<ReturnType<typeof hopHandlers>>;

/** What makes a hop (edge or node box) a focusable, pressable, describable button, and its highlight state. */
function hopAttributes(o: {
  label: string;
  selected: boolean;
  lit: boolean;
  opacity: number;
  tooltipId?: string;
  /** Boxes are tab stops; edges are reached with the arrow keys from their boxes. */
  tabStop: boolean;
}) {
  return {
    'data-highlighted': o.lit ? 'true' : undefined,
    'data-selected': o.selected ? 'true' : undefined,
    role: 'button',
    tabIndex: o.tabStop ? 0 : -1,
    'aria-label': o.label,
    'aria-pressed': o.selected,
    'aria-describedby': o.tooltipId,
    opacity: o.opacity,
  } as const;
}

function EdgePath({
  edge: e,
  selected,
  lit,
  opacity,
  tooltipId,
  ...events
}: { edge: PositionedEdge; selected: boolean; lit: boolean; opacity: number; tooltipId?: string } & HopEvents) {
  const stroke = EDGE_KIND_STROKE[e.kind] ?? EDGE_STROKE[e.clientIP];
  return (
    <g
      data-testid="diagram-edge"
      data-hop={e.id}
      data-kind={e.kind}
      data-verdict={e.verdict ?? undefined}
      data-share={e.share}
      data-client-ip={e.clientIP}
      {...hopAttributes({ label: e.ariaLabel, selected, lit, opacity, tooltipId, tabStop: false })}
      className="cursor-pointer outline-none [&:focus-visible>path.focus]:stroke-sky-500"
      {...events}
    >
      <title>{e.ariaLabel}</title>
      <path className="focus" d={e.path} fill="none" stroke="transparent" strokeWidth={e.width + 6} />
      {selected || lit ? (
        <path d={e.path} fill="none" strokeWidth={e.width + 4} className="stroke-sky-500/60 dark:stroke-sky-400/60" />
      ) : null}
      <path
        d={e.path}
        fill="none"
        strokeWidth={e.width}
        strokeDasharray={EDGE_DASH[e.kind]}
        strokeOpacity={e.kind === 'traffic' ? 0.7 : 0.9}
        className={stroke}
      />
      {/* A wider invisible stroke makes thin edges easy to hover and click. */}
      <path d={e.path} fill="none" stroke="transparent" strokeWidth={Math.max(10, e.width)} />
    </g>
  );
}

function NodeBox({
  node: n,
  selected,
  lit,
  opacity,
  tooltipId,
  ...events
}: { node: PositionedNode; selected: boolean; lit: boolean; opacity: number; tooltipId?: string } & HopEvents) {
  const textX = n.x + 12;
  const labelY = (i: number) => n.y + 8 + LABEL_LINE.height - 4 + i * LABEL_LINE.height;
  const sublabelY = (i: number) => labelY(n.labelLines.length) - 2 + i * SUBLABEL_LINE.height;
  const factY = (i: number) => sublabelY(n.sublabelLines.length) + i * FACT_LINE.height;
  return (
    <g
      data-testid={TEST_ID[n.column]}
      data-hop={n.id}
      data-kind={n.kind}
      data-pod={n.pod ?? undefined}
      data-node={n.nodeName ?? undefined}
      data-count={n.count}
      data-share={n.share}
      data-client-ip={n.clientIP}
      data-alert={n.alert ? 'true' : undefined}
      data-verdict={n.verdict ?? undefined}
      {...hopAttributes({ label: n.ariaLabel, selected, lit, opacity, tooltipId, tabStop: true })}
      className="cursor-pointer outline-none [&:focus-visible>rect.box]:stroke-sky-500 [&:focus-visible>rect.box]:[stroke-width:3]"
      {...events}
    >
      <title>{n.ariaLabel}</title>
      {selected || lit ? (
        <rect
          x={n.x - 3}
          y={n.y - 3}
          width={n.width + 6}
          height={n.height + 6}
          rx={8}
          fill="none"
          strokeWidth={2.5}
          className="stroke-sky-500 dark:stroke-sky-400"
        />
      ) : null}
      {n.caption ? (
        <text
          x={n.x}
          y={n.y - 9}
          data-testid="diagram-caption"
          className="pointer-events-none fill-slate-500 text-[12px] font-semibold tracking-wide dark:fill-slate-400"
        >
          {KIND_GLYPH[n.kind] ? `${KIND_GLYPH[n.kind]} ` : ''}
          {n.caption.toUpperCase()}
        </text>
      ) : null}
      <rect
        className={`box ${BOX_STYLE[n.kind]}`}
        x={n.x}
        y={n.y}
        width={n.width}
        height={n.height}
        rx={6}
        strokeWidth={n.alert ? 1.5 : 1}
      />
      <rect x={n.x} y={n.y} width={5} height={n.height} rx={2} className={ACCENT_FILL[n.clientIP]} />
      <text className="pointer-events-none">
        {n.labelLines.map((line, i) => (
          <tspan
            key={`l${i}`}
            x={textX}
            y={labelY(i)}
            className={`text-[13px] font-semibold ${n.kind === 'drop' || n.kind === 'reject' ? 'fill-red-700 dark:fill-red-300' : 'fill-slate-900 dark:fill-slate-100'}`}
          >
            {line}
          </tspan>
        ))}
        {n.sublabelLines.map((line, i) => (
          <tspan
            key={`s${i}`}
            x={textX}
            y={sublabelY(i)}
            className="fill-slate-600 text-[11px] dark:fill-slate-300"
            data-testid="diagram-sublabel"
          >
            {line}
          </tspan>
        ))}
        {n.factLines.map((line, i) => (
          <tspan
            key={`f${i}`}
            x={line.indent ? textX + 12 : textX}
            y={factY(i)}
            data-testid="diagram-fact"
            data-label={line.label}
            data-header={line.header ? 'true' : undefined}
            data-indent={line.indent ? 'true' : undefined}
            className={`text-[11px] ${line.header ? 'fill-indigo-900 font-mono dark:fill-indigo-200' : 'fill-slate-800 dark:fill-slate-200'}`}
          >
            {line.text}
          </tspan>
        ))}
      </text>
      {n.verdict !== null && n.verdictLines.length > 0 ? (
        <VerdictBadge node={n} y={factY(n.factLines.length) - 2 + VERDICT_LINE.height / 2} />
      ) : null}
    </g>
  );
}

/**
 * The NetworkPolicy verdict of a pod or client box: an icon disc and the words inside the box, and
 * for a denial the same icon on the box's left border, where the blocked edges end.
 */
function VerdictBadge({ node: n, y }: { node: PositionedNode; y: number }) {
  const v = n.verdict!;
  const style = VERDICT_STYLE[v];
  const icon = (cx: number, cy: number) => (
    <g aria-hidden="true">
      <circle cx={cx} cy={cy} r={7} className={style.disc} />
      <text x={cx} y={cy + 4} textAnchor="middle" className="pointer-events-none fill-white text-[11px] font-bold">
        {VERDICT_ICON[v]}
      </text>
    </g>
  );
  return (
    <g data-testid="diagram-verdict" data-verdict={v}>
      {icon(n.x + 19, y - 4)}
      <text
        className={`pointer-events-none text-[12px] font-semibold ${style.text}`}
        data-testid="diagram-verdict-text"
      >
        {n.verdictLines.map((line, i) => (
          <tspan key={i} x={n.x + 31} y={y + i * VERDICT_LINE.height}>
            {line}
          </tspan>
        ))}
      </text>
      {v === 'denied' && n.column === 'pod' ? icon(n.x, n.y + n.height / 2) : null}
    </g>
  );
}
