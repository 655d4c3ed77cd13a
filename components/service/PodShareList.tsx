// The pod-share chart for narrow screens: the same bars as PodShareChart's SVG, one list item per bar with its
// label, share and source address on lines of their own. Scaled to a phone's width, the SVG's 760-unit layout
// drew its labels at about 5 px; here text keeps the page's size and only the bars scale.
import type { PodChart } from '@/lib/view/pod-chart';
import { ACCENT_FILL } from '../diagram/diagram-style';

/** A bar's length (or the even-share mark's place) as a percentage of the share axis. */
const percentOfAxis = (length: number, chart: PodChart) => Math.min(100, Math.max(0, (length / chart.barSpan) * 100));

/** The bars of one policy's pod-share chart as a list (shown below the `sm` breakpoint). */
export function PodShareList({ chart, label }: { chart: PodChart; label: string }) {
  const even = chart.even ? percentOfAxis(chart.even.x - chart.barX, chart) : null;
  return (
    <div className="sm:hidden" data-testid="pod-share-list">
      <ol aria-label={label} className="space-y-2">
        {chart.bars.map((b) => (
          <li key={b.key} data-testid="pod-share-item" data-pod={b.pod ?? undefined} className="space-y-0.5">
            <div className="flex items-baseline justify-between gap-2 text-xs">
              <span className="min-w-0 truncate text-slate-800 dark:text-slate-200" title={b.label}>
                {b.label}
              </span>
              <span className="shrink-0 tabular-nums text-slate-700 dark:text-slate-300">{b.shareText}</span>
            </div>
            <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="block h-1.5 w-full" aria-hidden="true">
              <rect width={100} height={6} className="fill-slate-100 dark:fill-slate-800" />
              <rect
                width={b.share > 0 ? Math.max(percentOfAxis(b.width, chart), 0.5) : 0}
                height={6}
                className={ACCENT_FILL[b.clientIP]}
              />
              {even !== null ? (
                <rect
                  x={Math.max(0, even - 0.3)}
                  width={0.6}
                  height={6}
                  className="fill-slate-600 dark:fill-slate-300"
                />
              ) : null}
            </svg>
            {b.seen ? (
              <p className="break-words text-[11px] text-slate-600 dark:text-slate-400">sees {b.seen}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {chart.even ? (
        <p className="mt-2 text-[11px] text-slate-600 dark:text-slate-400">
          The dark mark on each bar is an even spread: {Math.round(chart.even.share * 1000) / 10}% per pod.
        </p>
      ) : null}
    </div>
  );
}
