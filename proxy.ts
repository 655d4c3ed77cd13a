// Runs before routing for Service pages: a path whose percent-encoding is malformed (`/services/%E0%A4%A/x`)
// cannot name any Service, and Next.js itself fails on it with a bare 500 (its decoder throws while
// rendering the dynamic segments, and there is no /400 page to fall back to). Answer 400 here instead.
import { NextResponse, type NextRequest } from 'next/server';

/** 400 for a Service path that is not valid percent-encoding; everything else goes on untouched. */
export function proxy(request: NextRequest): NextResponse {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad request: the address is not valid percent-encoded UTF-8.\n', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return NextResponse.next();
}

/** Only the Service pages have path parameters. */
export const config = { matcher: '/services/:path*' };
