// proxy.ts (Next 16's proxy, formerly middleware), called as Next calls it.
import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { REQUEST_ID_HEADER, type ServerState } from './request-context';

const STATE = Symbol.for('kubepath.server');
function fromPeer(trustedPeer: boolean): Record<string, string> {
  const s = ((globalThis as Record<symbol, ServerState>)[STATE] ??= {
    requests: new Map(),
    http: new Map(),
    startedAt: 0,
  });
  const id = `proxy-test-${Math.random()}`;
  s.requests.set(id, { peer: '10.0.0.9', trustedPeer, clientIP: '10.0.0.9', user: null });
  return { [REQUEST_ID_HEADER]: id };
}
const page = (path: string, headers: Record<string, string> = {}) =>
  proxy(new NextRequest(`http://kp.example${path}`, { headers: { host: 'kp.example', ...headers } }));

afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('KUBEPATH_')) delete process.env[k];
});

describe('proxy.ts', () => {
  it('without authentication: sets a fresh nonce CSP on the request (for Next) and the response', async () => {
    const a = await page('/');
    const b = await page('/');
    const csp = a.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toBe(b.headers.get('content-security-policy'));
    // NextResponse.next({ request: { headers } }) passes the overridden request headers on like this.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
  });

  it('sends an unauthenticated page request to KUBEPATH_SIGNIN_URL with the original URL', async () => {
    process.env.KUBEPATH_AUTH = 'proxy-headers';
    process.env.KUBEPATH_SIGNIN_URL = '/oauth2/start';
    const res = await page('/services/shop/web?view=Local&pod=a%2Fb');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!, 'http://kp.example');
    expect(to.pathname).toBe('/oauth2/start');
    expect(to.searchParams.get('rd')).toBe('/services/shop/web?view=Local&pod=a%2Fb');
    expect(res.headers.get('content-security-policy')).toBeNull();
  });

  it('answers 401 without a sign-in URL, 403 outside the allow-list, and lets a trusted proxy’s user through', async () => {
    process.env.KUBEPATH_AUTH = 'proxy-headers';
    process.env.KUBEPATH_ALLOWED_USERS = 'alice';
    expect((await page('/', { 'x-forwarded-user': 'alice' })).status).toBe(401); // not from a trusted proxy
    expect((await page('/', { 'x-forwarded-user': 'bob', ...fromPeer(true) })).status).toBe(403);
    const ok = await page('/', { 'x-forwarded-user': 'alice', ...fromPeer(true) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
