'use client';
// State of /local's analysis: runs it in the Web Worker (analysis-client.ts) with a progress line, and
// fetches the full view for the Service whose panel is open.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ClusterView } from '@/lib/source/types';
import { LocalAnalysisClient, progressText, type LocalResult } from './analysis-client';

/** The analysis of the picked files, its progress, and the full view for a selected Service. */
export function useLocalAnalysis(selected: string | null) {
  const client = useRef<LocalAnalysisClient | null>(null);
  const [result, setResult] = useState<LocalResult | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [full, setFull] = useState<ClusterView | null>(null);

  useEffect(() => () => client.current?.close(), []);

  const open = useCallback(async (list: FileList | File[] | null): Promise<boolean> => {
    if (!list || list.length === 0) return false;
    client.current ??= new LocalAnalysisClient();
    setFailure(null);
    setFull(null);
    setProgress(progressText('reading', 0));
    try {
      const next = await client.current.analyse(Array.from(list), (phase, pct) =>
        setProgress(progressText(phase, pct)),
      );
      // A transition renders the overview in slices, so the page never blocks while it appears.
      startTransition(() => setResult(next));
      return true;
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setProgress(null);
    }
  }, []);

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
    setFull(null);
    setFailure(null);
  }, []);

  return { result, progress, failure, full, open, reset };
}
