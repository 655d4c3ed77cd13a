'use client';
// Mounts a heavy view one step at a time, so no single task of the main thread has to create, style and
// lay out all of it: the first step now, each further step after the previous one has been painted, in a
// transition (React renders it in slices, and input is served first). Once every step is shown the DOM is
// what an all-at-once render makes; only the order in which the parts appear differs.
import { startTransition, useEffect, useState } from 'react';

/**
 * The step to draw, of `steps`: 1 at first, then, once `ready` (the data to draw has arrived), one more after
 * each paint; `undefined` (draw everything) from the last step on, for good — later data that would take more
 * steps is drawn at once, never taken apart again.
 */
export function useStagedReveal(steps: number, ready: boolean): number | undefined {
  const [step, setStep] = useState<number | undefined>(1);
  useEffect(() => {
    if (!ready || step === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame, then a task: the callback runs after the frame that paints the steps drawn so far.
    const frame = requestAnimationFrame(() => {
      const next = (n: number | undefined) => (n === undefined || n + 1 >= steps ? undefined : n + 1);
      timer = setTimeout(() => startTransition(() => setStep(next)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, step, steps]);
  return step;
}
