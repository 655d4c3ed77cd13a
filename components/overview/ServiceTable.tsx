'use client';
// The Services table: one row per Service with its front door, policy, endpoints, pods, whether
// external clients keep their IP, and its findings. Column headers sort; all cells are text nodes.
import type { ClientIPPreservedCell, ServiceRow } from '@/lib/view/overview';
import { nextSort } from '@/lib/view/overview';
import type { OverviewSortKey, OverviewState } from '@/lib/view/url-state';
import { SeverityBadge } from '../common/SeverityBadge';
import { ClientIPAnswer } from '../service/ClientIPAnswer';
import type { StateChange } from './ServiceFilters';
import { ServiceLink, type ServiceLinkTarget } from './ServiceLink';

const COLUMNS: { key: OverviewSortKey; label: string; title?: string; numeric?: boolean }[] = [
  { key: 'namespace', label: 'Namespace' },
  { key: 'name', label: 'Service' },
  { key: 'type', label: 'Type' },
  { key: 'policy', label: 'eTP', title: 'externalTrafficPolicy' },
  { key: 'endpoints', label: 'Endpoints', title: 'ready / total endpoint addresses', numeric: true },
  { key: 'pods', label: 'Pods', numeric: true },
  {
    key: 'preserved',
    label: 'Pod sees client (L3)?',
    title:
      'Does the pod see the external client as its L3 source after kube-proxy, under the Service’s policy? (What the application learns through load balancers, PROXY protocol and headers is the next column.)',
  },
  {
    key: 'app',
    label: 'Client IP at the app',
    title: 'Can the application learn the client address (through its load balancer, proxy and sidecar), and how?',
  },
  { key: 'findings', label: 'Findings' },
];

const PRESERVED: Record<ClientIPPreservedCell, { text: string; className: string }> = {
  yes: { text: 'yes', className: 'text-emerald-700 dark:text-emerald-300' },
  no: { text: 'no (SNAT)', className: 'text-red-700 dark:text-red-300' },
  partial: { text: 'partly', className: 'text-amber-700 dark:text-amber-300' },
  'n/a': { text: 'n/a (in-cluster only)', className: 'text-slate-500 dark:text-slate-400' },
};

/** Props of the Services table. */
export interface ServiceTableProps {
  rows: ServiceRow[];
  state: OverviewState;
  onChange: StateChange;
  link: ServiceLinkTarget;
  /** Services in the cluster, for the empty message. */
  totalServices: number;
}

/** Sortable table of Services (already filtered and paged); says why when it is empty. */
export function ServiceTable({ rows, state, onChange, link, totalServices }: ServiceTableProps) {
  if (rows.length === 0) {
    return (
      <p
        data-testid="services-empty"
        className="rounded border border-dashed border-slate-300 px-4 py-6 text-center text-sm dark:border-slate-700"
      >
        {totalServices === 0 ? 'This cluster has no Services.' : 'No Service matches these filters.'}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table data-testid="services-table" className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Services, sorted by {state.sort} ({state.dir === 'asc' ? 'ascending' : 'descending'})
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left dark:border-slate-700">
            {COLUMNS.map((c) => {
              const active = state.sort === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  className={`px-2 py-2 font-semibold ${c.numeric ? 'text-right' : ''}`}
                >
                  <button
                    type="button"
                    onClick={() => onChange(nextSort(state, c.key), 'push')}
                    data-testid={`sort-${c.key}`}
                    title={c.title}
                    className="inline-flex items-center gap-1 rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-500"
                  >
                    {c.label}
                    <span aria-hidden="true" className={active ? '' : 'opacity-0'}>
                      {state.dir === 'asc' || !active ? '▲' : '▼'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-testid="service-row"
              data-service-key={r.key}
              className="border-b border-slate-100 align-top hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
            >
              <td data-testid="cell-namespace" className="px-2 py-1.5 font-mono">
                {r.namespace}
              </td>
              <td data-testid="cell-name" className="px-2 py-1.5">
                <ServiceLink namespace={r.namespace} name={r.name} target={link} nameOnly />
              </td>
              <td data-testid="cell-type" className="px-2 py-1.5">
                {r.type}
              </td>
              <td data-testid="cell-policy" className="px-2 py-1.5">
                {r.policy}
              </td>
              <td
                data-testid="cell-endpoints"
                className={`px-2 py-1.5 text-right tabular-nums ${r.endpointsTotal === 0 ? 'text-red-700 dark:text-red-300' : ''}`}
              >
                {r.endpointsReady} / {r.endpointsTotal}
              </td>
              <td data-testid="cell-pods" className="px-2 py-1.5 text-right tabular-nums">
                {r.pods}
              </td>
              <td
                data-testid="cell-preserved"
                data-preserved={r.preserved}
                className={`px-2 py-1.5 ${PRESERVED[r.preserved].className}`}
              >
                {PRESERVED[r.preserved].text}
              </td>
              <td data-testid="cell-app" data-app={r.app.clientIP} className="min-w-48 px-2 py-1.5">
                {r.app.clientIP === 'n/a' ? (
                  <span className="text-slate-500 dark:text-slate-400">n/a (in-cluster only)</span>
                ) : (
                  <ClientIPAnswer answer={r.app.clientIP} how={r.app.how} />
                )}
              </td>
              <td data-testid="cell-findings" className="px-2 py-1.5">
                <span className="flex flex-wrap gap-1">
                  <SeverityBadge severity="error" count={r.findings.error} />
                  <SeverityBadge severity="warning" count={r.findings.warning} />
                  <SeverityBadge severity="info" count={r.findings.info} />
                  {r.findings.error + r.findings.warning + r.findings.info === 0 ? (
                    <span className="text-slate-500 dark:text-slate-400">none</span>
                  ) : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
