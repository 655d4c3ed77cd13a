'use client';
// The server-backed overview: its state is the URL query, so every change is a navigation and a
// copied link reproduces the view. The server renders the data for the state in the URL.
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useTransition } from 'react';
import type { OverviewData } from '@/lib/view/overview';
import { encodeOverviewState, type OverviewState } from '@/lib/view/url-state';
import { OverviewScreen } from './OverviewScreen';

/** Overview whose state changes are written to the URL (push for choices, replace while typing). */
export function UrlOverview({
  data,
  state,
  stateNotices,
}: {
  data: OverviewData;
  state: OverviewState;
  stateNotices: string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const onChange = useCallback(
    (next: OverviewState, how: 'push' | 'replace' = 'push') => {
      const href = pathname + encodeOverviewState(next);
      startTransition(() =>
        how === 'replace' ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false }),
      );
    },
    [router, pathname],
  );
  return (
    <OverviewScreen
      data={data}
      state={state}
      stateNotices={stateNotices}
      onChange={onChange}
      link={{ kind: 'route' }}
      pending={pending}
    />
  );
}
