import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PendingLoad } from '@/lib/source/types';

const state: { pending: PendingLoad | null; asked: number } = { pending: null, asked: 0 };
vi.mock('@/lib/source', () => ({
  getPendingLoad: async () => {
    state.asked++;
    return state.pending;
  },
}));
const { GET } = await import('./route');

const get = () => GET(new Request('http://127.0.0.1:3000/api/progress'));

afterEach(() => {
  delete process.env.KUBEPATH_AUTH;
  delete process.env.KUBEPATH_TRUSTED_PROXIES;
  state.asked = 0;
});

describe('GET /api/progress', () => {
  it('answers the load under way without the label, or null once the view is at hand', async () => {
    const progress = { phase: 'analysing' as const, done: 3400, total: 10000, startedAt: '2026-12-06T05:00:00.000Z' };
    state.pending = { label: '/srv/secret/snap.json', progress };
    const res = await get();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ loading: progress });
    expect(text).not.toContain('secret');
    state.pending = null;
    expect(await (await get()).json()).toEqual({ loading: null });
  });

  it('is refused without authentication when authentication is on, before reading the source', async () => {
    process.env.KUBEPATH_AUTH = 'proxy-headers';
    process.env.KUBEPATH_TRUSTED_PROXIES = '127.0.0.2/32';
    const res = await get();
    expect(res.status).toBe(401);
    expect(state.asked).toBe(0);
  });
});
