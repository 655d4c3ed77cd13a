// Reads a request body with a byte limit enforced while it streams: reading stops, and the caller
// answers 413, as soon as the limit is passed — a huge body is never held in memory. (scripts/serve.mjs
// already refuses bodies over KUBEPATH_MAX_BODY_BYTES before Next sees them; this is the per-route limit,
// and the only one under `next dev`.)

/** The body as text, or why not. */
export type LimitedBody = { ok: true; text: string } | { ok: false; status: 413; message: string };

/** Reads at most `maxBytes` bytes of the body as UTF-8. */
export async function readLimitedText(request: Request, maxBytes: number): Promise<LimitedBody> {
  const tooLarge = {
    ok: false as const,
    status: 413 as const,
    message: `The request body is larger than ${maxBytes} bytes.`,
  };
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    return tooLarge;
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(all) };
}

/** The JSON 413 answer of the API routes. */
export function payloadTooLarge(message: string): Response {
  return Response.json(
    { error: { code: 'payload_too_large', message } },
    { status: 413, headers: { 'cache-control': 'no-store' } },
  );
}
