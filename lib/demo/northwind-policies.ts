// Northwind production cluster: the NetworkPolicies the teams wrote, good and bad.
import type { DemoClusterBuilder } from './cluster-builder';
import type { Obj } from './ids';
import { NW_PROD as P } from './northwind-constants';

const nsName = (name: string): Obj => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const app = (name: string): Obj => ({ matchLabels: { 'app.kubernetes.io/name': name } });
const tcp = (port: number | string): Obj => ({ port, protocol: 'TCP' });
const DESCRIPTION = 'northwind.io/description';

function defaultDeny(b: DemoClusterBuilder, namespace: string, afterDays: number): void {
  b.networkPolicy(namespace, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }, { afterDays });
}

function partnerApi(b: DemoClusterBuilder): void {
  defaultDeny(b, 'partner-api', 150);
  // Allow-lists the partners' client CIDRs on a Cluster LoadBalancer: the nodes SNAT that traffic,
  // so the pods never see these addresses (except when the LB happens to pick the pod's own node).
  b.networkPolicy(
    'partner-api',
    'partner-gateway-allow-partners',
    {
      podSelector: app('partner-gateway'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: P.partners.acme } }, { ipBlock: { cidr: P.partners.globex } }],
          ports: [tcp(8443)],
        },
      ],
    },
    {
      afterDays: 151,
      annotations: { [DESCRIPTION]: 'Only ACME and Globex may call the partner gateway (contract PA-2024-07).' },
    },
  );
  // The same allow-list on the Local NodePort works: the client address survives.
  b.networkPolicy(
    'partner-api',
    'partner-webhooks-allow-partners',
    {
      podSelector: app('partner-webhooks'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: P.partners.acme } }, { ipBlock: { cidr: P.partners.globex } }],
          ports: [tcp(8080)],
        },
      ],
    },
    { afterDays: 161 },
  );
}

function payments(b: DemoClusterBuilder): void {
  defaultDeny(b, 'payments', 16);
  // The PSP range alone "did not work" (SNAT), so the team added the node network: that admits every
  // client entering through a node, and on Calico IPIP cross-node traffic arrives from tunl0 addresses anyway.
  b.networkPolicy(
    'payments',
    'psp-callbacks-allow-psp',
    {
      podSelector: app('psp-callbacks'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: P.pspCallbackRange } }, { ipBlock: { cidr: P.nodeAllowListRange } }],
          ports: [tcp(8443)],
        },
      ],
    },
    {
      afterDays: 17,
      annotations: {
        [DESCRIPTION]: 'PSP callback range + node network (added in INC-2291 because callbacks were being dropped).',
      },
    },
  );
  b.networkPolicy(
    'payments',
    'payments-api-from-checkout',
    {
      podSelector: app('payments-api'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { namespaceSelector: nsName('checkout'), podSelector: app('checkout-api') },
            { podSelector: app('psp-callbacks') },
          ],
          ports: [tcp(8080)],
        },
      ],
    },
    { afterDays: 17 },
  );
  b.networkPolicy(
    'payments',
    'payments-ledger-from-payments-api',
    {
      podSelector: app('payments-ledger'),
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: app('payments-api') }], ports: [tcp('http')] }],
    },
    { afterDays: 17 },
  );
  b.networkPolicy(
    'payments',
    'payments-api-egress',
    {
      podSelector: app('payments-api'),
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: app('payments-ledger') }], ports: [tcp(8080)] },
        {
          to: [{ namespaceSelector: nsName('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ port: 53, protocol: 'UDP' }, tcp(53)],
        },
        // The PSP's public API: anything outside the private ranges, HTTPS only.
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }],
          ports: [tcp(443)],
        },
      ],
    },
    { afterDays: 40 },
  );
}

function checkout(b: DemoClusterBuilder): void {
  defaultDeny(b, 'checkout', 15);
  // Written against the Service (port 80); policies see the pod port after DNAT (8080), so this allows nothing useful.
  b.networkPolicy(
    'checkout',
    'checkout-api-from-storefront',
    {
      podSelector: app('checkout-api'),
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: nsName('storefront') }], ports: [tcp(80)] }],
    },
    { afterDays: 15 },
  );
  b.networkPolicy(
    'checkout',
    'cart-from-checkout',
    {
      podSelector: app('cart'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [
                  { key: 'app.kubernetes.io/name', operator: 'In', values: ['checkout-api', 'checkout-worker'] },
                ],
              },
            },
          ],
          ports: [tcp('grpc')],
        },
      ],
    },
    { afterDays: 15 },
  );
  // Named port `http-metrics` does not exist on the cart pods (theirs is `metrics`): resolves to nothing.
  b.networkPolicy(
    'checkout',
    'cart-allow-metrics-scrape',
    {
      podSelector: app('cart'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: nsName('monitoring'), podSelector: app('prometheus') }],
          ports: [tcp('http-metrics')],
        },
      ],
    },
    { afterDays: 90 },
  );
}

function storefront(b: DemoClusterBuilder): void {
  b.networkPolicy(
    'storefront',
    'session-redis-from-storefront',
    {
      podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'session-redis' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [
                  { key: 'app.kubernetes.io/name', operator: 'In', values: ['storefront-web', 'storefront-api'] },
                ],
              },
            },
          ],
          ports: [tcp(6379)],
        },
        // Replication between the redis pods themselves.
        { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'session-redis' } } }] },
      ],
    },
    { afterDays: 30 },
  );
}

/** Adds every NetworkPolicy of the production cluster. */
export function addNorthwindPolicies(b: DemoClusterBuilder): void {
  partnerApi(b);
  payments(b);
  checkout(b);
  storefront(b);
}
