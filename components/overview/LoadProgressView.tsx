'use client';
// The overview's place-holder while the server loads a snapshot: the load's steps and how many Services are
// analysed, polled from GET /api/progress. The overview itself arrives in the same response (streamed by
// React when the load is done) and replaces this; should that response be cut (a proxy's timeout), the
// page asks for the overview again once the load has finished.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ProgressResponse } from '@/app/api/progress/route';
import type { LoadProgress } from '@/lib/source/types';
import { analysedShare, loadSteps, type LoadStepView } from '@/lib/view/load-progress';

/** How often the progress is asked for (ms). */
const POLL_MS = 500;
/** How long after the load the streamed overview may take before the page fetches it itself (ms). */
const REFRESH_AFTER_MS = 8000;

const MARK: Record<LoadStepView['state'], string> = { done: '✓', current: '●', waiting: '○' };
const MARK_STYLE: Record<LoadStepView['state'], string> = {
  done: 'text-emerald-700 dark:text-emerald-400',
  current: 'motion-safe:animate-pulse text-sky-700 dark:text-sky-400',
  waiting: 'text-slate-400 dark:text-slate-600',
};

/** Progress of the snapshot load, starting from what the server rendered. */
export function LoadProgressView({ initial }: { initial: LoadProgress }) {
  const router = useRouter();
  const [progress, setProgress] = useState<LoadProgress | null>(initial);
  const [last, setLast] = useState<LoadProgress>(initial);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch('/api/progress', { cache: 'no-store' });
        // Refused (signed out) or failing: keep what is shown; the streamed overview still replaces it.
        if (!res.ok) return;
        const body = (await res.json()) as ProgressResponse;
        if (stopped) return;
        setProgress(body.loading);
        if (body.loading) setLast(body.loading);
        else return; // finished: nothing more to ask
      } catch {
        // the network hiccupped: ask again
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const finished = progress === null;
  useEffect(() => {
    if (!finished) return;
    const timer = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [finished, router]);

  const steps = loadSteps(progress, last);
  const share = analysedShare(progress);
  const analysing = progress?.phase === 'analysing' && progress.total > 0;
  return (
    <div>
      <ol className="space-y-1.5" aria-label="Steps of the load">
        {steps.map((s) => (
          <li key={s.phase} data-testid="load-step" data-phase={s.phase} data-state={s.state} className="flex gap-2">
            <span aria-hidden className={`w-4 text-center ${MARK_STYLE[s.state]}`}>
              {MARK[s.state]}
            </span>
            <span className={s.state === 'waiting' ? 'text-slate-500 dark:text-slate-400' : ''}>
              {s.label}
              {s.state === 'current' ? <span className="sr-only"> (under way)</span> : null}
              {s.state === 'done' ? <span className="sr-only"> (done)</span> : null}
              {s.detail ? (
                <span
                  data-testid={s.phase === 'analysing' ? 'load-services' : `load-${s.phase}`}
                  className="ml-2 text-sm whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400"
                >
                  {s.detail}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      <div
        role="progressbar"
        aria-label="Services analysed"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        data-testid="load-bar"
        className="mt-4 h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded bg-sky-600 transition-[width] duration-300 dark:bg-sky-500 ${analysing || finished ? '' : 'w-0'}`}
          style={analysing || finished ? { width: `${(share * 100).toFixed(1)}%` } : undefined}
        />
      </div>
    </div>
  );
}
