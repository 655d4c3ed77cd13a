// A small, realistic test cluster: three nodes, a "web" Service with two endpoints (node-a, node-b) and a
// client pod on node-c. Options switch the proxy mode, traffic policies and Service type.
import type { KubeObject } from '../../model/k8s';
import { clusterOf } from './cluster';
import {
  kubeProxyConfig,
  node,
  pod,
  slice,
  svc,
  type EndpointInput,
  type KubeProxyConfigInput,
  type SvcInput,
} from './fixtures';

/** Addresses used by the web scenario. */
export const WEB = {
  clusterIP: '10.96.0.10',
  lbIP: '198.51.100.10',
  externalIP: '198.51.100.20',
  nodePort: 30080,
  port: 80,
  targetPort: 8080,
  nodes: { 'node-a': '192.168.0.1', 'node-b': '192.168.0.2', 'node-c': '192.168.0.3' } as Record<string, string>,
  podCIDRs: { 'node-a': '10.244.0.0/24', 'node-b': '10.244.1.0/24', 'node-c': '10.244.2.0/24' } as Record<
    string,
    string
  >,
  endpoints: [
    { ip: '10.244.0.5', node: 'node-a', pod: 'web-a' },
    { ip: '10.244.1.5', node: 'node-b', pod: 'web-b' },
  ] as EndpointInput[],
  clientPod: { name: 'client', ip: '10.244.2.7', node: 'node-c' },
  externalClient: '203.0.113.7',
};

/** `n` web pods spread over the scenario's three nodes in turn (`web-00`, `web-01`, …), each with an address of its node's pod CIDR. */
export function webPods(n: number): EndpointInput[] {
  const nodes = Object.keys(WEB.nodes);
  return Array.from({ length: n }, (_, i) => ({
    ip: `10.244.${i % 3}.${10 + Math.floor(i / 3)}`,
    node: nodes[i % 3],
    pod: `web-${String(i).padStart(2, '0')}`,
  }));
}

/** Options for webCluster. */
export interface WebOptions {
  service?: Partial<SvcInput>;
  endpoints?: EndpointInput[];
  /** kube-proxy config; null = no kube-proxy ConfigMap. Default: iptables, clusterCIDR 10.244.0.0/16. */
  kubeProxy?: KubeProxyConfigInput | null;
  nodeAnnotations?: Record<string, Record<string, string>>;
  nodeExtras?: Record<string, Partial<Parameters<typeof node>[0]>>;
  extra?: KubeObject[];
}

/** Builds the web scenario's objects. */
export function webObjects(o: WebOptions = {}): KubeObject[] {
  const eps = o.endpoints ?? WEB.endpoints;
  const objs: KubeObject[] = [];
  for (const name of Object.keys(WEB.nodes)) {
    objs.push(
      node({
        name,
        internalIP: WEB.nodes[name],
        podCIDR: WEB.podCIDRs[name],
        zone: 'zone-1',
        annotations: o.nodeAnnotations?.[name],
        ...(o.nodeExtras?.[name] ?? {}),
      }),
    );
  }
  const type = o.service?.type ?? 'LoadBalancer';
  objs.push(
    svc({
      name: 'web',
      type,
      clusterIP: WEB.clusterIP,
      ports: [
        {
          name: 'http',
          port: WEB.port,
          targetPort: WEB.targetPort,
          ...(type === 'NodePort' || type === 'LoadBalancer' ? { nodePort: WEB.nodePort } : {}),
        },
      ],
      ...(type === 'LoadBalancer' ? { lbIngress: [{ ip: WEB.lbIP }] } : {}),
      ...(o.service ?? {}),
    }),
  );
  objs.push(slice({ service: 'web', ports: [{ name: 'http', port: WEB.targetPort }], endpoints: eps }));
  for (const ep of eps) {
    if (ep.pod)
      objs.push(
        pod({
          name: ep.pod,
          ip: ep.ip,
          node: ep.node,
          labels: { app: 'web' },
          ports: [{ name: 'http', containerPort: WEB.targetPort }],
          terminating: ep.terminating,
        }),
      );
  }
  objs.push(
    pod({ name: WEB.clientPod.name, ip: WEB.clientPod.ip, node: WEB.clientPod.node, labels: { app: 'client' } }),
  );
  if (o.kubeProxy !== null)
    objs.push(kubeProxyConfig(o.kubeProxy ?? { mode: 'iptables', clusterCIDR: '10.244.0.0/16' }));
  objs.push(...(o.extra ?? []));
  return objs;
}

/** The web scenario's model and dataplane. */
export function webCluster(o: WebOptions = {}) {
  return clusterOf(...webObjects(o));
}
