// The Northwind Retail production cluster: kubeadm on bare metal, 8 nodes in 3 zones, dual-stack,
// Calico IPIP, kube-proxy iptables, MetalLB (BGP public pool, L2 internal pool), ingress-nginx.
import type { KubeObject } from '../model/k8s';
import { DemoClusterBuilder } from './cluster-builder';
import { demoRootCA } from './config-files';
import { addNorthwindApps } from './northwind-apps';
import { NW_PROD as P } from './northwind-constants';
import { addNorthwindPlatform, calicoNodeAnnotations } from './northwind-platform';
import { addNorthwindPolicies } from './northwind-policies';

/** Builds the production cluster's objects (deterministic: same output on every call). */
export function buildNorthwindProd(): KubeObject[] {
  const b = new DemoClusterBuilder({
    snapshotTime: P.snapshotTime,
    createdTime: P.createdTime,
    clusterCIDRs: P.podCIDRs,
    nodeMaskSize: { v4: 24, v6: 64 },
    serviceCIDRs: P.serviceCIDRs,
    nodeInfo: {
      kubeletVersion: P.kubernetesVersion,
      containerRuntimeVersion: 'containerd://1.7.24',
      osImage: 'Ubuntu 24.04.1 LTS',
      kernelVersion: '6.8.0-49-generic',
    },
    cni: 'calico',
    cniAnnotations: calicoNodeAnnotations,
    // Partners were told this port in writing, so it is pinned before any port is allocated.
    reservedNodePorts: [P.partnerWebhooksNodePort],
  });
  addNorthwindPlatform(b);
  addNorthwindApps(b);
  addNorthwindPolicies(b);
  return b.objects(demoRootCA(P.clusterName));
}
