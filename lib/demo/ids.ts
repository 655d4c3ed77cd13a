// Deterministic stand-ins for the random parts of Kubernetes objects (uids, name suffixes,
// timestamps), so the demo snapshot is byte-for-byte reproducible from its builder.

/** Loose JSON object: the demo builds raw API objects, not the typed subset kubepath reads. */
export type Obj = { [key: string]: unknown };

/** 32-bit FNV-1a hash of a string (with an optional seed), as an unsigned integer. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A UUID-shaped uid derived from the object's identity (same input, same uid). */
export function demoUID(identity: string): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      fnv1a(identity, 0x811c9dc5 + i * 0x9e3779b1)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  // Version-4 / RFC 4122 variant nibbles, like the API server's uuid.NewUUID().
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// The alphabet of k8s.io/apimachinery/pkg/util/rand.String and SafeEncodeString (no vowels, no 0/1/3).
const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style random name suffix (`generateName`, pod-template-hash), derived from `seed`. */
export function k8sSuffix(seed: string, length: number): string {
  let out = '';
  let h = fnv1a(seed);
  for (let i = 0; i < length; i++) {
    if (i % 4 === 0) h = fnv1a(`${seed}#${i}`, h);
    out += K8S_ALPHABET[h % K8S_ALPHABET.length];
    h = Math.floor(h / K8S_ALPHABET.length);
  }
  return out;
}

/**
 * A controller template hash (pod-template-hash, controller-revision-hash): the decimal digits of a
 * 32-bit hash passed through rand.SafeEncodeString, which maps '0'..'9' onto "456789bcdf".
 */
export function k8sTemplateHash(seed: string): string {
  return String(fnv1a(seed))
    .split('')
    .map((d) => K8S_ALPHABET[d.charCodeAt(0) % K8S_ALPHABET.length])
    .join('');
}

/** A deterministic pseudo-random generator (mulberry32) for placement-independent choices. */
export function seededRandom(seed: string): () => number {
  let a = fnv1a(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 3339 timestamp without milliseconds, as the API server writes it. */
export function k8sTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A moment `maxDays` or less before `beforeMs`, chosen by `seed` (whole seconds). */
export function timeBefore(beforeMs: number, seed: string, maxDays: number, minMinutes = 5): number {
  const span = Math.max(1, Math.floor(maxDays * 86400 - minMinutes * 60));
  const back = minMinutes * 60 + (fnv1a(seed) % span);
  return Math.floor(beforeMs / 1000 - back) * 1000;
}
