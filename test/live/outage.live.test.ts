// Stopping the API server for 30 s (graceful stop, then a crash) is reported by the live source with
// the context name and server address, its data stops counting as fresh, and once the API server is
// back it re-syncs by itself within 5 s — although its backoff has grown to 30 s sleeps, it probes the
// server every second: a Service created right after the restart shows up without restarting kubepath.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import type { LiveEvent } from '../../lib/live/status';
import { runCli } from './harness/cli';
import { waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './harness/cluster';
import { apiserver, controlPlane } from './harness/controlplane';
import { openEvents, startDashboard, type Dashboard, type EventStream, type SseEvent } from './harness/dashboard';
import { apply } from './harness/kubectl';
import { startLive, type LiveHandle } from './harness/live-source';
import { deployment, kwokNode, namespace, service } from './harness/objects';
import { sleep, waitFor } from './harness/wait';

const cp = controlPlane();
const NS = 'kp-outage';
const KEY = `${NS}/backend`;
/** Upper bound for noticing the outage (watch connections drop at once; a watchdog may take longer). */
const DETECT_MS = 30_000;
/** How long the API server stays down: longer than the 30 s backoff cap, so a sleeping backoff would show. */
const OUTAGE_MS = 30_000;
/**
 * Re-sync (state synced, the Service created after the restart seen) within this long of the API server
 * answering /readyz again: the live source probes every second while it backs off.
 */
const RESYNC_MS = 5_000;
/** How long the dashboard's own event stream may take (it runs the same code; this only bounds the wait). */
const DASHBOARD_RESYNC_MS = 30_000;
let live: LiveHandle;
let dashboard: Dashboard;
let events: EventStream;

const ready = (a: AnalysisResult) => a.services.find((s) => s.service === KEY)?.endpoints.ready ?? -1;

beforeAll(async () => {
  await apply(cp, [
    kwokNode({ name: 'kp-out-a', ip: '192.0.2.41', podCIDR: '10.244.41.0/24', zone: 'zone-a', pool: 'outage' }),
    namespace(NS),
  ]);
  await waitForNodesReady(cp, 'kubepath.test/pool=outage', 1);
  await waitForDefaultServiceAccount(cp, NS);
  await apply(cp, [
    deployment({ ns: NS, name: 'backend', replicas: 1, pool: 'outage' }),
    service({ ns: NS, name: 'backend', app: 'backend', type: 'ClusterIP', port: 80 }),
  ]);
  await waitForReadyEndpoints(cp, NS, 'backend', 1);
  live = await startLive({ kubeconfig: cp.kubeconfig });
  dashboard = await startDashboard({ kubeconfig: cp.kubeconfig });
  events = await openEvents(dashboard.url);
  await live.waitSynced(60_000);
  await waitFor('the live source to see 1 ready endpoint', async () => ({ ok: ready(await live.analysis()) === 1 }));
});

afterAll(async () => {
  // Whatever happened, leave the API server running for the tests after this file.
  await apiserver(cp, 'start').catch((e) => console.error('apiserver.sh start failed', e));
  events?.close();
  await dashboard?.stop();
  await live?.close();
  // …with controllers that watch again: theirs back off for up to a minute after an outage, and the suites
  // after this one create namespaces, pods and Services that need them (apiserver.sh do_restart_controllers).
  await apiserver(cp, 'restart-controllers');
});

/** The live status an SSE message carries (`data: {version, status}`, lib/live/status.ts LiveEvent). */
const sse = (e: SseEvent): LiveEvent | null => {
  try {
    return JSON.parse(e.data) as LiveEvent;
  } catch {
    return null;
  }
};

/** One outage: take the API server down with `how`, check the report, bring it back, change something, check the re-sync. */
async function outage(how: 'stop' | 'kill'): Promise<void> {
  const before = live.status();
  expect(before.state).toBe('synced');
  const mark = events.events.length;
  await apiserver(cp, how);
  const downAt = Date.now();
  const { ms: detectMs } = await waitFor(
    `the live source to report the outage (${how})`,
    async () => {
      const s = live.status();
      return { ok: s.state === 'reconnecting' || s.state === 'error', seen: JSON.stringify(s.raw) };
    },
    { timeoutMs: DETECT_MS, intervalMs: 100 },
  );
  const detectedAt = Date.now();
  const down = live.status();
  // A clear message naming the context and the server, not a spinner.
  expect(down.message).toContain(cp.context);
  expect(down.message).toContain(cp.server.replace(/^https:\/\//, ''));
  // An open page is told too: the dashboard's event stream carries the outage, with the same clear message.
  const outageEvent = await events.waitFor(
    'a reconnecting/error status from the dashboard',
    (e) => {
      const m = sse(e);
      return !!m && (m.status.state === 'reconnecting' || m.status.state === 'error');
    },
    { from: mark, timeoutMs: DETECT_MS },
  );
  const outageStatus = sse(outageEvent)!.status;
  expect(outageStatus.error).toContain(cp.context);
  expect(outageStatus.error).toContain(cp.server.replace(/^https:\/\//, ''));
  // Data older than its last successful sync is never presented as fresh: the sync time stops at the
  // outage and does not move while the API server is down, and the state stays an outage state (no
  // false "synced" from a cache).
  expect(down.lastSyncAt === null || down.lastSyncAt <= detectedAt).toBe(true);
  await sleep(3_000);
  const later = live.status();
  expect(['reconnecting', 'error']).toContain(later.state);
  expect(later.lastSyncAt === null || later.lastSyncAt <= detectedAt).toBe(true);
  // A one-shot `kubepath analyze` against the downed server fails clearly (exit 2), naming context and server.
  const cli = await runCli(['analyze', '--kubeconfig', cp.kubeconfig, '--json']);
  expect(cli.code).toBe(2);
  expect(cli.stdout).toBe('');
  expect(cli.stderr).toContain(cp.context);
  expect(cli.stderr).toContain(cp.server.replace(/^https:\/\//, ''));
  // The last known data is still there to show (marked stale), not thrown away.
  expect(ready(await live.analysis())).toBeGreaterThanOrEqual(1);

  // A 30 s outage, as a node reboot or a control-plane upgrade causes: the backoff has reached its cap.
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
  expect(['reconnecting', 'error']).toContain(live.status().state);
  await apiserver(cp, 'start'); // returns once /readyz answers ok
  const upAt = Date.now();
  // A change the source has not seen yet, made at once (while it may still be backing off): it must
  // re-list or resume its watches to notice. A new Service needs no controller (the controllers
  // themselves take up to ~30 s to reconnect after a crash), so the time measured is kubepath's own.
  const added = `backend-after-${how}-${Date.now().toString(36)}`;
  await apply(cp, [service({ ns: NS, name: added, app: 'backend', type: 'ClusterIP', port: 81 })]);
  const { ms: resyncMs } = await waitFor(
    `the live source to re-sync and show Service ${NS}/${added}`,
    async () => {
      const s = live.status();
      const a = await live.analysis();
      return {
        ok: s.state === 'synced' && a.services.some((x) => x.service === `${NS}/${added}`),
        seen: JSON.stringify(s.raw),
      };
    },
    { timeoutMs: RESYNC_MS * 4, intervalMs: 100 },
  );
  // Asserted separately (not only as the wait's timeout) so a slow re-sync fails with its time.
  expect(resyncMs).toBeLessThanOrEqual(RESYNC_MS);
  // …and the dashboard re-syncs by itself too: a synced status on its event stream, after which its
  // analysis has the new Service.
  let seen = 'no synced event yet';
  for (let i = events.events.indexOf(outageEvent) + 1; ; i++) {
    const e = await events.waitFor(
      `a synced status from the dashboard whose analysis has ${added} (last: ${seen})`,
      () => true,
      { from: i, timeoutMs: DASHBOARD_RESYNC_MS },
    );
    i = events.events.indexOf(e);
    if (sse(e)?.status.state !== 'synced') continue;
    const body = (await (await fetch(`${dashboard.url}/api/analysis`)).json()) as { analysis: AnalysisResult };
    if (body.analysis.services.some((x) => x.service === `${NS}/${added}`)) break;
    seen = `v${sse(e)?.version} without it`;
  }
  const after = live.status();
  expect(after.lastSyncAt).not.toBeNull();
  expect(after.lastSyncAt!).toBeGreaterThanOrEqual(upAt);
  // The data from before the outage is still right (nothing was dropped by the re-list).
  expect(ready(await live.analysis())).toBe(1);
  console.log(`[outage] ${how}: status during the outage: ${down.state}: ${down.message}`);
  console.log(
    `[outage] ${how}: ${Math.round((upAt - downAt) / 1000)} s outage reported ${detectMs} ms after apiserver.sh ${how} returned; re-synced (new Service seen, state synced) ${resyncMs} ms after the API server answered /readyz again`,
  );
}

describe('API server outage: reported, recovered and re-synced without restarting kubepath', () => {
  it('graceful stop (SIGTERM) and start', async () => {
    await outage('stop');
  });

  it('crash (SIGKILL) and start', async () => {
    await outage('kill');
  });
});
