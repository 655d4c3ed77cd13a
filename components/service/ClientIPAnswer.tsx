// "client IP at the app: yes / no / partial / unknown" as a badge with an icon and text (never colour only),
// followed by how the address travels (L3, PROXY, X-Forwarded-For). Shared by the overview and the Service page.
import type { AppPath } from '@/lib/engine/types';

const STYLE: Record<AppPath['clientIP'], { icon: string; cls: string }> = {
  yes: { icon: '✓', cls: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200' },
  no: { icon: '✗', cls: 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200' },
  partial: { icon: '◐', cls: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200' },
  unknown: { icon: '?', cls: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100' },
};

/** The answer badge; `how` is omitted when empty. */
export function ClientIPAnswer({
  answer,
  how,
  testId = 'client-ip-answer',
}: {
  answer: AppPath['clientIP'] | null;
  how: string;
  testId?: string;
}) {
  if (answer === null) return <span className="text-sm text-slate-500">—</span>;
  const s = STYLE[answer];
  return (
    <span
      className="inline-flex flex-wrap items-center gap-1 text-sm font-normal"
      data-testid={testId}
      data-answer={answer}
    >
      <span className={`rounded px-1.5 py-0.5 font-medium ${s.cls}`}>
        <span aria-hidden="true">{s.icon} </span>
        {answer}
      </span>
      {how ? <span className="text-slate-700 dark:text-slate-300">via {how}</span> : null}
    </span>
  );
}
