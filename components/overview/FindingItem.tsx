// One finding inside its group: which Service, what is wrong (with numbers), how to fix it, and the source.
import type { FindingRow } from '@/lib/view/overview';
import { ServiceLink, type ServiceLinkTarget } from './ServiceLink';

/** A finding as a list item (the group above it shows the severity and the rule's title). */
export function FindingItem({ finding: f, link }: { finding: FindingRow; link: ServiceLinkTarget }) {
  return (
    <li
      data-testid="finding"
      data-severity={f.severity}
      data-finding-id={f.id}
      className="border-l-2 border-slate-200 py-1 pl-3 dark:border-slate-700"
    >
      <p className="text-sm">
        {f.service ? (
          <ServiceLink
            namespace={f.service.namespace}
            name={f.service.name}
            target={link}
            testId="finding-service-link"
          />
        ) : (
          <span className="text-slate-600 dark:text-slate-400">cluster-wide</span>
        )}
        {': '}
        <span data-testid="finding-message">{f.message}</span>
      </p>
      <p className="mt-0.5 text-sm">
        <span className="font-medium">Fix: </span>
        <span data-testid="finding-fix">{f.fix}</span>
      </p>
      {/* The YAML and the citation are for whoever applies the fix: one click away, not in the way. */}
      <details className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer">{f.fixYaml ? 'Fix as YAML, and the source' : 'Source'}</summary>
        {f.fixYaml ? (
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">
            {f.fixYaml}
          </pre>
        ) : null}
        <p className="mt-1">Source: {f.source}</p>
      </details>
    </li>
  );
}
