// Switching between the embedded demo clusters: a new user starts on northwind-prod, picks the Kong-behind-AWS
// front-door story in the header, and finds the load balancer → proxy → backend story on a Service page; the
// address (`?demo=`) carries the choice into shared links and API calls.
import { expect, test } from '@playwright/test';
import { DemoSwitcher } from './pages/demo-switcher';
import { FrontDoorSection } from './pages/front-door-section';
import { OverviewPage } from './pages/overview-page';
import { ServicePage } from './pages/service-page';
import { keepScreenshot } from './support/artifacts';

test.describe('demo clusters', () => {
  test('can a new user go from the default demo to the Kong story and see its front door?', async ({
    page,
    context,
    browser,
  }, testInfo) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    const demo = new DemoSwitcher(page);
    expect(await demo.active()).toBe('northwind-prod');
    await expect(demo.sourceBadge).toContainText('Northwind Retail — production');
    await expect(demo.introLink).toHaveText('Start with storefront/storefront-web →');
    const options = await demo.options();
    expect(options.map((o) => o.id)).toEqual([
      'northwind-prod',
      'northwind-edge',
      'pomerium-gke',
      'istio-proxy-protocol',
      'kong-aws',
      'tke-four-ways',
      'kubesphere-calico',
    ]);
    expect(options.filter((o) => o.group === 'Front-door stories').map((o) => o.id)).toHaveLength(5);

    await demo.choose('kong-aws');
    await expect(demo.sourceBadge).toContainText('Kong behind an AWS NLB');
    await expect.poll(() => overview.rowKeys()).toContain('kong/kong-nlb');
    expect(await overview.rowKeys()).not.toContain('storefront/storefront-web');
    // The overview says what the story is about and which Service page to open first.
    await expect(demo.intro).toContainText('Classic ELB that terminates TCP');
    await expect(demo.introLink).toHaveText('Start with kong/kong-nlb →');
    await keepScreenshot(page, testInfo, 'demo-switched-to-kong-aws');

    // The Service link carries no `demo=`: the cookie the switch left keeps the page in the story.
    await demo.introLink.click();
    await page.waitForURL(/\/services\/kong\/kong-nlb$/);
    const service = new ServicePage(page);
    await service.waitReady();
    expect(await demo.active()).toBe('kong-aws');
    const fd = new FrontDoorSection(page);
    await expect(page.getByTestId('front-door-summary')).toContainText('AWS NLB');
    await expect(fd.summaryAnswer).toHaveAttribute('data-answer', 'yes');
    await fd.root.scrollIntoViewIfNeeded();
    await expect(fd.hop('Cluster', 'proxy')).toContainText('Kong');
    await expect(fd.header('Cluster', 'proxy', 'X-Forwarded-For')).toHaveText('203.0.113.10');
    await expect(demo.intro).toHaveCount(0); // the overview's line only

    // "Copy link" names the story, so a browser that never chose it opens the same page.
    const copied = await service.header.copyLink(context);
    expect(new URL(copied).pathname).toBe('/services/kong/kong-nlb');
    expect(new URL(copied).searchParams.get('demo')).toBe('kong-aws');
    const fresh = await browser.newContext();
    try {
      const other = await fresh.newPage();
      await other.goto(copied);
      await new ServicePage(other).waitReady();
      expect(await new DemoSwitcher(other).active()).toBe('kong-aws');
      await expect(other.getByTestId('front-door-summary')).toContainText('AWS NLB');
      // The overview link of that page stays in the story too (the link set the cookie).
      await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
      await other.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => new OverviewPage(other).rowKeys()).toContain('kong/kong-elb');
    } finally {
      await fresh.close();
    }

    // Switching back returns to the default cluster.
    await demo.choose('northwind-prod');
    await expect.poll(() => overview.rowKeys()).toContain('storefront/storefront-web');
  });

  test('does an unknown ?demo= say so and list the demo clusters?', async ({ page }) => {
    await page.goto('/?demo=kong-gcp');
    const demo = new DemoSwitcher(page);
    await expect(demo.error).toContainText('"kong-gcp" is not an embedded demo cluster');
    await expect(demo.error).toContainText('northwind-prod, northwind-edge, pomerium-gke');
    expect(await demo.active()).toBe('northwind-prod');
  });

  test('do the API routes take ?demo= too?', async ({ request }) => {
    const kong = await request.get('/api/analysis?demo=kong-aws&service=kong/kong-nlb');
    expect(kong.status()).toBe(200);
    const body = await kong.json();
    expect(body.source).toMatchObject({ kind: 'demo', demo: 'kong-aws' });
    expect(body.analysis.services[0].frontDoor.proxy).toBe('kong');
    const unknown = await request.get('/api/analysis?demo=kong-gcp');
    expect(unknown.status()).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('the demo clusters are: northwind-prod');
    // Without the parameter (and without a cookie) the default cluster answers.
    expect((await (await request.get('/api/analysis?pageSize=1')).json()).source.demo).toBe('northwind-prod');

    // The trace API too: kong/kong-nlb exists only in the Kong story.
    const trace = { service: 'kong/kong-nlb', from: '203.0.113.10' };
    const traced = await request.post('/api/trace?demo=kong-aws', { data: trace });
    expect(traced.status()).toBe(200);
    expect((await traced.json()).ok).toBe(true);
    expect((await request.post('/api/trace', { data: trace })).status()).toBe(404);
    expect((await request.post('/api/trace?demo=kong-gcp', { data: trace })).status()).toBe(400);
  });

  test('does the trace form of a story page trace in that story (the cookie a ?demo= link left)?', async ({ page }) => {
    const service = new ServicePage(page);
    await service.goto('game', 'lobby-direct', '?demo=tke-four-ways');
    await service.trace({ from: '203.0.113.50' });
    // The CLB of lobby-direct sends straight to its 4 pods (an address only this story has).
    await expect(page).toHaveURL(/to=119\.28\.10\.2/);
    await expect(service.traceHeadline('Cluster')).toContainText('reaches all 4 pods');
  });
  test('a link opened while another demo cluster is chosen: does "not found" say where the Service is?', async ({
    page,
  }) => {
    await page.goto('/?demo=kong-aws'); // the browser now remembers the Kong story
    const res = await page.goto('/services/storefront/storefront-web');
    expect(res?.status()).toBe(404);
    const hint = page.getByTestId('service-in-other-demo');
    await expect(hint).toHaveText('It is in the demo cluster Northwind production.');
    await hint.getByRole('link', { name: 'Northwind production' }).click();
    await expect(page).toHaveURL(/\/services\/storefront\/storefront-web\?demo=northwind-prod$/);
    await expect(new DemoSwitcher(page).sourceBadge).toContainText('Northwind Retail — production');
    // A Service no demo cluster has: every demo cluster is asked (one API answer each), and no hint.
    let answers = 0;
    page.on('response', (r) => {
      if (r.url().includes('/api/analysis?service=storefront%2Fnope')) answers++;
    });
    await page.goto('/services/storefront/nope');
    await expect(page.getByTestId('service-not-found')).toBeVisible();
    await expect.poll(() => answers).toBe(7);
    await expect(hint).toHaveCount(0);
  });
});
