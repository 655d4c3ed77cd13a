// Options of the cookies that remember a browser's choice (the live context, the demo cluster): the whole
// site, sent on top-level navigation, not readable by scripts, Secure when the browser came over HTTPS
// (directly or through a TLS-terminating proxy), kept for a year.
import type { NextRequest } from 'next/server';

/** Cookie options for a remembered choice answered to `request`. */
export function preferenceCookieOptions(request: NextRequest) {
  return {
    path: '/',
    sameSite: 'lax' as const,
    httpOnly: true,
    secure: request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https',
    maxAge: 60 * 60 * 24 * 365,
  };
}
