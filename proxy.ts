// Next 16's proxy (formerly middleware), run before every page request (not /api, static files or the
// operations endpoints: see `config.matcher`; API routes guard themselves and are left out so Next does
// not buffer their request bodies for the proxy). It
// - answers 400 for a path that is not valid percent-encoding;
// - authenticates (lib/auth/guard.ts) and sends unauthenticated page requests to KUBEPATH_SIGNIN_URL
//   with the original URL (or answers 401/403) — the route handlers and server components check again;
// - sets the page's Content-Security-Policy with a fresh nonce, on the request (Next reads the nonce
//   from it for its inline scripts) and on the response;
// - remembers a page's `?demo=<id>` (an embedded demo cluster, lib/source/demo-choice.ts) in a cookie, on the
//   request (this page shows it) and on the response (the page's links and API calls stay in it).
import { NextResponse, type NextRequest } from 'next/server';
import { checkRequest, currentAuthConfig } from '@/lib/auth/guard';
import { signinRedirect } from '@/lib/auth/signin';
import { publicHost, publicProto } from '@/lib/server/origin';
import { preferenceCookieOptions } from '@/lib/server/preference-cookie';
import { requestRecord } from '@/lib/server/request-context';
import { isDemoId } from '@/lib/demo/catalog';
import { DEMO_COOKIE, DEMO_PARAM } from '@/lib/source/demo-choice';
import { newNonce, pageCsp } from '@/lib/server/security-headers';

const DENIED_PAGE = (status: number) =>
  `<!doctype html><meta charset="utf-8"><title>kubepath</title><p>${
    status === 401
      ? 'Sign in first: this kubepath requires authentication.'
      : status === 403
        ? 'You are signed in but not allowed to use this kubepath.'
        : 'The server cannot check who you are; the server log has the details.'
  }</p>`;

/** Authenticates page requests and sets their CSP. */
export async function proxy(request: NextRequest) {
  // A path whose percent-encoding is malformed (`/services/%E0%A4%A/x`) cannot name any Service, and Next.js
  // itself fails on it with a bare 500 (its decoder throws while rendering the dynamic segments). Answer 400.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad request: the address is not valid percent-encoded UTF-8.\n', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const decision = await checkRequest(request.headers, `page ${request.nextUrl.pathname}`);
  if (!decision.ok) {
    const config = currentAuthConfig();
    const signin = 'error' in config ? null : config.signinUrl;
    if (decision.status === 401 && signin && (request.method === 'GET' || request.method === 'HEAD')) {
      const trusted = requestRecord(request.headers)?.trustedPeer ?? false;
      const origin = `${publicProto(request.headers, trusted, request.nextUrl.protocol.replace(':', ''))}://${publicHost(request.headers, trusted) ?? request.nextUrl.host}`;
      const target = signinRedirect(signin, `${request.nextUrl.pathname}${request.nextUrl.search}`, origin);
      const res = NextResponse.redirect(new URL(target, origin), 302);
      res.headers.set('Cache-Control', 'no-store');
      return res;
    }
    return new NextResponse(DENIED_PAGE(decision.status), {
      status: decision.status,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const csp = pageCsp(newNonce(), process.env.NODE_ENV === 'development');
  const demo = request.nextUrl.searchParams.get(DEMO_PARAM);
  const chosenDemo = demo !== null && isDemoId(demo) ? demo : null;
  if (chosenDemo) request.cookies.set(DEMO_COOKIE, chosenDemo); // rewrites the request's Cookie header
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  if (chosenDemo) {
    res.cookies.set(DEMO_COOKIE, chosenDemo, preferenceCookieOptions(request));
  }
  return res;
}

export const config = {
  matcher: [
    // Everything but the API, Next's static files, the operations endpoints and public files.
    '/((?!api/|_next/static/|_next/image|healthz$|readyz$|metrics$|favicon\\.ico$|theme-init\\.js$).*)',
  ],
};
