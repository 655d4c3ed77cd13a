// Security headers and the Content-Security-Policy on the default (KUBEPATH_AUTH unset) server: every
// response carries them, and the pages work under the policy — no violation while the overview and a
// Service page render, the diagram draws, a trace runs (fetch) and the diagram is exported (blob/data
// URLs). A violation would mean the policy broke part of the app.
import { expect, test, type Page } from '@playwright/test';
import { OverviewPage } from './pages/overview-page';
import { ServicePage } from './pages/service-page';

/** Collects CSP violations the page reports (securitypolicyviolation events and console errors). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__kubepathViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __kubepathViolation(t: string): void }).__kubepathViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('pages carry the nonce CSP and the security headers, and render, trace and export without a violation', async ({
  page,
}) => {
  const violations = await watchViolations(page);
  const response = await page.goto('/');
  const h = response!.headers();
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).not.toContain('unsafe-eval');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
  const overview = new OverviewPage(page);
  await expect(overview.rows.first()).toBeVisible();
  // Hydrated (the theme toggle is a client component): scripts ran under the policy.
  await overview.header.themeToggle.click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);

  const svc = new ServicePage(page);
  await svc.goto('storefront', 'storefront-web');
  await expect(svc.pods('Local')).toHaveCount(4);
  await svc.trace({ from: '203.0.113.10', to: '192.0.2.21', port: '80' });
  await expect(svc.traceResult('Local')).toBeVisible();
  const download = await svc.export('png');
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  expect(violations).toEqual([]);
});

test('data routes are not stored and allow nothing as documents; the nonce changes per request', async ({
  request,
}) => {
  for (const path of ['/api/analysis', '/api/contexts', '/healthz', '/readyz', '/metrics']) {
    const res = await request.get(path);
    expect(res.status(), path).toBeLessThan(500);
    expect(res.headers()['cache-control'], path).toContain('no-store');
    expect(res.headers()['content-security-policy'], path).toContain("default-src 'none'");
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  // Every page, also those without cluster data (/local), is rendered per request with a fresh nonce.
  for (const path of ['/', '/local']) {
    const nonce = async () =>
      /'nonce-([^']+)'/.exec((await request.get(path)).headers()['content-security-policy'])?.[1];
    const [a, b] = [await nonce(), await nonce()];
    expect(a, path).toBeTruthy();
    expect(a, path).not.toBe(b);
    expect(await (await request.get(path)).text(), path).toMatch(/<script[^>]+nonce="/);
  }
});

test('a 64 MB POST is refused with 413', async ({ request }) => {
  const res = await request.post('/api/trace', {
    data: Buffer.alloc(64 * 1024 * 1024, 0x20),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status()).toBe(413);
  expect((await res.json()).error.code).toBe('payload_too_large');
});
