// The embedded demo clusters the dashboard shows when nothing else is configured and that
// `kubepath analyze` can run on. The data is the committed kubectl `List` JSON (built by write-demo.ts).
import type { KubeObject } from '../model/k8s';
import ciliumData from './demo-cilium-cluster.json';
import data from './demo-cluster.json';
import type { DemoClusterId } from './scenarios';

/** One embedded demo cluster. */
export interface DemoCluster {
  id: DemoClusterId;
  title: string;
  description: string;
  /** Path of the snapshot file inside the repository (for CLI examples). */
  file: string;
  /** The snapshot's objects (the `items` of the kubectl List). */
  load: () => KubeObject[];
}

/** The embedded demo clusters; the first one is the default. */
export const DEMO_CLUSTERS: DemoCluster[] = [
  {
    id: 'northwind-prod',
    title: 'Northwind Retail — production (demo)',
    description:
      '8 bare-metal kubeadm nodes in 3 zones, dual-stack, Calico IPIP, kube-proxy iptables, MetalLB and ingress-nginx; ' +
      '40 Services across storefront, checkout, payments, catalog, search, identity, billing and partner-api, with the misconfigurations kubepath finds.',
    file: 'lib/demo/demo-cluster.json',
    load: () => data.items as KubeObject[],
  },
  {
    id: 'northwind-edge',
    title: 'Northwind Retail — edge (Cilium, demo)',
    description:
      '4 nodes running Cilium as kube-proxy replacement (SNAT mode with a DSR Service), LB-IPAM, and a NetworkPolicy that allow-lists node IPs.',
    file: 'lib/demo/demo-cilium-cluster.json',
    load: () => ciliumData.items as KubeObject[],
  },
];

/** The demo cluster with this id, or undefined. */
export function findDemoCluster(id: string): DemoCluster | undefined {
  return DEMO_CLUSTERS.find((c) => c.id === id);
}
