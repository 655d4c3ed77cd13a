// Front doors in the dashboard, on the Kong-behind-AWS story (lib/demo/stories/kong-aws.json):
// Kong behind an NLB with PROXY v2, a Classic ELB and an ALB Ingress, routing orders.example.com to orders.
import { expect, test } from '@playwright/test';
import { FrontDoorDiagram } from './pages/front-door-diagram';
import { FrontDoorSection } from './pages/front-door-section';
import { OverviewPage } from './pages/overview-page';
import { ServicePage } from './pages/service-page';
import { keepScreenshot } from './support/artifacts';

test.describe('front doors', () => {
  test('which load balancer and proxy sit in front of kong-nlb, and which headers reach orders?', async ({
    page,
  }, testInfo) => {
    const service = new ServicePage(page);
    await service.goto('kong', 'kong-nlb');
    const fd = new FrontDoorSection(page);
    // The answer is stated above the diagrams (which show L3 only), with the way there.
    await expect(fd.summaryAnswer).toHaveAttribute('data-answer', 'yes');
    await expect(page.getByTestId('front-door-summary')).toContainText('AWS NLB');
    await fd.root.scrollIntoViewIfNeeded();

    // The Service's own policy (Cluster): NLB → Kong → the orders pod.
    expect(await fd.hopKinds('Cluster')).toEqual(['loadBalancer', 'proxy', 'app']);
    const lb = fd.hop('Cluster', 'loadBalancer');
    await expect(lb).toContainText('AWS NLB via AWS Load Balancer Controller, instance targets');
    await expect(lb).toContainText('aws-lbc-nlb-instance');
    await expect(lb).toContainText(/PROXY protocol\s*on \(v2\)/);

    const proxy = fd.hop('Cluster', 'proxy');
    await expect(proxy).toContainText('Kong');
    await expect(proxy).toContainText('orders/orders');
    await expect(fd.header('Cluster', 'proxy', 'X-Forwarded-For')).toHaveText('203.0.113.10');
    await expect(fd.header('Cluster', 'proxy', 'X-Real-IP')).toHaveText('203.0.113.10');

    await expect(fd.answer('Cluster')).toHaveAttribute('data-answer', 'yes');
    await expect(fd.answer('Cluster')).toContainText('PROXY, X-Forwarded-For');
    await expect(fd.hop('Cluster', 'app')).toContainText('orders/orders-0');

    // The route links to the backend's page, whose section says which proxy fronts it.
    await expect(fd.routes).toHaveCount(1);
    await fd.routes.first().getByTestId('front-door-backend-link').click();
    await page.waitForURL(/\/services\/orders\/orders/);
    await new ServicePage(page).waitReady();
    await expect(new FrontDoorSection(page).behind.first()).toBeVisible();
    const behind = await new FrontDoorSection(page).behind.allInnerTexts();
    // Kong is behind all three: the NLB, the Classic ELB and (ClusterIP kong-alb) the ALB Ingress kong/edge.
    expect(behind.sort()).toEqual(['kong/kong-alb', 'kong/kong-elb', 'kong/kong-nlb']);
    await keepScreenshot(page, testInfo, 'front-door-orders');
  });

  test('does the Classic ELB keep the client IP for the app behind Kong?', async ({ page }) => {
    const service = new ServicePage(page);
    await service.goto('kong', 'kong-elb');
    const fd = new FrontDoorSection(page);
    await expect(fd.answer('Local')).toHaveAttribute('data-answer', 'no');
    await expect(fd.hop('Local', 'loadBalancer')).toContainText('AWS Classic ELB');
    await expect(fd.hop('Local', 'loadBalancer')).toContainText('client lost here');
    await expect(fd.header('Local', 'proxy', 'X-Forwarded-For')).not.toContainText('203.0.113.');
  });

  test('which Services can learn the client IP? the overview column filters', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(overview.cell('kong/kong-nlb', 'app')).toHaveAttribute('data-app', 'yes');
    await expect(overview.cell('kong/kong-nlb', 'app')).toContainText('PROXY, X-Forwarded-For');
    await expect(overview.cell('kong/kong-elb', 'app')).toHaveAttribute('data-app', 'no');
    await expect(overview.cell('orders/orders', 'app')).toHaveAttribute('data-app', 'partial');

    await overview.setFilter('app', 'no');
    expect(await overview.rowKeys()).toEqual(['kong/kong-elb']);
    await overview.setFilter('app', 'partial');
    expect(await overview.rowKeys()).toEqual(['orders/orders']);

    // The filter lives in the URL: a reload (or a shared link) shows the same rows.
    await page.reload();
    await expect(overview.filter('app')).toHaveValue('partial');
    expect(await overview.rowKeys()).toEqual(['orders/orders']);
    await overview.setFilter('app', '');
    expect((await overview.rowKeys()).length).toBeGreaterThan(2);
  });

  test('does the diagram draw the NLB by kind, Kong with the headers it writes, and what orders takes as the client?', async ({
    page,
  }, testInfo) => {
    const service = new ServicePage(page);
    await service.goto('kong', 'kong-nlb');
    const door = new FrontDoorDiagram(page);
    // The front door stacks under the pods (captioned), so the diagram keeps its columns and width.
    expect(await door.columns('Cluster')).toEqual(['client', 'loadBalancer', 'node', 'proxy', 'pod']);
    expect(await door.doorOrder('Cluster')).toEqual(['proxy', 'app']);
    await expect(door.caption('Cluster', 'app')).toHaveText('▣ CLIENT IP AT THE APP');

    // The load balancer by kind, and what it does to the source.
    await expect(door.box('Cluster', 'loadBalancer')).toContainText('AWS NLB via AWS Load');
    expect(await door.fact('Cluster', 'loadBalancer', 'Layer')).toBe('Layer: L4 pass-through');
    expect(await door.fact('Cluster', 'loadBalancer', 'PROXY')).toBe('PROXY: v2');
    expect(await door.fact('Cluster', 'loadBalancer', 'Keeps client IP')).toBe('Keeps client IP: yes');

    // Kong after the pods: its route to orders and the header values it writes.
    await expect(door.box('Cluster', 'proxy')).toContainText('Kong Gateway');
    await expect(door.box('Cluster', 'proxy')).toContainText('routes to orders/orders');
    expect(await door.fact('Cluster', 'proxy', 'X-Forwarded-For')).toBe('X-Forwarded-For: 203.0.113.10');
    expect(await door.fact('Cluster', 'proxy', 'X-Real-IP')).toBe('X-Real-IP: 203.0.113.10');
    await expect(door.box('Cluster', 'app')).toContainText('orders/orders-0');
    expect(await door.fact('Cluster', 'app', 'Client')).toBe('Client: 203.0.113.10 (X-Forwarded-For)');

    // The tooltip gives the values whole, and they are the cards' values (one view feeds both).
    const facts = await door.tooltipFacts('Cluster', 'proxy');
    expect(facts['X-Forwarded-For']).toBe('203.0.113.10');
    const fd = new FrontDoorSection(page);
    await expect(fd.header('Cluster', 'proxy', 'X-Forwarded-For')).toHaveText(facts['X-Forwarded-For']);

    // Keyboard: from the pod, → onto its edge into Kong, → onto Kong's box, whose tooltip shows.
    await door.diagram('Cluster').getByTestId('diagram-pod').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).toHaveAttribute('data-hop', /door:proxy$/);
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'diagram-l7-proxy');
    await expect(door.tooltip).toHaveAttribute('data-hop', 'Cluster:door:proxy');
    // Enter selects it: the details drawer lists its facts and headers whole, as copyable text.
    await page.keyboard.press('Enter');
    await expect(service.hopDetails).toHaveAttribute('data-hop', 'Cluster:door:proxy');
    await expect(service.hopDetails.locator('[data-testid="hop-fact"][data-label="X-Real-IP"]')).toHaveText(
      '203.0.113.10',
    );
    await page.keyboard.press('Escape');

    // The legend explains the new marks; the export keeps the columns and the header values.
    await expect(page.getByTestId('legend-door')).toHaveCount(4);
    const svg = await service.exportedSvg();
    expect(svg.errors).toBe(0);
    expect(svg.text).toContain('X-Forwarded-For: 203.0.113.10');
    expect(svg.text).toContain('CLIENT IP AT THE APP');
    expect(svg.text).toContain('new connection (proxy / sidecar)');
    await keepScreenshot(page, testInfo, 'front-door-diagram-kong-nlb');
  });

  test('a backend behind Kong: does its diagram draw the way in through the proxy?', async ({ page }) => {
    const service = new ServicePage(page);
    // A ClusterIP Service opens on its in-cluster path; the way in from outside is one click (path=external).
    await service.goto('orders', 'orders', '?path=external');
    const door = new FrontDoorDiagram(page);
    // No pods of its own on the external path: the front-door hops take columns after the load balancer.
    expect(await door.columns('Cluster')).toEqual(['client', 'loadBalancer', 'l7Proxy', 'app']);
    await expect(door.box('Cluster', 'loadBalancer')).toContainText('in front of kong/kong-nlb');
    expect(await door.fact('Cluster', 'proxy', 'X-Forwarded-For')).toBe('X-Forwarded-For: 203.0.113.10');
    expect(await door.fact('Cluster', 'app', 'Real client')).toBe('Real client: yes');
  });

  test('behind the Classic ELB, does the diagram show the client lost before Kong?', async ({ page }) => {
    const service = new ServicePage(page);
    await service.goto('kong', 'kong-elb', '?view=Local');
    const door = new FrontDoorDiagram(page);
    await expect(door.box('Local', 'loadBalancer')).toContainText('AWS Classic ELB');
    expect(await door.fact('Local', 'loadBalancer', 'Keeps client IP')).toBe('Keeps client IP: no');
    expect(await door.fact('Local', 'proxy', 'X-Forwarded-For')).not.toContain('203.0.113.');
    await expect(door.box('Local', 'app')).toHaveAttribute('data-client-ip', 'snat');
    expect(await door.fact('Local', 'app', 'Real client')).toBe('Real client: no');
  });
});
