// Per-pod traffic share as horizontal bars (layout from lib/view/pod-chart.ts), with the source
// address each pod sees. The SVG is a picture (role="img") whose bars also carry <title>s; below the `sm`
// breakpoint the same bars are a list (PodShareList), whose text does not shrink with the screen.
import type { TrafficPolicy } from '@/lib/engine/types';
import type { PodChart } from '@/lib/view/pod-chart';
import { middleEllipsis } from '@/lib/view/format';
import { ACCENT_FILL } from '../diagram/diagram-style';
import { PodShareList } from './PodShareList';

/** Bar chart of one policy's pod shares. */
export function PodShareChart({ chart, policy, actual }: { chart: PodChart; policy: TrafficPolicy; actual: boolean }) {
  const label = `Traffic share per pod under ${policy}${actual ? ' (actual policy)' : ' (what if)'}`;
  if (chart.bars.length === 0) {
    return (
      <div data-testid="pod-share-chart" data-policy={policy}>
        <h3 className="text-sm font-medium">{label}</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">No pod receives external traffic.</p>
      </div>
    );
  }
  const valueX = chart.barX + Math.max(...chart.bars.map((b) => b.width), 0) + 8;
  return (
    <div data-testid="pod-share-chart" data-policy={policy}>
      <h3 className="text-sm font-medium">{label}</h3>
      <svg
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        width="100%"
        role="img"
        aria-label={`${label}: ${chart.bars.map((b) => `${b.label} ${b.shareText}, sees ${b.seen || 'nothing'}`).join('; ')}`}
        className="hidden h-auto max-w-3xl font-sans sm:block"
      >
        {chart.ticks.map((t) => (
          <g key={t.label}>
            <line x1={t.x} x2={t.x} y1={0} y2={chart.height - 18} className="stroke-slate-200 dark:stroke-slate-700" />
            <text
              x={t.x}
              y={chart.height - 4}
              textAnchor="middle"
              className="fill-slate-500 text-[10px] dark:fill-slate-400"
            >
              {t.label}
            </text>
          </g>
        ))}
        {chart.even ? (
          <line
            x1={chart.even.x}
            x2={chart.even.x}
            y1={0}
            y2={chart.height - 18}
            strokeDasharray="3 3"
            className="stroke-slate-500 dark:stroke-slate-400"
          >
            <title>{`Even spread: ${Math.round(chart.even.share * 1000) / 10}% per pod`}</title>
          </line>
        ) : null}
        {chart.bars.map((b) => (
          <g
            key={b.key}
            data-testid="pod-share-bar"
            data-pod={b.pod ?? undefined}
            data-share={b.share}
            data-seen={b.seen}
          >
            <title>{`${b.label}${b.ip ? ` (${b.ip})` : ''}: ${b.shareText} of traffic${b.seen ? `, sees ${b.seen}` : ''}`}</title>
            <text
              x={chart.barX - 6}
              y={b.y + chart.barHeight / 2}
              dominantBaseline="middle"
              textAnchor="end"
              className="fill-slate-800 text-[11px] dark:fill-slate-200"
            >
              {middleEllipsis(b.label, 34)}
            </text>
            <rect
              x={chart.barX}
              y={b.y}
              width={Math.max(b.width, b.share > 0 ? 1 : 0)}
              height={chart.barHeight}
              rx={2}
              className={ACCENT_FILL[b.clientIP]}
            />
            <text
              x={valueX}
              y={b.y + chart.barHeight / 2}
              dominantBaseline="middle"
              className="fill-slate-700 text-[11px] dark:fill-slate-300"
            >
              {b.shareText}
              {b.seen ? ` · sees ${b.seen}` : ''}
            </text>
          </g>
        ))}
      </svg>
      <PodShareList chart={chart} label={label} />
    </div>
  );
}
