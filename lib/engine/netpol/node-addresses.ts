// Every address a node can appear with as a packet source: InternalIP/ExternalIP, CNI tunnel
// addresses published in annotations (../shared/reference/netpol-semantics.md §4), and addresses derived from the node's
// podCIDR that CNIs use as SNAT sources without publishing them (flannel.1 = network address,
// vxlan.go; antrea-gw0 / cni0 bridge = first address, Antrea v0.12.2 notes). Sorted once so a CIDR
// query is a binary search (linear model size, log per query).
import { parseCidr, parseIP, nthAddress, type Cidr } from '../../net/ip';
import type { ClusterModel } from '../../model/cluster';

/** One node address. */
export interface NodeAddress {
  node: string;
  address: string;
  kind:
    | 'InternalIP'
    | 'ExternalIP'
    | 'calicoIPIP'
    | 'calicoVXLAN'
    | 'calicoVXLANv6'
    | 'calicoWireguard'
    | 'ciliumHost'
    | 'podCIDRNetwork'
    | 'podCIDRGateway';
  /** True for addresses computed from podCIDR (flannel.1, cni0, antrea-gw0), not published by the node. */
  derived: boolean;
}

interface Entry extends NodeAddress {
  family: 4 | 6;
  value: bigint;
}

/** Sorted node addresses for CIDR queries. */
export interface NodeAddressIndex {
  entries: Entry[];
}

const cache = new WeakMap<ClusterModel, NodeAddressIndex>();

/** Builds (once per model) the sorted node-address index. */
export function nodeAddressIndex(model: ClusterModel): NodeAddressIndex {
  const hit = cache.get(model);
  if (hit) return hit;
  const entries: Entry[] = [];
  const add = (node: string, address: string | null, kind: NodeAddress['kind'], derived: boolean) => {
    const ip = address ? parseIP(address) : null;
    if (ip) entries.push({ node, address: address!, kind, derived, family: ip.family, value: ip.value });
  };
  for (const n of model.nodes.values()) {
    for (const a of n.internalIPs) add(n.name, a, 'InternalIP', false);
    for (const a of n.externalIPs) add(n.name, a, 'ExternalIP', false);
    add(n.name, n.tunnel.calicoIPIP, 'calicoIPIP', false);
    add(n.name, n.tunnel.calicoVXLAN, 'calicoVXLAN', false);
    add(n.name, n.tunnel.calicoVXLANv6, 'calicoVXLANv6', false);
    add(n.name, n.tunnel.calicoWireguard, 'calicoWireguard', false);
    add(n.name, n.tunnel.ciliumHost, 'ciliumHost', false);
    for (const c of n.podCIDRs) {
      add(n.name, nthAddress(c, 0), 'podCIDRNetwork', true);
      add(n.name, nthAddress(c, 1), 'podCIDRGateway', true);
    }
  }
  entries.sort((a, b) => a.family - b.family || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const index = { entries };
  cache.set(model, index);
  return index;
}

function lowerBound(entries: Entry[], family: 4 | 6, value: bigint): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid];
    if (e.family < family || (e.family === family && e.value < value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Node addresses inside the CIDR (a Cidr or its text; invalid text → empty); derived podCIDR addresses are included, flagged, unless `includeDerived: false`. */
export function nodeAddressesInCidr(
  model: ClusterModel,
  cidr: Cidr | string,
  opts: { includeDerived?: boolean } = {},
): NodeAddress[] {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  if (!c) return [];
  const { entries } = nodeAddressIndex(model);
  const bits = c.family === 4 ? 32 : 128;
  const last = c.base + (1n << BigInt(bits - c.prefix)) - 1n;
  const out: NodeAddress[] = [];
  for (let i = lowerBound(entries, c.family, c.base); i < entries.length; i++) {
    const e = entries[i];
    if (e.family !== c.family || e.value > last) break;
    if (e.derived && opts.includeDerived === false) continue;
    out.push({ node: e.node, address: e.address, kind: e.kind, derived: e.derived });
  }
  return out;
}

/** True when the CIDR contains at least one published node or tunnel address (derived ones only if asked). */
export function cidrCoversNodeAddress(model: ClusterModel, cidr: Cidr | string, includeDerived = false): boolean {
  return nodeAddressesInCidr(model, cidr, { includeDerived }).length > 0;
}
