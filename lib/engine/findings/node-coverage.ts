// Which node addresses an ipBlock admits, and which of them are the addresses nodes masquerade to
// (../shared/reference/netpol-semantics.md §4 where SNAT addresses are published; §5 rules 2–3). Costs O(addresses inside
// the block) thanks to the netpol node-address index, so it never loops over every node per Service.
import type { ClusterModel } from '../../model/cluster';
import { ipBlockNodeAddresses, type IpBlockAllowList, type NodeAddress } from '../netpol';
import { snatSourceFor } from '../snat';
import type { Dataplane } from '../types';

/** What one ipBlock admits of the nodes. */
export interface NodeCoverage {
  /** Node addresses inside the block and outside its excepts (podCIDR-derived gateway addresses included, flagged). */
  addresses: NodeAddress[];
  /** Nodes whose InternalIP or ExternalIP the block admits (sorted). */
  publishedIPNodes: string[];
  /** Nodes whose cross-node SNAT address (toward an endpoint on another node) the block admits. */
  crossSnatNodes: string[];
  /** Nodes whose same-node SNAT address (toward an endpoint on the node itself) the block admits. */
  sameSnatNodes: string[];
}

/** Blocks this broad (0.0.0.0/0…/7, ::/0…/15) mean "everyone": that they contain node addresses says nothing. */
export function isEveryoneBlock(allowList: IpBlockAllowList): boolean {
  const c = allowList.peer.cidr;
  return c.prefix < (c.family === 4 ? 8 : 16);
}

/** Computes the coverage of one allow-list entry. */
export function nodeCoverageOf(model: ClusterModel, dataplane: Dataplane, allowList: IpBlockAllowList): NodeCoverage {
  const addresses = ipBlockNodeAddresses(model, allowList.peer, true);
  const family = allowList.peer.cidr.family;
  const byNode = new Map<string, Set<string>>();
  const published = new Set<string>();
  for (const a of addresses) {
    let s = byNode.get(a.node);
    if (!s) byNode.set(a.node, (s = new Set()));
    s.add(a.address);
    if (a.kind === 'InternalIP' || a.kind === 'ExternalIP') published.add(a.node);
  }
  const cross: string[] = [];
  const same: string[] = [];
  for (const [name, admitted] of byNode) {
    const node = model.nodes.get(name);
    if (!node) continue;
    const c = snatSourceFor(model, dataplane, node, null, family).address;
    const s = snatSourceFor(model, dataplane, node, node.name, family).address;
    if (c && admitted.has(c)) cross.push(name);
    if (s && admitted.has(s)) same.push(name);
  }
  return {
    addresses,
    publishedIPNodes: [...published].sort(),
    crossSnatNodes: cross.sort(),
    sameSnatNodes: same.sort(),
  };
}
