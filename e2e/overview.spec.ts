// Overview `/` on the embedded demo cluster: Services, findings, URL state, copy link, notices.
import { expect, test } from '@playwright/test';
import { OverviewPage } from './pages/overview-page';
import { keepScreenshot } from './support/artifacts';

test.describe('overview', () => {
  test('lists the demo Services with their findings', async ({ page }, testInfo) => {
    const overview = new OverviewPage(page);
    await overview.goto();

    await expect(overview.header.sourceBadge).toHaveAttribute('data-source-kind', 'demo');
    // The demo server analysed its data when the first spec asked; on a loaded machine that can be minutes ago.
    await expect(overview.header.freshness).toContainText(/loaded (just now|\d+ s ago|\d+ min ago)/);
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

    // Findings: listed with severity, message, fix and a link to a Service that is in the table (every one of
    // them once each group is open and shows all of its findings).
    await overview.showAllFindings();
    const findings = await overview.findingItems.count();
    expect(findings).toBeGreaterThan(0);
    const counts = await Promise.all((['error', 'warning', 'info'] as const).map((s) => overview.severityCount(s)));
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

  test('what is wrong in this cluster? The first error is above the fold at 1440×900 and its badge filters the table', async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const overview = new OverviewPage(page);
    await overview.goto();

    // The page opens with the problems: the first group is an error, and its first finding is on screen.
    await expect(overview.problemGroups.first()).toHaveAttribute('data-severity', 'error');
    const firstError = overview.findingItems.and(page.locator('[data-severity="error"]')).first();
    await expect(firstError).toBeVisible();
    const box = await firstError.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + Math.min(box!.height, 40)).toBeLessThanOrEqual(900);
    // …above the Services table.
    const tableTop = (await overview.table.boundingBox())!.y;
    expect(box!.y).toBeLessThan(tableTop);
    await keepScreenshot(page, testInfo, 'overview-problems-first');

    // Groups are by severity then rule: every error group comes before every warning group.
    const severities = await overview.problemGroups.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-severity')),
    );
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));

    // The error badge filters the table to the Services with errors, in the URL; pressing it again shows all.
    const errors = await overview.severityCount('error');
    expect(errors).toBeGreaterThan(0);
    const total = await overview.rows.count();
    await overview.severityBadge('error').click();
    await page.waitForURL(/[?&]severity=error(&|$)/);
    await expect(overview.severityBadge('error')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => overview.rows.count()).toBeLessThan(total);
    for (const key of await overview.rowKeys())
      await expect(overview.cell(key, 'findings').getByTestId('severity-error')).toBeVisible();
    await expect(overview.problemGroups.and(page.locator('[data-severity="warning"]'))).toHaveCount(0);
    await overview.severityBadge('error').click();
    await page.waitForURL((url) => !url.searchParams.has('severity'));
    await expect(overview.rows).toHaveCount(total);
  });

  test('which Services does one rule hit? A group narrows the table to its rule, and the link keeps it', async ({
    page,
  }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    const group = overview.problemGroup('snat-allowlist');
    await expect(group).toHaveAttribute('data-severity', 'error');
    await group.getByTestId('problem-filter').click();
    await page.waitForURL(/[?&]rule=snat-allowlist(&|$)/);
    await expect
      .poll(() => overview.rowKeys().then((k) => k.sort()))
      .toEqual(['partner-api/partner-gateway', 'payments/psp-callbacks']);
    await expect(overview.ruleFilter).toContainText('snat-allowlist');
    await expect(overview.problemGroups).toHaveCount(1);

    // The state is in the URL: a fresh load shows the same.
    await overview.goto('?rule=snat-allowlist');
    await expect(overview.rows).toHaveCount(2);
    await overview.ruleFilter.click();
    await page.waitForURL((url) => !url.searchParams.has('rule'));
    await expect.poll(() => overview.rows.count()).toBeGreaterThan(2);
  });

  test('the table is sorted worst first by default', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(page.getByTestId('sort-findings').locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
    // Per row, the most severe badge in its findings cell (3 = none).
    const ranks = await overview.rows.evaluateAll((rows) =>
      rows.map((r) => {
        const cell = r.querySelector('[data-testid="cell-findings"]');
        const i = ['error', 'warning', 'info'].findIndex((s) => cell?.querySelector(`[data-testid="severity-${s}"]`));
        return i === -1 ? 3 : i;
      }),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
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
