import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../lib/model/build';
import { analyzeObjects } from '../lib/engine/facade';
import { parseCidr, parseIP } from '../lib/net/ip';
import { generateCluster } from './generate';
import { asIPv6Only, ipv6Twin } from './ipv6';

const SIZE = { nodes: 30, pods: 600, services: 100, networkPolicies: 10 };

describe('ipv6Twin', () => {
  it('maps each address and block to fd00:: plus its 32 bits, a prefix 96 longer, wherever it stands', () => {
    expect(ipv6Twin('10.1.2.3')).toBe('fd00::a01:203');
    expect(ipv6Twin('10.0.0.0/8')).toBe('fd00::a00:0/104');
    expect(ipv6Twin('mode: iptables\nclusterCIDR: 10.0.0.0/8\n')).toBe(
      'mode: iptables\nclusterCIDR: fd00::a00:0/104\n',
    );
    expect(ipv6Twin('--trustedIPs=172.16.0.0/12')).toBe('--trustedIPs=fd00::ac10:0/108');
    expect(ipv6Twin('node-12')).toBe('node-12');
    // Containment is kept: the twin of an address inside a block lies inside the block's twin.
    const block = parseCidr(ipv6Twin('172.16.0.0/12'))!;
    const inside = parseIP(ipv6Twin('172.31.255.1'))!;
    const outside = parseIP(ipv6Twin('172.32.0.1'))!;
    expect((inside.value >> BigInt(128 - block.prefix)) << BigInt(128 - block.prefix)).toBe(block.base);
    expect((outside.value >> BigInt(128 - block.prefix)) << BigInt(128 - block.prefix)).not.toBe(block.base);
  });
});

describe('the ipv6-only shape', () => {
  it('holds no IPv4 address, and its analysis finds what the standard cluster has, in the other family', () => {
    const standard = generateCluster(SIZE, 'standard');
    const v6 = generateCluster(SIZE, 'ipv6-only');
    expect(JSON.stringify(v6)).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(JSON.stringify(v6)).not.toContain('"IPv4"');
    expect(v6.length).toBe(standard.length);
    const model = buildClusterModel(v6);
    expect(model.warnings).toEqual(buildClusterModel(standard).warnings);
    expect([...model.podsByIP.keys()].every((ip) => parseIP(ip)?.family === 6)).toBe(true);
    const rules = (objects: typeof v6) => {
      const { analysis } = analyzeObjects(objects);
      return analysis.findings.map((f) => `${f.severity} ${f.rule} ${f.service ?? ''}`);
    };
    const found = rules(v6);
    expect(found.some((f) => f.startsWith('error snat-allowlist'))).toBe(true);
    expect(found.sort()).toEqual(rules(standard).sort());
  });
  it('leaves the input objects as they were', () => {
    const standard = generateCluster(SIZE, 'standard');
    const before = JSON.stringify(standard);
    asIPv6Only(standard);
    expect(JSON.stringify(standard)).toBe(before);
  });
});
