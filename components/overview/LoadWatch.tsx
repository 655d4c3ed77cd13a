'use client';
// While the server loads a snapshot, `/` is the header and this progress card; the overview streams into the
// same response when the load is done (app/page.tsx). React does not hydrate a Suspense fallback, so the header
// and the card live beside the boundary, not in its fallback: they work (the theme toggle, the card's polls of
// /api/progress) while the boundary waits. They give way when the overview inside the boundary mounts
// (OverviewArrived) — and at once by CSS when React's streaming script puts the overview in the page, a moment
// before it is hydrated.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { LoadProgress } from '@/lib/source/types';
import { LoadProgressView } from './LoadProgressView';

const ArrivedContext = createContext<(() => void) | null>(null);

/**
 * Hidden as soon as the overview (its `<main data-overview>`) is shown: not while React's stream holds it in a
 * `hidden` container, as it stays without JavaScript (then this page asks to be reloaded).
 */
const GONE_WITH_OVERVIEW = '[body:has(main[data-overview]:not([hidden]_*))_&]:hidden';

/** `header` and the progress card around the boundary (`children`) until the overview in it has mounted. */
export function LoadWatch({
  initial,
  header,
  children,
}: {
  initial: LoadProgress;
  header: ReactNode;
  children: ReactNode;
}) {
  const [arrived, setArrived] = useState(false);
  return (
    <ArrivedContext.Provider value={() => setArrived(true)}>
      {arrived ? null : <div className={GONE_WITH_OVERVIEW}>{header}</div>}
      {children}
      {arrived ? null : <LoadProgressCard initial={initial} />}
    </ArrivedContext.Provider>
  );
}

/** Rendered with the overview inside the boundary: tells LoadWatch the overview is on screen. */
export function OverviewArrived() {
  const arrived = useContext(ArrivedContext);
  useEffect(() => arrived?.(), [arrived]);
  return null;
}

function LoadProgressCard({ initial }: { initial: LoadProgress }) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className={`mx-auto max-w-7xl space-y-6 px-4 py-6 focus:outline-none ${GONE_WITH_OVERVIEW}`}
    >
      <h1 className="sr-only">Cluster overview</h1>
      <section
        data-testid="load-progress"
        aria-labelledby="load-progress-title"
        aria-busy="true"
        className="max-w-xl rounded border border-slate-200 px-5 py-4 dark:border-slate-800"
      >
        <h2 id="load-progress-title" className="text-lg font-semibold">
          Loading the snapshot
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">
          The server reads and analyses the snapshot once; the overview appears here when every Service is analysed.
        </p>
        <LoadProgressView initial={initial} />
        <noscript>
          <p className="mt-4 text-sm">
            Without JavaScript this page cannot show the overview when it is ready:{' '}
            <a href="" className="underline">
              reload it
            </a>{' '}
            once the load has finished.
          </p>
        </noscript>
      </section>
    </main>
  );
}
