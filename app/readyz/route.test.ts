import { afterEach, describe, expect, it, vi } from 'vitest';

const live = { state: 'connecting', started: [] as (string | null)[] };
vi.mock('server-only', () => ({}));
vi.mock('@/lib/source/live', () => ({
  allowedContexts: async () => ({ contexts: ['dev'], defaultContext: 'dev', error: null }),
  liveSourceFor: (_t: unknown, context: string | null) => {
    live.started.push(context);
    return { status: () => ({ state: live.state }) };
  },
  liveClientState: async () => null,
  liveSourceForRequest: async () => null,
}));
const { GET } = await import('./route');
const { GET: healthz } = await import('../healthz/route');

afterEach(() => {
  delete process.env.KUBEPATH_SOURCE;
});

describe('/readyz and /healthz', () => {
  it('live: 503 before the first sync and while the API server cannot be read, 200 once synced', async () => {
    process.env.KUBEPATH_SOURCE = 'live';
    for (const [state, status] of [
      ['connecting', 503],
      ['synced', 200],
      ['reconnecting', 503],
      ['error', 503],
    ] as const) {
      live.state = state;
      const res = await GET();
      expect(res.status, state).toBe(status);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe(status === 200 ? 'ready\n' : `not ready: ${state}\n`);
    }
    expect(live.started.every((c) => c === 'dev')).toBe(true); // the default context, started by the probe
  });

  it('demo: ready once the data is read; /healthz always 200 without data', async () => {
    process.env.KUBEPATH_SOURCE = 'demo';
    expect((await GET()).status).toBe(200);
    const h = healthz();
    expect(h.status).toBe(200);
    expect(await h.text()).toBe('ok\n');
  });
});
