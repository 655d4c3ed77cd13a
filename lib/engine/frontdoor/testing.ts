// Test helpers for front doors: pods with the fields proxy detection reads (annotations, images, args, env),
// ingress classes and routes, as `kubectl get -o json` shows them.
import type { KubeObject } from '../../model/k8s';
import { configMap, slice, type SvcInput } from '../testing/fixtures';
import { webObjects } from '../testing/scenarios';

/** Proxy / app pod input. */
export interface ProxyPodInput {
  name: string;
  namespace?: string;
  ip: string;
  node: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  image?: string;
  args?: string[];
  env?: Record<string, string>;
  containerPort?: number;
}

/** A running, ready pod with one container. */
export function proxyPod(i: ProxyPodInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: i.name,
      namespace: i.namespace ?? 'default',
      labels: i.labels ?? {},
      annotations: i.annotations ?? {},
    },
    spec: {
      nodeName: i.node,
      containers: [
        {
          name: 'main',
          image: i.image ?? 'example/app:1',
          args: i.args ?? [],
          env: Object.entries(i.env ?? {}).map(([name, value]) => ({ name, value })),
          ports: [{ containerPort: i.containerPort ?? 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: i.ip,
      podIPs: [{ ip: i.ip }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** A networking.k8s.io/v1 IngressClass. */
export function ingressClass(name: string, controller: string): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name }, spec: { controller } };
}

/** An Ingress with one host and path to one Service port. */
export function ingress(i: {
  name: string;
  namespace?: string;
  className?: string;
  annotations?: Record<string, string>;
  host: string;
  path?: string;
  service: string;
  port: number;
  status?: string;
}): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: i.name, namespace: i.namespace ?? 'default', annotations: i.annotations ?? {} },
    spec: {
      ...(i.className ? { ingressClassName: i.className } : {}),
      rules: [
        {
          host: i.host,
          http: {
            paths: [
              {
                path: i.path ?? '/',
                pathType: 'Prefix',
                backend: { service: { name: i.service, port: { number: i.port } } },
              },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: i.status ? [{ ip: i.status }] : [] } },
  };
}

/** Options of proxiedWeb. */
export interface ProxiedWebOptions {
  /** What the two web pods (10.244.0.5 on node-a, 10.244.1.5 on node-b) run. */
  pod?: Partial<ProxyPodInput>;
  service?: Partial<SvcInput>;
  /** Node providerID prefix (the node name's last letter is appended). */
  providerID?: string;
  extra?: KubeObject[];
}

/** The web scenario (lib/engine/testing/scenarios.ts) whose two pods are the given proxy or app. */
export function proxiedWeb(o: ProxiedWebOptions = {}): KubeObject[] {
  const nodeExtras = o.providerID
    ? Object.fromEntries(
        ['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `${o.providerID}${n.slice(-1)}` }]),
      )
    : {};
  const objs = webObjects({ service: o.service, nodeExtras, extra: o.extra }).filter(
    (x) => !(x.kind === 'Pod' && (x.metadata?.name === 'web-a' || x.metadata?.name === 'web-b')),
  );
  for (const [name, ip, node] of [
    ['web-a', '10.244.0.5', 'node-a'],
    ['web-b', '10.244.1.5', 'node-b'],
  ])
    objs.push(
      proxyPod({ name, ip, node, namespace: 'default', ...o.pod, labels: { app: 'web', ...(o.pod?.labels ?? {}) } }),
    );
  return objs;
}

/** An AWS NLB (LB Controller, instance targets) sending PROXY v2. */
export const NLB_PP = {
  'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
  'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
};

/** The web scenario whose endpoint pods web-a (10.244.0.5, node-a) and web-b (10.244.1.5, node-b) differ. */
export function proxiedPair(
  a: Partial<ProxyPodInput>,
  b: Partial<ProxyPodInput>,
  o: Omit<ProxiedWebOptions, 'pod'> = {},
): KubeObject[] {
  const objs = proxiedWeb(o).filter(
    (x) => !(x.kind === 'Pod' && (x.metadata?.name === 'web-a' || x.metadata?.name === 'web-b')),
  );
  objs.push(proxyPod({ name: 'web-a', ip: '10.244.0.5', node: 'node-a', ...a }));
  objs.push(proxyPod({ name: 'web-b', ip: '10.244.1.5', node: 'node-b', ...b }));
  return objs;
}

/** Options of nginxFrontingApi. */
export interface NginxFrontingApiOptions {
  /** default/web's externalTrafficPolicy (webObjects' default when absent). */
  policy?: 'Cluster' | 'Local';
  /** The NLB sends PROXY v2 and ingress-nginx expects it (its ConfigMap nginx-conf, trusting 192.168.0.0/16). */
  proxyProtocol?: boolean;
  extra?: KubeObject[];
}

/**
 * default/web, a LoadBalancer on AWS (NLB, instance targets) whose one endpoint nginx-1 (10.244.2.20, node-c)
 * is ingress-nginx, routing api.example.com (IngressClass nginx) to the ClusterIP default/api (api-1,
 * 10.244.1.30 on node-b, port 80 → 8080).
 */
export function nginxFrontingApi(o: NginxFrontingApiOptions = {}): KubeObject[] {
  const aws = Object.fromEntries(
    ['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `aws:///x/i-${n.slice(-1)}` }]),
  );
  const objects = webObjects({
    service: {
      ...(o.policy ? { externalTrafficPolicy: o.policy } : {}),
      annotations: o.proxyProtocol ? NLB_PP : { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' },
    },
    nodeExtras: aws,
    endpoints: [{ ip: '10.244.2.20', node: 'node-c', pod: 'nginx-1' }],
    extra: [
      proxyPod({
        name: 'nginx-1',
        namespace: 'default',
        ip: '10.244.2.20',
        node: 'node-c',
        labels: { 'app.kubernetes.io/name': 'ingress-nginx', app: 'web' },
        args: ['/nginx-ingress-controller', ...(o.proxyProtocol ? ['--configmap=$(POD_NAMESPACE)/nginx-conf'] : [])],
      }),
      proxyPod({ name: 'api-1', ip: '10.244.1.30', node: 'node-b', labels: { app: 'api' } }),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api', namespace: 'default' },
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.96.0.30',
          selector: { app: 'api' },
          ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
        },
      },
      slice({
        service: 'api',
        ports: [{ port: 8080 }],
        endpoints: [{ ip: '10.244.1.30', node: 'node-b', pod: 'api-1' }],
      }),
      ...(o.proxyProtocol
        ? [configMap('nginx-conf', 'default', { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '192.168.0.0/16' })]
        : []),
      ingressClass('nginx', 'k8s.io/ingress-nginx'),
      ingress({ name: 'api', className: 'nginx', host: 'api.example.com', service: 'api', port: 80 }),
      ...(o.extra ?? []),
    ],
  });
  // webObjects adds a plain pod for each endpoint; the ingress-nginx pod above replaces it.
  return objects.filter(
    (x) =>
      !(
        x.kind === 'Pod' &&
        x.metadata?.name === 'nginx-1' &&
        !(x.spec as { containers: { args?: string[] }[] }).containers[0].args?.length
      ),
  );
}
