import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest, type NextResponse } from 'next/server';
import { REQUEST_ID_HEADER, type ServerState } from '@/lib/server/request-context';

const started: (string | null)[] = [];
const state = { live: true };
vi.mock('@/lib/source', () => ({
  sourceConfigFromEnv: () =>
    state.live ? { snapshotPaths: [], live: { kubeconfig: '/kc', context: null } } : { snapshotPaths: [] },
}));
vi.mock('@/lib/source/live', () => ({
  CONTEXT_COOKIE: 'kubepath-context',
  allowedContexts: async () => ({ contexts: ['dev', 'prod'], defaultContext: 'dev', error: null }),
  resolveContext: async () => 'dev',
  requestedContext: async () => null,
  liveSourceFor: (_t: unknown, context: string | null) => {
    started.push(context);
  },
}));
const { GET, POST } = await import('./route');

const STATE = Symbol.for('kubepath.server');
/** Registers a request as scripts/serve.mjs does; returns the id header to send. */
function fromPeer(peer: string, trustedPeer: boolean): Record<string, string> {
  const s = ((globalThis as Record<symbol, ServerState>)[STATE] ??= {
    requests: new Map(),
    http: new Map(),
    startedAt: 0,
  });
  const id = `test-${Math.random()}`;
  s.requests.set(id, { peer, trustedPeer, clientIP: peer, user: null });
  return { [REQUEST_ID_HEADER]: id };
}

function post(body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return POST(
    new NextRequest('http://127.0.0.1:3000/api/contexts', {
      method: 'POST',
      body: body as BodyInit,
      headers: { host: '127.0.0.1:3000', ...headers },
    }),
  );
}
const JSON_CT = { 'content-type': 'application/json' };

beforeEach(() => {
  started.length = 0;
  state.live = true;
});
afterEach(() => {
  delete process.env.KUBEPATH_AUTH;
  delete process.env.KUBEPATH_TRUSTED_PROXIES;
});

describe('/api/contexts', () => {
  it('lists the allowed contexts and the active one', async () => {
    const get = () => GET(new Request('http://127.0.0.1:3000/api/contexts'));
    expect(await (await get()).json()).toEqual({ live: true, contexts: ['dev', 'prod'], active: 'dev', error: null });
    state.live = false;
    expect(await (await get()).json()).toEqual({ live: false, contexts: [], active: null });
  });

  it('switches to an allowed context: cookie set, its informers started', async () => {
    const res = (await post(JSON.stringify({ context: 'prod' }), {
      ...JSON_CT,
      origin: 'http://127.0.0.1:3000',
    })) as NextResponse;
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.cookies.get('kubepath-context')).toMatchObject({
      value: 'prod',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    });
    expect(started).toEqual(['prod']);
  });

  it('refuses names that are not allowed, other origins, non-JSON bodies and non-live mode', async () => {
    const unknown = await post(JSON.stringify({ context: 'prod"><img src=x onerror=alert(1)>' }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('unknown_context');
    expect(
      (await post(JSON.stringify({ context: 'prod' }), { ...JSON_CT, origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect((await post('context=prod', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post(JSON.stringify({ context: '' }))).status).toBe(400);
    state.live = false;
    expect((await post(JSON.stringify({ context: 'prod' }))).status).toBe(400);
    expect(started).toEqual([]);
  });

  it('believes X-Forwarded-Host only from a trusted proxy: a forged one cannot make a foreign origin pass', async () => {
    const forged = await post(JSON.stringify({ context: 'prod' }), {
      ...JSON_CT,
      origin: 'http://evil.example',
      'x-forwarded-host': 'evil.example',
      ...fromPeer('198.51.100.7', false),
    });
    expect(forged.status).toBe(403);
    expect(started).toEqual([]);
    const proxied = await post(JSON.stringify({ context: 'prod' }), {
      ...JSON_CT,
      origin: 'https://kubepath.example.com',
      'x-forwarded-host': 'kubepath.example.com',
      ...fromPeer('10.0.0.5', true),
    });
    expect(proxied.status).toBe(200);
    expect(started).toEqual(['prod']);
  });

  it('with authentication on, refuses a POST without Origin and an unauthenticated one (401)', async () => {
    process.env.KUBEPATH_AUTH = 'proxy-headers';
    process.env.KUBEPATH_TRUSTED_PROXIES = '10.0.0.0/8';
    const signedIn = { ...JSON_CT, 'x-forwarded-user': 'alice' };
    expect(
      (await post(JSON.stringify({ context: 'prod' }), { ...signedIn, ...fromPeer('10.0.0.5', true) })).status,
    ).toBe(403);
    const anonymous = await post(JSON.stringify({ context: 'prod' }), { ...JSON_CT, origin: 'http://127.0.0.1:3000' });
    expect(anonymous.status).toBe(401);
    const ok = await post(JSON.stringify({ context: 'prod' }), {
      ...signedIn,
      origin: 'http://127.0.0.1:3000',
      ...fromPeer('10.0.0.5', true),
    });
    expect(ok.status).toBe(200);
    expect(started).toEqual(['prod']);
  });

  it('stops reading a body past the limit and answers 413', async () => {
    const big = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const res = await post(big, { ...JSON_CT, 'content-length': String(big.byteLength) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    // Without a declared length the limit is enforced while the body streams.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const streamed = await POST(
      new NextRequest('http://127.0.0.1:3000/api/contexts', {
        method: 'POST',
        body: stream,
        headers: { host: '127.0.0.1:3000', ...JSON_CT },
        duplex: 'half',
      } as ConstructorParameters<typeof NextRequest>[1]),
    );
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(10); // stopped after ~1 KiB, not after reading an endless stream
    expect(started).toEqual([]);
  });
});
