import { describe, expect, it } from 'vitest';
import {
  canonicalIP,
  canonicalIPText,
  cidrContains,
  cidrCovers,
  cidrOverlaps,
  formatIP,
  isIP,
  isIPv4Text,
  nthAddress,
  parseCidr,
  parseIP,
} from './ip';

describe('parseIP', () => {
  it('parses IPv4 and rejects junk', () => {
    expect(parseIP('10.0.1.2')).toEqual({ family: 4, value: 0x0a000102n });
    expect(parseIP('256.1.1.1')).toBeNull();
    expect(parseIP('10.0.1')).toBeNull();
    expect(parseIP('010.0.0.1')).toBeNull();
    expect(parseIP('')).toBeNull();
    expect(parseIP(undefined)).toBeNull();
  });
  it('reads dotted quads exactly as the pattern ^(\\d{1,3})\\.(…){3}$ without leading zeros, each octet ≤ 255', () => {
    const pattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
    const reference = (t: string) => {
      const m = pattern.exec(t);
      return !!m && m.slice(1).every((o) => !(o.length > 1 && o[0] === '0') && Number(o) <= 255);
    };
    const samples = ['0.0.0.0', '255.255.255.255', '1.2.3.4', '10.0.1.2', '172.16.0.19', '192.168.100.200'];
    samples.push('256.0.0.1', '1.2.3.256', '01.2.3.4', '1.2.3.04', '1.2.3.00', '1.2.3', '1.2.3.4.5', '1..2.3');
    samples.push('.1.2.3', '1.2.3.', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4\n', '1.2.3.1000', '1234.1.1.1', '１.2.3.4');
    samples.push('a.b.c.d', '1.2.3.-4', '999.999.999.999', '', '::1', '0.0.0.0/8', '1e2.1.1.1', '1.2.3.4x');
    // Every address of a few blocks and random strings over the alphabet the scan distinguishes.
    for (let i = 0; i < 2000; i++) {
      const alphabet = '0123456789..';
      let t = '';
      for (let j = 0; j < 7 + (i % 10); j++) t += alphabet[(i * 7919 + j * 104729 + j * j * 31) % alphabet.length];
      samples.push(t);
    }
    for (let i = 0; i < 300; i++) samples.push(`${i % 260}.${(i * 3) % 300}.0${i % 3 ? '' : '0'}.${i}`);
    for (const t of samples) {
      expect(isIPv4Text(t), t).toBe(reference(t));
      expect(parseIP(t) !== null && parseIP(t)!.family === 4 && t === t.trim(), t).toBe(reference(t));
    }
    expect(samples.filter(reference).length).toBeGreaterThan(50); // the sample holds valid addresses too
  });
  it('parses IPv6 forms and formats them canonically', () => {
    expect(canonicalIP('FD00:0:0:0:0:0:0:1')).toBe('fd00::1');
    expect(canonicalIP('::')).toBe('::');
    expect(canonicalIP('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
    expect(isIP('fd00::1::2')).toBe(false);
    expect(isIP('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(formatIP(parseIP('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
  });
  it('reads IPv6 exactly as the regular-expression parser it replaced, but for a dotted quad only at the end', () => {
    // The former parser (regular expressions, split, a bigint per group), kept here as the reference; the one
    // change: a dotted quad is accepted only as the address's last 32 bits, as Go's net.ParseIP reads it.
    const reference = (text: string): bigint | null => {
      if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length < 2) return null;
      const halves = text.split('::');
      if (halves.length > 2) return null;
      const groupsOf = (s: string, last: boolean): number[] | null => {
        if (s === '') return [];
        const parts = s.split(':');
        const out: number[] = [];
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i];
          if (last && i === parts.length - 1 && p.includes('.')) {
            const v4 = parseIP(p);
            if (v4?.family !== 4) return null;
            out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
            continue;
          }
          if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
          out.push(parseInt(p, 16));
        }
        return out;
      };
      const head = groupsOf(halves[0], halves.length === 1);
      const tail = halves.length === 2 ? groupsOf(halves[1], true) : [];
      if (!head || !tail) return null;
      const missing = 8 - head.length - tail.length;
      if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
      let v = 0n;
      for (const g of [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...tail])
        v = (v << 16n) | BigInt(g);
      return v;
    };
    const samples = ['::', '::1', '1::', 'fd00::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', ':::'];
    samples.push(
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':1::',
      '1::2:',
      '1:',
      ':1',
      '12345::',
      'g::1',
      'G::1',
      '::fG',
      '::ffff:10.0.0.1',
    );
    samples.push('1.2.3.4::', '::1.2.3.4:5', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '::01.2.3.4', '::1.2.3');
    samples.push('0000:0000::FFFF', 'FD00:0:0:0:0:0:0:1', '::a.b.c.d', ' ::1', '::1 ', '1:2:3:4:5:6:7:8 ', '::1%eth0');
    // Generated: eight groups, some zero runs, written with or without `::`, leading zeros, upper case, a dotted
    // tail; then a character inserted, removed or changed in some.
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) >>> 8) % n;
    const alphabet = '0123456789abcdefgABCDEFG:. ';
    for (let i = 0; i < 4000; i++) {
      const groups = Array.from({ length: 8 }, () => (rand(3) === 0 ? 0 : rand(4) === 0 ? rand(16) : rand(65536)));
      const hex = groups.map((g) => {
        let h = g.toString(16);
        if (rand(5) === 0) h = h.padStart(4, '0');
        return rand(6) === 0 ? h.toUpperCase() : h;
      });
      let text: string;
      const cutAt = rand(8);
      const cutLength = rand(9 - cutAt);
      if (rand(4) > 0 && cutLength > 0)
        text = `${hex.slice(0, cutAt).join(':')}::${hex.slice(cutAt + cutLength).join(':')}`;
      else text = hex.join(':');
      if (rand(8) === 0)
        text = text.replace(/:[0-9a-fA-F]+:[0-9a-fA-F]+$/, `:${rand(256)}.${rand(256)}.${rand(300)}.${rand(256)}`);
      const edit = rand(6);
      const at = rand(text.length + 1);
      if (edit === 0) text = text.slice(0, at) + alphabet[rand(alphabet.length)] + text.slice(at);
      else if (edit === 1) text = text.slice(0, at) + text.slice(at + 1);
      else if (edit === 2) text = text.slice(0, at) + alphabet[rand(alphabet.length)] + text.slice(at + 1);
      samples.push(text);
    }
    let valid = 0;
    for (const t of samples) {
      const want = reference(t.trim());
      const got = parseIP(t);
      expect(got?.family === 6 ? got.value : null, t).toBe(want);
      if (want === null) {
        if (got?.family !== 4) expect(canonicalIPText(t), t).toBeNull();
        continue;
      }
      valid++;
      const canonical = formatIP({ family: 6, value: want });
      expect(canonicalIPText(t), t).toBe(canonical);
      expect(canonicalIP(canonical), t).toBe(canonical);
    }
    expect(valid).toBeGreaterThan(1000); // the sample holds both, and many addresses to format
    expect(samples.length - valid).toBeGreaterThan(1000);
  });
  it('returns an address already in canonical form as it is, and null for what is no address', () => {
    for (const t of ['10.0.0.1', 'fd00::a00:2', '::', '2001:db8::1:0:0:1', '1:2:3:4:5:6:7:8', '::ffff:a00:1']) {
      expect(canonicalIPText(t)).toBe(t);
    }
    expect(canonicalIPText(' 10.0.0.1 ')).toBe('10.0.0.1');
    expect(canonicalIPText('FD00::A00:2')).toBe('fd00::a00:2');
    expect(canonicalIPText('fd00:0::a00:2')).toBe('fd00::a00:2');
    expect(canonicalIPText('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3'); // the longest zero run
    expect(canonicalIPText('1:0:0:2:3:0:0:4')).toBe('1::2:3:0:0:4'); // the first of equal runs
    expect(canonicalIPText('1:0:2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7'); // one zero group stays
    expect(canonicalIPText('1::2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7');
    expect(canonicalIPText('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
    for (const t of ['', 'None', 'node-1', '1.2.3.4::', '10.0.0.1/8', 'fd00::/64', '::1::', undefined, null])
      expect(canonicalIPText(t)).toBeNull();
    expect(canonicalIP('node-1')).toBe('node-1');
  });
  it('formats IPv4 addresses at both ends of the range and every octet position', () => {
    for (const ip of ['0.0.0.0', '255.255.255.255', '10.0.0.1', '192.168.1.254', '1.2.3.4', '128.0.0.0'])
      expect(formatIP(parseIP(ip)!)).toBe(ip);
    expect(formatIP({ family: 4, value: 0xc0a80001n })).toBe('192.168.0.1');
    expect(nthAddress(parseCidr('10.244.1.0/24')!, 1)).toBe('10.244.1.1');
  });
});

describe('CIDR', () => {
  it('contains, covers, overlaps', () => {
    const net = parseCidr('203.0.113.0/24')!;
    expect(cidrContains(net, '203.0.113.77')).toBe(true);
    expect(cidrContains(net, '203.0.114.1')).toBe(false);
    expect(cidrContains(net, 'fd00::1')).toBe(false);
    expect(cidrCovers(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!)).toBe(true);
    expect(cidrCovers(parseCidr('10.1.0.0/16')!, parseCidr('10.0.0.0/8')!)).toBe(false);
    expect(cidrOverlaps(parseCidr('10.1.0.0/16')!, parseCidr('10.0.0.0/8')!)).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, '8.8.8.8')).toBe(true);
    expect(cidrContains(parseCidr('fd00:10::/64')!, 'fd00:10::5')).toBe(true);
  });
  it('rejects invalid blocks', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'abc', '10.0.0.0/', '10.0.0.0/-1', 'fd00::/129']) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });
  it('masks host bits and finds the n-th address', () => {
    const c = parseCidr('10.244.3.17/24')!;
    expect(nthAddress(c, 0)).toBe('10.244.3.0');
    expect(nthAddress(c, 1)).toBe('10.244.3.1');
  });
});

describe('cidrContains at every prefix length', () => {
  it('IPv4: the block holds its base and last address, not the addresses just outside', () => {
    // 10.128.0.0 = 0x0a800000: for prefix p the block is [base, base + 2^(32-p) - 1].
    for (let p = 1; p <= 32; p++) {
      const size = 2 ** (32 - p);
      const base = Math.floor(0x0a800000 / size) * size;
      const c = parseCidr(`${formatIP({ family: 4, value: BigInt(base) })}/${p}`)!;
      expect(c.prefix).toBe(p);
      expect(cidrContains(c, formatIP({ family: 4, value: BigInt(base + size - 1) }))).toBe(true);
      expect(cidrContains(c, formatIP({ family: 4, value: BigInt(base + size) }))).toBe(false);
      if (base > 0) expect(cidrContains(c, formatIP({ family: 4, value: BigInt(base - 1) }))).toBe(false);
    }
    expect(cidrContains(parseCidr('0.0.0.0/0')!, '255.255.255.255')).toBe(true);
  });

  it('IPv6: /0, /64, /127 and /128 blocks', () => {
    expect(cidrContains(parseCidr('::/0')!, 'ffff::1')).toBe(true);
    expect(cidrContains(parseCidr('2001:db8::/64')!, '2001:db8::ffff:ffff:ffff:ffff')).toBe(true);
    expect(cidrContains(parseCidr('2001:db8::/64')!, '2001:db8:0:1::')).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::/127')!, '2001:db8::1')).toBe(true);
    expect(cidrContains(parseCidr('2001:db8::/127')!, '2001:db8::2')).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::1/128')!, '2001:db8::1')).toBe(true);
    expect(cidrContains(parseCidr('2001:db8::1/128')!, '2001:db8::')).toBe(false);
  });
});
