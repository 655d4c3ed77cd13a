// The sample external client a Service's paths are computed for. When the policies guarding the
// Service's pods allow-list outside addresses by ipBlock, the client is taken from inside the first
// such block, so the Cluster-vs-Local what-if shows exactly the gap an allow-list user would hit
// (../shared/reference/netpol-semantics.md §5 rule 1); when the LB IP has loadBalancerSourceRanges it is kept inside them
// (../shared/reference/kube-proxy-semantics.md §8), so the paths are not simply "dropped at the firewall".
import { cidrContains, cidrOverlaps, formatIP, parseCidr, type Cidr } from '../../net/ip';
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import { cidrCoversNodeAddress, type IpBlockAllowList } from '../netpol';
import { DEFAULT_SAMPLE_CLIENT_V4, DEFAULT_SAMPLE_CLIENT_V6 } from '../paths';
import type { Dataplane } from '../types';
import type { SampleClient } from './types';

/** Blocks broader than this are "everyone", not a client allow-list (0.0.0.0/0 with excepts, 10.0.0.0/8…). */
const MIN_PREFIX = { 4: 9, 6: 17 } as const;

/** Offsets tried inside a block: a recognisable host address first (x.x.x.20), then the first hosts. */
const OFFSETS = [20n, 1n, 2n, 10n, 50n, 100n, 200n];

function isClusterAddress(model: ClusterModel, podRanges: readonly Cidr[], ip: string): boolean {
  return model.nodeByAddress.has(ip) || model.podsByIP.has(ip) || podRanges.some((r) => cidrContains(r, ip));
}

/**
 * A host address inside `cidr`, outside every `except`, inside one of `within` (when given) and not a
 * node, pod or pod-range address; null when the few candidates tried all fail.
 */
export function addressInside(
  model: ClusterModel,
  podRanges: readonly Cidr[],
  cidr: Cidr,
  except: readonly Cidr[],
  within: readonly Cidr[] = [],
): string | null {
  const bits = cidr.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - cidr.prefix);
  // Skip the network and broadcast-like last address of blocks larger than a /31.
  const candidates = size <= 2n ? [0n, 1n].filter((o) => o < size) : OFFSETS.filter((o) => o < size - 1n);
  for (const e of except) {
    const after = e.base + (1n << BigInt(bits - e.prefix)) - cidr.base; // first address past an except
    if (after < size) candidates.push(after);
  }
  for (const r of within) {
    if (r.family === cidr.family && r.base >= cidr.base && r.base - cidr.base < size)
      candidates.push(r.base - cidr.base + (r.prefix < bits ? 1n : 0n));
  }
  for (const off of candidates) {
    const ip = { family: cidr.family, value: cidr.base + off };
    if (except.some((e) => cidrContains(e, ip))) continue;
    if (within.length > 0 && !within.some((r) => cidrContains(r, ip))) continue;
    const text = formatIP(ip);
    if (!isClusterAddress(model, podRanges, text)) return text;
  }
  return null;
}

/** The pod ranges of the dataplane (clusterCIDRs), parsed. */
export function podRangesOf(dataplane: Dataplane): Cidr[] {
  return dataplane.clusterCIDRs.map((c) => parseCidr(c)).filter((c): c is Cidr => c !== null);
}

/** True when an ipBlock names outside clients: narrow enough, and no node, pod-range or except-only overlap with the cluster. */
export function isClientAllowList(model: ClusterModel, podRanges: readonly Cidr[], a: IpBlockAllowList): boolean {
  const c = a.peer.cidr;
  if (c.prefix < MIN_PREFIX[c.family]) return false;
  if (podRanges.some((r) => cidrOverlaps(r, c))) return false;
  return !cidrCoversNodeAddress(model, c, false);
}

/**
 * Chooses the sample client (`podRanges` and `isClient` may be passed in cached by the caller) for a Service of IP family `family`: inside the first client allow-list
 * (preferring one that passes the LB source ranges), else inside the first source range, else
 * `fallback` (the caller's option) or the documentation default.
 */
export function chooseSampleClient(
  model: ClusterModel,
  dataplane: Dataplane,
  service: ServiceModel,
  allowLists: readonly IpBlockAllowList[],
  family: 4 | 6,
  fallback?: string,
  podRanges: readonly Cidr[] = podRangesOf(dataplane),
  isClient: (a: IpBlockAllowList) => boolean = (a) => isClientAllowList(model, podRanges, a),
): SampleClient {
  const ranges =
    service.type === 'LoadBalancer' ? service.loadBalancerSourceRanges.filter((r) => r.family === family) : [];
  if (allowLists.length === 0 && ranges.length === 0) {
    return fallback
      ? { ip: fallback, origin: 'option', allowList: null }
      : { ip: family === 4 ? DEFAULT_SAMPLE_CLIENT_V4 : DEFAULT_SAMPLE_CLIENT_V6, origin: 'default', allowList: null };
  }
  const clients = allowLists.filter((a) => a.peer.cidr.family === family && isClient(a));
  const ordered = ranges.length
    ? [...clients.filter((a) => ranges.some((r) => cidrOverlaps(r, a.peer.cidr))), ...clients]
    : clients;
  for (const a of ordered) {
    const inRange = ranges.length > 0 && ranges.some((r) => cidrOverlaps(r, a.peer.cidr));
    const ip = addressInside(model, podRanges, a.peer.cidr, a.peer.except, inRange ? ranges : []);
    if (ip) return { ip, origin: 'allow-list', allowList: a };
  }
  for (const r of ranges) {
    const ip = addressInside(model, podRanges, r, []);
    if (ip) return { ip, origin: 'source-range', allowList: null };
  }
  if (fallback) return { ip: fallback, origin: 'option', allowList: null };
  return { ip: family === 4 ? DEFAULT_SAMPLE_CLIENT_V4 : DEFAULT_SAMPLE_CLIENT_V6, origin: 'default', allowList: null };
}
