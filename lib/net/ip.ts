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
function parseV4Number(text: string): number | null {
  const n = text.length;
  if (n < 7 || n > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  for (let i = 0; i < n; i++) {
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

function parseV6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length < 2) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const parts = s.split(':');
    const out: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
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

/** Canonical text form of an address (lower-case, compressed IPv6), for use as a map key. */
export function canonicalIP(text: string): string {
  // A valid dotted quad is already canonical: skip the bigint round trip (hot in model building).
  if (parseV4Number(text) !== null) return text;
  const ip = parseIP(text);
  return ip ? formatIP(ip) : text;
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
  // Longest run of zero groups (length >= 2) becomes '::'.
  let bestStart = -1,
    bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
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
