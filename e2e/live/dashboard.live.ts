// The dashboard in live mode (KUBEPATH_SOURCE=live) against the real control plane: the overview lists
// the cluster's Services as kubectl sees them, and scaling a Deployment updates the open page through
// server-sent events, without a reload — including the Local imbalance finding coming and going; an API
// server outage shows as "reconnecting…" with the context and server, and clears by itself.
import { expect, test, type Page } from '@playwright/test';
import {
  waitForDefaultServiceAccount,
  waitForNodesReady,
  waitForReadyEndpoints,
} from '../../test/live/harness/cluster';
import { apiserver, controlPlane } from '../../test/live/harness/controlplane';
import { apply, getJson, kubectl, setLoadBalancerIngress } from '../../test/live/harness/kubectl';
import { deployment, kwokNode, namespace, service } from '../../test/live/harness/objects';
import { waitForSchedulerView } from '../../test/live/harness/scheduler';
import { OverviewPage } from '../pages/overview-page';
import { keepScreenshot } from '../support/artifacts';

const NS = 'kp-e2e';
const SHOP = `${NS}/shop`;
/** The finding raised when the Local LoadBalancer's pods sit unevenly on its nodes (2+1). */
const IMBALANCE = `local-imbalance/${NS}/shop`;
const cp = controlPlane();

test.describe.configure({ mode: 'serial' });

/** The imbalance finding in the overview's findings list. */
const imbalance = (page: Page) => page.locator(`[data-testid="finding"][data-finding-id="${IMBALANCE}"]`);

/**
 * Runs one set-up step and logs how long it took: when the hook fails, the log says which step was slow
 * (each wait also names itself when it times out).
 */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const value = await run();
  console.log(`[e2e set-up] ${what}: ${Date.now() - start} ms`);
  return value;
}

test.beforeAll(async ({}, testInfo) => {
  // This suite runs right after the live vitest suite's outage test restarted the API server: the
  // controllers' and the scheduler's watches may still be backing off (up to 30 s each in client-go), so
  // the hook gets the sum of its waits' own deadlines (360 s) rather than one test's 120 s; a wait that never
  // ends still fails with its own message, naming what it last saw.
  testInfo.setTimeout(400_000);
  // Created after the dashboard started: it can only know them through its watches.
  await step('nodes and namespace created', () =>
    apply(cp, [
      kwokNode({ name: 'kp-e2e-a', ip: '192.0.2.61', podCIDR: '10.244.61.0/24', zone: 'zone-a', pool: 'e2e' }),
      kwokNode({ name: 'kp-e2e-b', ip: '192.0.2.62', podCIDR: '10.244.62.0/24', zone: 'zone-b', pool: 'e2e' }),
      namespace(NS),
    ]),
  );
  await step('nodes Ready and schedulable', () => waitForNodesReady(cp, 'kubepath.test/pool=e2e', 2));
  await step('default ServiceAccount', () => waitForDefaultServiceAccount(cp, NS));
  // One pod per node needs a scheduler that already sees both nodes as schedulable.
  await step("the scheduler's view of both nodes", () => waitForSchedulerView(cp, NS, ['kp-e2e-a', 'kp-e2e-b'], true));
  await step('Deployment and Services created', () =>
    apply(cp, [
      deployment({ ns: NS, name: 'shop', replicas: 2, pool: 'e2e', spread: true }),
      service({ ns: NS, name: 'shop', app: 'shop', type: 'LoadBalancer', port: 443, externalTrafficPolicy: 'Local' }),
      service({ ns: NS, name: 'shop-internal', app: 'shop', type: 'ClusterIP', port: 8080 }),
    ]),
  );
  await step('load balancer address set', () => setLoadBalancerIngress(cp, NS, 'shop', ['203.0.113.60']));
  await step('2 ready endpoints', () => waitForReadyEndpoints(cp, NS, 'shop', 2));
});

test('the overview lists the live Services', async ({ page }, testInfo) => {
  const overview = new OverviewPage(page);
  await overview.goto(`?ns=${NS}`);
  await expect(overview.header.sourceBadge).toHaveAttribute('data-source-kind', 'live');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'synced');

  const names = (await getJson<{ items: { metadata: { name: string } }[] }>(cp, ['-n', NS, 'services'])).items
    .map((s) => `${NS}/${s.metadata.name}`)
    .sort();
  expect(names).toEqual([SHOP, `${NS}/shop-internal`]);
  await expect.poll(async () => (await overview.rowKeys()).sort()).toEqual(names);
  await expect(overview.cell(SHOP, 'type')).toHaveText('LoadBalancer');
  await expect(overview.cell(SHOP, 'policy')).toHaveText('Local');
  await expect(overview.cell(SHOP, 'endpoints')).toHaveText('2 / 2');
  await expect(overview.cell(`${NS}/shop-internal`, 'type')).toHaveText('ClusterIP');
  // One pod per node: no imbalance (the problems section lists what it found; warning groups start folded).
  await expect(overview.problemGroups.first()).toBeVisible();
  await expect(imbalance(page)).toHaveCount(0);
  await keepScreenshot(page, testInfo, 'live-overview');
});

test('scaling a Deployment updates the open page without a reload (SSE)', async ({ page }, testInfo) => {
  const overview = new OverviewPage(page);
  await overview.goto(`?ns=${NS}`);
  await expect(overview.cell(SHOP, 'endpoints')).toHaveText('2 / 2');
  // A full reload would drop this; a live update (SSE → re-render) keeps it.
  await page.evaluate(() => {
    (window as unknown as { __kubepathNoReload: string }).__kubepathNoReload = 'still here';
  });
  const documentLoads: string[] = [];
  // The Services table's own warning count for the row moves with the finding.
  const rowWarnings = async () => {
    const badge = overview.cell(SHOP, 'findings').getByTestId('severity-warning');
    return (await badge.count()) === 0 ? 0 : parseInt(await badge.innerText(), 10);
  };
  await expect(imbalance(page)).toHaveCount(0);
  const warningsBefore = await rowWarnings();
  page.on('load', () => documentLoads.push(page.url()));

  const t0 = Date.now();
  await kubectl(cp, ['-n', NS, 'scale', 'deployment/shop', '--replicas=3']);
  // Three pods on two nodes (2+1) under eTP Local: the imbalance finding shows up too.
  await expect(overview.cell(SHOP, 'endpoints')).toHaveText('3 / 3', { timeout: 30_000 });
  await expect(imbalance(page)).toHaveCount(1);
  await expect(imbalance(page)).toHaveAttribute('data-severity', 'warning');
  await expect.poll(rowWarnings).toBe(warningsBefore + 1);
  const upMs = Date.now() - t0;
  await keepScreenshot(page, testInfo, 'live-scaled-to-3');

  await kubectl(cp, ['-n', NS, 'scale', 'deployment/shop', '--replicas=2']);
  await expect(overview.cell(SHOP, 'endpoints')).toHaveText('2 / 2', { timeout: 30_000 });
  await expect(imbalance(page)).toHaveCount(0);
  await expect.poll(rowWarnings).toBe(warningsBefore);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'synced');

  expect(await page.evaluate(() => (window as unknown as { __kubepathNoReload?: string }).__kubepathNoReload)).toBe(
    'still here',
  );
  expect(documentLoads).toEqual([]);
  testInfo.annotations.push({
    type: 'timing',
    description: `scale 2→3 visible on the page after ${upMs} ms (kubectl scale → scheduler → kwok → EndpointSlice → watch → SSE → render)`,
  });
});

test('an API server outage turns the badge to "reconnecting…" naming the cluster, and it recovers by itself', async ({
  page,
}, testInfo) => {
  const overview = new OverviewPage(page);
  await overview.goto(`?ns=${NS}`);
  const badge = page.getByTestId('live-status');
  await expect(badge).toHaveAttribute('data-state', 'synced');
  await page.evaluate(() => {
    (window as unknown as { __kubepathNoReload: string }).__kubepathNoReload = 'still here';
  });
  const address = cp.server.replace(/^https:\/\//, '');
  try {
    await apiserver(cp, 'stop');
    await expect(badge).toHaveAttribute('data-state', 'reconnecting', { timeout: 30_000 });
    await expect(badge).toContainText('reconnecting…');
    // Not a spinner: which cluster, where, and that the data shown is from the last sync.
    await expect(badge).toHaveAttribute(
      'title',
      new RegExp(`${cp.context}.*${address.replace(/\./g, '\\.')}.*data last synced at`),
    );
    // …and said on the page itself, not only in the badge's tooltip.
    const notice = page.getByTestId('live-outage');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(cp.context);
    await expect(notice).toContainText(address);
    await keepScreenshot(page, testInfo, 'live-reconnecting');
  } finally {
    await apiserver(cp, 'start');
  }
  await expect(badge).toHaveAttribute('data-state', 'synced', { timeout: 60_000 });
  await expect(badge).toContainText(/synced/);
  await expect(page.getByTestId('live-outage')).toHaveCount(0);
  await expect(overview.cell(SHOP, 'endpoints')).toHaveText('2 / 2');
  expect(await page.evaluate(() => (window as unknown as { __kubepathNoReload?: string }).__kubepathNoReload)).toBe(
    'still here',
  );
});
