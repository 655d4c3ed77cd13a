// A rule's ipBlocks as one set of ranges answer "does any block contain this address?" exactly as testing each block
// and its excepts does (peers.ts inBlock): differentially over random blocks of both families, with excepts inside,
// outside and of the other family, and addresses at and around every edge.
import { describe, expect, it } from 'vitest';
import { cidrContains, formatIP, parseCidr, type Cidr, type IPAddress } from '../../net/ip';
import { seededRandom } from '../../demo/ids';
import { blockSetContains, blockSetOf } from './block-set';
import type { CompiledPeer } from './types';

const BITS = { 4: 32, 6: 128 } as const;

function randomCidr(r: () => number, family: 4 | 6): Cidr {
  // Addresses from a small space (10.0.0.0/20, fd00::/116), so that blocks overlap, nest and touch.
  const base = family === 4 ? 0x0a000000n : 0xfd00n << 112n;
  const value = base + BigInt(Math.floor(r() * 4096));
  const prefix = BITS[family] - Math.floor(r() * 13);
  const text = `${formatIP({ family, value })}/${prefix}`;
  return parseCidr(text)!;
}

function ipBlock(cidr: Cidr, except: Cidr[]): CompiledPeer {
  return { kind: 'ipBlock', cidr, except, text: cidr.text };
}

/** The answer block by block, as peers.ts gives it. */
function naive(peers: CompiledPeer[], ip: IPAddress): boolean {
  return peers.some(
    (p) => p.kind === 'ipBlock' && cidrContains(p.cidr, ip) && !p.except.some((e) => cidrContains(e, ip)),
  );
}

/** Every block's and except's first and last address, and the addresses just outside them. */
function edges(peers: CompiledPeer[]): IPAddress[] {
  const out: IPAddress[] = [];
  for (const p of peers) {
    if (p.kind !== 'ipBlock') continue;
    for (const c of [p.cidr, ...p.except]) {
      const last = c.base + (1n << BigInt(BITS[c.family] - c.prefix)) - 1n;
      for (const v of [c.base - 1n, c.base, c.base + 1n, last - 1n, last, last + 1n])
        if (v >= 0n) out.push({ family: c.family, value: v });
    }
  }
  return out;
}

describe('blockSetOf / blockSetContains', () => {
  it('agrees with testing each ipBlock and its excepts, over 400 random rules of both families', () => {
    for (let seed = 1; seed <= 400; seed++) {
      // A deterministic generator (mulberry32), so that a failure names its seed.
      const r = seededRandom(`block-set-${seed}`);
      const peers: CompiledPeer[] = [];
      const n = 1 + Math.floor(r() * 12);
      for (let i = 0; i < n; i++) {
        const family = r() < 0.7 ? 4 : 6;
        const cidr = randomCidr(r, family);
        const except = Array.from({ length: Math.floor(r() * 3) }, () =>
          // Mostly of the block's own family; sometimes the other one, which excludes nothing.
          randomCidr(r, r() < 0.85 ? family : family === 4 ? 6 : 4),
        );
        peers.push(ipBlock(cidr, except));
      }
      const set = blockSetOf(peers)!;
      const probes = [
        ...edges(peers),
        ...Array.from({ length: 50 }, () => randomCidr(r, r() < 0.5 ? 4 : 6)).map((c) => ({
          family: c.family,
          value: c.base + 1n,
        })),
      ];
      for (const ip of probes) {
        const want = naive(peers, ip);
        if (blockSetContains(set, ip) !== want)
          throw new Error(
            `seed ${seed}: ${formatIP(ip)} should be ${want ? 'in' : 'out of'} ${peers.map((p) => (p.kind === 'ipBlock' ? `${p.cidr.text} except ${p.except.map((e) => e.text).join(',')}` : p.kind)).join('; ')}`,
          );
      }
    }
  });

  it('is null for a list with a peer other than an ipBlock', () => {
    const block = ipBlock(parseCidr('203.0.113.0/24')!, []);
    expect(blockSetOf([block, { kind: 'invalid', reason: 'no peer given' } as CompiledPeer])).toBeNull();
    expect(blockSetOf([block])).not.toBeNull();
  });

  it('holds the whole address space for 0.0.0.0/0 and ::/0, minus their excepts', () => {
    const set = blockSetOf([
      ipBlock(parseCidr('0.0.0.0/0')!, [parseCidr('10.0.0.0/8')!]),
      ipBlock(parseCidr('::/0')!, []),
    ])!;
    expect(blockSetContains(set, { family: 4, value: 0n })).toBe(true);
    expect(blockSetContains(set, { family: 4, value: 0xffffffffn })).toBe(true);
    expect(blockSetContains(set, { family: 4, value: 0x0a010203n })).toBe(false);
    expect(blockSetContains(set, { family: 6, value: (1n << 128n) - 1n })).toBe(true);
  });
});
