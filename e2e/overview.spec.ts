// Overview `/` on the embedded demo cluster: Services, findings, URL state, copy link, notices.
import { expect, test } from '@playwright/test';
import { OverviewPage } from './pages/overview-page';
import { keepScreenshot } from './support/artifacts';

test.describe('overview', () => {
  test('lists the demo Services with their findings', async ({ page }, testInfo) => {
    const overview = new OverviewPage(page);
    await overview.goto();

    await expect(overview.header.sourceBadge).toHaveAttribute('data-source-kind', 'demo');
    await expect(overview.header.freshness).toContainText(/loaded (just now|\d+ s ago)/);
    await expect(overview.header.dataplaneBadge).toBeVisible();

    // Every Service is listed (the demo fits on one page) and the count says how many.
    const total = Number(await overview.summary.getByTestId('summary-services').innerText());
    expect(total).toBeGreaterThan(10);
    await expect(overview.rows).toHaveCount(total);
    await expect(overview.servicesCount).toHaveText(`${total} Services`);

    // Front doors the demo is built around.
    await expect(overview.cell('storefront/storefront-web', 'type')).toHaveText('LoadBalancer');
    await expect(overview.cell('storefront/storefront-web', 'policy')).toHaveText('Local');
    await expect(overview.cell('payments/psp-callbacks', 'type')).toHaveText('LoadBalancer');
    await expect(overview.cell('storefront/storefront-api', 'preserved')).toHaveAttribute('data-preserved', 'n/a');

    // Findings: listed with severity, message, fix and a link to a Service that is in the table.
    const findings = await overview.findingItems.count();
    expect(findings).toBeGreaterThan(0);
    const summaryFindings = overview.summary.getByTestId('summary-findings');
    const counts = await Promise.all(
      ['error', 'warning', 'info'].map(async (s) =>
        Number((await summaryFindings.getByTestId(`severity-${s}`).innerText()).split(/\s+/)[0]),
      ),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(findings);
    const first = overview.findingItems.first();
    await expect(first.getByTestId('finding-message')).not.toBeEmpty();
    await expect(first.getByTestId('finding-fix')).not.toBeEmpty();
    const linked = overview.findings.getByTestId('finding-service-link').first();
    const linkedKey = await linked.innerText();
    await expect(overview.row(linkedKey)).toHaveCount(1);
    // That Service's row shows its findings, worst Services first (default sort).
    await expect(overview.cell(linkedKey, 'findings').locator('[data-testid^="severity-"]').first()).toBeVisible();
    const keys = await overview.rowKeys();
    const firstRowBadges = overview.cell(keys[0], 'findings').locator('[data-testid^="severity-"]');
    await expect(firstRowBadges.first()).toBeVisible();

    await keepScreenshot(page, testInfo, 'overview');
  });

  test('Service names link to their Service page', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    const link = overview.cell('storefront/storefront-web', 'name').getByRole('link');
    await expect(link).toHaveAttribute('href', '/services/storefront/storefront-web');
  });

  test('filters and sort update the URL', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();

    await overview.setFilter('ns', 'storefront');
    await expect.poll(async () => (await overview.rowKeys()).every((k) => k.startsWith('storefront/'))).toBe(true);
    await expect(overview.rows).not.toHaveCount(0);

    await overview.setFilter('type', 'LoadBalancer');
    await expect(overview.rows).toHaveCount(1);
    await expect(overview.row('storefront/storefront-web')).toHaveCount(1);
    await overview.setFilter('type', '');

    await overview.sortBy('name');
    await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
    const asc = await overview.rowKeys();
    const names = asc.map((k) => k.split('/')[1]);
    expect(names).toEqual([...names].sort());
    await expect(page.getByTestId('sort-name').locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');

    await overview.sortBy('name');
    await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
    expect(await overview.rowKeys()).toEqual([...asc].reverse());

    await overview.search.fill('redis');
    await page.waitForURL(/[?&]q=redis(&|$)/);
    await expect.poll(async () => (await overview.rowKeys()).every((k) => k.includes('redis'))).toBe(true);
    await expect(page).toHaveURL(/ns=storefront/);
  });

  test('the controls are reachable and named for assistive technology', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Namespace' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
    await expect(page.getByRole('button', { name: /theme/ })).toBeVisible();
    // Sorting works from the keyboard.
    await page.getByTestId('sort-pods').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]sort=pods(&|$)/);
  });

  test('a copied link opened in a new browser shows the same view', async ({ page, context, browser }, testInfo) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.setFilter('ns', 'storefront');
    await overview.sortBy('pods');
    const expectedKeys = await overview.rowKeys();

    const copied = await overview.header.copyLink(context);
    expect(new URL(copied).searchParams.get('ns')).toBe('storefront');
    expect(new URL(copied).searchParams.get('sort')).toBe('pods');

    const fresh = await browser.newContext();
    try {
      const other = new OverviewPage(await fresh.newPage());
      await other.page.goto(copied);
      await expect(other.filter('ns')).toHaveValue('storefront');
      await expect.poll(() => other.rowKeys()).toEqual(expectedKeys);
      await expect(other.page.getByTestId('sort-pods').locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');
      await keepScreenshot(other.page, testInfo, 'overview-from-copied-link');
    } finally {
      await fresh.close();
    }
  });

  test('a garbled query shows a notice and falls back to defaults per field', async ({ page }, testInfo) => {
    const overview = new OverviewPage(page);
    await overview.goto('?sort=%3Cscript%3E&page=-4&type=Bogus&ns=storefront');
    await expect(overview.urlNotices).toBeVisible();
    const items = overview.urlNotices.getByTestId('url-notices-item');
    await expect(items).toHaveCount(3);
    await expect(items.filter({ hasText: '"sort"' })).toContainText('"<script>"');
    // The good parameter still applies; the bad ones use their defaults.
    await expect(overview.filter('ns')).toHaveValue('storefront');
    await expect(overview.filter('type')).toHaveValue('');
    await expect(page.getByTestId('sort-findings').locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
    await keepScreenshot(page, testInfo, 'overview-garbled-query');

    await overview.goto('?page=999');
    await expect(overview.urlNotices).toContainText('Page 999 does not exist');
    await expect(overview.rows).not.toHaveCount(0);
  });

  test('says so when no Service matches', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto('?q=no-such-service-anywhere');
    await expect(overview.emptyTable).toHaveText('No Service matches these filters.');
    await expect(overview.findings).toBeVisible();
  });
});
