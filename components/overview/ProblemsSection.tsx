'use client';
// What is wrong, first: the findings grouped by severity and rule, with severity badges that filter
// the Services table below. It narrows with the table's filters ("for the Services shown").
import type { Severity } from '@/lib/engine/types';
import type { ProblemGroup } from '@/lib/view/overview';
import type { OverviewState } from '@/lib/view/url-state';
import { ProblemGroupItem } from './ProblemGroupItem';
import type { StateChange } from './ServiceFilters';
import type { ServiceLinkTarget } from './ServiceLink';
import { SeverityFilterBadges } from './SeverityFilterBadges';

/** Props of the problems section. */
export interface ProblemsSectionProps {
  groups: ProblemGroup[];
  /** Findings across the groups. */
  matched: number;
  /** Findings per severity in the whole cluster (the badges). */
  counts: Record<Severity, number>;
  /** True when the table's filters narrow the findings. */
  filtered: boolean;
  state: OverviewState;
  onChange: StateChange;
  link: ServiceLinkTarget;
}

/** The problems section: heading, severity filter badges and the grouped findings. */
export function ProblemsSection({ groups, matched, counts, filtered, state, onChange, link }: ProblemsSectionProps) {
  return (
    <section data-testid="findings-list" aria-labelledby="findings-heading" className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 id="findings-heading" className="text-lg font-semibold">
          Problems{filtered ? ' for the Services shown' : ''}{' '}
          <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
            ({matched} finding{matched === 1 ? '' : 's'})
          </span>
        </h2>
        <SeverityFilterBadges counts={counts} state={state} onChange={onChange} />
      </div>
      {groups.length === 0 ? (
        <p data-testid="findings-empty" className="text-sm text-slate-600 dark:text-slate-400">
          {filtered
            ? 'No findings for the Services matching these filters.'
            : 'No findings: kubepath found nothing to flag in this cluster.'}
        </p>
      ) : (
        <ul className="space-y-1.5">
          {groups.map((g) => (
            <ProblemGroupItem key={g.key} group={g} state={state} onChange={onChange} link={link} />
          ))}
        </ul>
      )}
    </section>
  );
}
