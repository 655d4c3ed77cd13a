// Scaling a Deployment and moving pods between nodes is reflected by the live source and by a running
// dashboard's server-sent events within a few seconds, without restarting anything; the Local
// imbalance finding appears (pods packed 2+1+1 or 2+1) and disappears (1+1+1) with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import { describePlacement, endpointPlacement, readyEndpointsPerNode } from './harness/cluster';
import { controlPlane } from './harness/controlplane';
import { openEvents, startDashboard, type Dashboard, type EventStream } from './harness/dashboard';
import { startLive, type LiveHandle } from './harness/live-source';
import { cordon, createMoveCluster, deleteOnePodOn, IMBALANCE_ID, MOVE, scale } from './harness/move-cluster';
import { waitFor } from './harness/wait';

/** "Within a few seconds": the most the live views may trail the EndpointSlice controller. */
const LAG_BUDGET_MS = 5_000;

const cp = controlPlane();
const [A, B, C] = MOVE.nodes;
const KEY = `${MOVE.ns}/${MOVE.service}`;
let live: LiveHandle;
let dashboard: Dashboard;
let events: EventStream;
const timings: string[] = [];

beforeAll(async () => {
  await createMoveCluster(cp);
  live = await startLive({ kubeconfig: cp.kubeconfig });
  dashboard = await startDashboard({ kubeconfig: cp.kubeconfig });
  events = await openEvents(dashboard.url);
  await live.waitSynced(60_000);
});

afterAll(async () => {
  events?.close();
  await dashboard?.stop();
  await live?.close();
  await cordon(cp, MOVE.nodes, false).catch(() => {});
  console.log(`[scale-move] timings (after the EndpointSlice controller published):\n  ${timings.join('\n  ')}`);
});

/** Ready endpoints per node and the imbalance finding, as an analysis shows them for the test Service. */
function observed(a: AnalysisResult): {
  perNode: Record<string, number>;
  ready: number;
  total: number;
  imbalance: boolean;
} {
  const s = a.services.find((x) => x.service === KEY);
  const perNode: Record<string, number> = {};
  for (const p of s?.paths.Local.pods ?? []) if (p.ready) perNode[p.node ?? '?'] = (perNode[p.node ?? '?'] ?? 0) + 1;
  return {
    perNode,
    ready: s?.endpoints.ready ?? -1,
    total: s?.endpoints.total ?? -1,
    imbalance: a.findings.some((f) => f.id === IMBALANCE_ID),
  };
}

const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** A placement predicate on ready endpoints per node. */
type Placement = (perNode: Record<string, number>) => boolean;

const counts = (perNode: Record<string, number>) => Object.values(perNode).sort((a, b) => a - b);
/** One ready pod on each of the three nodes. */
const onePerNode: Placement = (n) => sameCounts(n, { [A]: 1, [B]: 1, [C]: 1 });

/**
 * Runs `action`; waits until kubectl sees ready endpoints placed as `placement` says (the scheduler
 * may pick among nodes: the exact placement is learnt here), then waits concurrently for the live
 * source and for the dashboard (an SSE event after which /api/analysis shows it) to show exactly that
 * placement and `imbalance`. Both may trail kubectl by at most LAG_BUDGET_MS. Only SSE events from
 * `eventsFrom` (default: those after the action starts) count.
 */
async function step(
  label: string,
  action: () => Promise<void>,
  placement: Placement,
  imbalance: boolean,
  opts: { eventsFrom?: number } = {},
): Promise<Record<string, number>> {
  const mark = opts.eventsFrom ?? events.events.length;
  const t0 = Date.now();
  await action();
  const { value: perNode } = await waitFor(
    `${label}: kubectl sees the expected placement`,
    async () => {
      const now = await endpointPlacement(cp, MOVE.ns, MOVE.service);
      return { ok: now.notReady === 0 && placement(now.perNode), value: now.perNode, seen: JSON.stringify(now) };
    },
    { timeoutMs: 90_000, intervalMs: 200 },
  ).catch(async (e: Error) => {
    // Say what the scheduler did, so a failure on a loaded CI machine can be diagnosed from its log.
    const state = await describePlacement(cp, MOVE.ns, `kubepath.test/pool=${MOVE.pool}`).catch(
      (d: Error) => `(could not read the placement: ${d.message})`,
    );
    throw new Error(`${e.message}\n  ${state}`);
  });
  const k = Date.now();
  const total = Object.values(perNode).reduce((a, b) => a + b, 0);
  const want = (o: ReturnType<typeof observed>) =>
    o.ready === total && o.total === total && sameCounts(o.perNode, perNode) && o.imbalance === imbalance;
  const [l, d] = await Promise.all([
    waitFor(
      `${label}: the live source shows ${JSON.stringify(perNode)}, imbalance ${imbalance}`,
      async () => {
        const o = observed(await live.analysis());
        return { ok: want(o), seen: JSON.stringify(o) };
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    ).then(() => Date.now()),
    (async () => {
      let seen = 'nothing fetched yet';
      for (let i = mark; ; i++) {
        await events.waitFor(`${label}: an event after the change (last /api/analysis: ${seen})`, () => true, {
          from: i,
          timeoutMs: 60_000,
        });
        const body = (await (await fetch(`${dashboard.url}/api/analysis`)).json()) as { analysis: AnalysisResult };
        const o = observed(body.analysis);
        if (want(o)) return Date.now();
        seen = JSON.stringify(o);
      }
    })(),
  ]);
  timings.push(
    `${label}: kubectl saw it ${k - t0} ms after the action; live source +${l - k} ms; dashboard via SSE +${d - k} ms`,
  );
  expect(l - k, `${label}: live source lag`).toBeLessThanOrEqual(LAG_BUDGET_MS);
  expect(d - k, `${label}: dashboard lag`).toBeLessThanOrEqual(LAG_BUDGET_MS);
  return perNode;
}

describe('scale and move pods: live source and dashboard follow without a restart', () => {
  it('starts balanced: one pod per node, no imbalance finding', async () => {
    // Nothing changes here: the event the stream opened with counts.
    await step('initial', async () => {}, onePerNode, false, { eventsFrom: 0 });
  });

  it('scaling 3 → 4 packs two pods on one node: the imbalance finding appears', async () => {
    const placed = await step(
      'scale to 4',
      () => scale(cp, 4),
      (n) => JSON.stringify(counts(n)) === '[1,1,2]',
      true,
    );
    expect(Object.keys(placed).sort()).toEqual([A, B, C]);
  });

  it('scaling 4 → 3 removes the doubled pod: the finding disappears', async () => {
    await step('scale to 3', () => scale(cp, 3), onePerNode, false);
  });

  it('moving the pod off a cordoned node packs two on another: the finding appears', async () => {
    const placed = await step(
      'move off C',
      async () => {
        await cordon(cp, [C], true);
        await deleteOnePodOn(cp, C);
      },
      (n) => !n[C] && JSON.stringify(counts(n)) === '[1,2]',
      true,
    );
    expect(placed[C]).toBeUndefined();
  });

  it('moving a pod back to the uncordoned node restores one per node: the finding disappears', async () => {
    const now = await readyEndpointsPerNode(cp, MOVE.ns, MOVE.service);
    const doubled = Object.entries(now).find(([, n]) => n === 2)?.[0];
    if (!doubled) throw new Error(`expected a node with two pods, saw ${JSON.stringify(now)}`);
    await step(
      'move back to C',
      async () => {
        await cordon(cp, [C], false);
        await cordon(cp, [A, B], true);
        await deleteOnePodOn(cp, doubled);
      },
      onePerNode,
      false,
    );
    await cordon(cp, [A, B], false);
  });
});
