// Builders for the Kubernetes objects the live tests create. Every address is data only (TEST-NET and
// private ranges): kwok fakes the kubelet, nothing ever dials a pod, node or load-balancer IP.

/** A Kubernetes object as JSON. */
export type Obj = Record<string, unknown>;

/** A kwok-managed Node (kwok only manages Nodes annotated kwok.x-k8s.io/node=fake). */
export function kwokNode(o: {
  name: string;
  ip: string;
  podCIDR: string;
  zone: string;
  pool: string;
  ipipTunnel?: string;
}): Obj {
  const annotations: Record<string, string> = { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' };
  // Calico's per-node IPIP tunnel address (lib/model/build.ts tunnelAddresses reads it into NodeModel.tunnel).
  if (o.ipipTunnel) annotations['projectcalico.org/IPv4IPIPTunnelAddr'] = o.ipipTunnel;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name,
      annotations,
      labels: {
        'kubernetes.io/hostname': o.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': o.zone,
        'kubepath.test/pool': o.pool,
        type: 'kwok',
      },
    },
    spec: { podCIDR: o.podCIDR, podCIDRs: [o.podCIDR] },
    status: {
      addresses: [
        { type: 'InternalIP', address: o.ip },
        { type: 'Hostname', address: o.name },
      ],
      allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      capacity: { cpu: '32', memory: '256Gi', pods: '110' },
    },
  };
}

/** A Namespace. */
export function namespace(name: string, labels: Record<string, string> = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubepath.test/live': 'true', ...labels } },
  };
}

/**
 * A Deployment whose pods land only on kwok nodes of one pool. `spread` adds a hostname
 * topologySpreadConstraint (maxSkew 1, DoNotSchedule) that honours cordons, so placement is deterministic.
 */
export function deployment(o: {
  ns: string;
  name: string;
  replicas: number;
  pool: string;
  port?: number;
  spread?: boolean;
}): Obj {
  const labels = { app: o.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: o.ns, name: o.name },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          nodeSelector: { 'kubepath.test/pool': o.pool },
          // kwok fakes the kubelet: the image is never pulled.
          containers: [
            {
              name: o.name,
              image: `registry.example/${o.name}:1.0`,
              ports: [{ name: 'http', containerPort: o.port ?? 8080 }],
            },
          ],
          ...(o.spread
            ? {
                topologySpreadConstraints: [
                  {
                    maxSkew: 1,
                    topologyKey: 'kubernetes.io/hostname',
                    whenUnsatisfiable: 'DoNotSchedule',
                    // A cordoned node must not count as an empty domain, or the move tests could never schedule.
                    nodeTaintsPolicy: 'Honor',
                    labelSelector: { matchLabels: labels },
                  },
                ],
              }
            : {}),
        },
      },
    },
  };
}

/** A Service selecting `app: <app>` with one TCP port to the pods' named port `http`. */
export function service(o: {
  ns: string;
  name: string;
  app: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  port: number;
  externalTrafficPolicy?: 'Cluster' | 'Local';
}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: o.ns, name: o.name },
    spec: {
      type: o.type,
      selector: { app: o.app },
      ports: [{ name: 'http', port: o.port, targetPort: 'http', protocol: 'TCP' }],
      ...(o.type !== 'ClusterIP' ? { externalTrafficPolicy: o.externalTrafficPolicy ?? 'Cluster' } : {}),
    },
  };
}

/** A NetworkPolicy. */
export function networkPolicy(ns: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: ns, name }, spec };
}

/** kubeadm's kube-system/kube-proxy ConfigMap with a KubeProxyConfiguration (key config.conf). */
export function kubeProxyConfigMap(o: { mode: 'iptables' | 'ipvs' | 'nftables'; clusterCIDR: string }): Obj {
  const conf = [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'kind: KubeProxyConfiguration',
    `mode: ${o.mode}`,
    `clusterCIDR: ${o.clusterCIDR}`,
    'detectLocalMode: ClusterCIDR',
    '',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace: 'kube-system', name: 'kube-proxy' },
    data: { 'config.conf': conf },
  };
}
