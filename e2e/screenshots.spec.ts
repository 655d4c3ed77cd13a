// What do the main pages look like at desktop, laptop and phone widths? Full-page screenshots of the
// overview, a Service page and /local (with the demo snapshot opened) are kept in test-results/ for
// review, and each page is checked for the one thing a screenshot cannot show: sideways scrolling.
import { expect, test } from '@playwright/test';
import { LocalPage } from './pages/local-page';
import { OverviewPage } from './pages/overview-page';
import { ServicePage } from './pages/service-page';
import { keepScreenshot } from './support/artifacts';

const WIDTHS = [1440, 1280, 390] as const;

/** Does the page scroll sideways (content wider than the viewport)? */
const scrollsSideways = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test(`what does the overview look like at ${width} px?`, async ({ page }, testInfo) => {
      const overview = new OverviewPage(page);
      await overview.goto();
      await expect(overview.problemGroups.first()).toBeVisible();
      await keepScreenshot(page, testInfo, `overview-${width}`);
      expect(await scrollsSideways(page)).toBe(false);
    });

    test(`what does a Service page look like at ${width} px?`, async ({ page }, testInfo) => {
      const service = new ServicePage(page);
      await service.goto('partner-api', 'partner-gateway');
      await keepScreenshot(page, testInfo, `service-partner-gateway-${width}`);
    });

    test(`what does /local look like at ${width} px, before and after opening a snapshot?`, async ({
      page,
    }, testInfo) => {
      const local = new LocalPage(page);
      await local.goto();
      await keepScreenshot(page, testInfo, `local-empty-${width}`);
      expect(await scrollsSideways(page)).toBe(false);
      await local.open(['lib/demo/demo-cluster.json']);
      await expect(local.overview.rows.first()).toBeVisible();
      await keepScreenshot(page, testInfo, `local-opened-${width}`);
      expect(await scrollsSideways(page)).toBe(false);
    });
  });
}
