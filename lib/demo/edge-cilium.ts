// The Northwind edge cluster: 4 nodes running Cilium as kube-proxy replacement (no kube-proxy at all),
// native routing, LB-IPAM + BGP for LoadBalancer addresses, default SNAT load-balancing mode with
// per-Service DSR opt-in. Small on purpose: it exists to exercise the Cilium-specific rules.
import type { KubeObject } from '../model/k8s';
import { DemoClusterBuilder, type CniNodeAnnotations } from './cluster-builder';
import { ciliumConfig, COREFILE, demoRootCA, kubeadmClusterConfiguration } from './config-files';
import { hex64 } from './pods';
import { NW_EDGE as E, NW_EDGE_NODES as N } from './northwind-constants';
import type { NodeSpec } from './spec-types';
import { appLabels, res, TOLERATE_ALL, TOLERATE_CONTROL_PLANE } from './workload-helpers';

const K8S = E.kubernetesVersion;
const CILIUM = 'v1.16.5';
const ALL = Object.values(N);

/** With `annotate-k8s-node: true` the agent publishes its router (cilium_host) and health addresses on the Node. */
const ciliumNodeAnnotations: CniNodeAnnotations = (_node, podCIDRs, pool) => {
  const [router] = pool.next();
  const [health] = pool.next();
  return {
    'network.cilium.io/ipv4-cilium-host': router,
    'network.cilium.io/ipv4-health-ip': health,
    'network.cilium.io/ipv4-pod-cidr': podCIDRs[0],
  };
};

/** The four nodes of the edge cluster. */
export const EDGE_NODES: NodeSpec[] = [
  { name: N.cp1, zone: 'eu-west-1a', role: 'control-plane', internalIPs: ['10.30.1.11'], networkPrefix: 24 },
  {
    name: N.w1,
    zone: 'eu-west-1a',
    role: 'worker',
    internalIPs: ['10.30.1.21'],
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '' },
  },
  {
    name: N.w2,
    zone: 'eu-west-1b',
    role: 'worker',
    internalIPs: ['10.30.2.21'],
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '' },
  },
  {
    name: N.w3,
    zone: 'eu-west-1c',
    role: 'worker',
    internalIPs: ['10.30.3.21'],
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '' },
  },
];

function platform(b: DemoClusterBuilder): void {
  for (const n of EDGE_NODES) b.node(n);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) b.namespace(ns);
  b.namespace('edge-api', {
    afterDays: 3,
    labels: { 'northwind.io/team': 'integrations', 'pod-security.kubernetes.io/enforce': 'restricted' },
  });
  const cpIP = EDGE_NODES[0].internalIPs[0];
  for (const [name, image] of [
    ['etcd', 'etcd:3.5.16-0'],
    ['kube-apiserver', `kube-apiserver:${K8S}`],
    ['kube-controller-manager', `kube-controller-manager:${K8S}`],
    ['kube-scheduler', `kube-scheduler:${K8S}`],
  ]) {
    b.workload({
      namespace: 'kube-system',
      name,
      kind: 'StaticPod',
      hostNetwork: true,
      nodes: [N.cp1],
      priorityClassName: 'system-node-critical',
      labels: { component: name, tier: 'control-plane' },
      maxAgeDays: 30,
      annotations: {
        'kubernetes.io/config.hash': hex64(`${name}/${N.cp1}`).slice(0, 32),
        'kubernetes.io/config.mirror': hex64(`${name}/${N.cp1}`).slice(0, 32),
        'kubernetes.io/config.source': 'file',
      },
      containers: [
        { name, image: `registry.k8s.io/${image}`, command: [name], resources: { requests: { cpu: '100m' } } },
      ],
    });
  }
  b.service({
    namespace: 'default',
    name: 'kubernetes',
    clusterIP: '10.96.0.1',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
    manualEndpoints: { ips: [cpIP], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
  });
  // kube-proxy-free: the agent does all Service load-balancing (kubeadm init --skip-phases=addon/kube-proxy).
  b.workload({
    namespace: 'kube-system',
    name: 'cilium',
    kind: 'DaemonSet',
    hostNetwork: true,
    nodes: ALL,
    priorityClassName: 'system-node-critical',
    serviceAccountName: 'cilium',
    labels: { 'app.kubernetes.io/name': 'cilium-agent', 'app.kubernetes.io/part-of': 'cilium', 'k8s-app': 'cilium' },
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 20,
    containers: [
      {
        name: 'cilium-agent',
        image: `quay.io/cilium/cilium:${CILIUM}`,
        command: ['cilium-agent'],
        args: ['--config-dir=/tmp/cilium/config-map'],
        env: [
          { name: 'KUBERNETES_SERVICE_HOST', value: 'k8s-api.edge.northwind.internal' },
          { name: 'KUBERNETES_SERVICE_PORT', value: '6443' },
        ],
        ports: [
          { name: 'peer-service', containerPort: 4244, hostPort: 4244 },
          { name: 'prometheus', containerPort: 9962, hostPort: 9962 },
        ],
      },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'cilium-envoy',
    kind: 'DaemonSet',
    hostNetwork: true,
    nodes: ALL,
    priorityClassName: 'system-node-critical',
    serviceAccountName: 'cilium-envoy',
    labels: {
      'app.kubernetes.io/name': 'cilium-envoy',
      'app.kubernetes.io/part-of': 'cilium',
      'k8s-app': 'cilium-envoy',
      name: 'cilium-envoy',
    },
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 20,
    containers: [
      {
        name: 'cilium-envoy',
        image: 'quay.io/cilium/cilium-envoy:v1.30.8-1733837904-eaae5aca0fb988583e5617170a65ac5aa51c0aa8',
        ports: [{ name: 'envoy-metrics', containerPort: 9964, hostPort: 9964 }],
      },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'cilium-operator',
    kind: 'Deployment',
    hostNetwork: true,
    nodes: [N.w1],
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'cilium-operator',
    labels: {
      'app.kubernetes.io/name': 'cilium-operator',
      'app.kubernetes.io/part-of': 'cilium',
      'io.cilium/app': 'operator',
      name: 'cilium-operator',
    },
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 20,
    containers: [
      {
        name: 'cilium-operator',
        image: `quay.io/cilium/operator-generic:${CILIUM}`,
        args: ['--config-dir=/tmp/cilium/config-map'],
        ports: [{ name: 'prometheus', containerPort: 9963, hostPort: 9963 }],
      },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'hubble-relay',
    kind: 'Deployment',
    nodes: [N.w2],
    serviceAccountName: 'hubble-relay',
    labels: {
      'app.kubernetes.io/name': 'hubble-relay',
      'app.kubernetes.io/part-of': 'cilium',
      'k8s-app': 'hubble-relay',
    },
    maxAgeDays: 20,
    containers: [
      {
        name: 'hubble-relay',
        image: `quay.io/cilium/hubble-relay:${CILIUM}`,
        args: ['serve'],
        ports: [{ name: 'grpc', containerPort: 4245 }],
      },
    ],
  });
  // hubble-peer is Local by design: each agent serves the Hubble peers of its own node.
  b.service(
    {
      namespace: 'kube-system',
      name: 'hubble-peer',
      selector: { 'k8s-app': 'cilium' },
      internalTrafficPolicy: 'Local',
      labels: { 'app.kubernetes.io/name': 'hubble-peer', 'app.kubernetes.io/part-of': 'cilium', 'k8s-app': 'cilium' },
      ports: [{ name: 'peer-service', port: 443, targetPort: 4244 }],
    },
    { afterDays: 0 },
  );
  b.service(
    {
      namespace: 'kube-system',
      name: 'hubble-relay',
      selector: { 'k8s-app': 'hubble-relay' },
      labels: {
        'app.kubernetes.io/name': 'hubble-relay',
        'app.kubernetes.io/part-of': 'cilium',
        'k8s-app': 'hubble-relay',
      },
      ports: [{ port: 80, targetPort: 'grpc' }],
    },
    { afterDays: 0 },
  );
  b.workload({
    namespace: 'kube-system',
    name: 'coredns',
    kind: 'Deployment',
    nodes: [N.cp1, N.w1],
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'coredns',
    labels: { 'k8s-app': 'kube-dns' },
    tolerations: [TOLERATE_CONTROL_PLANE],
    maxAgeDays: 30,
    containers: [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        args: ['-conf', '/etc/coredns/Corefile'],
        resources: res('100m', '70Mi', '170Mi'),
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53 },
          { name: 'metrics', containerPort: 9153 },
        ],
      },
    ],
  });
  b.service({
    namespace: 'kube-system',
    name: 'kube-dns',
    clusterIP: '10.96.0.10',
    selector: { 'k8s-app': 'kube-dns' },
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
      { name: 'metrics', port: 9153, targetPort: 9153 },
    ],
  });
  b.configMap(
    'kube-system',
    'cilium-config',
    ciliumConfig({ clusterName: E.clusterName, nativeRoutingCIDR: E.podCIDRs.v4 }),
  );
  b.configMap('kube-system', 'coredns', { Corefile: COREFILE });
  b.configMap('kube-system', 'kubeadm-config', {
    ClusterConfiguration: kubeadmClusterConfiguration({
      clusterName: E.clusterName,
      endpoint: E.controlPlaneEndpoint,
      version: K8S,
      podSubnet: E.podCIDRs.v4,
      serviceSubnet: E.serviceCIDRs.v4,
    }),
  });
}

function lbStatus(ip: string): { loadBalancer: { ip: string }; statusConditions: Record<string, unknown>[] } {
  // Cilium LB-IPAM reports the allocation as a Service condition.
  return {
    loadBalancer: { ip },
    statusConditions: [
      {
        message: '',
        observedGeneration: 1,
        reason: 'satisfied',
        status: 'True',
        type: 'cilium.io/IPAMRequestSatisfied',
      },
    ],
  };
}

function edgeApi(b: DemoClusterBuilder): void {
  const gw = appLabels('edge-gateway', 'edge-api', 'integrations', 'gateway');
  b.workload({
    namespace: 'edge-api',
    name: 'edge-gateway',
    kind: 'Deployment',
    nodes: [N.w1, N.w2, N.w3],
    labels: gw,
    maxAgeDays: 5,
    containers: [
      {
        name: 'gateway',
        image: 'registry.northwind.internal/integrations/edge-gateway:0.14.1',
        resources: res('250m', '256Mi', '512Mi'),
        ports: [
          { name: 'https', containerPort: 8443 },
          { name: 'metrics', containerPort: 9090 },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'edge-api',
      name: 'edge-gateway',
      type: 'LoadBalancer',
      labels: gw,
      selector: { 'app.kubernetes.io/name': 'edge-gateway' },
      annotations: { 'lbipam.cilium.io/ips': E.lbIPs.edgeGateway },
      ports: [{ name: 'https', port: 443, targetPort: 'https' }],
      ...lbStatus(E.lbIPs.edgeGateway),
    },
    { afterDays: 4 },
  );

  // Opted into DSR (bpf-lb-mode-annotation is on), so backends see the client address even under Cluster.
  const stream = appLabels('edge-stream', 'edge-api', 'integrations', 'stream');
  b.workload({
    namespace: 'edge-api',
    name: 'edge-stream',
    kind: 'Deployment',
    nodes: [N.w2, N.w3],
    labels: stream,
    maxAgeDays: 5,
    containers: [
      {
        name: 'stream',
        image: 'registry.northwind.internal/integrations/edge-stream:0.6.0',
        resources: res('250m', '256Mi', '512Mi'),
        ports: [{ name: 'https', containerPort: 8443 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'edge-api',
      name: 'edge-stream',
      type: 'LoadBalancer',
      labels: stream,
      selector: { 'app.kubernetes.io/name': 'edge-stream' },
      annotations: { 'lbipam.cilium.io/ips': E.lbIPs.edgeStream, 'service.cilium.io/forwarding-mode': 'dsr' },
      ports: [{ name: 'https', port: 443, targetPort: 'https' }],
      ...lbStatus(E.lbIPs.edgeStream),
    },
    { afterDays: 40 },
  );

  const cache = appLabels('edge-cache', 'edge-api', 'integrations', 'cache');
  b.workload({
    namespace: 'edge-api',
    name: 'edge-cache',
    kind: 'Deployment',
    nodes: [N.w1, N.w3],
    labels: cache,
    maxAgeDays: 12,
    containers: [
      {
        name: 'varnish',
        image: 'docker.io/library/varnish:7.6.1',
        resources: res('200m', '1Gi'),
        ports: [{ name: 'http', containerPort: 6081 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'edge-api',
      name: 'edge-cache',
      labels: cache,
      selector: { 'app.kubernetes.io/name': 'edge-cache' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
    { afterDays: 4 },
  );

  const app = (name: string) => ({ matchLabels: { 'app.kubernetes.io/name': name } });
  b.networkPolicy('edge-api', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }, { afterDays: 4 });
  // The partner CIDR plus every node address "because the nodes SNAT": on Cilium, ipBlock does not
  // match cluster nodes unless policy-cidr-match-mode includes `nodes` (it is empty here).
  b.networkPolicy(
    'edge-api',
    'edge-gateway-allow-partners',
    {
      podSelector: app('edge-gateway'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { ipBlock: { cidr: E.partners.acme } },
            ...EDGE_NODES.map((n) => ({ ipBlock: { cidr: `${n.internalIPs[0]}/32` } })),
          ],
          ports: [{ port: 8443, protocol: 'TCP' }],
        },
      ],
    },
    {
      afterDays: 4,
      annotations: {
        'northwind.io/description': 'ACME plus the node IPs (SNAT under externalTrafficPolicy: Cluster).',
      },
    },
  );
  b.networkPolicy(
    'edge-api',
    'edge-stream-allow-partners',
    {
      podSelector: app('edge-stream'),
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: E.partners.acme } }], ports: [{ port: 8443, protocol: 'TCP' }] }],
    },
    { afterDays: 40 },
  );
  b.networkPolicy(
    'edge-api',
    'edge-cache-from-edge-apps',
    {
      podSelector: app('edge-cache'),
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [
                  { key: 'app.kubernetes.io/name', operator: 'In', values: ['edge-gateway', 'edge-stream'] },
                ],
              },
            },
          ],
          ports: [{ port: 'http', protocol: 'TCP' }],
        },
      ],
    },
    { afterDays: 12 },
  );
}

/**
 * The public status page: two replicas, but the Deployment has no spread constraint and both landed on
 * edge-worker-02 (the scheduler preferred the node with the image cached), so one node failure takes it down.
 * Added last so that the names and addresses of everything before it stay as they were.
 */
function edgeTools(b: DemoClusterBuilder): void {
  b.namespace('edge-tools', { afterDays: 15, labels: { 'northwind.io/team': 'platform' } });
  const status = appLabels('status-page', 'edge-tools', 'platform', 'web');
  b.workload({
    namespace: 'edge-tools',
    name: 'status-page',
    kind: 'Deployment',
    nodes: [N.w2, N.w2],
    labels: status,
    maxAgeDays: 3,
    containers: [
      {
        name: 'status',
        image: 'registry.northwind.internal/platform/status-page:1.4.2',
        resources: res('100m', '128Mi', '256Mi'),
        ports: [{ name: 'http', containerPort: 8080 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'edge-tools',
      name: 'status-page',
      type: 'LoadBalancer',
      labels: status,
      selector: { 'app.kubernetes.io/name': 'status-page' },
      annotations: { 'lbipam.cilium.io/ips': E.lbIPs.statusPage },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      ...lbStatus(E.lbIPs.statusPage),
    },
    { afterDays: 20 },
  );
}

/** Builds the Cilium edge cluster's objects (deterministic). */
export function buildNorthwindEdge(): KubeObject[] {
  const b = new DemoClusterBuilder({
    snapshotTime: E.snapshotTime,
    createdTime: E.createdTime,
    clusterCIDRs: E.podCIDRs,
    nodeMaskSize: { v4: 24 },
    serviceCIDRs: E.serviceCIDRs,
    nodeInfo: {
      kubeletVersion: K8S,
      containerRuntimeVersion: 'containerd://1.7.24',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-28-amd64',
    },
    cni: 'cilium',
    cniAnnotations: ciliumNodeAnnotations,
  });
  platform(b);
  edgeApi(b);
  edgeTools(b);
  return b.objects(demoRootCA(E.clusterName));
}
