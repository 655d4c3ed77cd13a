// kube-proxy's LocalTrafficDetector: decides whether a source counts as "a pod" (inside the pod range)
// for masquerading and the eTP=Local short-circuit (../shared/reference/kube-proxy-semantics.md §1.2/§1.3;
// cmd/kube-proxy/app/server_linux.go getLocalDetector).
import { cidrContains, parseCidr, parseIP, type Cidr, type IPAddress } from '../net/ip';
import type { ClusterModel, NodeModel } from '../model/cluster';
import type { Dataplane } from './types';

const parsedCache = new WeakMap<Dataplane, Cidr[]>();

function clusterCidrs(dp: Dataplane): Cidr[] {
  let c = parsedCache.get(dp);
  if (!c) {
    c = dp.clusterCIDRs.map((t) => parseCidr(t)).filter((x): x is Cidr => x !== null);
    parsedCache.set(dp, c);
  }
  return c;
}

/** True when kube-proxy has a LocalTrafficDetector at all. */
export function hasLocalDetector(dp: Dataplane): boolean {
  return dp.proxyMode !== 'cilium-kpr' && dp.detectLocalMode !== 'None';
}

/**
 * Does kube-proxy on `node` treat `srcIP` as pod traffic? ClusterCIDR: inside clusterCIDR (any node's pod).
 * NodeCIDR: inside this node's own podCIDR only, so a pod of another node reaching this node's NodePort
 * counts as external. BridgeInterface / InterfaceNamePrefix: arriving from a local pod interface, modelled
 * as a pod of this node.
 */
export function isPodTraffic(
  model: ClusterModel,
  dp: Dataplane,
  node: NodeModel | null,
  srcIP: string,
  parsed?: IPAddress | null,
): boolean {
  if (!hasLocalDetector(dp)) return false;
  const ip = parsed ?? parseIP(srcIP);
  if (!ip) return false;
  switch (dp.detectLocalMode) {
    case 'ClusterCIDR':
      return clusterCidrs(dp).some((c) => cidrContains(c, ip));
    case 'NodeCIDR':
      return node !== null && node.podCIDRs.some((c) => cidrContains(c, ip));
    case 'BridgeInterface':
    case 'InterfaceNamePrefix': {
      if (!node) return false;
      if (node.podCIDRs.some((c) => cidrContains(c, ip))) return true;
      const pod = model.podsByIP.get(srcIP);
      return pod !== undefined && pod.nodeName === node.name;
    }
    default:
      return false;
  }
}
