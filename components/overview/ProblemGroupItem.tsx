'use client';
// One rule's findings of one severity: the title and the Services it hits on one line (expand for
// each finding's numbers and fix), and a toggle that narrows the Services table to that rule.
import { useState } from 'react';
import { FIRST_FINDINGS, type ProblemGroup } from '@/lib/view/overview';
import type { OverviewState } from '@/lib/view/url-state';
import { SeverityBadge } from '../common/SeverityBadge';
import { FindingItem } from './FindingItem';
import type { StateChange } from './ServiceFilters';
import type { ServiceLinkTarget } from './ServiceLink';

/** Service names shown on the collapsed line; the rest are counted (all are listed when expanded). */
const NAMED_ON_LINE = 3;

/** Props of one problem group. */
export interface ProblemGroupItemProps {
  group: ProblemGroup;
  state: OverviewState;
  onChange: StateChange;
  link: ServiceLinkTarget;
}

function affected(group: ProblemGroup): string {
  const names = [...new Set(group.findings.map((f) => (f.service ? `${f.service.namespace}/${f.service.name}` : '')))]
    .filter((n) => n !== '')
    .slice(0, NAMED_ON_LINE);
  if (group.services === 0) return 'cluster-wide';
  const rest = group.services - names.length;
  return `${names.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** A group of findings; errors start expanded, the rest collapsed. */
export function ProblemGroupItem({ group, state, onChange, link }: ProblemGroupItemProps) {
  const filtering = state.rule === group.rule;
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? group.findings : group.findings.slice(0, FIRST_FINDINGS);
  const hidden = group.findings.length - shown.length;
  return (
    <li
      data-testid="problem-group"
      data-severity={group.severity}
      data-rule={group.rule}
      className="flex flex-col items-start gap-2 rounded border border-slate-200 px-3 py-2 sm:flex-row dark:border-slate-800"
    >
      <details open={group.severity === 'error'} className="group w-full min-w-0 flex-1">
        <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-2 gap-y-1 rounded focus-visible:outline-2 focus-visible:outline-sky-500 [&::-webkit-details-marker]:hidden">
          <span
            aria-hidden="true"
            className="inline-block w-3 text-slate-500 transition-transform group-open:rotate-90"
          >
            ▸
          </span>
          <SeverityBadge severity={group.severity} count={group.total > 1 ? group.total : undefined} />
          <h3 data-testid="problem-title" className="font-medium">
            {group.title}
          </h3>
          <span data-testid="problem-services" className="text-sm text-slate-600 dark:text-slate-400">
            — {affected(group)}
          </span>
        </summary>
        <ul className="mt-2 space-y-2 pl-5">
          {shown.map((f) => (
            <FindingItem key={f.id} finding={f} link={link} />
          ))}
        </ul>
        {hidden > 0 ? (
          <button
            type="button"
            data-testid="problem-show-more"
            onClick={() => setShowAll(true)}
            className="mt-1 ml-5 rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Show {hidden} more finding{hidden === 1 ? '' : 's'} of this rule
          </button>
        ) : group.total > group.findings.length ? (
          <p data-testid="problem-truncated" className="mt-1 pl-5 text-sm text-slate-600 dark:text-slate-400">
            Showing {group.findings.length} of {group.total}; show them in the table to see every Service.
          </p>
        ) : null}
      </details>
      {group.services > 0 ? (
        <button
          type="button"
          aria-pressed={filtering}
          data-testid="problem-filter"
          onClick={() => onChange({ ...state, rule: filtering ? null : group.rule, page: 1 }, 'push')}
          className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-xs whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 aria-pressed:bg-sky-100 aria-pressed:font-semibold dark:border-slate-600 dark:hover:bg-slate-800 dark:aria-pressed:bg-sky-950"
        >
          {filtering
            ? 'Show all Services'
            : `Show ${group.services === 1 ? 'it' : `these ${group.services}`} in the table`}
        </button>
      ) : null}
    </li>
  );
}
