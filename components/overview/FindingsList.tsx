// The findings under the table: severity, what is wrong (with numbers), which Service, how to fix.
import type { FindingRow } from '@/lib/view/overview';
import { SeverityBadge } from '../common/SeverityBadge';
import { ServiceLink, type ServiceLinkTarget } from './ServiceLink';

/** Props of the findings list. */
export interface FindingsListProps {
  findings: FindingRow[];
  /** Findings before the display cap. */
  total: number;
  filtered: boolean;
  link: ServiceLinkTarget;
}

/** Findings, most severe first; says so when there are none. */
export function FindingsList({ findings, total, filtered, link }: FindingsListProps) {
  return (
    <section data-testid="findings-list" aria-labelledby="findings-heading">
      <h2 id="findings-heading" className="text-lg font-semibold">
        Findings{filtered ? ' for the Services shown' : ''}{' '}
        <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({total})</span>
      </h2>
      {findings.length === 0 ? (
        <p data-testid="findings-empty" className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          {filtered
            ? 'No findings for the Services matching these filters.'
            : 'No findings: kubepath found nothing to flag in this cluster.'}
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {findings.map((f) => (
            <li
              key={f.id}
              data-testid="finding"
              data-severity={f.severity}
              data-finding-id={f.id}
              className="rounded border border-slate-200 px-4 py-3 dark:border-slate-800"
            >
              <div className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={f.severity} />
                <h3 data-testid="finding-title" className="font-medium">
                  {f.title}
                </h3>
                {f.service ? (
                  <span className="text-sm">
                    on{' '}
                    <ServiceLink
                      namespace={f.service.namespace}
                      name={f.service.name}
                      target={link}
                      testId="finding-service-link"
                    />
                  </span>
                ) : (
                  <span className="text-sm text-slate-600 dark:text-slate-400">cluster-wide</span>
                )}
              </div>
              <p data-testid="finding-message" className="mt-1 text-sm">
                {f.message}
              </p>
              <p className="mt-1 text-sm">
                <span className="font-medium">Fix: </span>
                <span data-testid="finding-fix">{f.fix}</span>
              </p>
              {f.fixYaml ? (
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer">Fix as YAML</summary>
                  <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">
                    {f.fixYaml}
                  </pre>
                </details>
              ) : null}
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Source: {f.source}</p>
            </li>
          ))}
        </ul>
      )}
      {total > findings.length ? (
        <p data-testid="findings-truncated" className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Showing {findings.length} of {total} findings; filter the table to narrow them.
        </p>
      ) : null}
    </section>
  );
}
