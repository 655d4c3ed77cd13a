// Encoded JSON bodies of GET /api/analysis, shared by identical requests: 20 concurrent requests for the
// same page of the same analysis serialise and encode it once (at the scale limits a page is megabytes;
// serialising it per request cost seconds of CPU and hundreds of MB when they came at once). Bodies belong
// to one view: a new view (a changed snapshot, a live update) starts afresh. Bounded by total bytes.
// Compression stays Next's, per response: Next drops a route's Content-Encoding header (send-response.js
// FORBIDDEN_HEADERS), so a body gzipped here would be sent gzipped twice.

/** Bytes of bodies kept at most (least recently used ones go first). */
export const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/** A cache of bodies for one view at a time; `body(view, key, make)` answers `make()`'s JSON, encoded. */
export function createBodyCache(maxBytes = MAX_CACHED_BYTES) {
  let owner: object | null = null;
  const bodies = new Map<string, Uint8Array>();
  let bytes = 0;
  const encoder = new TextEncoder();

  return function body(view: object, key: string, make: () => unknown): Uint8Array {
    if (owner !== view) {
      owner = view;
      bodies.clear();
      bytes = 0;
    }
    const kept = bodies.get(key);
    if (kept) {
      bodies.delete(key); // most recently used last
      bodies.set(key, kept);
      return kept;
    }
    const made = encoder.encode(JSON.stringify(make()));
    if (made.byteLength > maxBytes) return made;
    bodies.set(key, made);
    bytes += made.byteLength;
    for (const [k, b] of bodies) {
      if (bytes <= maxBytes) break;
      bodies.delete(k);
      bytes -= b.byteLength;
    }
    return made;
  };
}

/**
 * A response whose body is `bytes` themselves, shared with every other response of the same body. A
 * Uint8Array given to `new Response` is copied (fetch's "extract a body"): megabytes of fresh off-heap memory
 * per response, whose pressure forced a major collection of the server's whole heap in every burst of
 * identical requests. A default (not byte) stream hands readers the chunk as it is, never detaching it; the
 * chunk is a Buffer view of the bytes because Next's gzip (compression's toBuffer) copies any other chunk.
 */
export function sharedBodyResponse(bytes: Uint8Array, headers: HeadersInit): Response {
  const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { headers });
}
