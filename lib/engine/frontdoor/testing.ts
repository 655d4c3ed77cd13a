// Test helpers for front doors: pods with the fields proxy detection reads (annotations, images, args, env),
// ingress classes and routes, as `kubectl get -o json` shows them.
import type { KubeObject } from '../../model/k8s';

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
