// Northwind production cluster, product layer: the shop's services, owned by the product teams.
// Several of them carry the misconfigurations kubepath is meant to find (see SCENARIOS.md).
import type { DemoClusterBuilder } from './cluster-builder';
import { NW_NODES as N, NW_PROD as P } from './northwind-constants';
import type { ContainerSpec } from './spec-types';
import { appLabels, res, times } from './workload-helpers';

const REGISTRY = 'registry.northwind.internal';

/** A typical HTTP app container listening on 8080 named `http`. */
function httpApp(name: string, image: string, extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name,
    image: `${REGISTRY}/${image}`,
    resources: res('250m', '256Mi', '512Mi'),
    ports: [{ name: 'http', containerPort: 8080 }],
    ...extra,
  };
}

function storefront(b: DemoClusterBuilder): void {
  const web = appLabels('storefront-web', 'storefront', 'web', 'frontend');
  // Local LoadBalancer with its four replicas packed unevenly: three on prod-worker-01, one on prod-worker-03.
  b.workload({
    namespace: 'storefront',
    name: 'storefront-web',
    kind: 'Deployment',
    nodes: [...times(N.w1, 3), N.w3],
    labels: web,
    maxAgeDays: 6,
    containers: [
      httpApp('web', 'storefront/web:2025.11.3', {
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'https', containerPort: 8443 },
        ],
      }),
    ],
  });
  b.service(
    {
      namespace: 'storefront',
      name: 'storefront-web',
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      labels: web,
      selector: { 'app.kubernetes.io/name': 'storefront-web' },
      annotations: {
        'metallb.io/ip-allocated-from-pool': 'public',
        'metallb.io/loadBalancerIPs': P.lbIPs.storefrontWeb,
      },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
      loadBalancer: { ip: P.lbIPs.storefrontWeb },
    },
    { afterDays: 10 },
  );

  const api = appLabels('storefront-api', 'storefront', 'web', 'backend');
  b.workload({
    namespace: 'storefront',
    name: 'storefront-api',
    kind: 'Deployment',
    nodes: [N.w2, N.w4, N.w5],
    labels: api,
    maxAgeDays: 6,
    containers: [
      httpApp('api', 'storefront/api:2025.11.3', {
        env: [
          { name: 'CHECKOUT_API_URL', value: 'http://checkout-api.checkout.svc.cluster.local' },
          { name: 'CATALOG_API_URL', value: 'http://catalog-api.catalog.svc.cluster.local' },
          // Uses the search LoadBalancer's address (the same one the office uses), not the in-cluster name.
          { name: 'SEARCH_API_URL', value: `http://${P.lbIPs.searchApi}` },
          { name: 'OIDC_ISSUER_URL', value: 'https://auth.northwind-retail.example/realms/shop' },
          { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-agent.monitoring.svc.cluster.local:4317' },
          { name: 'REDIS_URL', value: 'redis://session-redis.storefront.svc.cluster.local:6379' },
        ],
      }),
    ],
  });
  b.service(
    {
      namespace: 'storefront',
      name: 'storefront-api',
      labels: api,
      selector: { 'app.kubernetes.io/name': 'storefront-api' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
    { afterDays: 10 },
  );

  // Dual-stack: the recommendations API is the first service the mobile team moved to IPv6.
  const reco = appLabels('recommendations', 'storefront', 'web', 'backend');
  b.workload({
    namespace: 'storefront',
    name: 'recommendations',
    kind: 'Deployment',
    nodes: [N.w1, N.w3],
    labels: reco,
    maxAgeDays: 12,
    containers: [httpApp('recommendations', 'storefront/recommendations:1.42.0')],
  });
  b.service(
    {
      namespace: 'storefront',
      name: 'recommendations',
      labels: reco,
      selector: { 'app.kubernetes.io/name': 'recommendations' },
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
    },
    { afterDays: 420 },
  );

  const redis = {
    'app.kubernetes.io/component': 'master',
    'app.kubernetes.io/instance': 'session-redis',
    'app.kubernetes.io/name': 'session-redis',
    'northwind.io/team': 'web',
  };
  b.workload({
    namespace: 'storefront',
    name: 'session-redis',
    kind: 'StatefulSet',
    nodes: [N.w2, N.w3, N.w5],
    serviceName: 'session-redis-headless',
    labels: redis,
    maxAgeDays: 40,
    containers: [
      {
        name: 'redis',
        image: 'docker.io/bitnami/redis:7.4.1',
        resources: res('100m', '512Mi'),
        ports: [{ name: 'redis', containerPort: 6379 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'storefront',
      name: 'session-redis',
      labels: redis,
      selector: { 'app.kubernetes.io/instance': 'session-redis', 'app.kubernetes.io/name': 'session-redis' },
      ports: [{ name: 'tcp-redis', port: 6379, targetPort: 'redis' }],
    },
    { afterDays: 11 },
  );
  b.service(
    {
      namespace: 'storefront',
      name: 'session-redis-headless',
      headless: true,
      labels: redis,
      selector: { 'app.kubernetes.io/instance': 'session-redis', 'app.kubernetes.io/name': 'session-redis' },
      ports: [{ name: 'tcp-redis', port: 6379, targetPort: 'redis' }],
    },
    { afterDays: 11 },
  );
}

function checkout(b: DemoClusterBuilder): void {
  const api = appLabels('checkout-api', 'checkout', 'checkout', 'backend');
  b.workload({
    namespace: 'checkout',
    name: 'checkout-api',
    kind: 'Deployment',
    nodes: [N.w1, N.w3, N.w4],
    labels: api,
    maxAgeDays: 8,
    containers: [
      httpApp('checkout-api', 'checkout/api:3.18.2', {
        env: [
          { name: 'PAYMENTS_API_URL', value: 'http://payments-api.payments.svc.cluster.local' },
          { name: 'CART_GRPC_ADDR', value: 'cart.checkout.svc.cluster.local:9090' },
        ],
      }),
    ],
  });
  // Service port 80 -> targetPort 8080 (numeric); the team's NetworkPolicy allows 80 (see northwind-policies.ts).
  b.service(
    {
      namespace: 'checkout',
      name: 'checkout-api',
      labels: api,
      selector: { 'app.kubernetes.io/name': 'checkout-api' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
    { afterDays: 15 },
  );

  const cart = appLabels('cart', 'checkout', 'checkout', 'backend');
  b.workload({
    namespace: 'checkout',
    name: 'cart',
    kind: 'Deployment',
    nodes: [N.w2, N.w4],
    labels: cart,
    maxAgeDays: 8,
    containers: [
      {
        name: 'cart',
        image: `${REGISTRY}/checkout/cart:3.18.2`,
        resources: res('200m', '256Mi'),
        // The metrics port is called `metrics` here; the scrape policy asks for `http-metrics`.
        ports: [
          { name: 'grpc', containerPort: 9090 },
          { name: 'metrics', containerPort: 9102 },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'checkout',
      name: 'cart',
      labels: cart,
      selector: { 'app.kubernetes.io/name': 'cart' },
      ports: [{ name: 'grpc', port: 9090, targetPort: 'grpc', appProtocol: 'kubernetes.io/h2c' }],
    },
    { afterDays: 15 },
  );

  b.workload({
    namespace: 'checkout',
    name: 'checkout-worker',
    kind: 'Deployment',
    nodes: [N.w1, N.w5],
    labels: appLabels('checkout-worker', 'checkout', 'checkout', 'worker'),
    maxAgeDays: 8,
    containers: [
      {
        name: 'worker',
        image: `${REGISTRY}/checkout/worker:3.18.2`,
        resources: res('100m', '256Mi'),
        args: ['--queue=orders', '--concurrency=8'],
      },
    ],
  });
}

function payments(b: DemoClusterBuilder): void {
  const api = appLabels('payments-api', 'payments', 'payments', 'backend');
  b.workload({
    namespace: 'payments',
    name: 'payments-api',
    kind: 'Deployment',
    nodes: [N.w1, N.w3, N.w5],
    labels: api,
    maxAgeDays: 10,
    containers: [
      httpApp('payments-api', 'payments/api:7.3.0', {
        env: [{ name: 'LEDGER_URL', value: 'http://payments-ledger.payments.svc.cluster.local' }],
      }),
    ],
  });
  b.service(
    {
      namespace: 'payments',
      name: 'payments-api',
      labels: api,
      selector: { 'app.kubernetes.io/name': 'payments-api' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
    { afterDays: 15 },
  );

  // The payment provider calls back through a Cluster LoadBalancer; its allow-list is in northwind-policies.ts.
  const cb = appLabels('psp-callbacks', 'payments', 'payments', 'webhook');
  b.workload({
    namespace: 'payments',
    name: 'psp-callbacks',
    kind: 'Deployment',
    nodes: [N.w2, N.w4],
    labels: cb,
    maxAgeDays: 10,
    containers: [
      httpApp('psp-callbacks', 'payments/psp-callbacks:2.9.1', {
        ports: [
          { name: 'https', containerPort: 8443 },
          { name: 'metrics', containerPort: 9090 },
        ],
      }),
    ],
  });
  b.service(
    {
      namespace: 'payments',
      name: 'psp-callbacks',
      type: 'LoadBalancer',
      labels: cb,
      selector: { 'app.kubernetes.io/name': 'psp-callbacks' },
      annotations: {
        'metallb.io/ip-allocated-from-pool': 'public',
        'metallb.io/loadBalancerIPs': P.lbIPs.pspCallbacks,
      },
      ports: [{ name: 'https', port: 443, targetPort: 'https' }],
      loadBalancer: { ip: P.lbIPs.pspCallbacks },
    },
    { afterDays: 16 },
  );

  const ledger = appLabels('payments-ledger', 'payments', 'payments', 'backend');
  b.workload({
    namespace: 'payments',
    name: 'payments-ledger',
    kind: 'Deployment',
    nodes: [N.w3, N.w4],
    labels: ledger,
    maxAgeDays: 30,
    containers: [httpApp('ledger', 'payments/ledger:4.1.7')],
  });
  b.service(
    {
      namespace: 'payments',
      name: 'payments-ledger',
      labels: ledger,
      selector: { 'app.kubernetes.io/name': 'payments-ledger' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
    { afterDays: 15 },
  );
}

function catalog(b: DemoClusterBuilder): void {
  const api = appLabels('catalog-api', 'catalog', 'catalog', 'backend');
  b.workload({
    namespace: 'catalog',
    name: 'catalog-api',
    kind: 'Deployment',
    nodes: [N.w1, N.w2, N.w4],
    labels: api,
    maxAgeDays: 9,
    containers: [
      httpApp('catalog-api', 'catalog/api:5.0.4', {
        env: [{ name: 'DATABASE_HOST', value: 'catalog-db.catalog.svc.cluster.local' }],
      }),
    ],
  });
  b.service(
    {
      namespace: 'catalog',
      name: 'catalog-api',
      labels: api,
      selector: { 'app.kubernetes.io/name': 'catalog-api' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
    { afterDays: 10 },
  );

  // The importer was renamed to catalog-import in a Helm chart refactor; its Service kept the old selector.
  b.workload({
    namespace: 'catalog',
    name: 'catalog-import',
    kind: 'Deployment',
    nodes: [N.w3],
    labels: appLabels('catalog-import', 'catalog', 'catalog', 'importer'),
    maxAgeDays: 4,
    containers: [httpApp('importer', 'catalog/import:6.0.0')],
  });
  b.service(
    {
      namespace: 'catalog',
      name: 'catalog-importer',
      labels: appLabels('catalog-importer', 'catalog', 'catalog', 'importer'),
      selector: { 'app.kubernetes.io/name': 'catalog-importer' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
    { afterDays: 30 },
  );

  const db = {
    'app.kubernetes.io/component': 'primary',
    'app.kubernetes.io/instance': 'catalog-db',
    'app.kubernetes.io/name': 'postgresql',
    'northwind.io/team': 'catalog',
  };
  b.workload({
    namespace: 'catalog',
    name: 'catalog-db',
    kind: 'StatefulSet',
    nodes: [N.w3],
    serviceName: 'catalog-db-hl',
    labels: db,
    maxAgeDays: 60,
    containers: [
      {
        name: 'postgresql',
        image: 'docker.io/bitnami/postgresql:16.4.0',
        resources: res('1', '4Gi'),
        ports: [{ name: 'tcp-postgresql', containerPort: 5432 }],
      },
    ],
  });
  const dbSelector = {
    'app.kubernetes.io/component': 'primary',
    'app.kubernetes.io/instance': 'catalog-db',
    'app.kubernetes.io/name': 'postgresql',
  };
  b.service(
    {
      namespace: 'catalog',
      name: 'catalog-db',
      labels: db,
      selector: dbSelector,
      ports: [{ name: 'tcp-postgresql', port: 5432, targetPort: 'tcp-postgresql' }],
    },
    { afterDays: 10 },
  );
  b.service(
    {
      namespace: 'catalog',
      name: 'catalog-db-hl',
      headless: true,
      publishNotReadyAddresses: true,
      labels: db,
      selector: dbSelector,
      ports: [{ name: 'tcp-postgresql', port: 5432, targetPort: 'tcp-postgresql' }],
    },
    { afterDays: 10 },
  );
}

function search(b: DemoClusterBuilder): void {
  const api = appLabels('search-api', 'search', 'catalog', 'backend');
  b.workload({
    namespace: 'search',
    name: 'search-api',
    kind: 'Deployment',
    nodes: [N.w2, N.w3],
    labels: api,
    maxAgeDays: 11,
    containers: [
      httpApp('search-api', 'search/api:2.4.0', {
        env: [{ name: 'OPENSEARCH_URL', value: 'http://opensearch.search.svc.cluster.local:9200' }],
      }),
    ],
  });
  // Internal LoadBalancer (MetalLB L2 pool) restricted to the office and VPN ranges.
  b.service(
    {
      namespace: 'search',
      name: 'search-api',
      type: 'LoadBalancer',
      labels: api,
      selector: { 'app.kubernetes.io/name': 'search-api' },
      annotations: {
        'metallb.io/address-pool': 'internal',
        'metallb.io/ip-allocated-from-pool': 'internal',
        'metallb.io/loadBalancerIPs': P.lbIPs.searchApi,
      },
      loadBalancerSourceRanges: [P.vpnRange, P.officeRange],
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      loadBalancer: { ip: P.lbIPs.searchApi },
    },
    { afterDays: 13 },
  );

  const os = {
    'app.kubernetes.io/component': 'opensearch-cluster-master',
    'app.kubernetes.io/instance': 'opensearch',
    'app.kubernetes.io/name': 'opensearch',
    'northwind.io/team': 'catalog',
  };
  b.workload({
    namespace: 'search',
    name: 'opensearch',
    kind: 'StatefulSet',
    nodes: [N.w1, N.w3, N.w5],
    serviceName: 'opensearch-headless',
    labels: os,
    maxAgeDays: 35,
    containers: [
      {
        name: 'opensearch',
        image: 'docker.io/opensearchproject/opensearch:2.17.1',
        resources: res('1', '4Gi'),
        ports: [
          { name: 'http', containerPort: 9200 },
          { name: 'transport', containerPort: 9300 },
          { name: 'metrics', containerPort: 9600 },
        ],
      },
    ],
  });
  const osSel = { 'app.kubernetes.io/instance': 'opensearch', 'app.kubernetes.io/name': 'opensearch' };
  b.service(
    {
      namespace: 'search',
      name: 'opensearch',
      labels: os,
      selector: osSel,
      ports: [
        { name: 'http', port: 9200, targetPort: 9200 },
        { name: 'transport', port: 9300, targetPort: 9300 },
      ],
    },
    { afterDays: 13 },
  );
  b.service(
    {
      namespace: 'search',
      name: 'opensearch-headless',
      headless: true,
      publishNotReadyAddresses: true,
      labels: os,
      selector: osSel,
      ports: [
        { name: 'http', port: 9200, targetPort: 9200 },
        { name: 'transport', port: 9300, targetPort: 9300 },
      ],
    },
    { afterDays: 13 },
  );
}

function identity(b: DemoClusterBuilder): void {
  const kc = {
    'app.kubernetes.io/component': 'keycloak',
    'app.kubernetes.io/instance': 'keycloak',
    'app.kubernetes.io/name': 'keycloak',
    'northwind.io/team': 'identity',
  };
  b.workload({
    namespace: 'identity',
    name: 'keycloak',
    kind: 'StatefulSet',
    nodes: [N.w2, N.w4],
    serviceName: 'keycloak-headless',
    labels: kc,
    maxAgeDays: 18,
    containers: [
      {
        name: 'keycloak',
        image: 'quay.io/keycloak/keycloak:26.0.5',
        args: ['start', '--optimized'],
        resources: res('500m', '1Gi', '2Gi'),
        env: [
          { name: 'KC_PROXY_HEADERS', value: 'xforwarded' },
          { name: 'KC_HOSTNAME', value: 'https://auth.northwind-retail.example' },
        ],
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'https', containerPort: 8443 },
          { name: 'management', containerPort: 9000 },
        ],
      },
    ],
  });
  const sel = { 'app.kubernetes.io/instance': 'keycloak', 'app.kubernetes.io/name': 'keycloak' };
  // Fronted by the edge HAProxy pair (its own controller, selected by loadBalancerClass), which
  // publishes ipMode: Proxy, so kube-proxy does not capture in-cluster traffic to the address.
  b.service(
    {
      namespace: 'identity',
      name: 'keycloak',
      type: 'LoadBalancer',
      loadBalancerClass: 'lb.northwind.internal/haproxy-edge',
      labels: kc,
      selector: sel,
      annotations: {
        'lb.northwind.internal/health-check-path': '/health/ready',
        'lb.northwind.internal/hostname': 'auth.northwind-retail.example',
      },
      ports: [{ name: 'https', port: 443, targetPort: 'https' }],
      loadBalancer: { ip: P.lbIPs.keycloakEdge, ipMode: 'Proxy' },
    },
    { afterDays: 22 },
  );
  b.service(
    {
      namespace: 'identity',
      name: 'keycloak-headless',
      headless: true,
      labels: kc,
      selector: sel,
      ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
    },
    { afterDays: 22 },
  );
}

function billing(b: DemoClusterBuilder): void {
  const inv = appLabels('invoice-service', 'billing', 'finance', 'backend');
  b.workload({
    namespace: 'billing',
    name: 'invoice-service',
    kind: 'Deployment',
    nodes: [N.w3, N.w4],
    labels: inv,
    maxAgeDays: 16,
    containers: [httpApp('invoice-service', 'billing/invoice-service:1.12.0')],
  });
  b.service(
    {
      namespace: 'billing',
      name: 'invoice-service',
      labels: inv,
      selector: { 'app.kubernetes.io/name': 'invoice-service' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
    { afterDays: 61 },
  );

  // Legacy SFTP drop for the accounting firm: an address the core routers send to the nodes (externalIPs).
  const sftp = appLabels('sftp-gateway', 'billing', 'finance', 'gateway');
  b.workload({
    namespace: 'billing',
    name: 'sftp-gateway',
    kind: 'Deployment',
    nodes: [N.w2],
    labels: sftp,
    maxAgeDays: 50,
    containers: [
      {
        name: 'sftp',
        image: 'docker.io/atmoz/sftp:alpine-3.7',
        resources: res('50m', '64Mi', '128Mi'),
        ports: [{ name: 'sftp', containerPort: 2222 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'billing',
      name: 'sftp-gateway',
      labels: sftp,
      selector: { 'app.kubernetes.io/name': 'sftp-gateway' },
      externalIPs: [P.sftpExternalIP],
      ports: [{ name: 'sftp', port: 22, targetPort: 'sftp' }],
    },
    { afterDays: 75 },
  );

  // Last night's invoice run (CronJob pod, finished).
  b.workload({
    namespace: 'billing',
    name: 'invoice-nightly-29394720',
    kind: 'Job',
    nodes: [N.w1],
    labels: appLabels('invoice-nightly', 'billing', 'finance', 'batch'),
    maxAgeDays: 0.45,
    states: { 0: { succeeded: true } },
    containers: [
      {
        name: 'invoice-run',
        image: `${REGISTRY}/billing/invoice-service:1.12.0`,
        args: ['run-nightly'],
        resources: res('500m', '512Mi'),
      },
    ],
  });
}

function partnerApi(b: DemoClusterBuilder): void {
  // Partners (ACME, Globex) call the gateway through a Cluster LoadBalancer and allow-list themselves by CIDR.
  const gw = appLabels('partner-gateway', 'partner-api', 'integrations', 'gateway');
  b.workload({
    namespace: 'partner-api',
    name: 'partner-gateway',
    kind: 'Deployment',
    nodes: [N.w1, N.w3, N.w4],
    labels: gw,
    maxAgeDays: 7,
    containers: [
      httpApp('gateway', 'integrations/partner-gateway:1.8.4', {
        ports: [
          { name: 'https', containerPort: 8443 },
          { name: 'metrics', containerPort: 9090 },
        ],
      }),
    ],
  });
  b.service(
    {
      namespace: 'partner-api',
      name: 'partner-gateway',
      type: 'LoadBalancer',
      labels: gw,
      selector: { 'app.kubernetes.io/name': 'partner-gateway' },
      annotations: {
        'metallb.io/ip-allocated-from-pool': 'public',
        'metallb.io/loadBalancerIPs': P.lbIPs.partnerGateway,
      },
      ports: [{ name: 'https', port: 443, targetPort: 'https' }],
      loadBalancer: { ip: P.lbIPs.partnerGateway },
    },
    { afterDays: 149 },
  );

  // Webhook receiver exposed as a NodePort (Local, to keep partner IPs); partners were given prod-worker-01's
  // public address, but the single replica runs on prod-worker-02.
  const wh = appLabels('partner-webhooks', 'partner-api', 'integrations', 'webhook');
  b.workload({
    namespace: 'partner-api',
    name: 'partner-webhooks',
    kind: 'Deployment',
    nodes: [N.w2],
    labels: wh,
    maxAgeDays: 7,
    nodeSelector: { 'northwind.io/edge': 'true' },
    containers: [httpApp('webhooks', 'integrations/partner-webhooks:0.9.2')],
  });
  b.service(
    {
      namespace: 'partner-api',
      name: 'partner-webhooks',
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      labels: wh,
      annotations: { 'northwind.io/partner-endpoint': `http://192.0.2.41:${P.partnerWebhooksNodePort}` },
      selector: { 'app.kubernetes.io/name': 'partner-webhooks' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: P.partnerWebhooksNodePort }],
    },
    { afterDays: 160 },
  );
}

/** Adds the product teams' workloads and Services. */
export function addNorthwindApps(b: DemoClusterBuilder): void {
  storefront(b);
  checkout(b);
  payments(b);
  catalog(b);
  search(b);
  identity(b);
  billing(b);
  partnerApi(b);
}
