// /metrics in the Prometheus text format (prom-client). Answered without sign-in (Prometheus does not
// sign in), so it carries no cluster data: no context, namespace or object names — only kinds, error
// classes, route patterns and numbers. One registry per process (on globalThis: Next may load this
// module once per route bundle).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LiveMetrics } from '../live/live-source';
import { serverState } from './request-context';

/** Sync ages (seconds) per kind of every running live source, for the gauge. */
export type SyncAgeReader = () => { kind: string; ageSeconds: number }[];

interface Metrics {
  registry: Registry;
  watchRestarts: Counter<'kind'>;
  apiErrors: Counter<'kind' | 'class'>;
  analysis: Histogram<'mode'>;
  syncAges: { read: SyncAgeReader };
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kubepath_' });
  const syncAges: Metrics['syncAges'] = { read: () => [] };
  new Gauge({
    name: 'kubepath_sync_age_seconds',
    help: 'Age of the live data per kind: 0 while its watch is open, else seconds since it was last known in sync (the oldest over the watched contexts).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      const worst = new Map<string, number>();
      for (const { kind, ageSeconds } of syncAges.read()) worst.set(kind, Math.max(worst.get(kind) ?? 0, ageSeconds));
      for (const [kind, age] of worst) this.set({ kind }, age);
    },
  });
  new Counter({
    name: 'kubepath_http_requests_total',
    help: 'HTTP requests served, by method, route pattern and status (counted by the server entry, scripts/serve.mjs).',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, n] of serverState()?.http ?? []) {
        const [method, route, status] = JSON.parse(key) as [string, string, string];
        this.inc({ method, route, status }, n);
      }
    },
  });
  return {
    registry,
    syncAges,
    watchRestarts: new Counter({
      name: 'kubepath_watch_restarts_total',
      help: 'Watches opened again after the first, per kind (server timeouts, errors, re-lists).',
      labelNames: ['kind'],
      registers: [registry],
    }),
    apiErrors: new Counter({
      name: 'kubepath_api_errors_total',
      help: 'Failed LIST/WATCH requests to the API server, per kind and error class.',
      labelNames: ['kind', 'class'],
      registers: [registry],
    }),
    analysis: new Histogram({
      name: 'kubepath_analysis_duration_seconds',
      help: 'Time to analyse the cluster after a change (full or incremental).',
      labelNames: ['mode'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

const g = globalThis as unknown as { __kubepathMetrics?: Metrics };

/** The process's metrics. */
export function metrics(): Metrics {
  return (g.__kubepathMetrics ??= create());
}

/** The live source's hooks into the metrics (no context names: see the file comment). */
export const liveMetrics: LiveMetrics = {
  watchRestarted: (_context, kind) => metrics().watchRestarts.inc({ kind }),
  apiError: (_context, kind, error) => metrics().apiErrors.inc({ kind, class: error.class }),
  analysed: (_context, mode, ms) => metrics().analysis.observe({ mode }, ms / 1000),
};

/** Where the sync-age gauge reads the running sources from (lib/source/live.ts sets it). */
export function setSyncAgeReader(read: SyncAgeReader): void {
  metrics().syncAges.read = read;
}
