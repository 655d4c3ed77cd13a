// The address a browser used to reach kubepath, and whether a request's Origin is that address.
// X-Forwarded-Host/-Proto are believed only from a trusted proxy (scripts/serve.mjs decides which
// peers are); from anyone else they are ignored, so they cannot make a foreign origin look like ours.

/** The host (and port) the browser addressed: X-Forwarded-Host from a trusted proxy, else Host. */
export function publicHost(headers: Pick<Headers, 'get'>, trustedPeer: boolean): string | null {
  const forwarded = trustedPeer ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : null;
  return forwarded || headers.get('host');
}

/** The scheme the browser used: X-Forwarded-Proto from a trusted proxy, else `fallback`. */
export function publicProto(headers: Pick<Headers, 'get'>, trustedPeer: boolean, fallback: string): string {
  const forwarded = trustedPeer ? headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : null;
  return forwarded === 'https' || forwarded === 'http' ? forwarded : fallback;
}

/**
 * True when the request's Origin names the host it was sent to. A request without Origin (curl, not a
 * browser: browsers send Origin on every POST) passes unless `requireOrigin`.
 */
export function sameOrigin(headers: Pick<Headers, 'get'>, trustedPeer: boolean, requireOrigin: boolean): boolean {
  const origin = headers.get('origin');
  if (!origin) return !requireOrigin;
  const host = publicHost(headers, trustedPeer);
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
