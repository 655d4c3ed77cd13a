'use client';
// "4 error / 8 warning / 3 info" as toggle buttons: pressing one shows only the Services with a finding
// of that severity (the `severity` filter, so it lands in the URL); pressing it again shows them all.
import type { Severity } from '@/lib/engine/types';
import { SEVERITIES } from '@/lib/view/overview';
import type { OverviewState } from '@/lib/view/url-state';
import type { StateChange } from './ServiceFilters';

const STYLE: Record<Severity, string> = {
  error: 'bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  warning: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  info: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
};

/** Props of the severity filter badges. */
export interface SeverityFilterBadgesProps {
  /** Findings per severity in the whole cluster (not only the filtered Services). */
  counts: Record<Severity, number>;
  state: OverviewState;
  onChange: StateChange;
}

/** One toggle button per severity with its count; the pressed one filters the Services table. */
export function SeverityFilterBadges({ counts, state, onChange }: SeverityFilterBadgesProps) {
  return (
    <div role="group" aria-label="Show only Services with findings of a severity" className="flex flex-wrap gap-2">
      {SEVERITIES.map((s) => {
        const pressed = state.severity === s;
        return (
          <button
            key={s}
            type="button"
            aria-pressed={pressed}
            disabled={counts[s] === 0 && !pressed}
            data-testid={`severity-filter-${s}`}
            data-count={counts[s]}
            title={pressed ? 'Show every Service again' : `Show only the Services with ${s} findings`}
            onClick={() => onChange({ ...state, severity: pressed ? null : s, page: 1 }, 'push')}
            className={`inline-flex items-center gap-1 rounded px-2 py-1 text-sm font-medium ring-1 ring-inset enabled:cursor-pointer enabled:hover:ring-2 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${STYLE[s]} ${pressed ? 'ring-2 font-semibold underline underline-offset-4' : ''}`}
          >
            <span className="tabular-nums">{counts[s]}</span>
            <span>{s}</span>
            {pressed ? <span aria-hidden="true">✕</span> : null}
          </button>
        );
      })}
    </div>
  );
}
