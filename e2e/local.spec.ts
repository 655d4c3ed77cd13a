// `/local`: snapshot files opened in the browser are analysed there and never uploaded.
import { expect, test } from '@playwright/test';
import { LocalPage } from './pages/local-page';
import { keepScreenshot, recordDialogs } from './support/artifacts';

const XSS_FIXTURE = 'e2e/fixtures/xss-cluster.json';
const BROKEN_FIXTURE = 'e2e/fixtures/broken.yaml';

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
