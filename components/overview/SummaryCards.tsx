// Cluster at a glance: how many nodes, Services, pods, policies and findings.
import type { OverviewSummary } from '@/lib/view/overview';
import { SeverityBadge } from '../common/SeverityBadge';

function Card({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  return (
    <div className="rounded border border-slate-200 px-4 py-3 dark:border-slate-800">
      <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
      <dd
        data-testid={testId}
        className="text-2xl font-semibold tabular-nums"
        title={value === null ? 'could not be read (see the warnings)' : undefined}
      >
        {value === null ? 'unknown' : value.toLocaleString('en-US')}
      </dd>
    </div>
  );
}

/** Counts of nodes, Services, pods, NetworkPolicies and findings by severity. */
export function SummaryCards({ summary }: { summary: OverviewSummary }) {
  const f = summary.findings;
  return (
    <dl data-testid="summary" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      <Card label="Nodes" value={summary.nodes} testId="summary-nodes" />
      <Card label="Services" value={summary.services} testId="summary-services" />
      <Card label="Pods" value={summary.pods} testId="summary-pods" />
      <Card label="NetworkPolicies" value={summary.networkPolicies} testId="summary-networkpolicies" />
      <div className="rounded border border-slate-200 px-4 py-3 dark:border-slate-800">
        <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">Findings</dt>
        <dd data-testid="summary-findings" className="mt-1 flex flex-wrap gap-1">
          <SeverityBadge severity="error" count={f.error} showZero />
          <SeverityBadge severity="warning" count={f.warning} showZero />
          <SeverityBadge severity="info" count={f.info} showZero />
        </dd>
      </div>
    </dl>
  );
}
