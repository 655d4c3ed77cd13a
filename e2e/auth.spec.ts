// The production server with authentication on (playwright.config.ts project "auth"):
// - proxy-headers mode, KUBEPATH_TRUSTED_PROXIES=127.0.0.2/32, KUBEPATH_ALLOWED_GROUPS=sre,
//   KUBEPATH_SIGNIN_URL=/oauth2/start. Requests sent from 127.0.0.2 play the auth proxy; requests from
//   127.0.0.1 (and the browser) are anyone else.
// - jwt mode against e2e/support/idp-stub.mjs, KUBEPATH_ALLOWED_USERS=alice@example.com.
// Each refusal the issue lists is one test here (the SSO end-to-end test with oauth2-proxy is separate).
import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { OverviewPage } from './pages/overview-page';

const PROXY_PORT = Number(process.env.E2E_PROXY_AUTH_PORT);
const JWT_PORT = Number(process.env.E2E_JWT_AUTH_PORT);
const IDP = `http://127.0.0.1:${process.env.E2E_IDP_PORT}`;
const TRUSTED = '127.0.0.2';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request to the server on `port`, sent from `from` (the peer address the server sees). */
function call(
  port: number,
  o: { path?: string; method?: string; from?: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress: o.from ?? '127.0.0.1',
        method: o.method ?? 'GET',
        path: o.path ?? '/api/analysis',
        headers: o.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += String(d)));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

const ALICE = { 'x-forwarded-user': 'alice', 'x-forwarded-email': 'alice@example.com', 'x-forwarded-groups': 'sre' };

test.describe('proxy-headers mode', () => {
  test('a request that skips the proxy is refused: 401 for data, sign-in redirect with the original URL for pages', async () => {
    expect((await call(PROXY_PORT, {})).status).toBe(401);
    expect((await call(PROXY_PORT, { path: '/api/events' })).status).toBe(401);
    const page = await call(PROXY_PORT, { path: '/services/storefront/storefront-web?view=Local' });
    expect(page.status).toBe(302);
    const location = new URL(page.headers.location!, `http://127.0.0.1:${PROXY_PORT}`);
    expect(location.pathname + location.search).toBe(
      '/oauth2/start?rd=%2Fservices%2Fstorefront%2Fstorefront-web%3Fview%3DLocal',
    );
    expect(page.body).not.toMatch(/192\.0\.2\.|prod-worker/); // no cluster data, only the redirect
  });

  test('identity headers forged from an untrusted address are refused', async () => {
    const forged = await call(PROXY_PORT, { headers: { ...ALICE, 'x-forwarded-for': TRUSTED } });
    expect(forged.status).toBe(401);
    expect(forged.body).not.toContain('storefront');
    const forgedId = await call(PROXY_PORT, { headers: { ...ALICE, 'x-kubepath-request-id': 'guess' } });
    expect(forgedId.status).toBe(401);
    expect((await call(PROXY_PORT, { path: '/', headers: ALICE })).status).toBe(302);
  });

  test('through the trusted proxy a user in an allowed group reads the data; one outside the allow-list gets 403', async () => {
    const ok = await call(PROXY_PORT, { from: TRUSTED, headers: ALICE });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).analysis.services.length).toBeGreaterThan(0);
    const bob = await call(PROXY_PORT, {
      from: TRUSTED,
      headers: { 'x-forwarded-user': 'bob', 'x-forwarded-groups': 'dev' },
    });
    expect(bob.status).toBe(403);
    expect(bob.body).not.toContain('storefront');
    expect((await call(PROXY_PORT, { from: TRUSTED, path: '/', headers: { 'x-forwarded-user': 'bob' } })).status).toBe(
      403,
    );
    expect((await call(PROXY_PORT, { from: TRUSTED })).status).toBe(401); // the proxy sent nobody
  });

  test('a cross-origin context switch is refused, also with a forged X-Forwarded-Host', async () => {
    const body = JSON.stringify({ context: 'prod' });
    const json = { 'content-type': 'application/json' };
    const post = (headers: Record<string, string>) =>
      call(PROXY_PORT, {
        method: 'POST',
        path: '/api/contexts',
        from: TRUSTED,
        headers: { ...json, ...ALICE, ...headers },
        body,
      });
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403); // no Origin: not from a page of ours
    const forgedHost = await call(PROXY_PORT, {
      method: 'POST',
      path: '/api/contexts',
      headers: { ...json, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
      body,
    });
    expect(forgedHost.status).toBe(401);
  });

  test('a 64 MB POST is refused with 413 (before authentication, before reading it)', async () => {
    const big = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const r = await call(PROXY_PORT, {
      method: 'POST',
      path: '/api/trace',
      from: TRUSTED,
      headers: { ...ALICE, 'content-type': 'application/json' },
      body: big,
    });
    expect(r.status).toBe(413);
  });

  test('operations endpoints answer without sign-in and carry no cluster data', async () => {
    expect((await call(PROXY_PORT, { path: '/healthz' })).status).toBe(200);
    const ready = await call(PROXY_PORT, { path: '/readyz' });
    expect(ready.status).toBe(200);
    const metrics = await call(PROXY_PORT, { path: '/metrics' });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('kubepath_http_requests_total{method="GET",route="/api/analysis",status="401"}');
    expect(metrics.body).not.toMatch(/storefront|prod-worker|192\.0\.2\./);
  });

  test('signed in through a proxy, the browser sees the dashboard', async ({ page }) => {
    // A minimal auth proxy on 127.0.0.1 that forwards from 127.0.0.2 and adds the signed-in user.
    const proxy: Server = createServer((req, res) => {
      const up = httpRequest(
        {
          host: '127.0.0.1',
          port: PROXY_PORT,
          localAddress: TRUSTED,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, ...ALICE, 'x-forwarded-host': req.headers.host ?? '' },
        },
        (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const overview = new OverviewPage(page);
      await page.goto(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`);
      await expect(overview.rows.first()).toBeVisible();
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});

test.describe('jwt mode', () => {
  const mint = async (o: Record<string, unknown>) =>
    (await fetch(`${IDP}/token`, { method: 'POST', body: JSON.stringify(o) })).text();
  const withJwt = (jwt: string) => call(JWT_PORT, { headers: { 'x-pomerium-jwt-assertion': jwt } });
  const alice = { claims: { email: 'alice@example.com', sub: 'alice' } };

  test('a valid assertion for an allowed user reads the data', async () => {
    expect((await withJwt(await mint(alice))).status).toBe(200);
    expect((await call(JWT_PORT, {})).status).toBe(401);
  });

  test('an expired assertion is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await withJwt(await mint({ ...alice, iat: now - 7200, exp: now - 3600 }))).status).toBe(401);
  });

  test('an assertion signed by another key, or for another audience, is refused', async () => {
    expect((await withJwt(await mint({ ...alice, otherKey: true }))).status).toBe(401);
    expect((await withJwt(await mint({ ...alice, aud: 'grafana' }))).status).toBe(401);
    expect((await withJwt(await mint({ ...alice, iss: 'https://evil.test' }))).status).toBe(401);
  });

  test('a valid assertion for a user outside the allow-list gets 403', async () => {
    expect((await withJwt(await mint({ claims: { email: 'mallory@example.com', sub: 'm' } }))).status).toBe(403);
  });
});
