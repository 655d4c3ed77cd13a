// Cluster at a glance, in one line: how many nodes, Services, pods and NetworkPolicies (the findings
// are counted on the problems section's severity badges).
import type { OverviewSummary } from '@/lib/view/overview';

function Count({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dd
        data-testid={testId}
        className="font-semibold tabular-nums"
        title={value === null ? 'could not be read (see the warnings)' : undefined}
      >
        {value === null ? 'unknown' : value.toLocaleString('en-US')}
      </dd>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
    </div>
  );
}

/** Counts of nodes, Services, pods and NetworkPolicies. */
export function SummaryCards({ summary }: { summary: OverviewSummary }) {
  return (
    <dl data-testid="summary" className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      <Count label="nodes" value={summary.nodes} testId="summary-nodes" />
      <Count label="Services" value={summary.services} testId="summary-services" />
      <Count label="pods" value={summary.pods} testId="summary-pods" />
      <Count label="NetworkPolicies" value={summary.networkPolicies} testId="summary-networkpolicies" />
    </dl>
  );
}
