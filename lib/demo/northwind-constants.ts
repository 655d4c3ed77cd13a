// Addresses and names of the Northwind Retail demo clusters, shared by the builders, the scenario
// catalogue and the tests. All public addresses are RFC 5737 documentation ranges:
//   192.0.2.0/24    Northwind's own public block (MetalLB pool, node ExternalIPs, edge HAProxy, Cilium LB-IPAM)
//   198.51.100.0/24 partners (ACME, Globex)
//   203.0.113.0/24  payment service provider and ordinary internet clients

/** The production cluster (kubeadm on bare metal, Calico IPIP, kube-proxy iptables, MetalLB). */
export const NW_PROD = {
  clusterName: 'nw-prod-eu1',
  snapshotTime: '2025-11-20T10:30:00Z',
  createdTime: '2024-03-11T09:12:44Z',
  kubernetesVersion: 'v1.32.4',
  controlPlaneEndpoint: 'k8s-api.prod.northwind.internal:6443',
  podCIDRs: { v4: '10.244.0.0/16', v6: 'fd00:10:244::/56' },
  serviceCIDRs: { v4: '10.96.0.0/12', v6: 'fd00:10:96::/112' },
  /** Node network per zone (Calico publishes node addresses with this prefix). */
  nodeNetworks: { 'eu-west-1a': '10.20.1.0/24', 'eu-west-1b': '10.20.2.0/24', 'eu-west-1c': '10.20.3.0/24' },
  metallbPools: { public: '192.0.2.16/28', internal: '10.20.200.0/24' },
  lbIPs: {
    ingressNginx: '192.0.2.20',
    storefrontWeb: '192.0.2.21',
    partnerGateway: '192.0.2.22',
    pspCallbacks: '192.0.2.23',
    searchApi: '10.20.200.20',
    /** The edge HAProxy pair in front of Keycloak (not MetalLB; publishes ipMode Proxy). */
    keycloakEdge: '192.0.2.50',
  },
  sftpExternalIP: '10.20.100.15',
  partnerWebhooksNodePort: 31090,
  partners: { acme: '198.51.100.0/26', globex: '198.51.100.128/27' },
  pspCallbackRange: '203.0.113.64/27',
  officeRange: '172.16.40.0/22',
  vpnRange: '10.8.0.0/16',
  /** The range the payments team allow-listed "for the nodes" (covers every node InternalIP). */
  nodeAllowListRange: '10.20.0.0/16',
} as const;

/** Node names of the production cluster. */
export const NW_NODES = {
  cp1: 'prod-cp-01',
  cp2: 'prod-cp-02',
  cp3: 'prod-cp-03',
  w1: 'prod-worker-01',
  w2: 'prod-worker-02',
  w3: 'prod-worker-03',
  w4: 'prod-worker-04',
  w5: 'prod-worker-05',
} as const;

/** The small Cilium cluster (kube-proxy replacement, native routing, LB-IPAM + BGP). */
export const NW_EDGE = {
  clusterName: 'nw-edge-eu1',
  snapshotTime: '2025-11-20T10:30:00Z',
  createdTime: '2025-02-03T13:40:12Z',
  kubernetesVersion: 'v1.32.4',
  controlPlaneEndpoint: 'k8s-api.edge.northwind.internal:6443',
  podCIDRs: { v4: '10.245.0.0/16' },
  serviceCIDRs: { v4: '10.96.0.0/12' },
  lbPool: '192.0.2.96/28',
  lbIPs: { edgeGateway: '192.0.2.100', edgeStream: '192.0.2.101', statusPage: '192.0.2.102' },
  partners: { acme: '198.51.100.0/26' },
} as const;

/** Node names of the Cilium cluster. */
export const NW_EDGE_NODES = {
  cp1: 'edge-cp-01',
  w1: 'edge-worker-01',
  w2: 'edge-worker-02',
  w3: 'edge-worker-03',
} as const;
