import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';

const started: (string | null)[] = [];
const state = { live: true };
vi.mock('@/lib/source', () => ({
  sourceConfigFromEnv: () =>
    state.live ? { snapshotPaths: [], live: { kubeconfig: '/kc', context: null } } : { snapshotPaths: [] },
}));
vi.mock('@/lib/source/live', () => ({
  CONTEXT_COOKIE: 'kubepath-context',
  listContexts: async () => ({ contexts: ['dev', 'prod'], defaultContext: 'dev', error: null }),
  resolveContext: async () => 'dev',
  requestedContext: async () => null,
  liveSourceFor: (_t: unknown, context: string | null) => {
    started.push(context);
  },
}));
const { GET, POST } = await import('./route');

function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return POST(
    new NextRequest('http://127.0.0.1:3000/api/contexts', {
      method: 'POST',
      body,
      headers: { host: '127.0.0.1:3000', ...headers },
    }),
  );
}

beforeEach(() => {
  started.length = 0;
  state.live = true;
});

describe('/api/contexts', () => {
  it('lists the kubeconfig contexts and the active one', async () => {
    expect(await (await GET()).json()).toEqual({ live: true, contexts: ['dev', 'prod'], active: 'dev', error: null });
    state.live = false;
    expect(await (await GET()).json()).toEqual({ live: false, contexts: [], active: null });
  });

  it('switches to a context of the kubeconfig: cookie set, its informers started', async () => {
    const res = await post(JSON.stringify({ context: 'prod' }), {
      'content-type': 'application/json',
      origin: 'http://127.0.0.1:3000',
    });
    expect(res.status).toBe(200);
    expect(res.cookies.get('kubepath-context')).toMatchObject({
      value: 'prod',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    });
    expect(started).toEqual(['prod']);
  });

  it('refuses names that are not in the kubeconfig, other origins, non-JSON bodies and non-live mode', async () => {
    const unknown = await post(JSON.stringify({ context: 'prod"><img src=x onerror=alert(1)>' }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('unknown_context');
    expect(
      (
        await post(JSON.stringify({ context: 'prod' }), {
          'content-type': 'application/json',
          origin: 'http://evil.example',
        })
      ).status,
    ).toBe(403);
    expect((await post('context=prod', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post(JSON.stringify({ context: '' }))).status).toBe(400);
    state.live = false;
    expect((await post(JSON.stringify({ context: 'prod' }))).status).toBe(400);
    expect(started).toEqual([]);
  });
});
