// Legend of the diagram's colours, icons and dash patterns, in words.
import { VERDICT_ICON } from '@/lib/view/diagram/verdict';
import { ACCENT_FILL, LEGEND, VERDICT_STYLE } from './diagram-style';

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
      <li>edge width = share of traffic</li>
      <li className="text-slate-500 dark:text-slate-400">
        hover or Tab to a box for its addresses (→ ← step onto its edges, ↓ ↑ between them) · Enter selects · Ctrl/⌘ +
        scroll zooms, drag pans
      </li>
    </ul>
  );
}
