// Address allocation for the demo clusters, mirroring what the control plane would hand out:
// per-node podCIDRs cut from the cluster CIDR (kube-controller-manager --allocate-node-cidrs),
// pod IPs inside the node's podCIDR, ClusterIPs inside the service CIDR, unique NodePorts.
import { formatIP, parseCidr, type Cidr } from '../net/ip';
import { fnv1a, seededRandom } from './ids';

/** Parses a CIDR the demo itself wrote; a typo here is a bug in the demo, so it throws. */
export function mustCidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!c || !text.includes('/')) throw new Error(`demo: invalid CIDR ${text}`);
  return c;
}

/** The `index`-th subnet of size `/newPrefix` inside `parent`, as CIDR text. */
export function subnet(parent: string, index: number, newPrefix: number): string {
  const p = mustCidr(parent);
  const bits = p.family === 4 ? 32 : 128;
  if (newPrefix < p.prefix || newPrefix > bits) throw new Error(`demo: /${newPrefix} does not fit in ${parent}`);
  const value = p.base + (BigInt(index) << BigInt(bits - newPrefix));
  return `${formatIP({ family: p.family, value })}/${newPrefix}`;
}

/** Address number `n` of a block (0 = network address). */
export function addressAt(cidrText: string, n: number | bigint): string {
  const c = mustCidr(cidrText);
  return formatIP({ family: c.family, value: c.base + BigInt(n) });
}

/** Hands out pod host numbers inside one node's podCIDR(s) in a scattered but reproducible order. */
export class PodAddressPool {
  private readonly used = new Set<number>();
  private readonly random: () => number;

  /** `cidrs`: the node's podCIDRs (IPv4 first, optional IPv6); `maxHost`: highest usable host number. */
  constructor(
    readonly cidrs: string[],
    seed: string,
    private readonly maxHost = 254,
  ) {
    this.random = seededRandom(seed);
  }

  /** Marks a host number as taken (tunnel/router addresses of the CNI). Returns its addresses. */
  reserve(host: number): string[] {
    this.used.add(host);
    return this.cidrs.map((c) => addressAt(c, host));
  }

  /** The next free host number, as one address per podCIDR (dual-stack pods get both). */
  next(): string[] {
    // Pods come and go, so live pod IPs are scattered across the block, not sequential.
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const host = 2 + Math.floor(this.random() * (this.maxHost - 1));
      if (this.used.has(host)) continue;
      this.used.add(host);
      return this.cidrs.map((c) => addressAt(c, host));
    }
    throw new Error(`demo: podCIDR ${this.cidrs[0]} is full`);
  }
}

/** Allocates ClusterIPs inside the service CIDR(s), never twice. */
export class ClusterIPAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly serviceCIDRs: { v4: string; v6?: string }) {}

  /** Claims a fixed address (kubernetes = .1, kube-dns = .10). */
  claim(ip: string): string {
    if (this.used.has(ip)) throw new Error(`demo: ClusterIP ${ip} allocated twice`);
    this.used.add(ip);
    return ip;
  }

  /** A free address of the family, chosen by hashing the Service's key. */
  allocate(family: 'IPv4' | 'IPv6', key: string): string {
    const cidr = family === 'IPv4' ? this.serviceCIDRs.v4 : this.serviceCIDRs.v6;
    if (!cidr) throw new Error(`demo: no ${family} service CIDR configured`);
    const c = mustCidr(cidr);
    const size = 1 << Math.min(24, (c.family === 4 ? 32 : 128) - c.prefix);
    for (let salt = 0; salt < 1000; salt++) {
      // Skip the first 16 addresses: .1 and .10 are the well-known kubernetes/kube-dns ClusterIPs.
      const n = 16 + (fnv1a(`${key}#${salt}`) % (size - 17));
      const ip = addressAt(cidr, n);
      if (!this.used.has(ip)) return this.claim(ip);
    }
    throw new Error(`demo: service CIDR ${cidr} exhausted`);
  }
}

/** Allocates NodePorts (and healthCheckNodePorts, which share the range) in 30000-32767, never twice. */
export class NodePortAllocator {
  private readonly used = new Set<number>();
  private readonly reserved: Set<number>;

  /** `reserved`: ports that Services will claim explicitly later; automatic allocation avoids them. */
  constructor(reserved: number[] = []) {
    this.reserved = new Set(reserved);
  }

  /** Claims a port the Service asked for explicitly. */
  claim(port: number): number {
    if (port < 30000 || port > 32767) throw new Error(`demo: nodePort ${port} outside 30000-32767`);
    if (this.used.has(port)) throw new Error(`demo: nodePort ${port} allocated twice`);
    this.used.add(port);
    this.reserved.delete(port);
    return port;
  }

  /** A free port chosen by hashing `key`. */
  allocate(key: string): number {
    for (let salt = 0; salt < 10_000; salt++) {
      const port = 30000 + (fnv1a(`${key}#${salt}`) % 2768);
      if (!this.used.has(port) && !this.reserved.has(port)) return this.claim(port);
    }
    throw new Error('demo: NodePort range exhausted');
  }
}
