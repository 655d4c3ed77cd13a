'use client';
// State of /local's analysis: runs it in the Web Worker (analysis-client.ts) with a progress line, asks
// the worker for the overview page of each state (the rows and findings stay there), and fetches the full
// view for the Service whose panel is open.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ClusterView } from '@/lib/source/types';
import type { OverviewData } from '@/lib/view/overview';
import type { OverviewState } from '@/lib/view/url-state';
import { LocalAnalysisClient, progressText, type LocalResult } from './analysis-client';
import { createProgressStore } from './progress-store';

/** An overview page and what it was computed for. */
interface ShownPage {
  result: LocalResult;
  state: OverviewState;
  data: OverviewData;
}

/**
 * The analysis of the picked files, its progress, the overview page for `state` (`pending` while the
 * worker computes a new one; the previous page stays meanwhile), and the full view for a selected Service.
 */
export function useLocalAnalysis(selected: string | null, state: OverviewState) {
  const client = useRef<LocalAnalysisClient | null>(null);
  const [result, setResult] = useState<LocalResult | null>(null);
  const [shown, setShown] = useState<ShownPage | null>(null);
  // Per-percent progress lives outside React state (progress-store.ts); `busy` changes twice per analysis.
  const [progress] = useState(createProgressStore);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [full, setFull] = useState<ClusterView | null>(null);

  useEffect(() => () => client.current?.close(), []);

  const open = useCallback(
    async (list: FileList | File[] | null): Promise<boolean> => {
      if (!list || list.length === 0) return false;
      client.current ??= new LocalAnalysisClient();
      setFailure(null);
      setFull(null);
      progress.set(progressText('reading', 0));
      setBusy(true);
      try {
        const next = await client.current.analyse(Array.from(list), (phase, pct) =>
          progress.set(progressText(phase, pct)),
        );
        setResult(next);
        return true;
      } catch (e) {
        setFailure(e instanceof Error ? e.message : String(e));
        return false;
      } finally {
        progress.set(null);
        setBusy(false);
      }
    },
    [progress],
  );

  useEffect(() => {
    if (!result || !client.current) return;
    let live = true;
    client.current.page(state).then(
      // A transition renders the page in slices, so the main thread never blocks while it appears.
      (data) => live && startTransition(() => setShown({ result, state, data })),
      (e) => live && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [result, state]);
  const page = shown && shown.result === result ? shown : null;

  // One Service's panel needs the model: fetched from the worker once per analysis.
  useEffect(() => {
    if (!selected || !result || full || !client.current) return;
    let live = true;
    client.current.view().then(
      (v) => live && setFull(v),
      (e) => live && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [selected, result, full]);

  /** Forgets the analysis (the page's "Close the snapshot"). */
  const reset = useCallback(() => {
    setResult(null);
    setShown(null);
    setFull(null);
    setFailure(null);
  }, []);

  return {
    result,
    data: page?.data ?? null,
    pending: page !== null && page.state !== state,
    busy,
    progress,
    failure,
    full,
    open,
    reset,
  };
}
