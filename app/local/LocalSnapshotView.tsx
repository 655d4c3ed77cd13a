'use client';
// The local-snapshot page: pick files → parse → model → dataplane → analysis, all in this tab.
// Filters/sort live in React state (the data is not on the server, so a link could not reproduce it).
// The picked files are kept for the tab's session (snapshot-store.ts), so Back and reload show them again.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Header } from '@/components/common/Header';
import { NoticeList } from '@/components/common/NoticeList';
import { OverviewScreen } from '@/components/overview/OverviewScreen';
import type { ClusterView } from '@/lib/source/types';
import { analyzeLocalFiles } from '@/lib/source/local-files';
import { buildOverviewData, buildServiceRows } from '@/lib/view/overview';
import { DEFAULT_OVERVIEW_STATE, type OverviewState } from '@/lib/view/url-state';
import { browserSnapshotStore, sessionStorageOrNull } from './browser-snapshot-store';
import { loadLocalViewState, saveLocalViewState } from './local-view-state';
import { LocalServicePanel } from './LocalServicePanel';
import { readPickedFiles } from './read-files';
import { SnapshotCommand } from './SnapshotCommand';
import { missingKinds } from './snapshot-kinds';
import type { StoredIn, StoredSnapshot } from './snapshot-store';

/** The analysis of a stored snapshot (the engine runs again; only the files' text is kept). */
function analyseStored(s: StoredSnapshot): ClusterView {
  return analyzeLocalFiles(s.files, new Date(s.loadedAt), s.tooLarge);
}

/** What the status line says about where the snapshot is kept. */
const KEPT: Record<StoredIn, string> = {
  session: 'Kept in this tab until it closes.',
  indexeddb: 'Kept in this tab until it closes (in the browser’s IndexedDB: too large for session storage).',
  memory: 'Not kept: the browser refused to store it, so a reload loses it.',
};

/** Everything below the header of /local, plus the header itself (its source is the picked files). */
export function LocalSnapshotView() {
  // After a client-side Back the snapshot is still in memory: show it at once (no empty flash).
  const [view, setView] = useState<ClusterView | null>(() => {
    const kept = typeof window === 'undefined' ? null : browserSnapshotStore().peek();
    return kept ? analyseStored(kept) : null;
  });
  const [kept, setKept] = useState<string>(() => (view ? 'Restored from this tab’s session.' : ''));
  // The table's filters as they were left (restored with the snapshot, kept in session storage too).
  const [state, setState] = useState<OverviewState>(() =>
    view ? (loadLocalViewState(sessionStorageOrNull()) ?? DEFAULT_OVERVIEW_STATE) : DEFAULT_OVERVIEW_STATE,
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // After a reload (or a Back that reloaded the page), the snapshot comes from session storage.
  useEffect(() => {
    if (view) return;
    let cancelled = false;
    void browserSnapshotStore()
      .load()
      .then((stored) => {
        if (cancelled || !stored) return;
        setView(analyseStored(stored));
        setState(loadLocalViewState(sessionStorageOrNull()) ?? DEFAULT_OVERVIEW_STATE);
        setKept('Restored from this tab’s session.');
      });
    return () => {
      cancelled = true;
    };
    // Only on mount: later views come from the file picker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [selected, setSelected] = useState<string | null>(null);

  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const { files, tooLarge } = await readPickedFiles(list);
      // Let the "Analysing…" state paint before the (synchronous) engine run.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const loadedAt = new Date();
      setView(analyzeLocalFiles(files, loadedAt, tooLarge));
      setState(DEFAULT_OVERVIEW_STATE);
      saveLocalViewState(sessionStorageOrNull(), DEFAULT_OVERVIEW_STATE);
      setSelected(null);
      setKept(KEPT[await browserSnapshotStore().save({ files, tooLarge, loadedAt: loadedAt.toISOString() })]);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const rows = useMemo(() => (view ? buildServiceRows(view.analysis, view.model) : []), [view]);
  const data = useMemo(() => (view ? buildOverviewData(view.analysis, rows, state) : null), [view, rows, state]);
  const onChange = useCallback((next: OverviewState) => {
    setState(next);
    saveLocalViewState(sessionStorageOrNull(), next);
  }, []);
  const openService = useCallback((namespace: string, name: string) => {
    setSelected(`${namespace}/${name}`);
    requestAnimationFrame(() => document.getElementById('local-service')?.scrollIntoView({ block: 'start' }));
  }, []);
  const service = selected && view ? (view.analysis.services.find((s) => s.service === selected) ?? null) : null;
  const missing = useMemo(() => (view ? missingKinds(view.model) : []), [view]);
  const forget = async () => {
    await browserSnapshotStore().clear();
    setView(null);
    setKept('');
    setSelected(null);
    setState(DEFAULT_OVERVIEW_STATE);
    saveLocalViewState(sessionStorageOrNull(), DEFAULT_OVERVIEW_STATE);
  };

  return (
    <>
      <Header
        source={{
          kind: 'local',
          label: view ? view.source.label : 'no file opened',
          loadedAt: view ? view.source.loadedAt : null,
        }}
        dataplane={view?.dataplane}
        copyLink={false}
      />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-4 py-6 focus:outline-none">
        <h1 className="text-xl font-semibold">Open a snapshot file</h1>
        <p
          data-testid="local-disclaimer"
          className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          Local view — computed in your browser, not uploaded, cannot be shared by link.
        </p>
        <div className="space-y-2">
          <label htmlFor="snapshot-files" className="block text-sm font-medium">
            Snapshot files (kubectl <code>get -o json</code> or <code>-o yaml</code> output; pick several to merge them)
          </label>
          <input
            id="snapshot-files"
            type="file"
            multiple
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            data-testid="local-file-input"
            disabled={busy}
            onChange={(e) => void onFiles(e.target.files)}
            className="block text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
          />
          <p role="status" aria-live="polite" data-testid="local-status" className="text-sm">
            {busy
              ? 'Analysing…'
              : view
                ? `Analysed ${view.analysis.summary.services} Services from ${view.source.label}. ${kept}`
                : ''}
          </p>
          {view && !busy ? (
            <button
              type="button"
              data-testid="local-forget"
              onClick={() => void forget()}
              className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Close the snapshot
            </button>
          ) : null}
          <SnapshotCommand expanded={!view} />
        </div>
        {failure ? (
          <NoticeList title="The files could not be read" items={[failure]} tone="error" testId="local-errors" />
        ) : null}
        {view && data ? (
          <>
            <NoticeList
              title="Part of the snapshot could not be read; showing what did parse"
              items={view.source.errors}
              tone="error"
              testId="source-errors"
            />
            <NoticeList
              title="Kinds these files hold none of — if the cluster has them, add them to the kubectl command"
              items={missing.map((k) => `${k.resource}: without them, ${k.withoutIt}`)}
              tone="warning"
              testId="local-missing-kinds"
            />
            <NoticeList
              title="Snapshot warnings"
              items={view.source.warnings}
              tone="warning"
              testId="source-warnings"
            />
            <OverviewScreen
              data={data}
              state={state}
              stateNotices={[]}
              onChange={onChange}
              link={{ kind: 'local', onOpen: openService }}
            />
            {service ? (
              <LocalServicePanel
                key={service.service}
                view={view}
                service={service}
                onClose={() => setSelected(null)}
                onOpenService={openService}
              />
            ) : null}
          </>
        ) : (
          <p data-testid="local-empty" className="text-sm text-slate-600 dark:text-slate-400">
            No file opened yet. Pick one or more files above; the Services, their findings and their packet paths appear
            here.
          </p>
        )}
      </main>
    </>
  );
}
