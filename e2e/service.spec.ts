// The Service page on the demo cluster (lib/demo/SCENARIOS.md): storefront/storefront-web is the
// Local LoadBalancer with pods packed unevenly (3 pods on prod-worker-01, 1 on prod-worker-03; the
// LB splits per node, so the lone pod gets 1/2 and the others 1/6 each; the nodes without a local
// endpoint answer 503 on the health check).
import { expect, test } from '@playwright/test';
import { ServicePage } from './pages/service-page';
import { keepScreenshot, recordDialogs } from './support/artifacts';

const NS = 'storefront';
const NAME = 'storefront-web';
const LB = '192.0.2.21';
const CLIENT = '203.0.113.10';

test.describe('Service page: storefront/storefront-web (Local imbalance)', () => {
  test('draws the expected nodes, pods and shares', async ({ page }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME);
    await expect(svc.title).toContainText(`${NS}/${NAME}`);
    await expect(page.getByTestId('service-etp')).toHaveText('Local');
    await expect(svc.panels).toHaveCount(2);
    await expect(svc.panel('Local')).toHaveAttribute('data-actual', 'true');
    await expect(svc.panel('Local').getByTestId('policy-badge')).toHaveText('actual');
    await expect(svc.panel('Cluster').getByTestId('policy-badge')).toHaveText('what if');

    // Columns: client, load balancer, nodes, kube-proxy, pods.
    await expect(svc.diagram('Local').getByTestId('diagram-column')).toHaveText([
      'CLIENT',
      'LOAD BALANCER',
      'NODES',
      /^KUBE-PROXY/,
      'PODS',
    ]);
    await expect(svc.diagram('Local').getByTestId('diagram-lb')).toContainText(LB);

    // Nodes: the two with pods drawn individually, the others grouped or marked with the failing health check.
    await expect(
      svc.diagram('Local').locator('[data-testid="diagram-node"][data-node="prod-worker-01"]'),
    ).toContainText('HC 200');
    await expect(
      svc.diagram('Local').locator('[data-testid="diagram-node"][data-node="prod-worker-03"]'),
    ).toContainText('HC 200');
    await expect(svc.nodes('Local').filter({ hasText: /503/ }).first()).toBeVisible();
    await expect(svc.proxies('Local').filter({ hasText: 'DROP' }).first()).toBeVisible();

    // Pods and shares: 1/2 for the lone pod on prod-worker-03, 1/6 for each of the three on prod-worker-01.
    await expect(svc.pods('Local')).toHaveCount(4);
    const shares = Object.values(await svc.podShares('Local')).sort((a, b) => a - b);
    expect(shares.map((s) => Math.round(s * 1000) / 1000)).toEqual([0.167, 0.167, 0.167, 0.5]);
    const lone = svc.pods('Local').filter({ hasText: '50%' });
    await expect(lone).toHaveCount(1);
    // Under Cluster (what if) every pod gets a quarter.
    const cluster = Object.values(await svc.podShares('Cluster'));
    expect(cluster.map((s) => Math.round(s * 1000) / 1000)).toEqual([0.25, 0.25, 0.25, 0.25]);

    // The pod-share bar chart agrees, and the edges into the lone pod carry half of the traffic.
    const bars = page.locator('[data-testid="pod-share-chart"][data-policy="Local"] [data-testid="pod-share-bar"]');
    await expect(bars).toHaveCount(4);
    await expect(bars.first()).toHaveAttribute('data-share', '0.5');
    await keepScreenshot(page, testInfo, 'service-storefront-web');
  });

  test('switching Cluster/Local changes the diagram and the source IP shown at the pod', async ({ page }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME, '?view=Local');
    await expect(svc.panels).toHaveCount(1);
    const key = await svc.pods('Local').first().getAttribute('data-pod');
    expect(key).toBeTruthy();
    expect(await svc.podText('Local', key!)).toContain(`sees ${CLIENT}`);
    await expect(svc.proxies('Local').filter({ hasText: 'no SNAT' }).first()).toBeVisible();

    await svc.setView('Cluster');
    await expect(page).toHaveURL(/view=Cluster/);
    await expect(svc.panels).toHaveCount(1);
    await expect(svc.panel('Cluster')).toBeVisible();
    await expect(svc.pod('Cluster', key!)).toBeVisible();
    const clusterText = await svc.podText('Cluster', key!);
    expect(clusterText).toMatch(/sees \d+\.\d+\.\d+\.\d+/);
    expect(clusterText).not.toContain(CLIENT);
    await expect(svc.proxies('Cluster').filter({ hasText: 'SNAT' }).first()).toBeVisible();
    // Edges into the pods are coloured as SNAT under Cluster, client-IP-preserved under Local.
    const intoPods = svc
      .diagram('Cluster')
      .locator('[data-testid="diagram-edge"][data-kind="traffic"][data-hop*=">pod:"]');
    expect(await intoPods.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-client-ip')))])).toEqual(
      ['snat'],
    );
    await keepScreenshot(page, testInfo, 'service-cluster-view');

    await svc.setView('both');
    await expect(svc.panels).toHaveCount(2);
    await expect(page).not.toHaveURL(/view=/);
  });

  test("hover and keyboard focus show a hop's addresses; clicking selects it", async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME, '?view=Local');
    const lone = svc.pods('Local').filter({ hasText: '50%' });
    await lone.hover();
    await expect(svc.tooltip.getByTestId('hop-tooltip-src')).toHaveText(CLIENT);
    await expect(svc.tooltip.getByTestId('hop-tooltip-dst')).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);

    await svc.diagram('Local').getByTestId('diagram-lb').focus();
    await expect(svc.tooltip).toHaveAttribute('data-hop', 'Local:lb');
    await expect(svc.tooltip.getByTestId('hop-tooltip-dst')).toContainText(LB);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/hop=Local%3Alb/);
    await expect(svc.hopDetails).toHaveAttribute('data-hop', 'Local:lb');
    await page.keyboard.press('Escape');
    await expect(svc.hopDetails).toHaveCount(0);
    await expect(page).not.toHaveURL(/hop=/);
  });

  test('a copied link opened in a new page shows the same view', async ({ page, context }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME);
    await svc.setView('Local');
    const pod = svc.pods('Local').filter({ hasText: '50%' });
    await pod.click();
    const hop = await pod.getAttribute('data-hop');
    await expect(svc.hopDetails).toHaveAttribute('data-hop', hop!);
    const url = await svc.header.copyLink(context);
    expect(url).toContain('view=Local');

    const fresh = await context.browser()!.newContext();
    const other = new ServicePage(await fresh.newPage());
    await other.page.goto(url);
    await other.waitReady();
    await expect(other.panels).toHaveCount(1);
    await expect(other.panel('Local')).toBeVisible();
    await expect(other.page.getByTestId('view-Local')).toBeChecked();
    await expect(other.hopDetails).toHaveAttribute('data-hop', hop!);
    await expect(other.diagram('Local').locator(`[data-hop="${hop}"]`)).toHaveAttribute('data-selected', 'true');
    await keepScreenshot(other.page, testInfo, 'service-copied-link');
    await fresh.close();
  });

  test('SVG export downloads a valid SVG with the pod labels', async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME);
    const download = await svc.export('svg');
    expect(download.suggestedFilename()).toBe(`kubepath-${NS}-${NAME}.svg`);
    const path = await download.path();
    const text = (await import('node:fs')).readFileSync(path!, 'utf8');
    const podNames = await svc
      .pods('Local')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('data-pod') ?? '').split('/')[1]));
    // Parse it as the browser does: an XML parse error would yield <parsererror>.
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
      return {
        root: doc.documentElement.localName,
        ns: doc.documentElement.namespaceURI,
        errors: doc.getElementsByTagName('parsererror').length,
        text: doc.documentElement.textContent ?? '',
        classes: doc.querySelectorAll('[class]').length,
      };
    }, text);
    expect(parsed).toMatchObject({ root: 'svg', ns: 'http://www.w3.org/2000/svg', errors: 0, classes: 0 });
    expect(podNames.length).toBe(4);
    for (const name of podNames) expect(parsed.text).toContain(name);

    const png = await svc.export('png');
    expect(png.suggestedFilename()).toBe(`kubepath-${NS}-${NAME}.png`);
    const bytes = (await import('node:fs')).readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  test('the trace form highlights the path the engine returns', async ({ page }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME, '?view=Local');
    await svc.trace({ from: CLIENT, to: LB, port: '80', node: 'prod-worker-03' });
    await expect(page).toHaveURL(/from=203\.0\.113\.10/);
    await expect(page).toHaveURL(/node=prod-worker-03/);
    const result = svc.traceResult('Local');
    await expect(result).toHaveAttribute('data-verdict', 'forwarded');
    const lit = svc.highlighted('Local');
    await expect(lit.and(page.getByTestId('diagram-client'))).toHaveCount(1);
    await expect(lit.and(page.getByTestId('diagram-lb'))).toHaveCount(1);
    await expect(lit.and(page.locator('[data-node="prod-worker-03"][data-testid="diagram-node"]'))).toHaveCount(1);
    // Exactly the lone pod on prod-worker-03 is lit, not the three on prod-worker-01.
    const litPods = lit.and(page.getByTestId('diagram-pod'));
    await expect(litPods).toHaveCount(1);
    await expect(litPods).toContainText('50%');
    await expect(lit.and(page.locator('[data-node="prod-worker-01"]'))).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'service-trace');

    // The link reproduces the trace without submitting the form again.
    const again = new ServicePage(await page.context().newPage());
    await again.page.goto(page.url());
    await again.waitReady();
    await expect(again.traceResult('Local')).toHaveAttribute('data-verdict', 'forwarded');
    await expect(again.highlighted('Local').and(again.page.getByTestId('diagram-pod'))).toHaveCount(1);

    // A packet arriving at a node without a local endpoint is dropped there.
    await svc.trace({ node: 'prod-worker-02' });
    await expect(svc.traceResult('Local')).toHaveAttribute('data-verdict', 'dropped');
    await expect(svc.highlighted('Local').and(page.getByTestId('diagram-proxy'))).toContainText('DROP');
    await expect(svc.highlighted('Local').and(page.getByTestId('diagram-pod'))).toHaveCount(0);
  });

  test('a bad trace input is explained, not thrown', async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME, '?view=Local');
    await svc.trace({ from: 'pod:storefront/no-such-pod' });
    await expect(svc.traceResult('Local').getByTestId('trace-error')).toContainText('no-such-pod');
  });
});

test('the Service page lists its findings with fix snippets as text', async ({ page }) => {
  const svc = new ServicePage(page);
  await svc.goto('partner-api', 'partner-gateway');
  await expect(svc.findings.filter({ hasText: /./ }).first()).toBeVisible();
  await expect(page.locator('[data-testid="service-finding"][data-rule="snat-allowlist"]')).toHaveCount(1);
  // The NetworkPolicy allow-listing the partners selects the pods, and the SNATed traffic is denied under Cluster.
  const policy = page.locator(
    '[data-testid="service-policy"][data-policy="partner-api/partner-gateway-allow-partners"]',
  );
  await expect(policy).toBeVisible();
  await expect(policy.locator('[data-testid="policy-verdict"][data-verdict="denied"]').first()).toBeVisible();
});

test('an unknown Service says which one was not found and links back', async ({ page }, testInfo) => {
  const dialogs = recordDialogs(page);
  const response = await page.goto('/services/nowhere/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  expect(response?.status()).toBe(404);
  const svc = new ServicePage(page);
  await expect(svc.notFound).toBeVisible();
  await expect(page.getByTestId('missing-service')).toHaveText('nowhere/<script>alert(1)</script>');
  expect(dialogs).toEqual([]);
  await keepScreenshot(page, testInfo, 'service-not-found');
  await page.getByTestId('back-to-overview').click();
  await expect(page.getByTestId('summary')).toBeVisible();
});

test('a garbled link falls back to defaults with a notice', async ({ page }) => {
  const svc = new ServicePage(page);
  await svc.goto(NS, NAME, '?view=sideways&group=-3');
  await expect(svc.panels).toHaveCount(2);
  await expect(svc.urlNotices).toContainText('view');
  await expect(svc.urlNotices).toContainText('group');
});

test.describe('Service page: partner-api/partner-gateway (SNATed partners denied under Cluster)', () => {
  test('does NetworkPolicy let the partners in? Denied at every pod under Cluster, allowed under Local', async ({
    page,
  }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto('partner-api', 'partner-gateway');
    const cluster = await svc.podVerdicts('Cluster');
    expect(Object.keys(cluster)).toHaveLength(3);
    expect(new Set(Object.values(cluster))).toEqual(new Set(['denied']));
    expect(new Set(Object.values(await svc.podVerdicts('Local')))).toEqual(new Set(['allowed']));
    // Words and icon are drawn in the box, not only on hover.
    const text = svc.pods('Cluster').first().getByTestId('diagram-verdict-text');
    await expect(text).toBeVisible();
    // The words wrap over two lines (two <tspan>s), so the text runs on without a space.
    await expect(text).toHaveText(/^denied by ?partner-api\//);
    await expect(svc.pods('Local').first().getByTestId('diagram-verdict-text')).toHaveText('allowed');
    // The edges into the denying pods are drawn blocked; under Local they carry traffic.
    const intoCluster = await svc
      .edgesIntoPods('Cluster')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))]);
    expect(intoCluster).toEqual(['blocked']);
    const intoLocal = await svc
      .edgesIntoPods('Local')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-verdict')))]);
    expect(intoLocal).toEqual(['allowed']);
    await expect(svc.panel('Cluster').getByTestId('policy-summary')).toContainText(
      'NetworkPolicy blocks it at every pod',
    );
    await keepScreenshot(page, testInfo, 'service-partner-gateway');
  });

  test('does a partner packet at prod-worker-02 get through? The trace headline says blocked, not forwarded', async ({
    page,
  }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto('partner-api', 'partner-gateway');
    await svc.trace({ from: '198.51.100.20', to: '192.0.2.22', port: '443', node: 'prod-worker-02' });
    const headline = svc.traceHeadline('Cluster');
    await expect(headline).toHaveAttribute('data-tone', 'blocked');
    await expect(headline).toContainText(/blocked by NetworkPolic(y|ies) partner-api\/.* at every pod \(3\)/);
    await expect(headline).not.toContainText('forwarded');
    await expect(svc.traceResult('Cluster').getByTestId('trace-verdict')).toHaveText('forwarded');
    // Under Local the node has no partner-gateway pod: the packet dies there, and the diagram names the node.
    await expect(svc.traceHeadline('Local')).toHaveText(/dropped at prod-worker-02 \(no local endpoint\)/);
    await expect(svc.diagram('Local').getByTestId('diagram-traced-node')).toHaveText('▶ traced at prod-worker-02');
    await keepScreenshot(page, testInfo, 'service-partner-gateway-trace');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('does a swipe over the diagram scroll the page, and a sideways one the diagram?', async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME);
    const diagram = svc.diagram('Local');
    // On a phone the steps come first and the diagram is one tap away.
    await expect(diagram).toBeHidden();
    await svc.togglePhoneDiagram('Local');
    await expect(diagram).toBeVisible();
    // The diagram's top 100 px below the screen's: the swipes below start and end on it.
    await diagram.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
    const box = (await diagram.boundingBox())!;
    expect(box.height).toBeGreaterThan(400);
    const identity = await svc.diagramTransform('Local');
    const scrolled = await page.evaluate(() => window.scrollY);

    await svc.swipe({ x: 200, y: 450 }, { x: 200, y: 150 });
    // The page moved up under the finger; the diagram was not panned inside its frame.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled + 150);
    expect(await svc.diagramTransform('Local')).toBe(identity);

    // Sideways, the diagram (wider than the phone) scrolls in its own frame to show its later columns.
    await diagram.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
    await svc.swipe({ x: 320, y: 200 }, { x: 40, y: 200 });
    await expect.poll(() => svc.diagramScrollLeft('Local')).toBeGreaterThan(100);
    expect(await svc.diagramTransform('Local')).toBe(identity);
  });

  test('does the path read as a list of steps, with the boxes, addresses and verdicts of the diagram?', async ({
    page,
  }) => {
    const svc = new ServicePage(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await svc.goto('partner-api', 'partner-gateway');
    await expect(svc.steps('Cluster')).toBeHidden();
    // What the wide diagram draws: each box's hop id and its whole story (accessible name).
    const boxesOf = (policy: 'Cluster' | 'Local') =>
      svc
        .diagram(policy)
        .locator('g[data-hop][data-count]')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-hop')} ${e.getAttribute('aria-label')}`).sort());
    const wide = { Cluster: await boxesOf('Cluster'), Local: await boxesOf('Local') };
    expect(wide.Cluster.length).toBeGreaterThan(6);

    await page.setViewportSize({ width: 390, height: 844 });
    for (const policy of ['Cluster', 'Local'] as const) {
      if (policy === 'Local') await page.getByTestId('phone-policy-Local').click();
      await expect(svc.steps(policy)).toBeVisible();
      await expect(svc.diagram(policy)).toBeHidden();
      // Every box of the diagram is one step box, none left out or repeated.
      const listed = await svc
        .stepBoxes(policy)
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-hop')} ${e.getAttribute('aria-label')}`).sort());
      expect(listed).toEqual(wide[policy]);
      // Legible and within the screen: the page's own text sizes, nothing wider than the phone.
      const texts = await svc
        .steps(policy)
        .evaluate((list) =>
          [...list.querySelectorAll('span, h3')]
            .filter((t) => t.children.length === 0 && (t.textContent ?? '').trim() !== '')
            .map((t) => ({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) })),
        );
      expect(texts.filter((t) => t.px < 11)).toEqual([]);
      const right = await svc
        .stepBoxes(policy)
        .evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(390);
    }
    // Each pod step says the address on the wire there and the NetworkPolicy verdict the diagram draws.
    const pod = svc.stepBoxes('Cluster').and(page.locator('[data-column="pod"]')).first();
    await page.getByTestId('phone-policy-Cluster').click();
    await expect(pod.getByTestId('path-step-wire')).toHaveText(/^\d+\.\d+\.\d+\.\d+.* → \d+\.\d+\.\d+\.\d+$/);
    const hop = (await pod.getAttribute('data-hop'))!;
    const drawn = svc.diagram('Cluster').locator(`[data-hop="${hop}"]`);
    await expect(pod).toHaveAttribute('data-verdict', (await drawn.getAttribute('data-verdict'))!);
    const firstLine = (await drawn.getByTestId('diagram-verdict-text').locator('tspan').first().textContent())!;
    expect((await pod.getByTestId('path-step-verdict').textContent())!.slice(2)).toContain(firstLine.replace(/…$/, ''));

    // A tap selects the same hop as a click on the diagram: the URL names it and its details open right under the
    // card, in the page's flow (a drawer pinned to the screen covered the steps below it), with what the drawer says.
    await pod.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('hop')).toBe(hop);
    await expect(pod).toHaveAttribute('aria-pressed', 'true');
    await expect(svc.hopDetails).toBeHidden();
    const details = svc.inlineHopDetails;
    await expect(details).toHaveAttribute('data-hop', hop);
    await expect(details).toBeInViewport();
    const card = (await pod.boundingBox())!;
    const below = (await details.boundingBox())!;
    expect(below.y).toBeGreaterThanOrEqual(card.y + card.height);
    expect(below.y - (card.y + card.height)).toBeLessThan(16);
    expect(below.x + below.width).toBeLessThanOrEqual(390);
    expect(await details.evaluate((el) => getComputedStyle(el).position)).toBe('static');
    await expect(details).toContainText(`src `);
    // The denied pod's note (the isolating policies, the address each saw: hundreds of characters) is cut to two
    // lines, as a trace's reasons are, and shown whole on a tap.
    const note = details.getByTestId('hop-details-note');
    const [[shown, whole, line]] = await svc.textHeights(note);
    expect(shown).toBeLessThanOrEqual(2 * line + 1);
    expect(whole).toBeGreaterThan(4 * line);
    await details.getByTestId('hop-details-note-toggle').click();
    const [[opened, all]] = await svc.textHeights(note);
    expect(opened).toBe(all);
    // The next step is still there to read below the details, not under a drawer.
    const next = svc.stepBoxes('Cluster').and(page.locator('[data-column="pod"]')).nth(1);
    await next.scrollIntoViewIfNeeded();
    await expect(next).toBeInViewport({ ratio: 1 });
    // Clearing closes them; a second tap on the card does too.
    await details.getByTestId('hop-details-clear').click();
    await expect(details).toHaveCount(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('hop')).toBeNull();
    await pod.click();
    await expect(details).toBeVisible();
    await pod.click();
    await expect(details).toHaveCount(0);

    // With the diagram shown, a box of it has no step to open under: its details come in the drawer, as on a wide
    // screen, and not twice.
    await svc.togglePhoneDiagram('Cluster');
    await svc.diagram('Cluster').locator(`[data-hop="${hop}"]`).click();
    await expect(svc.hopDetails).toBeVisible();
    await expect(svc.hopDetails).toHaveAttribute('data-hop', hop);
    await expect(svc.inlineHopDetails).toHaveCount(0);
    // Hiding the diagram again puts them back under the step.
    await svc.togglePhoneDiagram('Cluster');
    await expect(svc.hopDetails).toBeHidden();
    await expect(svc.inlineHopDetails).toHaveAttribute('data-hop', hop);
  });
});

test("does a link naming a hop show its details on a phone: a box's under its step, an edge's in the drawer?", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const svc = new ServicePage(page);
  // A box of the what-if policy (Local): the phone opens on that policy, with the details under the box's step.
  await svc.goto('partner-api', 'partner-gateway', '?hop=Local%3Alb');
  await expect(svc.panel('Local')).toBeVisible();
  await expect(svc.panel('Cluster')).toBeHidden();
  const step = svc.stepBoxes('Local').and(page.locator('[data-hop="Local:lb"]'));
  await expect(step).toHaveAttribute('aria-pressed', 'true');
  await expect(svc.inlineHopDetails).toBeVisible();
  await expect(svc.inlineHopDetails).toHaveAttribute('data-hop', 'Local:lb');
  await expect(svc.hopDetails).toBeHidden();

  // An edge has no step: its details stay in the drawer.
  const edge = (await svc.edges('Cluster').first().getAttribute('data-hop'))!;
  await svc.goto('partner-api', 'partner-gateway', `?hop=${encodeURIComponent(edge)}`);
  await expect(svc.hopDetails).toBeVisible();
  await expect(svc.hopDetails).toHaveAttribute('data-hop', edge);
  await expect(svc.hopDetails).toBeInViewport();
  await expect(svc.inlineHopDetails).toHaveCount(0);
});

test("does a traced packet light the same boxes in the phone's steps as in the diagram?", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const svc = new ServicePage(page);
  await svc.goto('partner-api', 'partner-gateway');
  await svc.trace({ from: '203.0.113.10' });
  const lit = (locator: import('@playwright/test').Locator) =>
    locator.evaluateAll((els) => els.map((e) => e.getAttribute('data-hop')).sort());
  const stepsLit = await lit(svc.stepBoxes('Cluster').and(page.locator('[data-highlighted="true"]')));
  expect(stepsLit.length).toBeGreaterThan(2);
  const diagramLit = await lit(svc.highlighted('Cluster').and(page.locator('[data-count]')));
  expect(stepsLit).toEqual(diagramLit);
});

test("are a trace's long endpoint reasons cut to two lines on a phone, whole on a tap and on a wide screen?", async ({
  page,
}) => {
  const svc = new ServicePage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await svc.goto('partner-api', 'partner-gateway');
  await svc.trace({ from: '198.51.100.20' });
  const reasons = svc.traceResult('Cluster').getByTestId('trace-endpoint-reason');
  await expect(reasons.first()).toBeVisible();
  const heights = () => svc.textHeights(reasons);
  const cut = await heights();
  // Every reason shows at most two lines; the denials' reasons (the two pods SNATed to a node address) have more.
  for (const [shown, , line] of cut) expect(shown).toBeLessThanOrEqual(2 * line + 1);
  expect(cut.filter(([shown, whole]) => whole > shown).length).toBeGreaterThanOrEqual(2);
  const toggle = svc.traceResult('Cluster').getByTestId('trace-endpoint-reason-toggle').first();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const [first] = await heights();
  expect(first[0]).toBe(first[1]);

  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(toggle).toBeHidden();
  for (const [shown, whole] of await heights()) expect(shown).toBe(whole);
});

test('does a mouse drag still pan the diagram?', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const svc = new ServicePage(page);
  await svc.goto(NS, NAME);
  const box = (await svc.diagram('Cluster').boundingBox())!;
  const identity = await svc.diagramTransform('Cluster');
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 70, { steps: 5 });
  await page.mouse.up();
  const moved = await svc.diagramTransform('Cluster');
  expect(moved).not.toBe(identity);
  // In the SVG's own units (its viewBox may scale it on screen): right and down, twice as far right as down.
  const [x, y] = /translate\(([-\d.]+),([-\d.]+)\) scale\(1\)/
    .exec(moved ?? '')!
    .slice(1)
    .map(Number);
  expect(x).toBeGreaterThan(50);
  expect(x / y).toBeCloseTo(2, 1);
});

test.describe('Service page legibility', () => {
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    test(`is every diagram text at least 11 px at ${width}×${height} in the default view?`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const svc = new ServicePage(page);
      for (const [ns, name] of [
        [NS, NAME],
        ['partner-api', 'partner-gateway'],
      ]) {
        await svc.goto(ns, name);
        await expect(svc.panels).toHaveCount(2);
        const sizes = await svc.diagramTextSizes();
        expect(sizes.length).toBeGreaterThan(20);
        const small = sizes.filter((s) => s.px < 11);
        expect(small, JSON.stringify(small.slice(0, 5))).toEqual([]);
      }
    });
  }

  test('is the pod-share chart legible on a phone, with the bars the wide chart draws?', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const svc = new ServicePage(page);
    await svc.goto(NS, NAME);
    const wide = await svc
      .shareBars('Cluster')
      .evaluateAll((bars) =>
        bars.map((b) => `${b.getAttribute('data-pod')} ${b.querySelector('text:last-of-type')?.textContent}`),
      );
    expect(wide.length).toBeGreaterThan(1);
    await expect(svc.shareItems('Cluster').first()).toBeHidden();

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(svc.shareItems('Cluster')).toHaveCount(wide.length);
    await expect(svc.shareItems('Cluster').first()).toBeVisible();
    await expect(svc.shareBars('Cluster').first()).toBeHidden();
    // Each item names the pod the wide chart's bar names, with the same share and source text.
    const narrow = await svc.shareItems('Cluster').evaluateAll((items) =>
      items.map((i) => {
        const [label, share] = [...i.querySelectorAll('span')].map((s) => s.textContent);
        const seen = i.querySelector('p')?.textContent;
        return `${i.getAttribute('data-pod')} ${share}${seen ? ` · ${seen}` : ''}${label ? '' : ' (no label)'}`;
      }),
    );
    expect(narrow).toEqual(wide);
    const sizes = await svc.shareChartTextSizes('Cluster');
    expect(sizes.length).toBeGreaterThan(wide.length * 2);
    expect(sizes.filter((s) => s.px < 11)).toEqual([]);
    // Nothing of the chart is wider than the phone's screen.
    const right = await svc
      .shareItems('Cluster')
      .evaluateAll((items) => Math.max(...items.map((i) => i.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(390);
  });

  test('Service page screenshots at 1440, 1280 and 390 px', async ({ page }, testInfo) => {
    for (const width of [1440, 1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const svc = new ServicePage(page);
      await svc.goto('partner-api', 'partner-gateway');
      if (width === 390) {
        // On a phone one policy is shown at a time, with a toggle.
        await expect(svc.panel('Cluster')).toBeVisible();
        await expect(svc.panel('Local')).toBeHidden();
        await page.getByTestId('phone-policy-Local').click();
        await expect(svc.panel('Local')).toBeVisible();
        await expect(svc.panel('Cluster')).toBeHidden();
      }
      await keepScreenshot(page, testInfo, `service-partner-gateway-${width}`);
    }
  });

  test('is a clicked hop visible without scrolling?', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const svc = new ServicePage(page);
    await svc.goto('partner-api', 'partner-gateway');
    await svc.pods('Cluster').first().click();
    await expect(svc.hopDetails).toBeInViewport({ ratio: 1 });
    await expect(svc.hopDetails).toContainText('denied');
    // A wide screen shows the whole note, without the phone's button.
    const [[shown, whole]] = await svc.textHeights(svc.hopDetails.getByTestId('hop-details-note'));
    expect(shown).toBe(whole);
    await expect(svc.hopDetails.getByTestId('hop-details-note-toggle')).toBeHidden();
  });
});

test.describe('in-cluster paths', () => {
  const STOREFRONT_POD = 'storefront/storefront-api-54b6775796-5kjdm';

  test('can storefront pods reach checkout-api? Its ClusterIP diagram says denied', async ({ page }, testInfo) => {
    const svc = new ServicePage(page);
    await svc.goto('checkout', 'checkout-api');
    // A ClusterIP Service opens on its in-cluster path.
    await expect(page.getByTestId('path-in-cluster')).toBeChecked();
    await expect(svc.diagram('Cluster').getByTestId('diagram-column')).toHaveText([
      'CLIENT PODS',
      'CLUSTERIP',
      /^KUBE-PROXY/,
      'PODS',
    ]);
    const storefront = svc.clients('Cluster').filter({ has: page.locator('tspan', { hasText: /^storefront$/ }) });
    await expect(storefront).toHaveAttribute('data-verdict', 'denied');
    // The pod-share chart no longer says "0% · sees nothing".
    await expect(svc.shareBars('Cluster')).toHaveCount(3);
    await expect(svc.shareBars('Cluster').first()).not.toHaveAttribute('data-share', '0');
    await keepScreenshot(page, testInfo, 'service-checkout-api-in-cluster');

    // One storefront pod chosen in the URL: every checkout-api pod denies it, the edges are blocked.
    await svc.goto('checkout', 'checkout-api', `?pod=${encodeURIComponent(STOREFRONT_POD)}`);
    expect(new Set(Object.values(await svc.podVerdicts('Cluster')))).toEqual(new Set(['denied']));
    await expect(svc.pods('Cluster').first().getByTestId('diagram-verdict-text')).toHaveText(/^denied by ?checkout\//);
    const kinds = await svc
      .edgesIntoPods('Cluster')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))]);
    expect(kinds).toEqual(['blocked']);
  });

  test('does a storefront pod get through to checkout-api? The trace headline says blocked', async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto('checkout', 'checkout-api');
    await svc.trace({ from: `pod:${STOREFRONT_POD}`, to: '10.111.101.48', port: '80' });
    const headline = svc.traceHeadline('Cluster');
    await expect(headline).toHaveAttribute('data-tone', 'blocked');
    await expect(headline).toContainText(/blocked by NetworkPolic(y|ies) checkout\/.* at every pod \(3\)/);
    // The in-cluster diagram lights the storefront clients, the ClusterIP and the three pods.
    const lit = svc.highlighted('Cluster');
    await expect(lit.and(page.getByTestId('diagram-cluster-ip'))).toHaveCount(1);
    await expect(lit.and(svc.clients('Cluster'))).toHaveCount(1);
    await expect(lit.and(page.getByTestId('diagram-pod'))).toHaveCount(3);
  });

  test('can I see both the external and the in-cluster path of a LoadBalancer Service?', async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto('partner-api', 'partner-gateway');
    await expect(page.getByTestId('path-external')).toBeChecked();
    await expect(svc.diagram('Cluster').getByTestId('diagram-lb')).toBeVisible();
    await svc.setPath('in-cluster');
    await expect(page).toHaveURL(/path=in-cluster/);
    await expect(svc.panel('Cluster')).toContainText('internalTrafficPolicy: Cluster');
    await expect(svc.diagram('Cluster').getByTestId('diagram-cluster-ip')).toContainText('10.107.229.104:443');
    await page.reload();
    await svc.waitReady();
    await expect(page.getByTestId('path-in-cluster')).toBeChecked();
  });
});

test.describe('named nodes and exports', () => {
  test('which nodes does an aggregated row stand for? The details list them, with a search', async ({ page }) => {
    const svc = new ServicePage(page);
    await svc.goto('partner-api', 'partner-gateway', '?view=Local');
    const group = svc.nodes('Local').filter({ hasText: '3 nodes without a local endpoint' });
    await expect(group).toContainText('prod-cp-01');
    await group.click();
    const list = svc.hopDetails.getByTestId('hop-node-list');
    await expect(list.locator('li')).toHaveText(['prod-cp-01', 'prod-cp-02', 'prod-cp-03']);
    await expect(svc.hopDetails).toBeInViewport({ ratio: 1 });
  });

  test('does an exported SVG say which Service, cluster and legend it shows, on a light background?', async ({
    page,
  }) => {
    const svc = new ServicePage(page);
    await svc.goto('partner-api', 'partner-gateway');
    const source = (await page.getByTestId('source-badge').getAttribute('title')) ?? '';
    expect(source).not.toBe('');
    // Dark theme on screen; the export is light anyway.
    await svc.header.themeToggle.click();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await svc.trace({ from: '198.51.100.20', to: '192.0.2.22', port: '443', node: 'prod-worker-02' });
    const svg = await svc.exportedSvg();
    expect(svg.errors).toBe(0);
    expect(svg.title).toBe('Service partner-api/partner-gateway — external path');
    expect(svg.text).toContain(`Cluster: ${source}`);
    expect(svg.text).toContain('externalTrafficPolicy: Cluster (actual) vs Local (what if)');
    expect(svg.text).toContain('Traced packet: 198.51.100.20 → 192.0.2.22:443/tcp arriving at prod-worker-02');
    for (const legend of ['client IP preserved', 'client IP lost (SNAT)', 'blocked by NetworkPolicy', 'dropped'])
      expect(svg.text).toContain(legend);
    expect(svg.background).toBe('fill:rgb(255, 255, 255)');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  });
});

test('does Tab walk the diagram boxes in path order, with edges reachable from their box?', async ({ page }) => {
  const svc = new ServicePage(page);
  await svc.goto('partner-api', 'partner-gateway', '?view=Local');
  const boxes = await svc
    .diagram('Local')
    .locator('[data-hop][tabindex="0"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  // Only boxes are tab stops, client first and pods last.
  expect(boxes.every((t) => t !== 'diagram-edge')).toBe(true);
  expect(boxes[0]).toBe('diagram-client');
  expect(boxes.at(-1)).toBe('diagram-pod');
  await expect(svc.edges('Local').first()).toHaveAttribute('tabindex', '-1');

  await svc.diagram('Local').getByTestId('diagram-client').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'diagram-lb');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'diagram-edge');
  const first = await page.locator(':focus').getAttribute('data-hop');
  expect(first).toMatch(/^Local:lb>/);
  await page.keyboard.press('ArrowDown');
  expect(await page.locator(':focus').getAttribute('data-hop')).not.toBe(first);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'diagram-node');
});
