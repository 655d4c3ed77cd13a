import { describe, expect, it } from 'vitest';
import {
  canonicalIP,
  cidrContains,
  cidrCovers,
  cidrOverlaps,
  formatIP,
  isIP,
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
  it('parses IPv6 forms and formats them canonically', () => {
    expect(canonicalIP('FD00:0:0:0:0:0:0:1')).toBe('fd00::1');
    expect(canonicalIP('::')).toBe('::');
    expect(canonicalIP('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
    expect(isIP('fd00::1::2')).toBe(false);
    expect(isIP('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(formatIP(parseIP('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
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
