// Security headers. Pages get a Content-Security-Policy with a fresh nonce per request (proxy.ts;
// Next puts the nonce on its own inline scripts, see the Next.js CSP guide,
// node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md); every other response gets
// a policy that allows nothing (next.config.ts). The app needs: its own scripts, styles, fonts and
// images ('self'), data:/blob: images (the diagram export), fetch/EventSource to itself, and inline
// style attributes (React renders the diagram's `style` props as attributes; style-src-attr allows those
// without allowing <style> elements).

/** Headers on every response. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** The policy of responses that are not pages (JSON, SSE, metrics, static files). */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of the app's own static scripts. A dedicated Web Worker (the /local analysis) runs under the
 * policy of its script's response, not the page's (https://www.w3.org/TR/CSP3/#fetch-integration, "workers"),
 * so these may load the app's own chunks and nothing else.
 */
export const STATIC_SCRIPT_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The policy of a page rendered with `nonce`; `dev` adds what `next dev` needs (eval, websocket HMR). */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh nonce (128 random bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
