// The tooltip of the hovered or focused hop: what it is and the addresses on the wire there.
import type { DiagramFact, HopAddresses } from '@/lib/view/diagram-types';

/** Where to show the tooltip, relative to the diagram's container. */
export interface TooltipAnchor {
  id: string;
  title: string;
  hop: HopAddresses;
  /** The box's facts, whole (the box draws them cut to its width). */
  facts?: DiagramFact[];
  x: number;
  y: number;
}

/** Tooltip box (plain text content; nothing rendered as HTML). */
export function HopTooltip({ anchor, tooltipId }: { anchor: TooltipAnchor | null; tooltipId: string }) {
  if (!anchor) return null;
  return (
    <div
      id={tooltipId}
      role="tooltip"
      data-testid="hop-tooltip"
      data-hop={anchor.id}
      className="pointer-events-none absolute z-10 w-max max-w-80 -translate-x-1/2 -translate-y-full rounded border border-slate-300 bg-white px-3 py-2 text-xs shadow-lg dark:border-slate-600 dark:bg-slate-900"
      style={{ left: anchor.x, top: Math.max(0, anchor.y - 6) }}
    >
      <p className="font-semibold text-slate-900 dark:text-slate-100">{anchor.title}</p>
      {anchor.hop.src !== null || anchor.hop.dst !== null || !anchor.facts?.length ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 font-mono text-[11px]">
          <dt className="text-slate-500 dark:text-slate-400">src</dt>
          <dd data-testid="hop-tooltip-src" className="break-all">
            {anchor.hop.src ?? '—'}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">dst</dt>
          <dd data-testid="hop-tooltip-dst" className="break-all">
            {anchor.hop.dst ?? '—'}
          </dd>
        </dl>
      ) : null}
      {anchor.facts?.length ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-[11px]" data-testid="hop-tooltip-facts">
          {anchor.facts.map((f, i) => (
            <div key={`${f.label}-${i}`} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{f.label}</dt>
              <dd className={`break-all ${f.header ? 'font-mono' : ''}`} data-testid="hop-tooltip-fact">
                {f.value}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="mt-1 text-slate-700 dark:text-slate-300">{anchor.hop.note}</p>
    </div>
  );
}
