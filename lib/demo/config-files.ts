// Text of the ConfigMaps the demo clusters carry, laid out as kubeadm, Calico, ingress-nginx and
// Cilium write them (the engine reads kube-system/kube-proxy `config.conf` and kube-system/cilium-config).

/** kube-system/kube-proxy `config.conf` as kubeadm renders a KubeProxyConfiguration (v1alpha1). */
export function kubeProxyConfigConf(opts: { mode: string; clusterCIDR: string; strictARP: boolean }): string {
  // Note the nesting: masqueradeAll lives under `iptables:` (and `nftables:`), not at the top level.
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${opts.clusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: ${opts.strictARP}
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ${opts.mode}
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForProbes: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}

/** kube-system/kube-proxy `kubeconfig.conf` (the service-account kubeconfig kubeadm writes). */
export function kubeProxyKubeconfig(apiServer: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${apiServer}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

/** kube-system/kubeadm-config `ClusterConfiguration`. */
export function kubeadmClusterConfiguration(opts: {
  clusterName: string;
  endpoint: string;
  version: string;
  podSubnet: string;
  serviceSubnet: string;
}): string {
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: ${opts.clusterName}
controlPlaneEndpoint: ${opts.endpoint}
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${opts.version}
networking:
  dnsDomain: cluster.local
  podSubnet: ${opts.podSubnet}
  serviceSubnet: ${opts.serviceSubnet}
proxy: {}
scheduler: {}`;
}

/** kube-system/coredns `Corefile` (kubeadm default). */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** kube-system/calico-config (manifest install, BIRD networking). */
export const CALICO_CONFIG: Record<string, string> = {
  calico_backend: 'bird',
  cni_network_config: `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "__KUBERNETES_NODE_NAME__",
      "mtu": __CNI_MTU__,
      "ipam": {
          "type": "calico-ipam",
          "assign_ipv4": "true",
          "assign_ipv6": "true"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "__KUBECONFIG_FILEPATH__"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`,
  typha_service_name: 'none',
  veth_mtu: '0',
};

/** ingress-nginx/ingress-nginx-controller ConfigMap (Helm chart values of a typical install). */
export const INGRESS_NGINX_CONFIG: Record<string, string> = {
  'allow-snippet-annotations': 'false',
  'compute-full-forwarded-for': 'true',
  'enable-real-ip': 'false',
  hsts: 'true',
  'proxy-body-size': '16m',
  'use-forwarded-headers': 'false',
  'use-proxy-protocol': 'false',
};

/** kube-system/cilium-config of a kube-proxy-free Cilium install (Helm `kubeProxyReplacement: true`). */
export function ciliumConfig(opts: { clusterName: string; nativeRoutingCIDR: string }): Record<string, string> {
  return {
    'agent-not-ready-taint-key': 'node.cilium.io/agent-not-ready',
    'annotate-k8s-node': 'true',
    'auto-direct-node-routes': 'true',
    'bpf-lb-acceleration': 'disabled',
    'bpf-lb-algorithm': 'maglev',
    'bpf-lb-dsr-dispatch': 'opt',
    'bpf-lb-external-clusterip': 'false',
    'bpf-lb-map-max': '65536',
    'bpf-lb-mode': 'snat',
    // Lets a Service opt into DSR with service.cilium.io/forwarding-mode (Helm bpf.lbModeAnnotation).
    'bpf-lb-mode-annotation': 'true',
    'bpf-lb-sock': 'false',
    'bpf-lb-source-range-all-types': 'false',
    'bpf-root': '/sys/fs/bpf',
    'cgroup-root': '/run/cilium/cgroupv2',
    'cluster-id': '0',
    'cluster-name': opts.clusterName,
    'cni-exclusive': 'true',
    'datapath-mode': 'veth',
    debug: 'false',
    'default-lb-service-ipam': 'lbipam',
    'enable-bgp-control-plane': 'true',
    'enable-health-check-loadbalancer-ip': 'false',
    'enable-health-check-nodeport': 'true',
    'enable-health-checking': 'true',
    'enable-hubble': 'true',
    'enable-ipv4': 'true',
    'enable-ipv4-masquerade': 'true',
    'enable-ipv6': 'false',
    'enable-k8s-networkpolicy': 'true',
    'enable-l7-proxy': 'true',
    'enable-lb-ipam': 'true',
    'enable-policy': 'default',
    'enable-svc-source-range-check': 'true',
    'external-envoy-proxy': 'true',
    'hubble-listen-address': ':4244',
    'hubble-socket-path': '/var/run/cilium/hubble.sock',
    'identity-allocation-mode': 'crd',
    ipam: 'kubernetes',
    'ipv4-native-routing-cidr': opts.nativeRoutingCIDR,
    'k8s-require-ipv4-pod-cidr': 'true',
    'kube-proxy-replacement': 'true',
    'kube-proxy-replacement-healthz-bind-address': '0.0.0.0:10256',
    'monitor-aggregation': 'medium',
    'node-port-bind-protection': 'true',
    // Empty: CIDR selectors (NetworkPolicy ipBlock) do not match cluster nodes (policy language.rst).
    'policy-cidr-match-mode': '',
    'routing-mode': 'native',
    'service-no-backend-response': 'reject',
    'synchronize-k8s-nodes': 'true',
    'tunnel-protocol': 'vxlan',
  };
}

/** A placeholder CA bundle for the kube-root-ca.crt ConfigMaps (not a real certificate). */
export function demoRootCA(clusterName: string): string {
  const body = btoa(`kubepath demo cluster ${clusterName} - placeholder CA, not a real certificate`);
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
