// Overview `/`: the cluster at a glance, its Services and its findings. The query string is the
// page's state (see lib/view/url-state.ts); garbled values fall back to defaults with a notice.
// While the server loads a snapshot (the first request after start, or after the files changed), the
// response starts at once with the header and the load's progress, and the overview streams into the same
// response when the load is done (React Suspense): the first bytes do not wait for seconds of analysis.
import { connection } from 'next/server';
import { Suspense } from 'react';
import { Header } from '@/components/common/Header';
import { NoticeList } from '@/components/common/NoticeList';
import { LoadWatch, OverviewArrived } from '@/components/overview/LoadWatch';
import { UrlOverview } from '@/components/overview/UrlOverview';
import type { AnalysisResult } from '@/lib/engine/types';
import { getClusterView, getPendingLoad } from '@/lib/source';
import { buildOverviewData, buildServiceRows, type ServiceRow } from '@/lib/view/overview';
import { decodeOverviewState, type OverviewState } from '@/lib/view/url-state';

// Rows depend only on the analysis; reuse them until the source produces a new one.
const rowsByAnalysis = new WeakMap<AnalysisResult, ServiceRow[]>();

/** The overview page. */
export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection(); // the data source is read at request time, never at build time
  const { state, notices } = decodeOverviewState(await searchParams);
  const overview = <Overview state={state} stateNotices={notices} />;
  // A view at hand (the usual case): rendered at once, without a place-holder.
  const pending = await getPendingLoad();
  if (!pending) return overview;
  // Loading: the header (with the source) and the load's progress at once; the overview replaces both when ready.
  return (
    <LoadWatch
      initial={pending.progress}
      header={<Header source={{ kind: 'snapshot', label: pending.label, loadedAt: null }} />}
    >
      <Suspense fallback={null}>
        {overview}
        <OverviewArrived />
      </Suspense>
    </LoadWatch>
  );
}

/** The overview of the current cluster view (waits for the view). */
async function Overview({ state, stateNotices }: { state: OverviewState; stateNotices: string[] }) {
  const view = await getClusterView();
  let rows = rowsByAnalysis.get(view.analysis);
  if (!rows) {
    rows = buildServiceRows(view.analysis, view.model);
    rowsByAnalysis.set(view.analysis, rows);
  }
  const data = buildOverviewData(view.analysis, rows, state);
  return (
    <>
      <Header source={view.source} dataplane={view.dataplane} />
      <main id="main" data-overview tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-4 py-6 focus:outline-none">
        <h1 className="sr-only">Cluster overview</h1>
        <NoticeList
          title="Part of the cluster data could not be read; showing what did"
          items={view.source.errors}
          tone="error"
          testId="source-errors"
        />
        <NoticeList
          title="Warnings about the cluster data"
          items={view.source.warnings}
          tone="warning"
          testId="source-warnings"
        />
        <UrlOverview data={data} state={state} stateNotices={stateNotices} />
      </main>
    </>
  );
}
