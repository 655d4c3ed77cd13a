'use client';
// A visible, page-wide notice while the live source is not in sync: which context and API server,
// what went wrong, and how old the data on the page is. The header badge alone is too easy to miss.
import { useLiveBadge } from './useLiveBadge';

/** Shown only in live mode while reconnecting or failing. */
export function LiveOutageNotice() {
  const live = useLiveBadge();
  if (!live) return null;
  const { badge } = live;
  if (badge.state !== 'reconnecting' && badge.state !== 'error') return null;
  const tone =
    badge.state === 'error'
      ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
      : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100';
  return (
    <div
      role="alert"
      data-testid="live-outage"
      data-state={badge.state}
      className={`mx-auto my-2 max-w-7xl rounded border px-4 py-2 text-sm ${tone}`}
      suppressHydrationWarning
    >
      <strong>
        {badge.state === 'error' ? 'Cannot read the cluster. ' : 'Connection to the cluster lost; reconnecting. '}
      </strong>
      {badge.title} The page keeps showing the last data kubepath had until it is back in sync.
    </div>
  );
}
