// Names and label values holding markup are shown as text, never interpreted (server on the XSS fixture snapshot).
import { expect, test } from '@playwright/test';
import { OverviewPage } from './pages/overview-page';
import { keepScreenshot, recordDialogs } from './support/artifacts';

const SCRIPT_NAME = '<script>alert(1)</script>';
const IMG_NAME = '"><img src=x onerror=alert(1)>';

test('markup in Service names is displayed as text on the overview', async ({ page }, testInfo) => {
  const dialogs = recordDialogs(page);
  const overview = new OverviewPage(page);
  await overview.goto();
  await expect(overview.header.sourceBadge).toHaveAttribute('data-source-kind', 'snapshot');
  await expect(overview.header.sourceBadge).toContainText('xss-cluster.json');

  await expect(overview.cell(`xss/${SCRIPT_NAME}`, 'name')).toHaveText(SCRIPT_NAME);
  await expect(overview.cell(`xss/${IMG_NAME}`, 'name')).toHaveText(IMG_NAME);
  // No element was created from the payloads.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // (Next's own flight-data scripts carry the names as escaped JSON strings; an injected element would hold just the payload.)
  expect(
    await page.locator('script').evaluateAll((s) => s.filter((e) => e.textContent?.trim() === 'alert(1)').length),
  ).toBe(0);

  // Searching for the payload goes through the URL and comes back as text too.
  await overview.search.fill('<img');
  await page.waitForURL(/q=%3Cimg/);
  await expect(overview.rows).toHaveCount(1);
  await expect(overview.search).toHaveValue('<img');
  await overview.goto(`?ns=${encodeURIComponent('<script>x</script>')}`);
  await expect(overview.emptyTable).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  expect(dialogs).toEqual([]);
  await keepScreenshot(page, testInfo, 'xss-overview');
});

test('markup in names and labels is displayed as text on the Service page', async ({ page }, testInfo) => {
  const dialogs = recordDialogs(page);
  const overview = new OverviewPage(page);
  await overview.goto();
  await overview.cell(`xss/${SCRIPT_NAME}`, 'name').getByRole('link').click();
  await page.waitForURL(/\/services\/xss\//);
  await expect(page.getByText(SCRIPT_NAME).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  await keepScreenshot(page, testInfo, 'xss-service');
});
