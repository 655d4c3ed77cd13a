// Front doors on the Istio story (lib/demo/stories/istio-proxy-protocol.json): an AWS NLB with PROXY v2 into the
// Istio ingress gateway, routing reviews.example.com to shop/reviews, whose pods have a REDIRECT sidecar.
import { expect, test } from '@playwright/test';
import { FrontDoorDiagram } from './pages/front-door-diagram';
import { FrontDoorSection } from './pages/front-door-section';
import { ServicePage } from './pages/service-page';

test('does the gateway’s diagram draw the sidecar in front of reviews, and the 127.0.0.6 peer the app sees?', async ({
  page,
}) => {
  const service = new ServicePage(page);
  await service.goto('istio-system', 'istio-ingressgateway');
  const door = new FrontDoorDiagram(page);
  expect(await door.doorOrder('Cluster')).toEqual(['proxy', 'sidecar', 'app']);
  await expect(door.caption('Cluster', 'sidecar')).toHaveText('◫ SIDECAR');
  await expect(door.box('Cluster', 'proxy')).toContainText('Istio ingress gateway');
  // Too long for one line of the box: the header's name, then its value under it; whole in the tooltip.
  await expect(door.factLines('Cluster', 'proxy', 'x-envoy-external-address')).toHaveCount(2);
  expect(await door.fact('Cluster', 'proxy', 'x-envoy-external-address')).toBe(
    'x-envoy-external-address: 203.0.113.10',
  );
  expect((await door.tooltipFacts('Cluster', 'proxy'))['x-envoy-external-address']).toBe('203.0.113.10');
  await expect(door.box('Cluster', 'sidecar')).toContainText('Istio (REDIRECT)');
  await expect(door.box('Cluster', 'sidecar')).toHaveAttribute('data-alert', 'true');
  expect(await door.fact('Cluster', 'sidecar', 'App peer')).toBe('App peer: 127.0.0.6');
  expect(await door.fact('Cluster', 'app', 'Peer')).toBe('Peer: 127.0.0.6');
  // The card below says the same.
  await expect(new FrontDoorSection(page).hop('Cluster', 'sidecar')).toContainText('Istio (REDIRECT)');
});

test('ratings behind the same gateway: is the TPROXY sidecar drawn keeping the source?', async ({ page }) => {
  const service = new ServicePage(page);
  await service.goto('shop', 'ratings', '?path=external');
  const door = new FrontDoorDiagram(page);
  expect(await door.columns('Cluster')).toEqual(['client', 'loadBalancer', 'l7Proxy', 'sidecar', 'app']);
  await expect(door.box('Cluster', 'sidecar')).toContainText('Istio (TPROXY)');
  expect(await door.fact('Cluster', 'sidecar', 'App peer')).toBe('App peer: the original source (kept)');
  expect(await door.fact('Cluster', 'app', 'Peer')).not.toContain('127.0.0.6');
});
