// A rule's ipBlock peers as one set of address ranges, for the question "does any of them contain this address?"
// (ipBlock = cidr minus its excepts; a rule's peers are ORed: types.go NetworkPolicyIngressRule, IPBlock). An
// allow-list of office or node networks is tens of ipBlocks, asked for every pod and every source it may see; as
// sorted, merged ranges the answer is a binary search instead of a containment test per block and except.
import type { Cidr, IPAddress } from '../../net/ip';
import type { CompiledPeer } from './types';

/** Sorted, disjoint, non-adjacent ranges of one family: starts[i] ≤ ends[i] < starts[i + 1] - 1. */
interface Ranges {
  starts: bigint[];
  ends: bigint[];
}

/** The addresses some ipBlock of a list contains, by family. */
export interface BlockSet {
  4: Ranges;
  6: Ranges;
}

/** Fewer peers than this are tested one by one (building the set costs more than it saves). */
export const MIN_SET_PEERS = 4;

const BITS = { 4: 32n, 6: 128n } as const;

/** First and last address of a block. */
function rangeOf(c: Cidr): [bigint, bigint] {
  const size = 1n << (BITS[c.family] - BigInt(c.prefix));
  return [c.base, c.base + size - 1n];
}

/** [from, to] without each of `holes` (any order, any overlap). */
function subtract(from: [bigint, bigint], holes: [bigint, bigint][]): [bigint, bigint][] {
  let parts: [bigint, bigint][] = [from];
  for (const [hs, he] of holes) {
    const next: [bigint, bigint][] = [];
    for (const [s, e] of parts) {
      if (he < s || hs > e) {
        next.push([s, e]);
        continue;
      }
      if (hs > s) next.push([s, hs - 1n]);
      if (he < e) next.push([he + 1n, e]);
    }
    parts = next;
  }
  return parts;
}

/** Sorts and merges overlapping or adjacent ranges. */
function merge(ranges: [bigint, bigint][]): Ranges {
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  for (const [s, e] of ranges) {
    const last = ends.length - 1;
    if (last >= 0 && s <= ends[last] + 1n) {
      if (e > ends[last]) ends[last] = e;
    } else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts, ends };
}

/**
 * The set of the peers' ipBlocks, or null when a peer is not an ipBlock (a selector or an invalid entry, which
 * answer otherwise). An except of the other family than its block's excludes nothing, as in a containment test.
 */
export function blockSetOf(peers: readonly CompiledPeer[]): BlockSet | null {
  const byFamily: Record<4 | 6, [bigint, bigint][]> = { 4: [], 6: [] };
  for (const p of peers) {
    if (p.kind !== 'ipBlock') return null;
    const holes = p.except.filter((x) => x.family === p.cidr.family).map(rangeOf);
    byFamily[p.cidr.family].push(...subtract(rangeOf(p.cidr), holes));
  }
  return { 4: merge(byFamily[4]), 6: merge(byFamily[6]) };
}

/** True when some ipBlock of the set contains the address. */
export function blockSetContains(set: BlockSet, ip: IPAddress): boolean {
  const { starts, ends } = set[ip.family];
  // The last range starting at or before the address.
  let lo = 0;
  let hi = starts.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= ip.value) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && ip.value <= ends[at];
}
