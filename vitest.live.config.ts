// Live-cluster integration tests (test/live/**/*.live.test.ts) against the real control plane that
// scripts/test-live.sh starts (or any started with scripts/controlplane/start.sh; set KUBEPATH_CP_DIR).
// Files run one at a time: they share one cluster, and one of them stops the API server.
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { fileURLToPath } from 'node:url';

/**
 * A fixed file order, the same on every machine: alphabetical, with the outage test last. Restarting
 * the API server leaves the controllers' and scheduler's watches backing off for a while; the other
 * files must not depend on how fast they recover (they also check the scheduler's view themselves).
 */
class LiveOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (f: TestSpecification) => (f.moduleId.endsWith('outage.live.test.ts') ? 1 : 0);
    return [...files].sort((a, b) => last(a) - last(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Server-only modules (lib/source, lib/live) are imported in-process here, outside React's server bundle.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['test/live/**/*.live.test.ts'],
    environment: 'node',
    globalSetup: ['test/live/harness/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: LiveOrder },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // A flaky retry would hide exactly the watch/re-sync bugs these tests exist to catch.
    retry: 0,
    reporters: ['verbose'],
  },
});
