// `/local`: snapshot files opened in the browser are analysed there and never uploaded.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { LocalPage } from './pages/local-page';
import { ServicePage } from './pages/service-page';
import { keepScreenshot, recordDialogs } from './support/artifacts';

const XSS_FIXTURE = 'e2e/fixtures/xss-cluster.json';
const BROKEN_FIXTURE = 'e2e/fixtures/broken.yaml';
const DEMO_SNAPSHOT = 'lib/demo/demo-cluster.json';

test('opens snapshot files locally, shows parse errors, and uploads nothing', async ({ page }, testInfo) => {
  const dialogs = recordDialogs(page);
  const local = new LocalPage(page);
  await local.goto();
  await expect(local.disclaimer).toHaveText(
    'Local view — computed in your browser, not uploaded, cannot be shared by link.',
  );
  await expect(local.header.sourceBadge).toHaveAttribute('data-source-kind', 'local');
  await expect(local.header.copyLinkButton).toHaveCount(0);

  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' || r.postData() !== null) sent.push(`${r.method()} ${r.url()}`);
  });
  await local.open([XSS_FIXTURE, BROKEN_FIXTURE]);

  // What parsed is shown; the broken document is reported with its file.
  await expect(local.sourceErrors).toContainText('broken.yaml');
  await expect(local.overview.rows).toHaveCount(3);
  await expect(local.overview.row('broken/survivor')).toHaveCount(1);
  // Markup in names is text.
  await expect(local.overview.cell('xss/<script>alert(1)</script>', 'name')).toHaveText('<script>alert(1)</script>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // Filters work on local data (kept in the page, not in the URL).
  await local.overview.filter('ns').selectOption('broken');
  await expect(local.overview.rows).toHaveCount(1);
  expect(new URL(page.url()).search).toBe('');
  await local.overview.filter('ns').selectOption('');

  // A Service opens its local details.
  await local.overview.cell('xss/<script>alert(1)</script>', 'name').getByRole('button').click();
  await expect(local.servicePanel).toContainText('xss/<script>alert(1)</script>');
  // Drawn with the Service page's diagram components, both policies side by side.
  await expect(local.servicePanel.getByTestId('path-diagram')).toHaveCount(2);

  expect(sent).toEqual([]);
  expect(dialogs).toEqual([]);
  await keepScreenshot(page, testInfo, 'local-snapshot');
});

test('which kubectl command makes a complete snapshot, and what is lost without each kind?', async ({ page }) => {
  const local = new LocalPage(page);
  await local.goto();
  const command = await local.command.innerText();
  const kinds = command.match(/kubectl get (\S+) -A -o json/)?.[1].split(',') ?? [];
  expect(kinds).toEqual(
    expect.arrayContaining([
      'services',
      'endpointslices',
      'nodes',
      'pods',
      'namespaces',
      'networkpolicies',
      'configmaps',
    ]),
  );
  // Each kind of the command says what the answers lose without it (the list is open before a file is picked).
  await expect(local.kinds).toHaveCount(kinds.length);
  await expect(local.kinds.and(page.locator('[data-kind="ConfigMap"]'))).toContainText('iptables mode is assumed');

  // A snapshot without them is told so after the load, with what is lost.
  await local.open([XSS_FIXTURE]);
  await expect(local.missingKinds).toContainText('configmaps: without them');
});

test('does Back keep the snapshot I opened?', async ({ page }) => {
  const local = new LocalPage(page);
  await local.goto();
  await local.open([DEMO_SNAPSHOT]);
  expect(await local.overview.rows.count()).toBeGreaterThan(10);
  // The table as the user left it: one namespace.
  await local.overview.filter('ns').selectOption('storefront');
  await local.settled();
  const rows = await local.overview.rows.count();
  expect(rows).toBeGreaterThan(1);
  expect((await local.overview.rowKeys()).every((k) => k.startsWith('storefront/'))).toBe(true);

  // Away through the header link (client-side navigation), then Back.
  await local.header.root.getByRole('link', { name: 'Overview' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goBack();
  await page.waitForURL(/\/local$/);
  await expect(local.status).toContainText('Restored from this tab’s session');
  await expect(local.overview.filter('ns')).toHaveValue('storefront');
  await expect(local.overview.rows).toHaveCount(rows);

  // A full reload keeps it too (session storage), and closing it forgets it.
  await page.reload();
  await expect(local.status).toContainText('Restored from this tab’s session');
  await expect(local.overview.filter('ns')).toHaveValue('storefront');
  await expect(local.overview.rows).toHaveCount(rows);
  await local.closeSnapshot.click();
  await expect(page.getByTestId('local-empty')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('local-empty')).toBeVisible();
  await expect(local.overview.rows).toHaveCount(0);
});

test('is a snapshot too large for session storage still kept for the session?', async ({ page }, testInfo) => {
  // The demo snapshot padded with an ignored object to ~3 MB (over the 2M-character session-storage limit).
  const demo = JSON.parse(readFileSync(DEMO_SNAPSHOT, 'utf8'));
  demo.items.push({ apiVersion: 'v1', kind: 'Secretless', metadata: { name: 'padding' }, data: 'x'.repeat(3_000_000) });
  const big = testInfo.outputPath('big-snapshot.json');
  writeFileSync(big, JSON.stringify(demo));

  const local = new LocalPage(page);
  await local.goto();
  await local.open([big]);
  await expect(local.status).toContainText('IndexedDB');
  const rows = await local.overview.rows.count();
  await page.reload();
  await expect(local.status).toContainText('Restored from this tab’s session');
  await expect(local.overview.rows).toHaveCount(rows);
});

test('are files that may need more memory than the tab has opened only when I say so?', async ({ page }) => {
  // This tab's heap as Chromium would report it on a small device: 1 MiB, less than any file needs
  // (local-memory.spec.ts runs a really small heap).
  await page.addInitScript(() =>
    Object.defineProperty(performance, 'memory', {
      configurable: true,
      get: () => ({ jsHeapSizeLimit: 1024 * 1024, totalJSHeapSize: 0, usedJSHeapSize: 0 }),
    }),
  );
  const local = new LocalPage(page);
  await local.goto();
  await local.fileInput.setInputFiles(DEMO_SNAPSHOT);
  await expect(local.memoryWarning).toContainText('and this browser gives a tab 1 MiB');
  await expect(page.getByTestId('local-empty')).toBeVisible();
  await local.openAnyway.click();
  await expect(local.status).toHaveText(/^Analysed \d+ Services from demo-cluster\.json/);
  await expect(local.memoryWarning).toHaveCount(0);
  expect(await local.overview.rows.count()).toBeGreaterThan(10);
});

test("does a Service's local panel trace a packet, without the model leaving the worker?", async ({ page }) => {
  const local = new LocalPage(page);
  await local.goto();
  await local.open([DEMO_SNAPSHOT]);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
  });
  await local.overview.cell('storefront/storefront-web', 'name').getByRole('button').click();
  await expect(local.servicePanel).toHaveAttribute('data-service', 'storefront/storefront-web');
  // The panel's diagrams and trace are the Service page's components, fed by the worker.
  const svc = new ServicePage(page);
  await svc.trace({ from: '203.0.113.10', to: '192.0.2.21', port: '80', node: 'prod-worker-03' });
  await expect(svc.traceResult('Local')).toHaveAttribute('data-verdict', 'forwarded');
  await svc.trace({ node: 'prod-worker-02' });
  await expect(svc.traceResult('Local')).toHaveAttribute('data-verdict', 'dropped');
  expect(sent).toEqual([]); // traced in the tab: no /api/trace
});

test("is a Service's local panel, drawn a part at a time, the Service page's once drawn?", async ({ page }) => {
  // What both show of a Service, in document order: every diagram box and edge (by hop id, per policy), the
  // pod-share bars, the trace form, the front door, the findings and the policies.
  const outline = (root: Locator) =>
    root
      .locator(
        '[data-testid="diagrams"] [data-hop], [data-testid="pod-share-bar"], [data-testid="trace-form"], [data-testid="front-door-policy"], [data-testid="service-finding"], [data-testid="service-policy"]',
      )
      .evaluateAll((els) =>
        els.map(
          (e) =>
            `${e.getAttribute('data-testid')} ${e.closest('[data-policy]')?.getAttribute('data-policy') ?? ''} ${e.getAttribute('data-hop') ?? ''}`,
        ),
      );
  const svc = new ServicePage(page);
  await svc.goto('storefront', 'storefront-web');
  await expect(svc.panels).toHaveCount(2);
  const served = await outline(svc.root);
  expect(served.filter((e) => e.startsWith('diagram-edge')).length).toBeGreaterThan(5);

  const local = new LocalPage(page);
  await local.goto();
  await local.open([DEMO_SNAPSHOT]);
  await local.openServicePanel('storefront/storefront-web');
  expect(await outline(local.servicePanel)).toEqual(served);
});
