// Error pages and the JSON API's typed errors.
import { expect, test } from '@playwright/test';
import { keepScreenshot } from './support/artifacts';

test('an unknown page says what is missing and links back', async ({ page }, testInfo) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found-page')).toContainText('There is no page at this address');
  await page.getByRole('link', { name: /overview/ }).click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await keepScreenshot(page, testInfo, 'after-not-found');
});

test.describe('/api/analysis', () => {
  test('returns the analysis with its source', async ({ request }) => {
    const res = await request.get('/api/analysis');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.source.kind).toBe('demo');
    expect(body.analysis.services.length).toBe(body.analysis.summary.services);
  });

  test('narrows to one Service', async ({ request }) => {
    const res = await request.get('/api/analysis?service=storefront/storefront-web');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.analysis.services.map((s: { service: string }) => s.service)).toEqual(['storefront/storefront-web']);
    expect(body.analysis.findings.every((f: { service: string }) => f.service === 'storefront/storefront-web')).toBe(
      true,
    );
  });

  test('answers identical requests the same whole body, plain and gzipped (one shared body)', async ({ request }) => {
    const url = '/api/analysis?page=1&pageSize=20';
    const texts: string[] = [];
    for (const encoding of ['identity', 'gzip', 'identity', 'gzip']) {
      const res = await request.get(url, { headers: { 'accept-encoding': encoding } });
      expect(res.status()).toBe(200);
      expect(res.headers()['content-encoding']).toBe(encoding === 'gzip' ? 'gzip' : undefined);
      texts.push(await res.text());
    }
    expect(JSON.parse(texts[0]).analysis.services.length).toBe(20);
    expect(new Set(texts).size).toBe(1);
  });

  test('answers typed errors', async ({ request }) => {
    const missing = await request.get('/api/analysis?service=nowhere/nothing');
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.code).toBe('service_not_found');
    const bad = await request.get('/api/analysis?service=no-slash');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
  });
});

test('a Service address with malformed percent-encoding is a 400, not a 500', async ({ request }) => {
  for (const path of ['/services/%E0%A4%A/x', '/services/shop/%ZZ']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain('not valid percent-encoded');
  }
  // A well-formed address of a Service that does not exist is still the not-found page.
  expect((await request.get('/services/nowhere/nothing')).status()).toBe(404);
});
