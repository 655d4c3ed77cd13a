// Long computations written as generators of steps (a YAML list's parts, lib/snapshot/yaml-list.ts; a cluster's
// Services, lib/source/compute.ts): run to their end at once where nothing else waits for the thread.

/** Runs `steps` to their end and returns their result. */
export function runSteps<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
