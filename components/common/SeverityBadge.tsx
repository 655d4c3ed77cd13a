// A finding severity as a coloured, labelled badge (colour is never the only signal: the word is shown).
import type { Severity } from '@/lib/engine/types';

const STYLE: Record<Severity, string> = {
  error: 'bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  warning: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  info: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
};

/** Severity badge; with `count`, shows "3 warning" style counts (nothing for zero unless `showZero`). */
export function SeverityBadge({
  severity,
  count,
  showZero = false,
}: {
  severity: Severity;
  count?: number;
  showZero?: boolean;
}) {
  if (count !== undefined && count === 0 && !showZero) return null;
  return (
    <span
      data-testid={`severity-${severity}`}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[severity]}`}
    >
      {count !== undefined ? <span>{count}</span> : null}
      <span>{severity}</span>
    </span>
  );
}
