// The embedded demo clusters the dashboard shows when nothing else is configured (the switcher in the
// header picks one) and that `kubepath analyze -f FILE` can run on. The data is the committed kubectl
// `List` JSON (built by write-demo.ts); the names and descriptions are catalog.ts (clusters.json).
import type { KubeObject } from '../model/k8s';
import { DEMO_CLUSTER_INFO, type DemoClusterInfo, type DemoId } from './catalog';
import ciliumData from './demo-cilium-cluster.json';
import data from './demo-cluster.json';
import istioProxyProtocol from './stories/istio-proxy-protocol.json';
import kongAws from './stories/kong-aws.json';
import kubesphereCalico from './stories/kubesphere-calico.json';
import pomeriumGke from './stories/pomerium-gke.json';
import tkeFourWays from './stories/tke-four-ways.json';

export { DEMO_IDS, isDemoId, unknownDemoMessage, type DemoClusterInfo, type DemoId } from './catalog';

/** One embedded demo cluster. */
export interface DemoCluster extends DemoClusterInfo {
  /** The snapshot's objects (the `items` of the kubectl List). */
  load: () => KubeObject[];
}

const items = (list: { items: unknown[] }) => () => list.items as KubeObject[];

/** Each cluster's committed snapshot (the catalog's `file`). */
const LOADERS: Record<DemoId, () => KubeObject[]> = {
  'northwind-prod': items(data),
  'northwind-edge': items(ciliumData),
  'pomerium-gke': items(pomeriumGke),
  'istio-proxy-protocol': items(istioProxyProtocol),
  'kong-aws': items(kongAws),
  'tke-four-ways': items(tkeFourWays),
  'kubesphere-calico': items(kubesphereCalico),
};

/** The embedded demo clusters (Northwind production and edge, then the five front-door stories); the first one is the default. */
export const DEMO_CLUSTERS: DemoCluster[] = DEMO_CLUSTER_INFO.map((info) => ({ ...info, load: LOADERS[info.id] }));

/** The demo cluster with this id, or undefined. */
export function findDemoCluster(id: string): DemoCluster | undefined {
  return DEMO_CLUSTERS.find((c) => c.id === id);
}
