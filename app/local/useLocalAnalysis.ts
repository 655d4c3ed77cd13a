'use client';
// State of /local's analysis: runs it in the Web Worker (analysis-client.ts) with a progress line, asks
// the worker for the overview page of each state (the rows and findings stay there), and gives the open
// Service's panel the worker's per-Service answers (its page data and traces; the model stays there).
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { LocalServiceData, LocalServiceOptions } from '@/lib/source/local-worker';
import type { OverviewData } from '@/lib/view/overview';
import type { TraceOutcome } from '@/lib/view/trace-api';
import type { OverviewState, TraceInputs } from '@/lib/view/url-state';
import { browserHeapLimit, memoryWarning } from '@/lib/source/local-memory';
import { LocalAnalysisClient, progressText, type LocalResult } from './analysis-client';
import { createProgressStore } from './progress-store';

/** An overview page and what it was computed for. */
interface ShownPage {
  result: LocalResult;
  state: OverviewState;
  data: OverviewData;
}

/** The worker's answers for one Service of the current analysis (its panel asks them). */
export interface LocalServiceRequests {
  load: (service: string, options: LocalServiceOptions) => Promise<LocalServiceData>;
  trace: (service: string, inputs: TraceInputs, policy: TrafficPolicy) => Promise<TraceOutcome>;
}

/** Files not opened yet because they may need more heap than the tab has (local-memory.ts), and why. */
export interface HeldFiles {
  files: File[];
  warning: string;
}

const NO_ANALYSIS = () => Promise.reject(new Error('no snapshot has been analysed yet'));

/**
 * The analysis of the picked files, its progress, the overview page for `state` (`pending` while the
 * worker computes a new one; the previous page stays meanwhile), and per-Service requests for a panel.
 */
export function useLocalAnalysis(state: OverviewState) {
  const client = useRef<LocalAnalysisClient | null>(null);
  const [result, setResult] = useState<LocalResult | null>(null);
  const [shown, setShown] = useState<ShownPage | null>(null);
  // Per-percent progress lives outside React state (progress-store.ts); `busy` changes twice per analysis.
  const [progress] = useState(createProgressStore);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [held, setHeld] = useState<HeldFiles | null>(null);

  useEffect(() => () => client.current?.close(), []);

  /**
   * Analyses the files; false when they were not analysed (an error, or held back for the page to ask first:
   * `anyway` skips that question).
   */
  const open = useCallback(
    async (list: FileList | File[] | null, { anyway = false } = {}): Promise<boolean> => {
      if (!list || list.length === 0) return false;
      const files = Array.from(list);
      const worker = (client.current ??= new LocalAnalysisClient());
      setFailure(null);
      setHeld(null);
      const warning = anyway ? null : await heapWarning(worker, files);
      if (warning) {
        setHeld({ files, warning });
        return false;
      }
      progress.set(progressText('reading', 0));
      setBusy(true);
      try {
        const next = await worker.analyse(files, (phase, pct) => progress.set(progressText(phase, pct)));
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

  const [services] = useState<LocalServiceRequests>(() => ({
    load: (service, options) => client.current?.service(service, options) ?? NO_ANALYSIS(),
    trace: (service, inputs, policy) => client.current?.trace(service, inputs, policy) ?? NO_ANALYSIS(),
  }));

  /** Forgets the analysis (the page's "Close the snapshot"). */
  const reset = useCallback(() => {
    setResult(null);
    setShown(null);
    setFailure(null);
    setHeld(null);
  }, []);

  /** Drops the files held back (the warning's "Cancel"); the analysis shown before stays. */
  const release = useCallback(() => setHeld(null), []);

  return {
    result,
    data: page?.data ?? null,
    pending: page !== null && page.state !== state,
    busy,
    progress,
    failure,
    held,
    services,
    open,
    reset,
    release,
  };
}

/**
 * What to say before analysing files that may need more heap than the tab has; null when they fit or the browser
 * does not say its limit. A question that fails asks nothing: the warning must never stop an analysis.
 */
async function heapWarning(worker: LocalAnalysisClient, files: File[]): Promise<string | null> {
  const limit = browserHeapLimit();
  if (limit === null) return null;
  try {
    return memoryWarning(
      await worker.heapNeeded(files),
      limit,
      files.map((f) => f.name),
    );
  } catch {
    return null;
  }
}
