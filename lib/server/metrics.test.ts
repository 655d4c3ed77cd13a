import { describe, expect, it } from 'vitest';
import { liveMetrics, metrics, setSyncAgeReader } from './metrics';

const STATE = Symbol.for('kubepath.server');

describe('metrics', () => {
  it('exposes sync age per kind, watch restarts, API errors, analysis duration and HTTP requests — no names of cluster objects', async () => {
    (globalThis as Record<symbol, unknown>)[STATE] = {
      requests: new Map(),
      http: new Map([[JSON.stringify(['GET', '/api/analysis', '401']), 3]]),
      startedAt: 0,
    };
    setSyncAgeReader(() => [
      { kind: 'Pod', ageSeconds: 0 },
      { kind: 'Pod', ageSeconds: 42 },
      { kind: 'Service', ageSeconds: 0 },
    ]);
    liveMetrics.watchRestarted('prod-eu-secret-context', 'Pod');
    liveMetrics.apiError('prod-eu-secret-context', 'Service', { class: 'unreachable', status: null, message: 'x' });
    liveMetrics.analysed('prod-eu-secret-context', 'incremental', 12);
    const text = await metrics().registry.metrics();
    expect(text).toContain('kubepath_sync_age_seconds{kind="Pod"} 42');
    expect(text).toContain('kubepath_sync_age_seconds{kind="Service"} 0');
    expect(text).toContain('kubepath_watch_restarts_total{kind="Pod"} 1');
    expect(text).toContain('kubepath_api_errors_total{kind="Service",class="unreachable"} 1');
    expect(text).toContain('kubepath_analysis_duration_seconds_count{mode="incremental"} 1');
    expect(text).toContain('kubepath_http_requests_total{method="GET",route="/api/analysis",status="401"} 3');
    expect(text).not.toContain('prod-eu-secret-context');
  });
});
