// Northwind production cluster, platform layer: nodes, control plane, Calico, kube-proxy, MetalLB,
// ingress-nginx, and the monitoring/logging stacks run by the platform team.
import type { CniNodeAnnotations, DemoClusterBuilder } from './cluster-builder';
import {
  CALICO_CONFIG,
  COREFILE,
  INGRESS_NGINX_CONFIG,
  kubeadmClusterConfiguration,
  kubeProxyConfigConf,
  kubeProxyKubeconfig,
} from './config-files';
import { NW_NODES as N, NW_PROD as P } from './northwind-constants';
import { hex64 } from './pods';
import type { NodeSpec } from './spec-types';
import { appLabels, res, TOLERATE_ALL, TOLERATE_CONTROL_PLANE } from './workload-helpers';

const K8S = P.kubernetesVersion;
const ALL = Object.values(N);
const WORKERS = [N.w1, N.w2, N.w3, N.w4, N.w5];
const CONTROL_PLANE = [N.cp1, N.cp2, N.cp3];

/** Calico (calico-ipam, IPIP Always) publishes the node address with its prefix and the tunl0 address. */
export const calicoNodeAnnotations: CniNodeAnnotations = (node, _podCIDRs, pool) => {
  // calico-ipam hands the first address of the node's first block to tunl0 (often the .0 of the block).
  const [tunnel] = pool.reserve(0);
  const v6 = node.internalIPs.find((ip) => ip.includes(':'));
  return {
    'projectcalico.org/IPv4Address': `${node.internalIPs[0]}/${node.networkPrefix}`,
    'projectcalico.org/IPv4IPIPTunnelAddr': tunnel,
    ...(v6 ? { 'projectcalico.org/IPv6Address': `${v6}/64` } : {}),
  };
};

// When the cluster autoscaler marked prod-worker-05 for scale-down (its ToBeDeleted taint value is Unix seconds).
const SCALE_DOWN_AT = '2025-11-20T10:28:51Z';

/** The eight nodes: three kubeadm control-plane nodes and five workers across three zones. */
export const NORTHWIND_NODES: NodeSpec[] = [
  {
    name: N.cp1,
    zone: 'eu-west-1a',
    role: 'control-plane',
    internalIPs: ['10.20.1.11', 'fd00:20:1::11'],
    networkPrefix: 24,
  },
  {
    name: N.cp2,
    zone: 'eu-west-1b',
    role: 'control-plane',
    internalIPs: ['10.20.2.11', 'fd00:20:2::11'],
    networkPrefix: 24,
  },
  {
    name: N.cp3,
    zone: 'eu-west-1c',
    role: 'control-plane',
    internalIPs: ['10.20.3.11', 'fd00:20:3::11'],
    networkPrefix: 24,
  },
  // The two edge workers have a public NIC; partners reach NodePorts on their ExternalIPs.
  {
    name: N.w1,
    zone: 'eu-west-1a',
    role: 'worker',
    internalIPs: ['10.20.1.21', 'fd00:20:1::21'],
    externalIP: '192.0.2.41',
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '', 'northwind.io/edge': 'true' },
  },
  {
    name: N.w2,
    zone: 'eu-west-1a',
    role: 'worker',
    internalIPs: ['10.20.1.22', 'fd00:20:1::22'],
    externalIP: '192.0.2.42',
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '', 'northwind.io/edge': 'true' },
  },
  {
    name: N.w3,
    zone: 'eu-west-1b',
    role: 'worker',
    internalIPs: ['10.20.2.21', 'fd00:20:2::21'],
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '' },
  },
  {
    name: N.w4,
    zone: 'eu-west-1b',
    role: 'worker',
    internalIPs: ['10.20.2.22', 'fd00:20:2::22'],
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '' },
    joinedAfterDays: 190,
  },
  {
    name: N.w5,
    zone: 'eu-west-1c',
    role: 'worker',
    internalIPs: ['10.20.3.21', 'fd00:20:3::21'],
    networkPrefix: 24,
    labels: { 'node-role.kubernetes.io/worker': '' },
    joinedAfterDays: 402,
    annotations: { 'cluster-autoscaler.kubernetes.io/scale-down-disabled': 'false' },
    taints: [
      {
        effect: 'PreferNoSchedule',
        key: 'DeletionCandidateOfClusterAutoscaler',
        value: String(Date.parse('2025-11-20T10:18:40Z') / 1000),
      },
      { effect: 'NoSchedule', key: 'ToBeDeletedByClusterAutoscaler', value: String(Date.parse(SCALE_DOWN_AT) / 1000) },
    ],
  },
];

/** Namespaces of the whole cluster (platform and product teams). */
export function addNorthwindNamespaces(b: DemoClusterBuilder): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) b.namespace(ns);
  b.namespace('metallb-system', {
    afterDays: 1,
    labels: {
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
    },
  });
  b.namespace('ingress-nginx', {
    afterDays: 1,
    labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
  });
  b.namespace('monitoring', { afterDays: 2, labels: { 'northwind.io/team': 'platform' } });
  b.namespace('logging', { afterDays: 2, labels: { 'northwind.io/team': 'platform' } });
  const team = (name: string, t: string, afterDays: number) =>
    b.namespace(name, {
      afterDays,
      labels: {
        'northwind.io/team': t,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    });
  team('storefront', 'web', 9);
  team('catalog', 'catalog', 9);
  team('search', 'catalog', 12);
  team('checkout', 'checkout', 14);
  team('payments', 'payments', 14);
  team('identity', 'identity', 21);
  team('billing', 'finance', 60);
  team('partner-api', 'integrations', 148);
}

function controlPlane(b: DemoClusterBuilder): void {
  const ipOf = (node: string) => NORTHWIND_NODES.find((n) => n.name === node)!.internalIPs[0];
  for (const node of CONTROL_PLANE) {
    const ip = ipOf(node);
    const staticPod = (name: string, component: string, command: string[], annotations: Record<string, string> = {}) =>
      b.workload({
        namespace: 'kube-system',
        name,
        kind: 'StaticPod',
        hostNetwork: true,
        nodes: [node],
        priorityClassName: 'system-node-critical',
        labels: { component, tier: 'control-plane' },
        maxAgeDays: 40,
        annotations: {
          'kubernetes.io/config.hash': hex64(`${component}/${node}`).slice(0, 32),
          'kubernetes.io/config.mirror': hex64(`${component}/${node}`).slice(0, 32),
          'kubernetes.io/config.source': 'file',
          ...annotations,
        },
        containers: [
          {
            name: component,
            image: `registry.k8s.io/${component}:${component === 'etcd' ? '3.5.16-0' : K8S}`,
            command,
            resources: { requests: { cpu: component === 'kube-apiserver' ? '250m' : '100m' } },
          },
        ],
      });
    staticPod(
      'etcd',
      'etcd',
      [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--data-dir=/var/lib/etcd',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        `--name=${node}`,
      ],
      { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    );
    staticPod(
      'kube-apiserver',
      'kube-apiserver',
      [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--authorization-mode=Node,RBAC',
        '--enable-admission-plugins=NodeRestriction',
        '--etcd-servers=https://127.0.0.1:2379',
        '--secure-port=6443',
        `--service-cluster-ip-range=${P.serviceCIDRs.v4},${P.serviceCIDRs.v6}`,
      ],
      { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    );
    staticPod('kube-controller-manager', 'kube-controller-manager', [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      `--cluster-cidr=${P.podCIDRs.v4},${P.podCIDRs.v6}`,
      `--cluster-name=${P.clusterName}`,
      '--node-cidr-mask-size-ipv4=24',
      '--node-cidr-mask-size-ipv6=64',
      `--service-cluster-ip-range=${P.serviceCIDRs.v4},${P.serviceCIDRs.v6}`,
      '--use-service-account-credentials=true',
    ]);
    staticPod('kube-scheduler', 'kube-scheduler', [
      'kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1',
      '--leader-elect=true',
    ]);
  }
  b.service({
    namespace: 'default',
    name: 'kubernetes',
    clusterIP: '10.96.0.1',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
    manualEndpoints: { ips: CONTROL_PLANE.map(ipOf), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
  });
}

function kubeSystem(b: DemoClusterBuilder): void {
  b.workload({
    namespace: 'kube-system',
    name: 'kube-proxy',
    kind: 'DaemonSet',
    hostNetwork: true,
    nodes: ALL,
    priorityClassName: 'system-node-critical',
    serviceAccountName: 'kube-proxy',
    labels: { 'k8s-app': 'kube-proxy' },
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 60,
    containers: [
      {
        name: 'kube-proxy',
        image: `registry.k8s.io/kube-proxy:${K8S}`,
        command: [
          '/usr/local/bin/kube-proxy',
          '--config=/var/lib/kube-proxy/config.conf',
          '--hostname-override=$(NODE_NAME)',
        ],
      },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'calico-node',
    kind: 'DaemonSet',
    hostNetwork: true,
    nodes: ALL,
    priorityClassName: 'system-node-critical',
    serviceAccountName: 'calico-node',
    labels: { 'k8s-app': 'calico-node' },
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 60,
    containers: [
      {
        name: 'calico-node',
        image: 'docker.io/calico/node:v3.29.3',
        resources: { requests: { cpu: '250m' } },
        env: [
          { name: 'DATASTORE_TYPE', value: 'kubernetes' },
          { name: 'WAIT_FOR_DATASTORE', value: 'true' },
          { name: 'CALICO_NETWORKING_BACKEND', value: 'bird' },
          { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
          { name: 'IP', value: 'autodetect' },
          { name: 'IP6', value: 'autodetect' },
          { name: 'IP_AUTODETECTION_METHOD', value: 'kubernetes-internal-ip' },
          { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
          { name: 'CALICO_IPV4POOL_VXLAN', value: 'Never' },
          { name: 'CALICO_IPV6POOL_VXLAN', value: 'Never' },
          { name: 'CALICO_IPV4POOL_CIDR', value: P.podCIDRs.v4 },
          { name: 'CALICO_IPV6POOL_CIDR', value: P.podCIDRs.v6 },
          { name: 'FELIX_IPV6SUPPORT', value: 'true' },
          { name: 'FELIX_HEALTHENABLED', value: 'true' },
          { name: 'FELIX_DEFAULTENDPOINTTOHOSTACTION', value: 'ACCEPT' },
          { name: 'CALICO_DISABLE_FILE_LOGGING', value: 'true' },
        ],
      },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'calico-kube-controllers',
    kind: 'Deployment',
    nodes: [N.w3],
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'calico-kube-controllers',
    labels: { 'k8s-app': 'calico-kube-controllers' },
    tolerations: [TOLERATE_CONTROL_PLANE],
    maxAgeDays: 60,
    containers: [
      {
        name: 'calico-kube-controllers',
        image: 'docker.io/calico/kube-controllers:v3.29.3',
        env: [
          { name: 'ENABLED_CONTROLLERS', value: 'node,loadbalancer' },
          { name: 'DATASTORE_TYPE', value: 'kubernetes' },
        ],
      },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'coredns',
    kind: 'Deployment',
    nodes: [N.cp1, N.cp2],
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'coredns',
    labels: { 'k8s-app': 'kube-dns' },
    tolerations: [TOLERATE_CONTROL_PLANE],
    maxAgeDays: 60,
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
    annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
      { name: 'metrics', port: 9153, targetPort: 9153 },
    ],
  });
  b.workload({
    namespace: 'kube-system',
    name: 'metrics-server',
    kind: 'Deployment',
    nodes: [N.w4],
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'metrics-server',
    labels: { 'k8s-app': 'metrics-server' },
    maxAgeDays: 30,
    containers: [
      {
        name: 'metrics-server',
        image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
        resources: res('100m', '200Mi', '400Mi'),
        args: [
          '--cert-dir=/tmp',
          '--secure-port=10250',
          '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
          '--kubelet-use-node-status-port',
          '--metric-resolution=15s',
        ],
        ports: [{ name: 'https', containerPort: 10250 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'kube-system',
      name: 'metrics-server',
      selector: { 'k8s-app': 'metrics-server' },
      labels: { 'k8s-app': 'metrics-server' },
      ports: [{ name: 'https', port: 443, targetPort: 'https', appProtocol: 'https' }],
    },
    { afterDays: 3 },
  );
  const nodeCIDRs = `${P.podCIDRs.v4},${P.podCIDRs.v6}`;
  b.configMap(
    'kube-system',
    'kube-proxy',
    {
      'config.conf': kubeProxyConfigConf({ mode: 'iptables', clusterCIDR: nodeCIDRs, strictARP: true }),
      'kubeconfig.conf': kubeProxyKubeconfig(`https://${P.controlPlaneEndpoint}`),
    },
    { labels: { app: 'kube-proxy' } },
  );
  b.configMap('kube-system', 'kubeadm-config', {
    ClusterConfiguration: kubeadmClusterConfiguration({
      clusterName: P.clusterName,
      endpoint: P.controlPlaneEndpoint,
      version: K8S,
      podSubnet: nodeCIDRs,
      serviceSubnet: `${P.serviceCIDRs.v4},${P.serviceCIDRs.v6}`,
    }),
  });
  b.configMap('kube-system', 'coredns', { Corefile: COREFILE });
  b.configMap('kube-system', 'calico-config', CALICO_CONFIG, { afterDays: 0 });
  b.configMap('kube-public', 'cluster-info', {
    kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTi...\n    server: https://${P.controlPlaneEndpoint}\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
  });
}

function metallb(b: DemoClusterBuilder): void {
  const labels = (component: string) => ({
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/instance': 'metallb',
    'app.kubernetes.io/name': 'metallb',
  });
  b.workload({
    namespace: 'metallb-system',
    name: 'metallb-controller',
    kind: 'Deployment',
    nodes: [N.w1],
    serviceAccountName: 'metallb-controller',
    labels: labels('controller'),
    maxAgeDays: 45,
    containers: [
      {
        name: 'controller',
        image: 'quay.io/metallb/controller:v0.14.9',
        args: ['--port=7472', '--log-level=info', '--tls-min-version=VersionTLS12'],
        ports: [
          { name: 'monitoring', containerPort: 7472 },
          { name: 'webhook-server', containerPort: 9443 },
        ],
      },
    ],
  });
  b.workload({
    namespace: 'metallb-system',
    name: 'metallb-speaker',
    kind: 'DaemonSet',
    hostNetwork: true,
    nodes: ALL,
    serviceAccountName: 'metallb-speaker',
    labels: labels('speaker'),
    tolerations: [
      TOLERATE_CONTROL_PLANE,
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Exists' },
    ],
    maxAgeDays: 45,
    containers: [
      {
        name: 'speaker',
        image: 'quay.io/metallb/speaker:v0.14.9',
        args: ['--port=7472', '--log-level=info'],
        env: [
          { name: 'METALLB_ML_BIND_PORT', value: '7946' },
          { name: 'METALLB_ML_LABELS', value: 'app.kubernetes.io/name=metallb,app.kubernetes.io/component=speaker' },
        ],
        ports: [
          { name: 'monitoring', containerPort: 7472 },
          { name: 'memberlist-tcp', containerPort: 7946 },
          { name: 'memberlist-udp', containerPort: 7946, protocol: 'UDP' },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'metallb-system',
      name: 'metallb-webhook-service',
      selector: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'metallb' },
      labels: { 'app.kubernetes.io/instance': 'metallb', 'app.kubernetes.io/name': 'metallb' },
      ports: [{ port: 443, targetPort: 9443 }],
    },
    { afterDays: 2 },
  );
}

function ingressNginx(b: DemoClusterBuilder): void {
  const selector = {
    'app.kubernetes.io/component': 'controller',
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/name': 'ingress-nginx',
  };
  const chart = {
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/part-of': 'ingress-nginx',
    'app.kubernetes.io/version': '1.12.1',
    'helm.sh/chart': 'ingress-nginx-4.12.1',
  };
  b.workload({
    // Spread one per zone; the replica on prod-worker-05 was evicted by the autoscaler's drain and is
    // still terminating (300 s grace) while its replacement already runs on prod-worker-03.
    namespace: 'ingress-nginx',
    name: 'ingress-nginx-controller',
    kind: 'Deployment',
    nodes: [N.w2, N.w4, N.w5, N.w3],
    serviceAccountName: 'ingress-nginx',
    labels: { ...selector, ...chart },
    terminationGracePeriodSeconds: 300,
    maxAgeDays: 14,
    states: { 2: { terminatingSince: '2025-11-20T10:29:15Z' }, 3: { createdAt: '2025-11-20T10:29:16Z' } },
    containers: [
      {
        name: 'controller',
        image: 'registry.k8s.io/ingress-nginx/controller:v1.12.1',
        resources: res('100m', '90Mi', '512Mi'),
        args: [
          '/nginx-ingress-controller',
          '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
          '--election-id=ingress-nginx-leader',
          '--controller-class=k8s.io/ingress-nginx',
          '--ingress-class=nginx',
          '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
          '--validating-webhook=:8443',
          '--validating-webhook-certificate=/usr/local/certificates/cert',
          '--validating-webhook-key=/usr/local/certificates/key',
          '--enable-metrics=true',
        ],
        env: [{ name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' }],
        ports: [
          { name: 'http', containerPort: 80 },
          { name: 'https', containerPort: 443 },
          { name: 'metrics', containerPort: 10254 },
          { name: 'webhook', containerPort: 8443 },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller',
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      selector,
      labels: { ...selector, ...chart },
      annotations: {
        'metallb.io/ip-allocated-from-pool': 'public',
        'metallb.io/loadBalancerIPs': P.lbIPs.ingressNginx,
      },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' },
        { name: 'https', port: 443, targetPort: 'https', appProtocol: 'https' },
      ],
      loadBalancer: { ip: P.lbIPs.ingressNginx },
    },
    { afterDays: 2 },
  );
  b.service(
    {
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller-admission',
      selector,
      labels: { ...selector, ...chart },
      ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }],
    },
    { afterDays: 2 },
  );
  b.configMap('ingress-nginx', 'ingress-nginx-controller', INGRESS_NGINX_CONFIG, {
    labels: { ...selector, ...chart },
    afterDays: 2,
  });
}

function monitoring(b: DemoClusterBuilder): void {
  const kp = (name: string, component: string) => ({
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'kube-prometheus',
  });
  b.workload({
    namespace: 'monitoring',
    name: 'prometheus-k8s',
    kind: 'StatefulSet',
    nodes: [N.w1, N.w3],
    serviceName: 'prometheus-operated',
    serviceAccountName: 'prometheus-k8s',
    labels: { ...kp('prometheus', 'prometheus'), 'app.kubernetes.io/instance': 'k8s', prometheus: 'k8s' },
    maxAgeDays: 20,
    containers: [
      {
        name: 'prometheus',
        image: 'quay.io/prometheus/prometheus:v3.0.1',
        resources: res('500m', '2Gi', '4Gi'),
        ports: [{ name: 'web', containerPort: 9090 }],
      },
      {
        name: 'config-reloader',
        image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.78.2',
        ports: [{ name: 'reloader-web', containerPort: 8080 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'monitoring',
      name: 'prometheus-k8s',
      selector: { ...kp('prometheus', 'prometheus'), 'app.kubernetes.io/instance': 'k8s' },
      labels: kp('prometheus', 'prometheus'),
      ports: [
        { name: 'web', port: 9090, targetPort: 'web' },
        { name: 'reloader-web', port: 8080, targetPort: 'reloader-web' },
      ],
    },
    { afterDays: 3 },
  );
  b.workload({
    namespace: 'monitoring',
    name: 'alertmanager-main',
    kind: 'StatefulSet',
    nodes: [N.w2, N.w4],
    serviceName: 'alertmanager-operated',
    serviceAccountName: 'alertmanager-main',
    labels: { ...kp('alertmanager', 'alert-router'), 'app.kubernetes.io/instance': 'main', alertmanager: 'main' },
    maxAgeDays: 20,
    containers: [
      {
        name: 'alertmanager',
        image: 'quay.io/prometheus/alertmanager:v0.27.0',
        resources: res('4m', '100Mi'),
        ports: [
          { name: 'web', containerPort: 9093 },
          { name: 'mesh-tcp', containerPort: 9094 },
        ],
      },
    ],
  });
  // The operator's governing Services for its StatefulSets.
  b.service(
    {
      namespace: 'monitoring',
      name: 'prometheus-operated',
      headless: true,
      selector: { 'app.kubernetes.io/name': 'prometheus' },
      labels: { 'operated-prometheus': 'true' },
      ports: [{ name: 'web', port: 9090, targetPort: 'web' }],
    },
    { afterDays: 3 },
  );
  b.service(
    {
      namespace: 'monitoring',
      name: 'alertmanager-main',
      selector: { ...kp('alertmanager', 'alert-router'), 'app.kubernetes.io/instance': 'main' },
      labels: kp('alertmanager', 'alert-router'),
      ports: [{ name: 'web', port: 9093, targetPort: 'web' }],
    },
    { afterDays: 3 },
  );
  b.service(
    {
      namespace: 'monitoring',
      name: 'alertmanager-operated',
      headless: true,
      selector: { 'app.kubernetes.io/name': 'alertmanager' },
      labels: { 'operated-alertmanager': 'true' },
      ports: [
        { name: 'web', port: 9093, targetPort: 'web' },
        { name: 'tcp-mesh', port: 9094, targetPort: 9094 },
      ],
    },
    { afterDays: 3 },
  );
  b.workload({
    namespace: 'monitoring',
    name: 'grafana',
    kind: 'Deployment',
    nodes: [N.w4],
    serviceAccountName: 'grafana',
    labels: kp('grafana', 'grafana'),
    maxAgeDays: 20,
    containers: [
      {
        name: 'grafana',
        image: 'docker.io/grafana/grafana:11.3.1',
        resources: res('100m', '256Mi'),
        ports: [{ name: 'http', containerPort: 3000 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'monitoring',
      name: 'grafana',
      selector: kp('grafana', 'grafana'),
      labels: kp('grafana', 'grafana'),
      ports: [{ name: 'http', port: 3000, targetPort: 'http' }],
    },
    { afterDays: 3 },
  );
  b.workload({
    namespace: 'monitoring',
    name: 'kube-state-metrics',
    kind: 'Deployment',
    nodes: [N.w2],
    serviceAccountName: 'kube-state-metrics',
    labels: kp('kube-state-metrics', 'exporter'),
    maxAgeDays: 20,
    containers: [
      {
        name: 'kube-state-metrics',
        image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.14.0',
        resources: res('10m', '190Mi', '250Mi'),
        ports: [
          { name: 'http-metrics', containerPort: 8080 },
          { name: 'telemetry', containerPort: 8081 },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'monitoring',
      name: 'kube-state-metrics',
      selector: kp('kube-state-metrics', 'exporter'),
      labels: kp('kube-state-metrics', 'exporter'),
      ports: [
        { name: 'http-metrics', port: 8080, targetPort: 'http-metrics' },
        { name: 'telemetry', port: 8081, targetPort: 'telemetry' },
      ],
    },
    { afterDays: 3 },
  );
  b.workload({
    namespace: 'monitoring',
    name: 'node-exporter',
    kind: 'DaemonSet',
    hostNetwork: true,
    nodes: ALL,
    serviceAccountName: 'node-exporter',
    labels: kp('node-exporter', 'exporter'),
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 20,
    containers: [
      {
        name: 'node-exporter',
        image: 'quay.io/prometheus/node-exporter:v1.8.2',
        args: ['--web.listen-address=0.0.0.0:9100', '--path.rootfs=/host/root'],
        resources: res('102m', '180Mi'),
        ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'monitoring',
      name: 'node-exporter',
      headless: true,
      selector: kp('node-exporter', 'exporter'),
      labels: kp('node-exporter', 'exporter'),
      ports: [{ name: 'metrics', port: 9100, targetPort: 'metrics' }],
    },
    { afterDays: 3 },
  );
  b.workload({
    namespace: 'monitoring',
    name: 'prometheus-operator',
    kind: 'Deployment',
    nodes: [N.w3],
    serviceAccountName: 'prometheus-operator',
    labels: kp('prometheus-operator', 'controller'),
    maxAgeDays: 20,
    containers: [
      {
        name: 'prometheus-operator',
        image: 'quay.io/prometheus-operator/prometheus-operator:v0.78.2',
        resources: res('100m', '100Mi', '200Mi'),
        ports: [{ name: 'http', containerPort: 8080 }],
      },
    ],
  });
  // One OpenTelemetry agent per worker; apps send to the agent on their own node (internalTrafficPolicy: Local).
  // The agent on prod-worker-04 is crash-looping after a bad config rollout.
  const otel = appLabels('otel-agent', 'observability', 'platform', 'agent');
  b.workload({
    namespace: 'monitoring',
    name: 'otel-agent',
    kind: 'DaemonSet',
    nodes: WORKERS,
    serviceAccountName: 'otel-agent',
    labels: otel,
    maxAgeDays: 3,
    states: { 3: { crashLoop: { restarts: 27 } } },
    containers: [
      {
        name: 'otel-collector',
        image: 'docker.io/otel/opentelemetry-collector-contrib:0.114.0',
        args: ['--config=/conf/agent.yaml'],
        resources: res('100m', '256Mi'),
        ports: [
          { name: 'otlp-grpc', containerPort: 4317 },
          { name: 'otlp-http', containerPort: 4318 },
          { name: 'metrics', containerPort: 8888 },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'monitoring',
      name: 'otel-agent',
      selector: { 'app.kubernetes.io/name': 'otel-agent' },
      labels: otel,
      internalTrafficPolicy: 'Local',
      ports: [
        { name: 'otlp-grpc', port: 4317, targetPort: 'otlp-grpc', appProtocol: 'grpc' },
        { name: 'otlp-http', port: 4318, targetPort: 'otlp-http' },
      ],
    },
    { afterDays: 300 },
  );
}

function logging(b: DemoClusterBuilder): void {
  const loki = (component: string) => ({
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/instance': 'loki',
    'app.kubernetes.io/name': 'loki',
  });
  b.workload({
    namespace: 'logging',
    name: 'fluent-bit',
    kind: 'DaemonSet',
    nodes: ALL,
    serviceAccountName: 'fluent-bit',
    tolerations: [TOLERATE_ALL],
    maxAgeDays: 25,
    labels: { 'app.kubernetes.io/instance': 'fluent-bit', 'app.kubernetes.io/name': 'fluent-bit' },
    containers: [
      {
        name: 'fluent-bit',
        image: 'cr.fluentbit.io/fluent/fluent-bit:3.2.2',
        resources: res('50m', '64Mi', '128Mi'),
        ports: [{ name: 'http', containerPort: 2020 }],
      },
    ],
  });
  b.workload({
    namespace: 'logging',
    name: 'loki',
    kind: 'StatefulSet',
    nodes: [N.w1, N.w3, N.w5],
    serviceName: 'loki-headless',
    serviceAccountName: 'loki',
    labels: loki('single-binary'),
    maxAgeDays: 25,
    containers: [
      {
        name: 'loki',
        image: 'docker.io/grafana/loki:3.3.0',
        args: ['-config.file=/etc/loki/config/config.yaml', '-target=all'],
        resources: res('500m', '1Gi', '2Gi'),
        ports: [
          { name: 'http-metrics', containerPort: 3100 },
          { name: 'grpc', containerPort: 9095 },
          { name: 'http-memberlist', containerPort: 7946 },
        ],
      },
    ],
  });
  b.service(
    {
      namespace: 'logging',
      name: 'loki',
      selector: loki('single-binary'),
      labels: loki('single-binary'),
      ports: [
        { name: 'http-metrics', port: 3100, targetPort: 'http-metrics' },
        { name: 'grpc', port: 9095, targetPort: 'grpc' },
      ],
    },
    { afterDays: 3 },
  );
  b.service(
    {
      namespace: 'logging',
      name: 'loki-headless',
      headless: true,
      selector: loki('single-binary'),
      labels: { ...loki('single-binary'), variant: 'headless' },
      ports: [{ name: 'http-metrics', port: 3100, targetPort: 'http-metrics' }],
    },
    { afterDays: 3 },
  );
  b.workload({
    namespace: 'logging',
    name: 'loki-gateway',
    kind: 'Deployment',
    nodes: [N.w2],
    serviceAccountName: 'loki',
    labels: loki('gateway'),
    maxAgeDays: 25,
    containers: [
      {
        name: 'nginx',
        image: 'docker.io/nginxinc/nginx-unprivileged:1.27-alpine',
        resources: res('25m', '32Mi', '64Mi'),
        ports: [{ name: 'http-metrics', containerPort: 8080 }],
      },
    ],
  });
  b.service(
    {
      namespace: 'logging',
      name: 'loki-gateway',
      selector: loki('gateway'),
      labels: loki('gateway'),
      ports: [{ name: 'http-metrics', port: 80, targetPort: 'http-metrics' }],
    },
    { afterDays: 3 },
  );
}

/** Adds nodes, namespaces and every platform component of the production cluster. */
export function addNorthwindPlatform(b: DemoClusterBuilder): void {
  for (const n of NORTHWIND_NODES) b.node(n);
  addNorthwindNamespaces(b);
  controlPlane(b);
  kubeSystem(b);
  metallb(b);
  ingressNginx(b);
  monitoring(b);
  logging(b);
}
