// A list of messages for the user (ignored URL values, snapshot errors, warnings). Text nodes only.

/** How serious the notices are: `error` = data was lost, `warning` = something was assumed/ignored. */
export type NoticeTone = 'info' | 'warning' | 'error';

const TONE: Record<NoticeTone, string> = {
  info: 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100',
  warning: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
  error: 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
};

/** A titled box of notices; renders nothing when `items` is empty. */
export function NoticeList({
  title,
  items,
  tone = 'info',
  testId = 'notices',
}: {
  title: string;
  items: string[];
  tone?: NoticeTone;
  testId?: string;
}) {
  if (items.length === 0) return null;
  return (
    <section
      data-testid={testId}
      role={tone === 'error' ? 'alert' : 'status'}
      aria-label={title}
      className={`rounded border px-4 py-3 text-sm ${TONE[tone]}`}
    >
      <h2 className="font-semibold">{title}</h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {items.map((item, i) => (
          <li key={i} data-testid={`${testId}-item`} className="break-words">
            {item}
          </li>
        ))}
      </ul>
    </section>
  );
}
