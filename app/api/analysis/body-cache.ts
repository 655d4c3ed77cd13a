// Encoded JSON bodies of GET /api/analysis, shared by identical requests: 20 concurrent requests for the
// same page of the same analysis serialise it once, and compress it once for the clients that accept gzip
// (browsers and fetch do; at the scale limits a page is megabytes, and serialising plus gzipping it per
// request cost seconds of CPU when they came at once). A body that is already gzipped passes Next's own
// compression untouched. Bodies belong to one view: a new view (a changed snapshot, a live update) starts
// afresh. Bounded by total bytes.
import { gzipSync } from 'node:zlib';

/** Bytes of bodies kept at most (least recently used ones go first). */
export const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/** A body as sent: the bytes and their Content-Encoding (null: plain JSON). */
export interface EncodedBody {
  bytes: Uint8Array;
  encoding: 'gzip' | null;
}

/** Does an Accept-Encoding header accept gzip (and not with q=0)? */
export function acceptsGzip(header: string | null): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name.trim() !== 'gzip' && name.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * A cache of bodies for one view at a time: `body(view, key, make, gzip)` answers `make()`'s JSON, encoded
 * (gzipped when `gzip`), computing each form once per view and key.
 */
export function createBodyCache(maxBytes = MAX_CACHED_BYTES) {
  let owner: object | null = null;
  const bodies = new Map<string, Uint8Array>();
  let bytes = 0;
  const encoder = new TextEncoder();

  function keep(key: string, made: Uint8Array): void {
    if (made.byteLength > maxBytes) return;
    bodies.set(key, made);
    bytes += made.byteLength;
    for (const [k, b] of bodies) {
      if (bytes <= maxBytes) break;
      bodies.delete(k);
      bytes -= b.byteLength;
    }
  }

  function kept(key: string): Uint8Array | undefined {
    const b = bodies.get(key);
    if (b) {
      bodies.delete(key); // most recently used last
      bodies.set(key, b);
    }
    return b;
  }

  return function body(view: object, key: string, make: () => unknown, gzip: boolean): EncodedBody {
    if (owner !== view) {
      owner = view;
      bodies.clear();
      bytes = 0;
    }
    const plainKey = `json ${key}`;
    const gzipKey = `gzip ${key}`;
    if (gzip) {
      const zipped = kept(gzipKey);
      if (zipped) return { bytes: zipped, encoding: 'gzip' };
    }
    let plain = kept(plainKey);
    if (!plain) {
      plain = encoder.encode(JSON.stringify(make()));
      keep(plainKey, plain);
    }
    if (!gzip) return { bytes: plain, encoding: null };
    const zipped = new Uint8Array(gzipSync(plain));
    keep(gzipKey, zipped);
    return { bytes: zipped, encoding: 'gzip' };
  };
}
