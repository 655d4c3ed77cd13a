import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../engine/facade';
import { nginxFrontingApi } from '../engine/frontdoor/testing';
import { buildOverviewData, buildServiceRows, rowMatches, sortRows, type ServiceRow } from './overview';
import { DEFAULT_OVERVIEW_STATE, decodeOverviewState, encodeOverviewState } from './url-state';

/** default/web: an ingress-nginx LoadBalancer (eTP as given) routing api.example.com to the ClusterIP default/api. */
function cluster(policy: 'Cluster' | 'Local') {
  const objects = nginxFrontingApi({
    policy,
    extra: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'cache', namespace: 'default' },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.31', selector: { app: 'cache' }, ports: [{ port: 6379 }] },
      },
    ],
  });
  const run = analyzeObjects(objects);
  const rows = buildServiceRows(run.analysis, run.model);
  return { run, rows, byKey: (k: string) => rows.find((r) => r.key === k)! };
}

describe('overview: client IP at the app', () => {
  it('answers per Service from paths[eTP].app, with how the address travels', () => {
    const local = cluster('Local');
    expect(local.byKey('default/web').app).toEqual({ clientIP: 'yes', how: 'L3, X-Forwarded-For' });
    // The backend answers for the proxy in front of it (the decisive policy is the proxy's).
    expect(local.byKey('default/api').app).toEqual({ clientIP: 'yes', how: 'L3, X-Forwarded-For' });
    // Nothing outside reaches it: n/a rather than the engine's "unknown".
    expect(local.byKey('default/cache').app).toEqual({ clientIP: 'n/a', how: '' });

    const clusterPolicy = cluster('Cluster');
    expect(clusterPolicy.byKey('default/web').app.clientIP).toBe('no');
    expect(clusterPolicy.byKey('default/api').app.clientIP).toBe('no');
  });

  it('filters the table by the answer and keeps the filter in the URL', () => {
    const { run, rows } = cluster('Cluster');
    const state = { ...DEFAULT_OVERVIEW_STATE, app: 'no' as const };
    expect(
      buildOverviewData(run.analysis, rows, state)
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(['default/api', 'default/web']);
    expect(buildOverviewData(run.analysis, rows, { ...state, app: 'yes' }).rows).toEqual([]);
    expect(encodeOverviewState(state)).toBe('?app=no');
    expect(decodeOverviewState(new URLSearchParams('app=No'))).toEqual({ state, notices: [] });
  });

  it('a garbled app filter falls back to any answer with a notice', () => {
    const { state, notices } = decodeOverviewState(new URLSearchParams('app=maybe'));
    expect(state.app).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('"app"');
  });

  it('never matches n/a rows for an answer, and sorts worst first', () => {
    const row = (key: string, clientIP: ServiceRow['app']['clientIP']) =>
      ({ key, namespace: 'a', name: key, app: { clientIP, how: '' } }) as ServiceRow;
    const rows = [row('y', 'yes'), row('u', 'unknown'), row('x', 'n/a'), row('n', 'no'), row('p', 'partial')];
    expect(
      rows
        .filter((r) =>
          rowMatches(
            { ...r, rules: [], findings: { error: 0, warning: 0, info: 0 }, type: 'X', policy: 'Cluster' },
            { ...DEFAULT_OVERVIEW_STATE, app: 'unknown' },
          ),
        )
        .map((r) => r.key),
    ).toEqual(['u']);
    expect(sortRows(rows, 'app', 'asc').map((r) => r.app.clientIP)).toEqual(['no', 'partial', 'unknown', 'yes', 'n/a']);
  });
});
