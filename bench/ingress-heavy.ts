// The `ingress-heavy` shape of bench/generate.ts: the standard cluster's nodes, pods, Services and
// NetworkPolicies with every application Service behind front doors. Six front doors at once, each a
// LoadBalancer Service with a cloud LB's annotations and a status address, and proxy pods whose labels,
// args, env and annotations are what lib/engine/frontdoor/proxy-detect.ts and proxy-settings.ts read
// (../shared/reference/source-ip-catalog.md §3 and §4 detection):
// - ingress-nginx (external): class `nginx` (k8s.io/ingress-nginx, the default class), ConfigMap with
//   use-proxy-protocol, use-forwarded-headers, proxy-real-ip-cidr; AWS NLB (LB controller, ip targets, PROXY v2);
// - ingress-nginx (internal): class `nginx-internal` (its own --controller-class), use-forwarded-headers with
//   the default proxy-real-ip-cidr (trusts everyone); internal Azure LB under externalTrafficPolicy Cluster;
// - Kong: class `kong`, KONG_PROXY_LISTEN with proxy_protocol, KONG_TRUSTED_IPS 0.0.0.0/0; in-tree AWS NLB
//   with proxy_protocol_v2 under Local;
// - Traefik: class `traefik`, forwardedHeaders.trustedIPs of the node network; GKE backend-service NLB, Local;
// - Istio ingress gateway: an Istio Gateway and VirtualServices; mesh config (istio-system/istio) with
//   gatewayTopology.numTrustedProxies; the Azure LB of the nodes' platform (providerID azure://), Local;
// - Gateway API: GatewayClass `istio` (istio.io/gateway-controller), Gateway `gateways/shared-gw` with a status
//   address, its generated Service and gateway pods (gateway.istio.io/managed), HTTPRoutes; AWS NLB
//   (loadBalancerClass service.k8s.aws/nlb, instance targets), Cluster; and in every namespace with HTTPRoutes a
//   Gateway of its own (`team-gw`, two pods, generated Service behind the Azure LB, Cluster): its HTTPRoutes name
//   both Gateways.
// Routes: every application Service is behind an Ingress (networking.k8s.io/v1; five Services per Ingress,
// each with its own host and three paths plus a path on the namespace's shared host; TLS on every other
// Ingress, a default backend on every third; status address = its controller's LB), the classes in turn
// nginx, nginx, kong, traefik, nginx-internal; Services of every fourth namespace also behind a
// VirtualService of the Istio gateway, of every third namespace (from the second) behind an HTTPRoute.
// Every fourth namespace is Istio-injected (label istio-injection=enabled, pods with sidecar.istio.io/status and
// an istio-proxy container; every other one of them in TPROXY mode). The application LoadBalancer Services
// (every tenth) carry, in turn, no annotation (Azure LB), GKE's l4-rbs, an in-tree AWS NLB with PROXY v2.
// A real cluster runs on one cloud; the LB annotations are mixed here so that one file exercises each
// detection rule (an explicit class or annotation decides before the nodes' platform does).
// Proxy replicas grow with the nodes, team Gateways with the namespaces; controllers' and Gateways' Services and
// pods are taken out of the standard budget,
// so the cluster stays within Kubernetes' limits.
import type { ClusterSize } from './generate';
import type { KubeObject } from '../lib/model/k8s';

const ip4 = (n: number) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const NODE_NET = (172 << 24) + (16 << 16);

/** One ingress controller / gateway: its namespace, Service, pods and the class its routes name. */
interface FrontDoorController {
  namespace: string;
  service: string;
  /** Nodes per replica (the replicas grow with the cluster; at least 2). */
  nodesPerReplica: number;
  podLabels: Record<string, string>;
  podAnnotations?: Record<string, string>;
  containers: unknown[];
  serviceLabels?: Record<string, string>;
  serviceAnnotations: Record<string, string>;
  loadBalancerClass?: string;
  local: boolean;
  /** The LB's status address. */
  status: { ip?: string; hostname?: string };
  /** Ingress class and its controller, when Ingresses name it. */
  ingressClass?: { name: string; controller: string; isDefault?: boolean };
  ports: { name: string; port: number; targetPort: number }[];
}

const HTTP_PORTS = [
  { name: 'http', port: 80, targetPort: 8080 },
  { name: 'https', port: 443, targetPort: 8443 },
];

const podEnv = [
  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
];

function nginxContainer(controllerClass: string, ingressClass: string): unknown {
  return {
    name: 'controller',
    image:
      'registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:d5f8217feeac4887cb1ed21f27c2674e58be06bd8f5184cacea2a69abaf78dce',
    args: [
      '/nginx-ingress-controller',
      '--publish-service=$(POD_NAMESPACE)/' +
        (ingressClass === 'nginx' ? 'ingress-nginx-controller' : 'ingress-nginx-internal-controller'),
      '--election-id=ingress-nginx-leader',
      `--controller-class=${controllerClass}`,
      `--ingress-class=${ingressClass}`,
      '--configmap=$(POD_NAMESPACE)/' +
        (ingressClass === 'nginx' ? 'ingress-nginx-controller' : 'ingress-nginx-internal-controller'),
      '--validating-webhook=:8443',
      '--validating-webhook-certificate=/usr/local/certificates/cert',
      '--validating-webhook-key=/usr/local/certificates/key',
    ],
    env: [...podEnv, { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' }],
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'https', containerPort: 8443, protocol: 'TCP' },
      { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
    ],
  };
}

const MESH_CONFIG =
  'defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  gatewayTopology:\n    numTrustedProxies: 1\n  tracing:\n    zipkin:\n      address: zipkin.istio-system:9411\nenablePrometheusMerge: true\nrootNamespace: istio-system\ntrustDomain: cluster.local\n';

const istioProxy = (args: string[]) => ({
  name: 'istio-proxy',
  image: 'docker.io/istio/proxyv2:1.23.2',
  args: ['proxy', ...args, '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning'],
  env: [...podEnv, { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' }],
  ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }],
});

/** The six front doors (see the file comment). */
const CONTROLLERS: FrontDoorController[] = [
  {
    namespace: 'ingress-nginx',
    service: 'ingress-nginx-controller',
    nodesPerReplica: 100,
    podLabels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/instance': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
      'pod-template-hash': '7d9c8b6f5',
    },
    containers: [nginxContainer('k8s.io/ingress-nginx', 'nginx')],
    serviceAnnotations: {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
    },
    local: false,
    status: { hostname: 'k8s-ingressn-ingressn-5f0e1c2d3b-0123456789abcdef.elb.eu-west-1.amazonaws.com' },
    ingressClass: { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true },
    ports: HTTP_PORTS,
  },
  {
    namespace: 'ingress-nginx-internal',
    service: 'ingress-nginx-internal-controller',
    nodesPerReplica: 250,
    podLabels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/instance': 'ingress-nginx-internal',
      'app.kubernetes.io/component': 'controller',
      'pod-template-hash': '6b7f9d4c8',
    },
    containers: [nginxContainer('k8s.io/internal-ingress-nginx', 'nginx-internal')],
    serviceAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
    local: false,
    status: { ip: ip4(NODE_NET + (15 << 16) + 10) },
    ingressClass: { name: 'nginx-internal', controller: 'k8s.io/internal-ingress-nginx' },
    ports: HTTP_PORTS,
  },
  {
    namespace: 'kong',
    service: 'kong-proxy',
    nodesPerReplica: 250,
    podLabels: {
      'app.kubernetes.io/name': 'kong',
      'app.kubernetes.io/instance': 'kong',
      'pod-template-hash': '5c4d8f7b9',
    },
    containers: [
      {
        name: 'proxy',
        image: 'kong:3.7',
        env: [
          { name: 'KONG_PROXY_LISTEN', value: '0.0.0.0:8000 proxy_protocol, 0.0.0.0:8443 http2 ssl proxy_protocol' },
          { name: 'KONG_TRUSTED_IPS', value: '0.0.0.0/0,::/0' },
          { name: 'KONG_REAL_IP_HEADER', value: 'proxy_protocol' },
          { name: 'KONG_DATABASE', value: 'off' },
          { name: 'KONG_ADMIN_LISTEN', value: '127.0.0.1:8444 http2 ssl' },
        ],
        ports: [
          { name: 'proxy', containerPort: 8000, protocol: 'TCP' },
          { name: 'proxy-tls', containerPort: 8443, protocol: 'TCP' },
        ],
      },
      {
        name: 'ingress-controller',
        image: 'kong/kubernetes-ingress-controller:3.2',
        env: [
          ...podEnv,
          { name: 'CONTROLLER_INGRESS_CLASS', value: 'kong' },
          { name: 'CONTROLLER_PUBLISH_SERVICE', value: 'kong/kong-proxy' },
          { name: 'CONTROLLER_KONG_ADMIN_URL', value: 'https://localhost:8444' },
        ],
      },
    ],
    serviceAnnotations: {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'proxy_protocol_v2.enabled=true',
    },
    local: true,
    status: { hostname: 'a1b2c3d4e5f60718293a4b5c6d7e8f90-0123456789abcdef.elb.eu-west-1.amazonaws.com' },
    ingressClass: { name: 'kong', controller: 'ingress-controllers.konghq.com/kong' },
    ports: [
      { name: 'kong-proxy', port: 80, targetPort: 8000 },
      { name: 'kong-proxy-tls', port: 443, targetPort: 8443 },
    ],
  },
  {
    namespace: 'traefik',
    service: 'traefik',
    nodesPerReplica: 250,
    podLabels: {
      'app.kubernetes.io/name': 'traefik',
      'app.kubernetes.io/instance': 'traefik-traefik',
      'pod-template-hash': '8f6d5c7b4',
    },
    containers: [
      {
        name: 'traefik',
        image: 'docker.io/traefik:v3.1.4',
        args: [
          '--global.checknewversion',
          '--entryPoints.web.address=:8000/tcp',
          '--entryPoints.websecure.address=:8443/tcp',
          '--entryPoints.web.forwardedHeaders.trustedIPs=172.16.0.0/12',
          '--entryPoints.websecure.forwardedHeaders.trustedIPs=172.16.0.0/12',
          '--api.dashboard=true',
          '--ping=true',
          '--providers.kubernetesingress',
          '--providers.kubernetesingress.ingressclass=traefik',
          '--providers.kubernetesingress.ingressendpoint.publishedservice=traefik/traefik',
        ],
        env: podEnv,
        ports: [
          { name: 'web', containerPort: 8000, protocol: 'TCP' },
          { name: 'websecure', containerPort: 8443, protocol: 'TCP' },
        ],
      },
    ],
    serviceAnnotations: { 'cloud.google.com/l4-rbs': 'enabled' },
    local: true,
    status: { ip: '34.118.10.20' },
    ingressClass: { name: 'traefik', controller: 'traefik.io/ingress-controller' },
    ports: HTTP_PORTS,
  },
  {
    namespace: 'istio-system',
    service: 'istio-ingressgateway',
    nodesPerReplica: 250,
    podLabels: {
      app: 'istio-ingressgateway',
      istio: 'ingressgateway',
      'istio.io/rev': 'default',
      'pod-template-hash': '4b9f7c6d5',
    },
    podAnnotations: { 'prometheus.io/port': '15020', 'sidecar.istio.io/inject': 'false' },
    containers: [istioProxy(['router'])],
    serviceAnnotations: {},
    local: true,
    status: { ip: '20.61.15.40' },
    ports: HTTP_PORTS,
  },
  {
    namespace: 'gateways',
    service: 'shared-gw-istio',
    nodesPerReplica: 500,
    podLabels: {
      'gateway.networking.k8s.io/gateway-name': 'shared-gw',
      'gateway.istio.io/managed': 'istio.io-gateway-controller',
      'istio.io/gateway-name': 'shared-gw',
      'pod-template-hash': '9c7d6b5f8',
    },
    podAnnotations: { 'prometheus.io/port': '15020', 'inject.istio.io/templates': 'gateway' },
    containers: [istioProxy(['router'])],
    serviceLabels: {
      'gateway.networking.k8s.io/gateway-name': 'shared-gw',
      'gateway.istio.io/managed': 'istio.io-gateway-controller',
    },
    serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance' },
    loadBalancerClass: 'service.k8s.aws/nlb',
    local: false,
    status: { hostname: 'k8s-gateways-sharedgw-0a1b2c3d4e-fedcba9876543210.elb.eu-west-1.amazonaws.com' },
    ports: HTTP_PORTS,
  },
];

/** The classes of the Ingresses, in turn (one Ingress per five application Services). */
const INGRESS_CLASSES = ['nginx', 'nginx', 'kong', 'traefik', 'nginx-internal'];
const SERVICES_PER_INGRESS = 5;

const replicas = (c: FrontDoorController, size: ClusterSize) => Math.max(2, Math.round(size.nodes / c.nodesPerReplica));

const statusOf = (c: FrontDoorController) => [c.status.ip ? { ip: c.status.ip } : { hostname: c.status.hostname }];

/** What the ingress-heavy shape changes in, and adds to, the standard cluster. */
export interface IngressHeavyShape {
  /** Services and pods of the controllers, taken out of the standard budget. */
  services: number;
  pods: number;
  namespaceLabels(n: number): Record<string, string>;
  providerID(node: number): string;
  /** Annotations of application Service `s` of the given type. */
  serviceAnnotations(s: number, type: string): Record<string, string> | undefined;
  /** Annotations and extra containers of the application pods in namespace `n`. */
  podExtras(n: number): { annotations?: Record<string, string>; containers: unknown[] };
  /** The front doors and routes, given the application Services' count. */
  objects(appServices: number): KubeObject[];
}

const injected = (n: number) => n % 4 === 0;
const withHttpRoute = (n: number) => n % 3 === 1;

const SIDECAR_STATUS =
  '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}';

/** Namespaces with a Gateway of their own (those with HTTPRoutes). */
const teamNamespaces = (namespaces: number) => [...Array(namespaces).keys()].filter(withHttpRoute);

/** The ingress-heavy shape for a cluster of `size` with `namespaces` application namespaces. */
export function ingressHeavy(size: ClusterSize, namespaces: number): IngressHeavyShape {
  const teams = teamNamespaces(namespaces);
  const pods = CONTROLLERS.reduce((n, c) => n + replicas(c, size), 0) + teams.length * TEAM_GATEWAY_REPLICAS;
  const sidecar = istioProxy(['sidecar']);
  return {
    services: CONTROLLERS.length + teams.length,
    pods,
    namespaceLabels: (n): Record<string, string> => (injected(n) ? { 'istio-injection': 'enabled' } : {}),
    providerID: (node) =>
      `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_bench_bench_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool${node % 4}-12345678-vmss/virtualMachines/${node}`,
    serviceAnnotations: (s, type): Record<string, string> | undefined => {
      if (type !== 'LoadBalancer') return undefined;
      const turn = Math.floor(s / 10) % 3;
      if (turn === 1) return { 'cloud.google.com/l4-rbs': 'enabled' };
      if (turn === 2)
        return {
          'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
          'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'proxy_protocol_v2.enabled=true',
        };
      return undefined;
    },
    podExtras: (n) =>
      injected(n)
        ? {
            annotations: {
              'sidecar.istio.io/status': SIDECAR_STATUS,
              ...(n % 8 === 4 ? { 'sidecar.istio.io/interceptionMode': 'TPROXY' } : {}),
              'prometheus.io/path': '/stats/prometheus',
            },
            containers: [sidecar],
          }
        : { containers: [] },
    objects: (appServices) => [
      ...controllerObjects(size),
      ...teams.flatMap((n, t) => teamGateway(size, n, t)),
      ...routeObjects(appServices, namespaces),
    ],
  };
}

const ALL_NAMESPACES = { namespaces: { from: 'All' } };

/** Namespaces, classes, ConfigMaps, Services, pods and EndpointSlices of the controllers. */
function controllerObjects(size: ClusterSize): KubeObject[] {
  const items: KubeObject[] = [];
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  for (const ns of new Set(CONTROLLERS.map((c) => c.namespace)))
    items.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
    });
  items.push(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'ingress-nginx', name: 'ingress-nginx-controller' },
      data: {
        'allow-snippet-annotations': 'false',
        'use-proxy-protocol': 'true',
        'use-forwarded-headers': 'true',
        'proxy-real-ip-cidr': '172.16.0.0/12',
        'compute-full-forwarded-for': 'true',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'ingress-nginx-internal', name: 'ingress-nginx-internal-controller' },
      data: { 'allow-snippet-annotations': 'false', 'use-forwarded-headers': 'true' },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'istio-system', name: 'istio' },
      data: { mesh: MESH_CONFIG, meshNetworks: 'networks: {}' },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'istio' },
      spec: { controllerName: 'istio.io/gateway-controller' },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { namespace: 'gateways', name: 'shared-gw' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          { name: 'http', hostname: '*.gw.example.com', port: 80, protocol: 'HTTP', allowedRoutes: ALL_NAMESPACES },
          {
            name: 'https',
            hostname: '*.gw.example.com',
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'gw-example-com' }] },
            allowedRoutes: ALL_NAMESPACES,
          },
        ],
      },
      status: { addresses: [{ type: 'Hostname', value: CONTROLLERS[5].status.hostname }] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { namespace: 'istio-system', name: 'public-gateway' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          { hosts: ['*.mesh.example.com'], port: { number: 80, name: 'http', protocol: 'HTTP' } },
          { hosts: ['*.mesh.example.com'], port: { number: 443, name: 'https', protocol: 'HTTPS' } },
        ],
      },
    },
  );
  CONTROLLERS.forEach((c, ci) => {
    if (c.ingressClass)
      items.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: {
          name: c.ingressClass.name,
          ...(c.ingressClass.isDefault
            ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }
            : {}),
        },
        spec: { controller: c.ingressClass.controller },
      });
    const clusterIP = ip4((100 << 24) + (127 << 16) + 256 + ci);
    const selector = Object.fromEntries(Object.entries(c.podLabels).filter(([k]) => k !== 'pod-template-hash'));
    items.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        namespace: c.namespace,
        name: c.service,
        labels: c.serviceLabels ?? selector,
        annotations: c.serviceAnnotations,
      },
      spec: {
        type: 'LoadBalancer',
        ...(c.loadBalancerClass ? { loadBalancerClass: c.loadBalancerClass } : {}),
        clusterIP,
        clusterIPs: [clusterIP],
        selector,
        externalTrafficPolicy: c.local ? 'Local' : 'Cluster',
        ...(c.local ? { healthCheckNodePort: 32700 + ci } : {}),
        ports: c.ports.map((p, pi) => ({ ...p, protocol: 'TCP', nodePort: 32710 + ci * 2 + pi })),
      },
      status: { loadBalancer: { ingress: statusOf(c) } },
    });
    const endpoints: unknown[] = [];
    for (let i = 0; i < replicas(c, size); i++) {
      const node = (i * 97 + ci * 1013) % size.nodes;
      const ip = ip4((10 << 24) + node * 256 + 200 + ci * 8 + (Math.floor(i / size.nodes) % 8));
      const name = `${c.service}-${c.podLabels['pod-template-hash']}-${i.toString(36).padStart(5, 'x')}`;
      const { pod, endpoint } = readyPod({
        namespace: c.namespace,
        name,
        labels: c.podLabels,
        annotations: c.podAnnotations,
        containers: c.containers,
        node,
        ip,
        zone: zones[node % 3],
      });
      items.push(pod);
      endpoints.push(endpoint);
    }
    items.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        namespace: c.namespace,
        name: `${c.service}-x1`,
        labels: { 'kubernetes.io/service-name': c.service },
      },
      addressType: 'IPv4',
      ports: c.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: 'TCP' })),
      endpoints,
    });
  });
  return items;
}

const TEAM_GATEWAY_REPLICAS = 2;

/**
 * A namespace's own Gateway API Gateway (class istio) as Istio deploys it: the Gateway with its status address,
 * a generated LoadBalancer Service `team-gw-istio` (Azure LB, Cluster) and two gateway pods.
 */
function teamGateway(size: ClusterSize, n: number, t: number): KubeObject[] {
  const ns = `ns-${n}`;
  const address = ip4((20 << 24) + (62 << 16) + t);
  const labels = {
    'gateway.networking.k8s.io/gateway-name': 'team-gw',
    'gateway.istio.io/managed': 'istio.io-gateway-controller',
  };
  const clusterIP = ip4((100 << 24) + (126 << 16) + t);
  const items: KubeObject[] = [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { namespace: ns, name: 'team-gw' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'https',
            hostname: `*.${ns}.gw.example.com`,
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'team-gw-tls' }] },
          },
        ],
      },
      status: { addresses: [{ type: 'IPAddress', value: address }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: ns, name: 'team-gw-istio', labels },
      spec: {
        type: 'LoadBalancer',
        clusterIP,
        clusterIPs: [clusterIP],
        selector: { 'gateway.networking.k8s.io/gateway-name': 'team-gw' },
        externalTrafficPolicy: 'Cluster',
        // NodePorts 32002–32099 are free in the generated cluster (one per team Gateway, at most 98).
        ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 32002 + t }],
      },
      status: { loadBalancer: { ingress: [{ ip: address }] } },
    },
  ];
  const endpoints: unknown[] = [];
  for (let i = 0; i < TEAM_GATEWAY_REPLICAS; i++) {
    const slot = t * TEAM_GATEWAY_REPLICAS + i;
    const node = slot % size.nodes;
    const ip = ip4((10 << 24) + node * 256 + 248 + (Math.floor(slot / size.nodes) % 2));
    const name = `team-gw-istio-5d8c7b9f6-${i.toString(36).padStart(5, 'x')}`;
    const { pod, endpoint } = readyPod({
      namespace: ns,
      name,
      labels: { ...labels, 'pod-template-hash': '5d8c7b9f6' },
      containers: [istioProxy(['router'])],
      node,
      ip,
    });
    items.push(pod);
    endpoints.push(endpoint);
  }
  items.push({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: ns, name: 'team-gw-istio-x1', labels: { 'kubernetes.io/service-name': 'team-gw-istio' } },
    addressType: 'IPv4',
    ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
    endpoints,
  });
  return items;
}

const controllerOfClass = (name: string) => CONTROLLERS.find((c) => c.ingressClass?.name === name)!;

/** Ingresses, VirtualServices and HTTPRoutes in front of every application Service. */
function routeObjects(appServices: number, namespaces: number): KubeObject[] {
  const items: KubeObject[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    const apps: string[] = [];
    for (let s = n; s < appServices; s += namespaces) apps.push(`app-${s}`);
    for (let i = 0; i * SERVICES_PER_INGRESS < apps.length; i++) {
      const group = apps.slice(i * SERVICES_PER_INGRESS, (i + 1) * SERVICES_PER_INGRESS);
      const className = INGRESS_CLASSES[(n + i) % INGRESS_CLASSES.length];
      items.push(ingress(ns, `web-${i}`, className, group, i));
    }
    for (const app of apps) {
      if (injected(n)) items.push(virtualService(ns, app));
      if (withHttpRoute(n)) items.push(httpRoute(ns, app));
    }
  }
  return items;
}

const backend = (app: string, port: { number: number } | { name: string }) => ({ service: { name: app, port } });

function ingress(ns: string, name: string, className: string, apps: string[], i: number): KubeObject {
  const hosts = apps.map((app) => `${app}.${ns}.example.com`);
  const shared = `${ns}.example.com`;
  const annotations: Record<string, string> =
    className === 'kong'
      ? { 'konghq.com/strip-path': 'true', 'konghq.com/protocols': 'https' }
      : className === 'traefik'
        ? { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' }
        : {
            'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
            'nginx.ingress.kubernetes.io/proxy-body-size': '16m',
          };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { namespace: ns, name, annotations },
    spec: {
      ingressClassName: className,
      ...(i % 3 === 0 ? { defaultBackend: backend(apps[0], { number: 80 }) } : {}),
      ...(i % 2 === 0 ? { tls: [{ hosts: [...hosts, shared], secretName: `${name}-tls` }] } : {}),
      rules: [
        ...apps.map((app, k) => ({
          host: hosts[k],
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: backend(app, { number: 80 }) },
              { path: '/api', pathType: 'Prefix', backend: backend(app, { name: 'http' }) },
              { path: '/healthz', pathType: 'Exact', backend: backend(app, { number: 80 }) },
            ],
          },
        })),
        {
          host: shared,
          http: {
            paths: apps.map((app) => ({
              path: `/${app}`,
              pathType: 'ImplementationSpecific',
              backend: backend(app, { number: 80 }),
            })),
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: statusOf(controllerOfClass(className)) } },
  };
}

function virtualService(ns: string, app: string): KubeObject {
  const host = `${app}.${ns}.svc.cluster.local`;
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { namespace: ns, name: app },
    spec: {
      hosts: [`${app}.mesh.example.com`],
      gateways: ['istio-system/public-gateway'],
      http: [
        {
          match: [{ uri: { prefix: '/v2' } }, { uri: { exact: '/beta' } }],
          route: [
            { destination: { host, port: { number: 80 } }, weight: 90 },
            { destination: { host: `${app}.${ns}`, port: { number: 80 } }, weight: 10 },
          ],
        },
        { route: [{ destination: { host, port: { number: 80 } } }] },
      ],
    },
  };
}

function httpRoute(ns: string, app: string): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { namespace: ns, name: app },
    spec: {
      parentRefs: [
        { name: 'shared-gw', namespace: 'gateways', sectionName: 'https' },
        { name: 'team-gw', sectionName: 'https' },
      ],
      hostnames: [`${app}.gw.example.com`],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: app, port: 80 }],
        },
        {
          matches: [{ path: { type: 'Exact', value: '/healthz' } }],
          backendRefs: [{ name: app, port: 80, weight: 1 }],
        },
      ],
    },
  };
}

/** A running, ready pod on `node-N` and its EndpointSlice entry (with a zone when given). */
function readyPod(p: {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  containers: unknown[];
  node: number;
  ip: string;
  zone?: string;
}): { pod: KubeObject; endpoint: unknown } {
  const { namespace, name, node, ip } = p;
  return {
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace, name, labels: p.labels, ...(p.annotations ? { annotations: p.annotations } : {}) },
      spec: { nodeName: `node-${node}`, containers: p.containers },
      status: {
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        hostIP: ip4(NODE_NET + node),
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    } as KubeObject,
    endpoint: {
      addresses: [ip],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: `node-${node}`,
      ...(p.zone ? { zone: p.zone } : {}),
      targetRef: { kind: 'Pod', namespace, name },
    },
  };
}
