// The `ipv6-only` shape of `npm run bench`: the standard cluster with every address IPv6, as in an IPv6-only
// cluster (EKS and kubeadm build them). Until 7 Dec 2026 model building parsed IPv6 text with regular
// expressions, `split` and a bigint per group: such a copy of the standard cluster took 5.84 s of CPU where
// its IPv4 original took 4.1 s (bench/NOTES.md). This shape keeps that cliff from coming back.
import type { KubeObject } from '../lib/model/k8s';

/** A dotted quad, optionally with a prefix length, wherever it stands in a string (a ConfigMap's YAML too). */
const IPV4 = /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?\b/g;

/**
 * The IPv6 twin of an IPv4 address or block: `fd00::` followed by the 32 bits (10.1.2.3 → fd00::a01:203), a
 * prefix length 96 more (10.0.0.0/8 → fd00::a00:0/104). So every containment of the standard cluster holds
 * in its IPv6 copy, and the analysis does the same work with the other family.
 */
export function ipv6Twin(text: string): string {
  return text.replace(IPV4, (_m, a: string, b: string, c: string, d: string, prefix: string | undefined) => {
    const hex = (hi: string, lo: string) => ((Number(hi) << 8) | Number(lo)).toString(16);
    return `fd00::${hex(a, b)}:${hex(c, d)}${prefix === undefined ? '' : `/${96 + Number(prefix)}`}`;
  });
}

/**
 * The objects with every IPv4 address and block in their strings replaced by its IPv6 twin, EndpointSlices'
 * `addressType` and Services' `ipFamilies` saying IPv6 (`ipFamilyPolicy` SingleStack). Annotation names stay as they are (Calico's
 * `IPv4IPIPTunnelAddr` then holds an IPv6 address) so that the analysis has the same tunnel addresses to read.
 */
export function asIPv6Only(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    const twin = twinOf(o) as KubeObject;
    // What the API server writes for a single-stack Service of an IPv6-only cluster.
    if (twin.kind === 'Service' && twin.spec)
      Object.assign(twin.spec, { ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
    return twin;
  });
}

function twinOf(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (key === 'addressType' && value === 'IPv4') return 'IPv6';
    return ipv6Twin(value);
  }
  if (Array.isArray(value)) {
    if (key === 'ipFamilies') return value.map((f) => (f === 'IPv4' ? 'IPv6' : f));
    return value.map((v) => twinOf(v));
  }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, twinOf(v, k)]));
  return value;
}
