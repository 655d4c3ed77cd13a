// Sign-in through real single sign-on: the browser talks only to oauth2-proxy, which signs
// users in with a real OpenID Provider and forwards X-Forwarded-User/-Email/-Groups to kubepath; kubepath
// (run as its container image runs it) trusts those headers only from 127.0.0.1/32 and admits only the
// group `platform-team`. Servers: playwright.sso.config.ts.
import { expect, test, type Page, type Response } from '@playwright/test';
import { OverviewPage } from '../pages/overview-page';
import { ServicePage } from '../pages/service-page';
import { SignInPage } from '../pages/sign-in-page';
import { ALICE, EVE, MALLORY, type SsoUser } from './support/users';

const OP = `http://127.0.0.1:${process.env.E2E_SSO_OP_PORT}`;
const APP = `http://127.0.0.1:${process.env.E2E_SSO_APP_PORT}`;
const PROXY = `http://127.0.0.1:${process.env.E2E_SSO_PROXY_PORT}`;

// A demo-cluster Service (lib/demo/SCENARIOS.md) and a view of it with URL state.
const NS = 'storefront';
const NAME = 'storefront-web';
const VIEW = `/services/${NS}/${NAME}?view=Local`;

/** Opens a path through the proxy while signed out, signs in at the provider, and returns the last page response. */
async function signInVia(page: Page, path: string, user: SsoUser): Promise<Response | null> {
  let last: Response | null = null;
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.url().startsWith(PROXY)) last = r;
  });
  await page.goto(path);
  const signIn = new SignInPage(page);
  await signIn.waitFor();
  // The sign-in form is the provider's, not something kubepath or the proxy renders.
  expect(new URL(page.url()).origin).toBe(OP);
  await signIn.signIn(user.username, user.password);
  // Back through oauth2-proxy's callback (an error there stays on /oauth2/callback).
  await page.waitForURL((url) => url.origin === PROXY && !url.pathname.startsWith('/oauth2/'), { timeout: 20_000 });
  await page.waitForLoadState('domcontentloaded');
  return last;
}

test('a signed-out visitor signs in at the provider and sees the dashboard', async ({ page, context }) => {
  const response = await signInVia(page, '/', ALICE);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(`${PROXY}/`);
  const overview = new OverviewPage(page);
  await expect(overview.summary).toBeVisible();
  await expect(overview.rows).not.toHaveCount(0);
  await overview.setFilter('ns', NS);
  await expect(overview.row(`${NS}/${NAME}`)).toHaveCount(1);
  // Signed in by oauth2-proxy's session cookie; the data API answers through the proxy.
  expect((await context.cookies(PROXY)).map((c) => c.name)).toContain('_oauth2_proxy');
  const api = await page.request.get('/api/analysis');
  expect(api.status()).toBe(200);
  expect(await api.text()).toContain(`${NS}/${NAME}`);
});

test('a shared link opened signed-out leads through sign-in to the same view', async ({ browser }) => {
  // Alice opens a Service view and copies its link.
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signInVia(alice, VIEW, ALICE);
  await expect(alice).toHaveURL(`${PROXY}${VIEW}`);
  const aliceView = new ServicePage(alice);
  await expect(aliceView.title).toContainText(`${NS}/${NAME}`);
  const link = await aliceView.header.copyLink(aliceContext);
  expect(link.startsWith(`${PROXY}/services/${NS}/${NAME}`)).toBe(true);
  expect(new URL(link).searchParams.get('view')).toBe('Local');
  await aliceContext.close();

  // A colleague who is not signed in opens it: sign-in first, then exactly that view.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  expect(await colleagueContext.cookies(PROXY)).toEqual([]);
  await signInVia(colleague, link, { ...ALICE });
  await expect(colleague).toHaveURL(link);
  const view = new ServicePage(colleague);
  await expect(view.title).toContainText(`${NS}/${NAME}`);
  await expect(view.panel('Local')).toHaveAttribute('data-actual', 'true');
  await colleagueContext.close();
});

test('a signed-in user outside the allowed groups gets 403 and no cluster data, forged headers or not', async ({
  page,
}) => {
  const response = await signInVia(page, VIEW, MALLORY);
  await expect(page).toHaveURL(`${PROXY}${VIEW}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('service-page')).toHaveCount(0);
  expect(await page.content()).not.toContain('192.0.2.21');

  const api = await page.request.get('/api/analysis');
  expect(api.status()).toBe(403);
  expect(await api.text()).not.toContain(NAME);
  // oauth2-proxy strips identity headers a client sends and sets its own: forging them changes nothing.
  const forged = await page.request.get('/api/analysis', {
    headers: {
      'X-Forwarded-User': ALICE.username,
      'X-Forwarded-Email': ALICE.email,
      'X-Forwarded-Groups': ALICE.groups.join(','),
      'X-Auth-Request-Groups': ALICE.groups.join(','),
    },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).not.toContain(NAME);
});

test('a signed-in user in no group cannot forge the groups header of the other header family', async ({ page }) => {
  await signInVia(page, '/', EVE);
  expect((await page.request.get('/api/analysis')).status()).toBe(403);
  // oauth2-proxy replaces the X-Forwarded-* identity headers but passes X-Auth-Request-* (its nginx
  // auth_request response headers) through from the browser untouched.
  for (const header of ['X-Auth-Request-Groups', 'X-Forwarded-Groups']) {
    const forged = await page.request.get('/api/analysis', { headers: { [header]: ALICE.groups.join(',') } });
    expect(forged.status(), header).toBe(403);
    expect(await forged.text()).not.toContain(NAME);
  }
  const forgedUser = await page.request.get('/api/analysis', {
    headers: { 'X-Auth-Request-User': ALICE.username, 'X-Auth-Request-Email': ALICE.email },
  });
  expect(forgedUser.status()).toBe(403);
});

test('a request that skips the proxy gets no data: 401 for the API, sign-in for a page', async ({ request }) => {
  const api = await request.get(`${APP}/api/analysis`, { maxRedirects: 0 });
  expect(api.status()).toBe(401);
  expect(await api.text()).not.toContain(NAME);

  const pageRequest = await request.get(`${APP}${VIEW}`, { maxRedirects: 0, headers: { accept: 'text/html' } });
  expect([302, 303, 307]).toContain(pageRequest.status());
  // To the proxy's sign-in (KUBEPATH_SIGNIN_URL=/oauth2/start, the host the request came to), with the
  // original view as `rd`, so that sign-in ends on it.
  const location = new URL(pageRequest.headers()['location'], APP);
  expect(location.pathname).toBe('/oauth2/start');
  expect(location.searchParams.get('rd')).toBe(VIEW);
  expect(await pageRequest.text()).not.toContain('192.0.2.21');
});

test('probes and metrics answer without sign-in and reveal no cluster data', async ({ request }) => {
  for (const path of ['/healthz', '/readyz', '/metrics']) {
    const r = await request.get(`${APP}${path}`, { maxRedirects: 0 });
    expect(r.status(), path).toBe(200);
    const body = await r.text();
    expect(body, path).not.toContain(NAME);
    expect(body, path).not.toContain('192.0.2.21');
  }
});

test('responses through the proxy carry the security headers', async ({ page }) => {
  await signInVia(page, '/', ALICE);
  const r = await page.request.get('/');
  expect(r.status()).toBe(200);
  const h = r.headers();
  expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('same-origin');
  const api = await page.request.get('/api/analysis');
  expect(api.headers()['cache-control']).toMatch(/no-store/);
});
