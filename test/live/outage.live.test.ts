// Stopping the API server (graceful stop, then a crash) is reported by the live source with the
// context name and server address, its data stops counting as fresh, and once the API server is back
// it re-syncs by itself: a change made right after the restart, while the source is still backing
// off, shows up without restarting kubepath.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import { waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './harness/cluster';
import { apiserver, controlPlane } from './harness/controlplane';
import { apply, kubectl } from './harness/kubectl';
import { startLive, type LiveHandle } from './harness/live-source';
import { deployment, kwokNode, namespace, service } from './harness/objects';
import { sleep, waitFor } from './harness/wait';

const cp = controlPlane();
const NS = 'kp-outage';
const KEY = `${NS}/backend`;
/** Upper bound for noticing the outage (watch connections drop at once; a watchdog may take longer). */
const DETECT_MS = 30_000;
/** Upper bound for re-syncing after the API server is back (jittered backoff, then LIST + WATCH). */
const RESYNC_MS = 60_000;
let live: LiveHandle;

const ready = (a: AnalysisResult) => a.services.find((s) => s.service === KEY)?.endpoints.ready ?? -1;

beforeAll(async () => {
  await apply(cp, [kwokNode({ name: 'kp-out-a', ip: '192.0.2.41', podCIDR: '10.244.41.0/24', zone: 'zone-a', pool: 'outage' }), namespace(NS)]);
  await waitForNodesReady(cp, 'kubepath.test/pool=outage', 1);
  await waitForDefaultServiceAccount(cp, NS);
  await apply(cp, [
    deployment({ ns: NS, name: 'backend', replicas: 1, pool: 'outage' }),
    service({ ns: NS, name: 'backend', app: 'backend', type: 'ClusterIP', port: 80 }),
  ]);
  await waitForReadyEndpoints(cp, NS, 'backend', 1);
  live = await startLive({ kubeconfig: cp.kubeconfig });
  await live.waitSynced(60_000);
  await waitFor('the live source to see 1 ready endpoint', async () => ({ ok: ready(await live.analysis()) === 1 }));
});

afterAll(async () => {
  // Whatever happened, leave the API server running for the tests after this file.
  await apiserver(cp, 'start').catch((e) => console.error('apiserver.sh start failed', e));
  await live?.close();
});

/** One outage: take the API server down with `how`, check the report, bring it back, change something, check the re-sync. */
async function outage(how: 'stop' | 'kill', replicasAfter: number): Promise<void> {
  const before = live.status();
  expect(before.state).toBe('synced');
  await apiserver(cp, how);
  const { ms: detectMs } = await waitFor(`the live source to report the outage (${how})`, async () => {
    const s = live.status();
    return { ok: s.state === 'reconnecting' || s.state === 'error', seen: JSON.stringify(s.raw) };
  }, { timeoutMs: DETECT_MS, intervalMs: 100 });
  const detectedAt = Date.now();
  const down = live.status();
  // A clear message naming the context and the server, not a spinner.
  expect(down.message).toContain(cp.context);
  expect(down.message).toContain(cp.server.replace(/^https:\/\//, ''));
  // Data older than its last successful sync is never presented as fresh: the sync time stops at the
  // outage and does not move while the API server is down, and the state stays an outage state (no
  // false "synced" from a cache).
  expect(down.lastSyncAt === null || down.lastSyncAt <= detectedAt).toBe(true);
  await sleep(3_000);
  const later = live.status();
  expect(['reconnecting', 'error']).toContain(later.state);
  expect(later.lastSyncAt === null || later.lastSyncAt <= detectedAt).toBe(true);
  // The last known data is still there to show (marked stale), not thrown away.
  expect(ready(await live.analysis())).toBeGreaterThanOrEqual(1);

  await apiserver(cp, 'start');
  const upAt = Date.now();
  // A change the source has not seen yet: it must re-list or resume its watches to notice.
  await kubectl(cp, ['-n', NS, 'scale', 'deployment/backend', `--replicas=${replicasAfter}`]);
  await waitForReadyEndpoints(cp, NS, 'backend', replicasAfter);
  const { ms: resyncMs } = await waitFor(`the live source to re-sync and show ${replicasAfter} ready endpoints`, async () => {
    const s = live.status();
    const n = ready(await live.analysis());
    return { ok: s.state === 'synced' && n === replicasAfter, seen: `${n} ready; ${JSON.stringify(s.raw)}` };
  }, { timeoutMs: RESYNC_MS, intervalMs: 200 });
  const after = live.status();
  expect(after.lastSyncAt).not.toBeNull();
  expect(after.lastSyncAt!).toBeGreaterThanOrEqual(upAt - 1_000);
  console.log(`[outage] ${how}: outage reported ${detectMs} ms after apiserver.sh ${how}; re-synced ${resyncMs} ms after the ${replicasAfter}-endpoint change was published (${Date.now() - upAt} ms after the restart)`);
}

describe('API server outage: reported, recovered and re-synced without restarting kubepath', () => {
  it('graceful stop (SIGTERM) and start', async () => {
    await outage('stop', 2);
  });

  it('crash (SIGKILL) and start', async () => {
    await outage('kill', 3);
  });
});
