'use client';
// The local-snapshot page: pick files → parse → model → dataplane → analysis, all in this tab (in a Web
// Worker, useLocalAnalysis.ts, so the page stays responsive and shows progress; the worker also filters,
// sorts and pages the overview for each state, so the page never handles all 10,000 Services at once).
// Filters/sort live in React state (the data is not on the server, so a link could not reproduce it).
// The picked files and the filters are kept for the tab's session (useKeptSnapshot.ts, local-view-state.ts),
// so Back and reload show them again.
import { useCallback, useMemo, useRef, useState } from 'react';
import { Header } from '@/components/common/Header';
import { NoticeList } from '@/components/common/NoticeList';
import { OverviewScreen } from '@/components/overview/OverviewScreen';
import { DEFAULT_OVERVIEW_STATE, type OverviewState } from '@/lib/view/url-state';
import { sessionStorageOrNull } from './browser-snapshot-store';
import { loadLocalViewState, saveLocalViewState } from './local-view-state';
import { LocalProgress } from './LocalProgress';
import { LocalServicePanel } from './LocalServicePanel';
import { SnapshotCommand } from './SnapshotCommand';
import { useKeptSnapshot } from './useKeptSnapshot';
import { useLocalAnalysis } from './useLocalAnalysis';

const BUTTON =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800';

/** Everything below the header of /local, plus the header itself (its source is the picked files). */
export function LocalSnapshotView() {
  const [state, setState] = useState<OverviewState>(DEFAULT_OVERVIEW_STATE);
  const [selected, setSelected] = useState<string | null>(null);
  const {
    result: view,
    data,
    pending,
    busy,
    progress,
    failure,
    held,
    services,
    open,
    reset,
    release,
  } = useLocalAnalysis(state);
  const fileInput = useRef<HTMLInputElement>(null);
  const restoreState = useCallback(
    () => setState(loadLocalViewState(sessionStorageOrNull()) ?? DEFAULT_OVERVIEW_STATE),
    [],
  );
  const { kept, keep, forget } = useKeptSnapshot(open, restoreState);

  const onChange = useCallback((next: OverviewState) => {
    setState(next);
    saveLocalViewState(sessionStorageOrNull(), next);
  }, []);
  const onFiles = async (list: FileList | File[] | null, anyway = false) => {
    const files = list ? Array.from(list) : [];
    if (!(await open(files, { anyway }))) return;
    onChange(DEFAULT_OVERVIEW_STATE);
    setSelected(null);
    await keep(files);
  };
  // The picker forgets the files too, so that picking the same one again asks again.
  const onCancelHeld = () => {
    release();
    if (fileInput.current) fileInput.current.value = '';
  };
  const onForget = async () => {
    await forget();
    reset();
    setSelected(null);
    onChange(DEFAULT_OVERVIEW_STATE);
  };

  const openService = useCallback((namespace: string, name: string) => {
    setSelected(`${namespace}/${name}`);
    requestAnimationFrame(() => document.getElementById('local-service')?.scrollIntoView({ block: 'start' }));
  }, []);
  // The overview does not depend on the open Service: kept as one element, so opening a panel does not
  // re-render the page of 100 rows in the click's task (tens of milliseconds at full scale).
  const overview = useMemo(
    () =>
      data ? (
        <OverviewScreen
          data={data}
          state={state}
          stateNotices={[]}
          onChange={onChange}
          pending={pending}
          link={{ kind: 'local', onOpen: openService }}
        />
      ) : null,
    [data, state, onChange, pending, openService],
  );

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
            ref={fileInput}
            disabled={busy}
            onChange={(e) => void onFiles(e.target.files)}
            className="block text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
          />
          <p role="status" aria-live="polite" data-testid="local-status" className="text-sm">
            {busy ? (
              <LocalProgress store={progress} />
            ) : view && data ? (
              `Analysed ${view.summary.services} Services from ${view.source.label}. ${kept}`
            ) : (
              ''
            )}
          </p>
          {held ? (
            <div
              role="alert"
              data-testid="local-memory-warning"
              className="space-y-3 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            >
              <p>{held.warning}</p>
              <p>
                Outside the browser, <code>kubepath analyze -f FILE</code> or{' '}
                <code>npm run demo -- --snapshot FILE</code> read it with the same engine.
              </p>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  data-testid="local-open-anyway"
                  onClick={() => void onFiles(held.files, true)}
                  className={BUTTON}
                >
                  Open anyway
                </button>
                <button type="button" data-testid="local-memory-cancel" onClick={onCancelHeld} className={BUTTON}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
          {view && !busy ? (
            <button type="button" data-testid="local-forget" onClick={() => void onForget()} className={BUTTON}>
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
              items={view.missingKinds.map((k) => `${k.resource}: without them, ${k.withoutIt}`)}
              tone="warning"
              testId="local-missing-kinds"
            />
            <NoticeList
              title="Snapshot warnings"
              items={view.source.warnings}
              tone="warning"
              testId="source-warnings"
            />
            {overview}
            {selected ? (
              <LocalServicePanel
                key={`${selected} ${view.source.loadedAt}`}
                service={selected}
                requests={services}
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
