'use client';
// The overview's body, shared by the server-backed page (state in the URL) and the local-file
// page (state in React). Problems first: counts, then the findings grouped by severity and rule (their
// badges filter the table), then the Services table (worst first), then the dataplane it all assumes.
import { hasOverviewFilters, type OverviewData } from '@/lib/view/overview';
import type { OverviewState } from '@/lib/view/url-state';
import { NoticeList } from '../common/NoticeList';
import { DataplaneSummary } from './DataplaneSummary';
import { Pagination } from './Pagination';
import { ProblemsSection } from './ProblemsSection';
import { ServiceFilters, type StateChange } from './ServiceFilters';
import type { ServiceLinkTarget } from './ServiceLink';
import { ServiceTable } from './ServiceTable';
import { SummaryCards } from './SummaryCards';

/** Props of the overview body. */
export interface OverviewScreenProps {
  data: OverviewData;
  state: OverviewState;
  /** Notices from decoding the state (garbled URL values). */
  stateNotices: string[];
  onChange: StateChange;
  link: ServiceLinkTarget;
  /** True while a state change is being applied (dims the table). */
  pending?: boolean;
}

/** Overview body: everything below the header. */
export function OverviewScreen({ data, state, stateNotices, onChange, link, pending = false }: OverviewScreenProps) {
  const filtered = hasOverviewFilters(state);
  return (
    <div className="space-y-6">
      <NoticeList
        title="Some of the page address was not understood"
        items={[...stateNotices, ...data.notices]}
        tone="warning"
        testId="url-notices"
      />
      <SummaryCards summary={data.summary} />
      <ProblemsSection
        groups={data.problems}
        matched={data.matchedFindings}
        counts={data.summary.findings}
        filtered={filtered}
        state={state}
        onChange={onChange}
        link={link}
      />
      <section aria-labelledby="services-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="services-heading" className="text-lg font-semibold">
            Services
          </h2>
          <p data-testid="services-count" className="text-sm text-slate-600 dark:text-slate-400">
            {filtered
              ? `${data.matchedServices} of ${data.totalServices} Services match`
              : `${data.totalServices} Services`}
          </p>
        </div>
        <ServiceFilters state={state} namespaces={data.namespaces} onChange={onChange} />
        <div aria-busy={pending} className={pending ? 'opacity-60 transition-opacity' : ''}>
          <ServiceTable
            rows={data.rows}
            state={state}
            onChange={onChange}
            link={link}
            totalServices={data.totalServices}
          />
        </div>
        <Pagination
          state={state}
          page={data.page}
          pageCount={data.pageCount}
          pageSize={data.pageSize}
          matched={data.matchedServices}
          onChange={onChange}
        />
      </section>
      <DataplaneSummary dataplane={data.dataplane} />
      <NoticeList title="Object warnings" items={data.modelWarnings} tone="info" testId="model-warnings" />
    </div>
  );
}
