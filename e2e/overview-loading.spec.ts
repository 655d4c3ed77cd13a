// `/` while the server loads a snapshot: the first response starts at once with the header, the source and the
// load's progress (reading … building the model … analysing Services n / N, polled from /api/progress), and
// the overview replaces it in the same response when the load is done — no reload. The server is this spec's
// own, on a generated cluster, with KUBEPATH_LOAD_STEP_DELAY_MS stretching the load (test-only: every step of
// it waits that long) so the progress can be watched; each test touches the file, so the server loads it again.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateCluster } from '../bench/generate';
import { LoadProgressView } from './pages/load-progress-view';
import { OverviewPage } from './pages/overview-page';
import { keepScreenshot } from './support/artifacts';
import { startOwnServer, type OwnServer } from './support/own-server';

const SERVICES = 200;
const WIDTHS = [1440, 1280, 390] as const;

let dir = '';
let file = '';
let server: OwnServer;
let mtime = 1_000_000;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubepath-loading-'));
  file = join(dir, 'generated.json');
  const items = generateCluster({ nodes: 20, pods: SERVICES * 3, services: SERVICES, networkPolicies: 8 });
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  server = await startOwnServer({ KUBEPATH_SNAPSHOT: file, KUBEPATH_LOAD_STEP_DELAY_MS: '40' });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A new mtime, so the next request after the source's re-check interval (1 s) loads the snapshot again. */
async function touchSnapshot(): Promise<void> {
  mtime += 1000;
  utimesSync(file, mtime, mtime);
  await new Promise((r) => setTimeout(r, 1100));
}

/** CSP violations the page reports (the streamed overview's inline scripts must carry the page's nonce). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('the first response shows the load with its progress, then the overview appears without a reload', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const progress = new LoadProgressView(page);
  const overview = new OverviewPage(page);
  const violations = cspViolations(page);
  await touchSnapshot();
  await progress.open(`${server.base}/`);
  await expect(progress.root).toBeVisible();
  await expect(progress.root.getByRole('heading', { name: 'Loading the snapshot' })).toBeVisible();
  await expect(progress.header.sourceBadge).toContainText('generated.json');
  await expect(overview.rows).toHaveCount(0);
  // The header works during the load (it is hydrated, not a lifeless fallback).
  await page.emulateMedia({ colorScheme: 'light' });
  await progress.header.themeToggle.click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  // A mark on this document: a reload would lose it.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  // The analysis counts up while the page watches (polled, not rendered once).
  await expect(progress.step('analysing')).toHaveAttribute('data-state', 'current', { timeout: 15_000 });
  await expect(progress.step('reading')).toHaveAttribute('data-state', 'done');
  await expect(progress.step('modelling')).toHaveAttribute('data-state', 'done');
  await expect(progress.services).toBeVisible();
  const early = await progress.servicesCount();
  expect(early.total).toBe(SERVICES);
  await expect.poll(async () => (await progress.servicesCount()).done).toBeGreaterThan(early.done);
  expect(Number(await progress.bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  // Then the overview replaces the progress in the same page.
  await expect(overview.rows.first()).toBeVisible({ timeout: 30_000 });
  await expect(progress.root).toHaveCount(0);
  await expect(page.getByTestId('app-header')).toHaveCount(1);
  await expect(overview.summary).toBeVisible();
  await expect(overview.header.dataplaneBadge).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(violations).toEqual([]);
});

test('one request gets it all: the progress view first, the whole overview at the end (clients without JavaScript too)', async () => {
  test.setTimeout(60_000);
  await touchSnapshot();
  const res = await fetch(`${server.base}/`);
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let body = '';
  let rowsWhenProgressShown = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    body += decoder.decode(value, { stream: true });
    if (rowsWhenProgressShown < 0 && body.includes('data-testid="load-progress"'))
      rowsWhenProgressShown = body.split('data-testid="service-row"').length - 1;
  }
  expect(rowsWhenProgressShown).toBe(0); // the progress came before any of the table
  expect(body.split('data-testid="service-row"').length - 1).toBeGreaterThan(0);
  expect(body).toContain('data-testid="services-table"');
  // Without JavaScript the streamed overview stays hidden: the page asks to be reloaded.
  expect(body).toMatch(/<noscript><p[^>]*>Without JavaScript this page cannot show the overview/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page still says what is going on once the response is complete, and a reload shows the overview', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const progress = new LoadProgressView(page);
    const overview = new OverviewPage(page);
    await touchSnapshot();
    await page.goto(`${server.base}/`); // waits for the whole response: the overview is in it, held hidden
    // (Its <noscript> hint to reload is checked in the HTML above: Chromium without scripts still parses
    // <noscript> as scripting-enabled browsers do, so it is not shown here.)
    await expect(progress.root).toBeVisible();
    // The header shown is the loading page's (the overview's own is held hidden with it).
    await expect(progress.header.root.first()).toBeVisible();
    await expect(progress.header.root.last()).toBeHidden();
    await expect(overview.rows.first()).toBeHidden();
    await page.reload();
    await expect(overview.rows.first()).toBeVisible();
    await expect(progress.root).toHaveCount(0);
  });
});

test('APIs wait for the load and answer whole data, never part of it', async ({ request }) => {
  test.setTimeout(60_000);
  await touchSnapshot();
  const during = await request.get(`${server.base}/api/progress`);
  expect((await during.json()).loading).toMatchObject({ phase: expect.stringMatching(/reading|modelling|analysing/) });
  const analysis = await request.get(`${server.base}/api/analysis?pageSize=500`);
  expect(analysis.status()).toBe(200);
  expect((await analysis.json()).analysis.services).toHaveLength(SERVICES);
  expect(await (await request.get(`${server.base}/api/progress`)).json()).toEqual({ loading: null });
});

for (const width of WIDTHS) {
  test(`what do the progress view and the finished overview look like at ${width} px?`, async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const progress = new LoadProgressView(page);
    const overview = new OverviewPage(page);
    await touchSnapshot();
    await progress.open(`${server.base}/`);
    await expect(progress.step('analysing')).toHaveAttribute('data-state', 'current', { timeout: 15_000 });
    await expect.poll(async () => (await progress.servicesCount()).done).toBeGreaterThan(SERVICES / 4);
    await keepScreenshot(page, testInfo, `overview-loading-${width}`);
    await expect(overview.rows.first()).toBeVisible({ timeout: 30_000 });
    await keepScreenshot(page, testInfo, `overview-loaded-${width}`);
  });
}
