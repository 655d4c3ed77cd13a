// Synthetic cluster at Kubernetes' published scale limits, for `npm run bench`. Deterministic.
import type { KubeObject } from '../lib/model/k8s';
import { ingressHeavy } from './ingress-heavy';
import { asIPv6Only } from './ipv6';

/** Sizes of a generated cluster. */
export interface ClusterSize {
  nodes: number;
  pods: number;
  services: number;
  networkPolicies: number;
}

/**
 * Shapes of cluster the benchmark measures: the standard cluster; every pod also an endpoint
 * of a metrics Service (300,000 endpoints at full scale); every NetworkPolicy also allow-listing the node
 * network (172.16.0.0/12, every node's InternalIP) across all namespaces; a DaemonSet-style LoadBalancer
 * Service with externalTrafficPolicy Local and a pod on every node; `ingress-heavy`: every application Service
 * behind front doors — Ingresses of four classes (two ingress-nginx installs, Kong, Traefik), an Istio ingress
 * gateway with VirtualServices and sidecar-injected namespaces, a Gateway API Gateway with HTTPRoutes, behind
 * AWS, GCP and Azure load balancers (bench/ingress-heavy.ts says exactly what); `ipv6-only`: the standard
 * cluster with every address and block IPv6 (bench/ipv6.ts).
 */
export type Scenario =
  | 'standard'
  | 'two-services-per-pod'
  | 'node-allowlists'
  | 'daemonset-local'
  | 'ingress-heavy'
  | 'ipv6-only'
  | 'no-front-doors';

/** The shapes whose phases the benchmark measures at 10%, 50% and 100%. */
export const SCENARIOS: readonly Scenario[] = [
  'standard',
  'two-services-per-pod',
  'node-allowlists',
  'daemonset-local',
  'ingress-heavy',
  'ipv6-only',
];

/**
 * The standard cluster without its front doors (no IngressClass, no Ingresses, no ingress-nginx proxy pods):
 * what the benchmark measured before front doors existed. Its whole-process ratio is the yardstick for the
 * standard shape's: adding front doors to the benchmark must not worsen its ratio.
 */
export const WITHOUT_FRONT_DOORS: Scenario = 'no-front-doors';

/** Kubernetes' own scale limits (kubernetes.io "Considerations for large clusters"). */
export const FULL_SCALE: ClusterSize = { nodes: 5000, pods: 150000, services: 10000, networkPolicies: 2000 };

/** The cluster size at `scale` (0..1] of Kubernetes' limits. */
export function sizeAt(scale: number): ClusterSize {
  return {
    nodes: Math.round(FULL_SCALE.nodes * scale),
    pods: Math.round(FULL_SCALE.pods * scale),
    services: Math.round(FULL_SCALE.services * scale),
    networkPolicies: Math.round(FULL_SCALE.networkPolicies * scale),
  };
}

const ip4 = (n: number) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/**
 * Builds the objects of a cluster of the given size, shaped like `kubectl get -A -o json` items and in the
 * order kubectl writes them (inKubectlOrder).
 */
export function generateCluster(size: ClusterSize, scenario: Scenario = 'standard'): KubeObject[] {
  const objects = clusterObjects(size, scenario);
  return inKubectlOrder(scenario === 'ipv6-only' ? asIPv6Only(objects) : objects);
}

/**
 * The scenario a command-line name means; an unknown name (a typo such as `node-allowlist`) is an error naming
 * the valid ones — the generator would otherwise build the standard cluster under that name.
 */
export function scenarioNamed(name: string | undefined): Scenario {
  const known: readonly string[] = [...SCENARIOS, WITHOUT_FRONT_DOORS];
  if (name !== undefined && known.includes(name)) return name as Scenario;
  throw new Error(`unknown scenario ${JSON.stringify(name ?? '')}; the scenarios are ${known.join(', ')}`);
}

/**
 * The resources of the README's snapshot commands (`kubectl get services,endpointslices,nodes,pods,namespaces,
 * networkpolicies,configmaps -A -o json`, then the front-door one), in their order: kubectl writes one
 * resource's items after another's, in the order given. A Gateway is told apart by its API group.
 */
const KUBECTL_ORDER = [
  'Service',
  'EndpointSlice',
  'Node',
  'Pod',
  'Namespace',
  'NetworkPolicy',
  'ConfigMap',
  'Ingress',
  'IngressClass',
  'Gateway gateway.networking.k8s.io',
  'GatewayClass',
  'HTTPRoute',
  'Gateway networking.istio.io',
  'VirtualService',
];

/**
 * The objects in the order a snapshot taken with kubectl has them: grouped by resource (KUBECTL_ORDER), each
 * resource as the API server lists it, by etcd key — `namespace/name`, or the name of a cluster-scoped object
 * (compared by UTF-16 code unit, which is byte order for Kubernetes' ASCII names). Until 6 Dec 2026 the
 * generator wrote each application's Service, pods, Ingress and EndpointSlice together, an order no kubectl
 * output has, and every kind change cost the snapshot's duplicate check and model building cache misses
 * (bench/NOTES.md, "File order").
 */
export function inKubectlOrder(items: KubeObject[]): KubeObject[] {
  const rank = new Map(KUBECTL_ORDER.map((r, i) => [r, i]));
  const sortable = items.map((o, i) => {
    const resource = o.kind === 'Gateway' ? `Gateway ${String(o.apiVersion).split('/')[0]}` : String(o.kind);
    const r = rank.get(resource);
    if (r === undefined) throw new Error(`bench/generate.ts: no kubectl order for ${resource} (KUBECTL_ORDER)`);
    const ns = o.metadata?.namespace;
    return { o, r, key: ns ? `${ns}/${o.metadata?.name}` : String(o.metadata?.name), i };
  });
  sortable.sort((a, b) => a.r - b.r || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return sortable.map((x) => x.o);
}

/** The objects of generateCluster, in the order they are made (each application's objects together). */
function clusterObjects(size: ClusterSize, scenario: Scenario): KubeObject[] {
  const items: KubeObject[] = [];
  // The ingress-heavy shape brings its own front doors instead of the standard ones (and takes its
  // controllers' Services and pods out of the application budget).
  const namespaces = Math.max(1, Math.round(size.services / 50));
  const heavy = scenario === 'ingress-heavy' ? ingressHeavy(size, namespaces) : null;
  const frontDoors = scenario !== WITHOUT_FRONT_DOORS && !heavy;
  const appServices = size.services - (heavy?.services ?? 0);
  const appPods = size.pods - (heavy?.pods ?? 0);
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  for (let n = 0; n < namespaces; n++) {
    items.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: `ns-${n}`,
        labels: { 'kubernetes.io/metadata.name': `ns-${n}`, team: `team-${n % 40}`, ...heavy?.namespaceLabels(n) },
      },
    });
  }
  items.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace: 'kube-system', name: 'kube-proxy' },
    data: {
      'config.conf':
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\nclusterCIDR: 10.0.0.0/8\n',
    },
  });
  if (frontDoors)
    items.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
  for (let n = 0; n < size.nodes; n++) {
    const base = (10 << 24) + n * 256; // 10.x.y.0/24 per node, enough for 65k nodes
    items.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${n}`,
        labels: { 'kubernetes.io/hostname': `node-${n}`, 'topology.kubernetes.io/zone': zones[n % 3] },
        annotations: {
          'projectcalico.org/IPv4Address': `${ip4((172 << 24) + (16 << 16) + n)}/12`,
          'projectcalico.org/IPv4IPIPTunnelAddr': ip4(base + 1),
        },
      },
      spec: {
        podCIDR: `${ip4(base)}/24`,
        podCIDRs: [`${ip4(base)}/24`],
        ...(heavy ? { providerID: heavy.providerID(n) } : {}),
      },
      status: {
        addresses: [
          { type: 'InternalIP', address: ip4((172 << 24) + (16 << 16) + n) },
          { type: 'Hostname', address: `node-${n}` },
        ],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  }
  const podsPerService = Math.max(1, Math.floor(appPods / appServices));
  let podIndex = 0;
  for (let s = 0; s < appServices; s++) {
    const ns = `ns-${s % namespaces}`;
    const podExtras = heavy?.podExtras(s % namespaces);
    const app = `app-${s}`;
    const type = s % 10 === 0 ? 'LoadBalancer' : s % 10 === 1 ? 'NodePort' : 'ClusterIP';
    const serviceAnnotations = heavy?.serviceAnnotations(s, type);
    const external = type !== 'ClusterIP'; // 20% of Services: < 2,768 NodePorts, each unique
    const local = s % 20 === 0;
    const proxy = frontDoors && s % 100 === 0;
    items.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        namespace: ns,
        name: app,
        labels: { app },
        ...(serviceAnnotations ? { annotations: serviceAnnotations } : {}),
      },
      spec: {
        type,
        clusterIP: ip4((100 << 24) + 64 * 65536 + s),
        clusterIPs: [ip4((100 << 24) + 64 * 65536 + s)],
        selector: { app },
        ports: [
          {
            name: 'http',
            port: 80,
            targetPort: 'http',
            protocol: 'TCP',
            ...(external ? { nodePort: 30000 + Math.floor(s / 10) * 2 + (s % 10) } : {}),
          },
        ],
        ...(external ? { externalTrafficPolicy: local ? 'Local' : 'Cluster' } : {}),
        ...(type === 'LoadBalancer' && local ? { healthCheckNodePort: 32100 + Math.floor(s / 20) } : {}),
      },
      ...(type === 'LoadBalancer'
        ? { status: { loadBalancer: { ingress: [{ ip: ip4((198 << 24) + (18 << 16) + s) }] } } }
        : {}),
    });
    const endpoints: unknown[] = [];
    for (let p = 0; p < podsPerService && podIndex < appPods; p++, podIndex++) {
      const node = (podIndex * 7919) % size.nodes; // spread pods pseudo-randomly
      const ip = ip4((10 << 24) + node * 256 + 2 + (Math.floor(podIndex / size.nodes) % 250));
      const name = `${app}-${p}`;
      items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          namespace: ns,
          name,
          // Every 100th Service (a LoadBalancer) is an ingress-nginx proxy (front doors in the benchmark).
          labels: {
            app,
            'pod-template-hash': 'abc123',
            ...(proxy ? { 'app.kubernetes.io/name': 'ingress-nginx' } : {}),
          },
          ...(podExtras?.annotations ? { annotations: podExtras.annotations } : {}),
        },
        spec: {
          nodeName: `node-${node}`,
          containers: [
            {
              name: 'app',
              image: 'registry.example/app:1',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            },
            ...(podExtras?.containers ?? []),
          ],
        },
        status: {
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          hostIP: ip4((172 << 24) + (16 << 16) + node),
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      });
      endpoints.push({
        addresses: [ip],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${node}`,
        zone: zones[node % 3],
        targetRef: { kind: 'Pod', namespace: ns, name },
      });
    }
    // One Ingress per 10 Services, through the ingress-nginx proxies (class nginx).
    if (frontDoors && s % 10 === 2)
      items.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { namespace: ns, name: app },
        spec: {
          ingressClassName: 'nginx',
          rules: [
            {
              host: `${app}.example.com`,
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }],
              },
            },
          ],
        },
      });
    items.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { namespace: ns, name: `${app}-x1`, labels: { 'kubernetes.io/service-name': app } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints,
    });
    if (scenario === 'two-services-per-pod') items.push(...metricsService(ns, app, s, endpoints));
  }
  if (scenario === 'daemonset-local') items.push(...daemonSet(size, zones));
  if (heavy) items.push(...heavy.objects(appServices));
  for (let p = 0; p < size.networkPolicies; p++) {
    const ns = `ns-${p % namespaces}`;
    items.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { namespace: ns, name: `policy-${p}` },
      spec: {
        podSelector: { matchLabels: { app: `app-${(p * 5) % size.services}` } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { team: `team-${p % 40}` } } },
              { ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } },
              ...(scenario === 'node-allowlists' ? [{ ipBlock: { cidr: '172.16.0.0/12' } }] : []),
            ],
            ports: [{ protocol: 'TCP', port: p % 2 ? 8080 : 'http' }],
          },
        ],
      },
    });
  }
  return items;
}

/** A ClusterIP Service `APP-metrics` whose EndpointSlice lists the same pods as the app's (port 9090). */
function metricsService(ns: string, app: string, s: number, endpoints: unknown[]): KubeObject[] {
  const name = `${app}-metrics`;
  const ip = ip4((100 << 24) + 96 * 65536 + s);
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: ns, name },
      spec: {
        type: 'ClusterIP',
        clusterIP: ip,
        clusterIPs: [ip],
        selector: { app },
        ports: [{ name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }],
      },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { namespace: ns, name: `${name}-x1`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'metrics', port: 9090, protocol: 'TCP' }],
      endpoints,
    },
  ];
}

/** A LoadBalancer Service with externalTrafficPolicy Local backed by one pod on every node (a DaemonSet). */
function daemonSet(size: ClusterSize, zones: string[]): KubeObject[] {
  const ns = 'kube-system';
  const app = 'edge-proxy';
  const items: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: ns, name: app },
      spec: {
        type: 'LoadBalancer',
        clusterIP: '100.127.0.1',
        clusterIPs: ['100.127.0.1'],
        selector: { app },
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 32767,
        ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 32766 }],
      },
      status: { loadBalancer: { ingress: [{ ip: '198.19.255.1' }] } },
    },
  ];
  const endpoints: unknown[] = [];
  for (let n = 0; n < size.nodes; n++) {
    const ip = ip4((10 << 24) + n * 256 + 254);
    const name = `${app}-${n.toString(36)}`;
    items.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: ns, name, labels: { app } },
      spec: { nodeName: `node-${n}`, containers: [{ name: 'proxy', image: 'registry.example/proxy:1' }] },
      status: {
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        hostIP: ip4((172 << 24) + (16 << 16) + n),
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    endpoints.push({
      addresses: [ip],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: `node-${n}`,
      zone: zones[n % 3],
      targetRef: { kind: 'Pod', namespace: ns, name },
    });
  }
  // EndpointSlices hold at most 1,000 endpoints each.
  for (let i = 0; i * 1000 < endpoints.length; i++) {
    items.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { namespace: ns, name: `${app}-${i}`, labels: { 'kubernetes.io/service-name': app } },
      addressType: 'IPv4',
      ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
      endpoints: endpoints.slice(i * 1000, (i + 1) * 1000),
    });
  }
  return items;
}
