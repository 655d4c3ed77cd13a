// Legend of the diagram's colours, icons and dash patterns, in words.
import { VERDICT_ICON } from '@/lib/view/diagram/verdict';
import { ACCENT_FILL, KIND_GLYPH, LEGEND, VERDICT_STYLE } from './diagram-style';

/** The front-door marks: what each box after the pods (and the load balancer's) stands for. */
const DOOR_MARKS = [
  { glyph: KIND_GLYPH.loadBalancer, text: 'load balancer by kind: layer, PROXY protocol, keeps the client IP?' },
  { glyph: KIND_GLYPH.l7Proxy, text: 'proxy in the pods: route, and the headers it writes (monospace)' },
  { glyph: KIND_GLYPH.sidecar, text: 'sidecar: Istio REDIRECT shows the app 127.0.0.6' },
  { glyph: KIND_GLYPH.app, text: 'client IP at the app, and how it gets there' },
] as const;

const VERDICTS = [
  { v: 'allowed', text: 'NetworkPolicy allows' },
  { v: 'denied', text: 'NetworkPolicy denies (edge drawn blocked)' },
  { v: 'unknown', text: 'verdict unknown' },
  { v: 'mixed', text: 'differs per client or node' },
] as const;

/** Colour and line-style key for the packet-path diagrams. */
export function DiagramLegend() {
  return (
    <ul
      data-testid="diagram-legend"
      aria-label="Diagram legend"
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300"
    >
      {LEGEND.map((l) => (
        <li key={l.state} className="inline-flex items-center gap-1.5">
          <svg width="22" height="8" aria-hidden="true">
            <rect width="22" height="8" rx="2" className={ACCENT_FILL[l.state]} />
          </svg>
          {l.text}
        </li>
      ))}
      {VERDICTS.map(({ v, text }) => (
        <li key={v} className="inline-flex items-center gap-1.5" data-testid="legend-verdict">
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r="7" className={VERDICT_STYLE[v].disc} />
            <text x="8" y="12" textAnchor="middle" className="fill-white text-[11px] font-bold">
              {VERDICT_ICON[v]}
            </text>
          </svg>
          {text}
        </li>
      ))}
      <li className="inline-flex items-center gap-1.5">
        <svg width="22" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="22" y2="4" strokeWidth="2" strokeDasharray="6 4" className="stroke-red-500" />
        </svg>
        dropped
      </li>
      <li className="inline-flex items-center gap-1.5">
        <svg width="22" height="8" aria-hidden="true">
          <line
            x1="0"
            y1="4"
            x2="22"
            y2="4"
            strokeWidth="2"
            strokeDasharray="2 3"
            className="stroke-red-700 dark:stroke-red-300"
          />
        </svg>
        rejected
      </li>
      <li className="inline-flex items-center gap-1.5">
        <svg width="22" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="22" y2="4" strokeWidth="2" strokeDasharray="4 4" className="stroke-slate-400" />
        </svg>
        no traffic (excluded / idle)
      </li>
      <li className="inline-flex items-center gap-1.5" data-testid="legend-relayed">
        <svg width="22" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="22" y2="4" strokeWidth="2" strokeDasharray="8 3" className="stroke-slate-600" />
        </svg>
        new connection from a proxy or sidecar (the client travels in a header)
      </li>
      {DOOR_MARKS.map((m) => (
        <li key={m.glyph} className="inline-flex items-center gap-1.5" data-testid="legend-door">
          <span aria-hidden="true" className="font-semibold">
            {m.glyph}
          </span>
          {m.text}
        </li>
      ))}
      <li>edge width = share of traffic</li>
      {/* A phone shows the path as steps, each with its addresses, and has no hover or keyboard. */}
      <li className="text-slate-500 sm:hidden dark:text-slate-400">tap a step for its details</li>
      <li className="text-slate-500 max-sm:hidden dark:text-slate-400">
        hover or Tab to a box for its addresses (→ ← step onto its edges, ↓ ↑ between them) · Enter selects · Ctrl/⌘ +
        scroll zooms, drag pans
      </li>
    </ul>
  );
}
