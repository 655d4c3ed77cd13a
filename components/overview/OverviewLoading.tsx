// What `/` shows at once while the server loads a snapshot (the Suspense fallback of app/page.tsx): the header
// with the source, and the load's progress. The finished overview replaces it in the same response.
import { Header } from '@/components/common/Header';
import type { PendingLoad } from '@/lib/source/types';
import { LoadProgressView } from './LoadProgressView';

/** The overview's place-holder during a snapshot load. */
export function OverviewLoading({ pending }: { pending: PendingLoad }) {
  return (
    <>
      <Header source={{ kind: 'snapshot', label: pending.label, loadedAt: null }} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-4 py-6 focus:outline-none">
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
          <LoadProgressView initial={pending.progress} />
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
    </>
  );
}
