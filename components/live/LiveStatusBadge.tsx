'use client';
// The header's live badge: "synced 12 s ago" / "reconnecting… (data from 2 min ago)" / the error,
// kept current every second. Renders nothing outside live mode.
import { useLiveBadge } from './useLiveBadge';

const STYLE: Record<string, string> = {
  synced: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  connecting: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  reconnecting: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  error: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200',
  paused: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

/** Live freshness and connection state of the data on the page. */
export function LiveStatusBadge() {
  const live = useLiveBadge();
  if (!live) return null;
  const { badge } = live;
  return (
    <span
      data-testid="live-status"
      data-state={badge.state}
      data-version={live.pageVersion}
      role="status"
      aria-live="polite"
      title={badge.title}
      className={`inline-flex max-w-full items-center gap-1 truncate rounded px-2 py-0.5 text-sm ${STYLE[badge.state]}`}
      suppressHydrationWarning
    >
      <span aria-hidden="true">{badge.state === 'synced' ? '●' : badge.state === 'error' ? '✕' : '○'}</span>
      <span className="truncate">{badge.text}</span>
      {badge.state === 'error' || badge.state === 'reconnecting' ? (
        <span className="sr-only">{badge.title}</span>
      ) : null}
    </span>
  );
}
