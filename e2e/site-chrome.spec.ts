// What every page has: a skip link that works, an icon, a clean console, and only the JavaScript
// it needs (the engine bundle belongs to /local alone).
import { expect, test, type Page } from '@playwright/test';
import { SiteChrome } from './pages/site-chrome';

/** The main pages: the overview, two Service pages (LoadBalancer and ClusterIP) and /local. */
const PAGES = ['/', '/services/partner-api/partner-gateway', '/services/checkout/checkout-api', '/local'];

/** A string only the engine's code holds (lib/engine/dataplane.ts): its presence means the engine was loaded. */
const ENGINE_MARKER = 'cilium-config ConfigMap in the snapshot';

/** Console errors, page errors, failed requests and HTTP errors while `visit` runs. */
async function problemsDuring(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Navigating away aborts pending prefetches and event streams; that is not a failure of the page.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await visit();
  return problems;
}

for (const path of PAGES) {
  test(`does "Skip to content" move the focus to the content on ${path}?`, async ({ page }) => {
    await page.goto(path);
    const chrome = new SiteChrome(page);
    await chrome.main.waitFor();
    expect(await chrome.mainHasFocus()).toBe(false);
    await chrome.skipToContent();
    await expect.poll(() => chrome.mainHasFocus()).toBe(true);
    // The next Tab continues inside the content, not back in the header.
    await page.keyboard.press('Tab');
    await expect.poll(() => chrome.mainHasFocus()).toBe(true);
  });

  test(`does ${path} load without console errors, failed requests or a missing icon?`, async ({ page, request }) => {
    const problems = await problemsDuring(page, async () => {
      await page.goto(path);
      await new SiteChrome(page).main.waitFor();
      await page.waitForLoadState('networkidle');
    });
    expect(problems).toEqual([]);
    const icon = await new SiteChrome(page).iconLink.getAttribute('href');
    expect(icon).toBeTruthy();
    const res = await request.get(icon!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^image\//);
  });
}

test('does the overview load without the engine’s JavaScript (only /local needs it)?', async ({ page }) => {
  /** The JavaScript files the page loads (prefetches included) until the network is idle, and whether each holds the engine. */
  const scriptsOf = async (path: string): Promise<{ url: string; engine: boolean }[]> => {
    const scripts: Promise<{ url: string; engine: boolean }>[] = [];
    const onResponse = (r: import('@playwright/test').Response) => {
      if (r.request().resourceType() === 'script' || r.url().endsWith('.js'))
        scripts.push(
          r
            .text()
            .catch(() => '')
            .then((js) => ({ url: r.url(), engine: js.includes(ENGINE_MARKER) })),
        );
    };
    page.on('response', onResponse);
    await page.goto(path);
    await new SiteChrome(page).main.waitFor();
    await page.waitForLoadState('networkidle');
    // Let viewport prefetches of the links on the page start and finish.
    await page.waitForTimeout(1000);
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    return Promise.all(scripts);
  };
  const overview = await scriptsOf('/');
  expect(overview.length).toBeGreaterThan(0);
  expect(overview.filter((s) => s.engine).map((s) => s.url)).toEqual([]);
  // The marker is real: /local does load the engine.
  const local = await scriptsOf('/local');
  expect(local.some((s) => s.engine)).toBe(true);
});
