// IPv4/IPv6 address and CIDR arithmetic on bigints. Pure: no I/O, runs in Node and the browser.

/** A parsed IP address. */
export interface IPAddress {
  family: 4 | 6;
  value: bigint;
}

/** A parsed CIDR block: `base` is the masked network address. */
export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
  text: string;
}

/**
 * The IPv4 address as a 32-bit number, or null: four decimal octets of 1–3 digits, each ≤ 255, without
 * leading zeros (Kubernetes rejects them: they are ambiguous octal). A hand-written scan: this is the hot
 * path of model building (a regular expression allocated a match and four substrings per address).
 */
function parseV4Number(text: string, from = 0): number | null {
  const n = text.length;
  if (n - from < 7 || n - from > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) leadingZero = c === 48;
      else if (leadingZero) return null;
      if (++digits > 3) return null;
      octet = octet * 10 + (c - 48);
    } else if (c === 46 && digits > 0 && dots < 3) {
      if (octet > 255) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return null;
  return value * 256 + octet;
}

/** True when `text` is a dotted-quad IPv4 address as written (no surrounding space): already canonical. */
export function isIPv4Text(text: string): boolean {
  return parseV4Number(text) !== null;
}

function parseV4(text: string): bigint | null {
  const n = parseV4Number(text);
  return n === null ? null : BigInt(n);
}

/** The value of one hex digit's character code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Writes the eight 16-bit groups of the IPv6 address `text` into `out`; false when it is not one (RFC 4291
 * §2.2): groups of 1–4 hex digits, at most one `::` standing for one or more zero groups, and optionally a
 * dotted quad as the last 32 bits. A hand-written scan, as for IPv4: an IPv6-only cluster parses every pod
 * and endpoint address here (a regular expression, `split` and a bigint per group cost ≈ 1 s of CPU at
 * Kubernetes' scale limits). A dotted quad anywhere but at the end is rejected, as Go's net.ParseIP does
 * (`1.2.3.4::` is not an address).
 */
function scanV6(text: string, out: number[]): boolean {
  const n = text.length;
  let i = 0;
  let count = 0;
  let gap = -1; // groups before the `::`
  if (n < 2) return false;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let value = 0;
    let digits = 0;
    let j = i;
    for (; j < n; j++) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      digits++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // The last 32 bits as a dotted quad: the rest of the text.
      if (count > 6) return false;
      const v4 = parseV4Number(text, i);
      if (v4 === null) return false;
      out[count++] = Math.floor(v4 / 65536);
      out[count++] = v4 % 65536;
      break;
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    out[count++] = value;
    if (j === n) break;
    if (text.charCodeAt(j) !== 58) return false;
    j++;
    if (text.charCodeAt(j) === 58) {
      if (gap >= 0) return false;
      gap = count;
      j++;
    } else if (j === n) return false; // a single trailing ':'
    i = j;
  }
  if (gap < 0) return count === 8;
  if (count > 7) return false; // `::` stands for at least one group
  const tail = count - gap;
  for (let k = 1; k <= tail; k++) out[8 - k] = out[count - k];
  for (let k = gap; k < 8 - tail; k++) out[k] = 0;
  return true;
}

/** Scratch groups for scanV6's callers: filled and read without anything between (single-threaded). */
const GROUPS: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

function parseV6(text: string): bigint | null {
  if (!scanV6(text, GROUPS)) return null;
  const g = GROUPS;
  // Four 32-bit words: seven bigint operations instead of sixteen.
  return (
    (BigInt(g[0] * 65536 + g[1]) << 96n) |
    (BigInt(g[2] * 65536 + g[3]) << 64n) |
    (BigInt(g[4] * 65536 + g[5]) << 32n) |
    BigInt(g[6] * 65536 + g[7])
  );
}

/** The longest run of two or more zero groups (the first of equal runs), as RFC 5952 §4.2 compresses it. */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let start = -1,
    length = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > length && j - i >= 2) {
      start = i;
      length = j - i;
    }
    i = j;
  }
  return { start, length };
}

/** RFC 5952 text of eight groups: lower-case hex without leading zeros, the longest zero run as `::`. */
function formatV6(groups: readonly number[]): string {
  const { start, length } = longestZeroRun(groups);
  const hex = groups.map((g) => g.toString(16));
  if (start < 0) return hex.join(':');
  return `${hex.slice(0, start).join(':')}::${hex.slice(start + length).join(':')}`;
}

/** True when `text` is exactly formatV6(groups): checked character by character, nothing allocated. */
function isFormatV6(text: string, groups: readonly number[]): boolean {
  const { start, length } = longestZeroRun(groups);
  let p = 0;
  for (let i = 0; i < 8; i++) {
    if (i === start) {
      if (text.charCodeAt(p) !== 58 || text.charCodeAt(p + 1) !== 58) return false;
      p += 2;
      i += length - 1;
      continue;
    }
    if (i > 0 && i !== start + length) {
      if (text.charCodeAt(p) !== 58) return false;
      p++;
    }
    const v = groups[i];
    for (let shift = v >= 0x1000 ? 12 : v >= 0x100 ? 8 : v >= 0x10 ? 4 : 0; shift >= 0; shift -= 4) {
      const h = (v >> shift) & 15;
      if (text.charCodeAt(p++) !== (h < 10 ? 48 + h : 87 + h)) return false;
    }
  }
  return p === text.length;
}

/** Parses an IPv4 or IPv6 address; null when it is not one. */
export function parseIP(text: string | undefined | null): IPAddress | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  const v4 = parseV4(t);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseV6(t);
  if (v6 !== null) return { family: 6, value: v6 };
  return null;
}

/** True when `text` is a valid IPv4 or IPv6 address. */
export function isIP(text: string | undefined | null): boolean {
  return parseIP(text) !== null;
}

/**
 * Canonical text form of an address (lower-case, compressed IPv6; surrounding space removed), or null when
 * `text` is not an address. An address already in that form is returned as it is, the same string: no copy
 * per pod or endpoint.
 */
export function canonicalIPText(text: string | undefined | null): string | null {
  if (typeof text !== 'string') return null;
  // A valid dotted quad is already canonical (hot in model building).
  if (parseV4Number(text) !== null) return text;
  const t = text.trim();
  if (t !== text && parseV4Number(t) !== null) return t;
  if (!scanV6(t, GROUPS)) return null;
  return isFormatV6(t, GROUPS) ? t : formatV6(GROUPS);
}

/** Canonical text form of an address (lower-case, compressed IPv6), for use as a map key; `text` when not one. */
export function canonicalIP(text: string): string {
  return canonicalIPText(text) ?? text;
}

/** Formats a parsed address (IPv6 in RFC 5952 compressed form). */
export function formatIP(ip: IPAddress): string {
  if (ip.family === 4) {
    // One Number (exact below 2^53) instead of four BigInt shifts and an array: SNAT addresses of
    // 150,000 pod rows are formatted here.
    const v = Number(ip.value);
    return `${Math.floor(v / 16777216) % 256}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  return formatV6(groups);
}

/** Parses a CIDR ("10.0.0.0/8", "fd00::/64"); a bare address is a host route. Null when invalid. */
export function parseCidr(text: string | undefined | null): Cidr | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  const slash = t.indexOf('/');
  const addrText = slash < 0 ? t : t.slice(0, slash);
  const ip = parseIP(addrText);
  if (!ip) return null;
  const bits = ip.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > bits) return null;
  }
  const mask = prefixMask(ip.family, prefix);
  return { family: ip.family, base: ip.value & mask, prefix, text: t };
}

function computePrefixMask(family: 4 | 6, prefix: number): bigint {
  const bits = family === 4 ? 32 : 128;
  const all = (1n << BigInt(bits)) - 1n;
  return prefix === 0 ? 0n : (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

/** Every mask of each family, computed once: cidrContains runs for every node row and policy peer. */
const MASKS: Record<4 | 6, readonly bigint[]> = {
  4: Array.from({ length: 33 }, (_, p) => computePrefixMask(4, p)),
  6: Array.from({ length: 129 }, (_, p) => computePrefixMask(6, p)),
};

function prefixMask(family: 4 | 6, prefix: number): bigint {
  return MASKS[family][prefix] ?? computePrefixMask(family, prefix);
}

/** True when the address lies inside the CIDR (families must match). */
export function cidrContains(cidr: Cidr, ip: IPAddress | string): boolean {
  const addr = typeof ip === 'string' ? parseIP(ip) : ip;
  if (!addr || addr.family !== cidr.family) return false;
  return (addr.value & prefixMask(cidr.family, cidr.prefix)) === cidr.base;
}

/** True when `inner` is fully contained in `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    cidrContains(outer, { family: inner.family, value: inner.base })
  );
}

/** True when the two blocks share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrCovers(a, b) || cidrCovers(b, a);
}

/** The n-th address of a block (0 = network address), as text; used for CNI gateway/tunnel addresses. */
export function nthAddress(cidr: Cidr, n: number): string {
  return formatIP({ family: cidr.family, value: cidr.base + BigInt(n) });
}
