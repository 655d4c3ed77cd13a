// The one call buildClusterModel makes for front doors: the front-door model, and the ConfigMap filter
// (dataplane ConfigMaps plus those a recognised proxy names; every other ConfigMap is dropped).
import type { ClusterModel } from './cluster';
import { buildFrontDoorModel, proxyConfigMapNames, pruneConfigMaps, type PodFacts } from './frontdoor';
import type { KubeObject } from './k8s';

/** ConfigMaps the dataplane detection reads (lib/engine/dataplane.ts, cilium-config.ts). */
export const DATAPLANE_CONFIGMAPS: ReadonlySet<string> = new Set([
  'kube-system/kube-proxy',
  'kube-system/kube-proxy-config', // EKS keeps KubeProxyConfiguration here
  'kube-system/cilium-config',
  'kube-system/antrea-config',
]);

/** Adds `model.frontDoor` and prunes `model.configMaps`; `pods`: what addPod gathered for it. */
export function addFrontDoor(
  model: ClusterModel,
  byKind: Map<string, KubeObject[]>,
  warn: (kind: string, object: string | null, message: string) => void,
  pods: PodFacts,
  unreadableConfigMaps: Record<string, string> = {},
): void {
  model.frontDoor = buildFrontDoorModel(byKind, warn, pods, unreadableConfigMaps);
  pruneConfigMaps(model.configMaps, DATAPLANE_CONFIGMAPS, proxyConfigMapNames(pods.configMapCandidates));
}
