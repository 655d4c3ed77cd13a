import { describe, expect, it } from 'vitest';
import { netpol, pod, slice, svc } from '../testing/fixtures';
import { namedPortUnresolvedElsewhere, namedPortUnresolvedForService } from './policy-named-port-unresolved';
import { clusterContextOf, runOn } from './testing';

const cartPods = [
  pod({
    name: 'cart-1',
    namespace: 'checkout',
    ip: '10.244.0.5',
    node: 'n1',
    labels: { app: 'cart' },
    ports: [
      { name: 'grpc', containerPort: 9090 },
      { name: 'metrics', containerPort: 9102 },
    ],
  }),
  pod({
    name: 'cart-2',
    namespace: 'checkout',
    ip: '10.244.0.6',
    node: 'n1',
    labels: { app: 'cart' },
    ports: [
      { name: 'grpc', containerPort: 9090 },
      { name: 'metrics', containerPort: 9102 },
    ],
  }),
];
const cart = [
  svc({ name: 'cart', namespace: 'checkout', ports: [{ name: 'grpc', port: 9090 }] }),
  slice({
    service: 'cart',
    namespace: 'checkout',
    ports: [{ name: 'grpc', port: 9090 }],
    endpoints: [
      { ip: '10.244.0.5', node: 'n1', pod: 'cart-1' },
      { ip: '10.244.0.6', node: 'n1', pod: 'cart-2' },
    ],
  }),
  ...cartPods,
];
const scrape = (port: string) =>
  netpol({
    name: 'cart-allow-metrics-scrape',
    namespace: 'checkout',
    podSelector: { matchLabels: { app: 'cart' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port, protocol: 'TCP' }] }],
  });

describe('policy-named-port-unresolved (e2e "should allow ingress access on one named port"; netpol-analyzer)', () => {
  it('a name the selected pods do not expose: warning on the Service, listing their port names and the likely intended one', () => {
    const f = runOn(namedPortUnresolvedForService, [...cart, scrape('http-metrics')], 'checkout/cart');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('policy-named-port-unresolved/checkout/cart/cart-allow-metrics-scrape/ingress-0/http-metrics');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      'cart-allow-metrics-scrape allows port "http-metrics" (TCP, ingress[0]), but the 2 cart pods it selects name their ports grpc (9090) and metrics (9102): the name resolves to nothing, so the entry admits nothing.',
    );
    expect(f[0].fix).toContain('"metrics"');
    expect(f[0].fixYaml).toContain('port: metrics');
  });

  it('a name the pods expose: no finding', () => {
    expect(runOn(namedPortUnresolvedForService, [...cart, scrape('metrics')], 'checkout/cart')).toEqual([]);
  });

  it('issues not in front of any Service (egress, or a policy selecting no pod) are reported cluster-wide with service null', () => {
    const egress = netpol({
      name: 'client-egress',
      namespace: 'checkout',
      podSelector: { matchLabels: { app: 'client' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'cart' } } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
    });
    const orphan = netpol({
      name: 'orphan',
      namespace: 'checkout',
      podSelector: { matchLabels: { app: 'gone' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 'web', protocol: 'TCP' }] }],
    });
    // A policy on pods that back no Service (a bare batch pod).
    const batch = pod({
      name: 'batch-1',
      namespace: 'checkout',
      ip: '10.244.0.9',
      node: 'n1',
      labels: { app: 'batch' },
      ports: [{ name: 'grpc', containerPort: 9090 }],
    });
    const batchPolicy = netpol({
      name: 'batch-in',
      namespace: 'checkout',
      podSelector: { matchLabels: { app: 'batch' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 'admin', protocol: 'TCP' }] }],
    });
    const ctx = clusterContextOf([...cart, scrape('http-metrics'), egress, orphan, batch, batchPolicy]);
    const f = namedPortUnresolvedElsewhere(ctx);
    expect(f.map((x) => x.id).sort()).toEqual([
      'policy-named-port-unresolved/checkout/batch-in/ingress-0/admin',
      'policy-named-port-unresolved/checkout/client-egress/egress-0/http',
      'policy-named-port-unresolved/checkout/orphan/ingress-0/web',
    ]);
    expect(f.every((x) => x.service === null)).toBe(true);
    // The scrape issue belongs to the cart Service and is not repeated here.
    expect(f.some((x) => x.id.includes('cart-allow-metrics-scrape'))).toBe(false);
  });
});
