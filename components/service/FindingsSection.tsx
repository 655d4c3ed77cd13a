// The findings for one Service, each with its evidence, its fix and the fix snippet (as text in <pre>).
import { SeverityBadge } from '@/components/common/SeverityBadge';
import type { Finding } from '@/lib/engine/types';

/** The Service's findings with their fixes. */
export function FindingsSection({ findings }: { findings: Finding[] }) {
  return (
    <section aria-labelledby="findings-title" data-testid="service-findings" className="space-y-3">
      <h2 id="findings-title" className="text-lg font-semibold">
        Findings
      </h2>
      {findings.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-findings">
          kubepath found nothing to fix for this Service.
        </p>
      ) : (
        <ul className="space-y-3">
          {findings.map((f) => (
            <li
              key={f.id}
              data-testid="service-finding"
              data-finding={f.id}
              data-rule={f.rule}
              className="rounded border border-slate-200 p-3 dark:border-slate-700"
            >
              <div className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={f.severity} />
                <h3 className="font-medium">{f.title}</h3>
                <code className="text-xs text-slate-500 dark:text-slate-400">{f.rule}</code>
              </div>
              <p className="mt-1 text-sm">{f.message}</p>
              {f.evidence.length > 0 ? (
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  Evidence: {f.evidence.map((e) => `${e.kind} ${e.name}`).join(', ')}
                </p>
              ) : null}
              <p className="mt-2 text-sm">
                <span className="font-medium">Fix: </span>
                {f.fix}
              </p>
              {f.fixYaml ? (
                <pre
                  data-testid="finding-fix"
                  className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900"
                >
                  {f.fixYaml}
                </pre>
              ) : null}
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Source: {f.source}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
