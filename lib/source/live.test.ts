import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeTransport } from '../live/testing/fake-transport';

vi.mock('server-only', () => ({}));
vi.mock('../live/kube-transport', () => ({
  loadCluster: async (t: { context: string | null }) => ({
    contexts: ['dev', 'prod', 'staging'],
    context: t.context ?? 'dev',
  }),
  connect: async (t: { context: string | null }) => ({
    transport: new FakeTransport(t.context ?? 'dev', `https://${t.context}.example:6443`),
  }),
}));
const { allowedContexts, liveSourceFor, resolveContext, sourceForView, stopAllLiveSources } = await import('./live');

// A real kubeconfig file with the same contexts as the mock: the module mock was seen to be bypassed by
// a late dynamic import under load, and then the real loader must find the same contexts.
const dir = mkdtempSync(join(tmpdir(), 'kubepath-live-'));
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'dev',
    clusters: ['dev', 'prod', 'staging'].map((n) => ({ name: n, cluster: { server: `https://127.0.0.1:1/${n}` } })),
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: ['dev', 'prod', 'staging'].map((n) => ({ name: n, context: { cluster: n, user: 'u' } })),
  }),
);
const target = { kubeconfig, context: null };

afterEach(() => {
  stopAllLiveSources();
  delete process.env.KUBEPATH_LIVE_MAX_CONTEXTS;
  delete process.env.KUBEPATH_CONTEXTS;
  delete process.env.KUBEPATH_AUTH;
});

describe('live sources per context', () => {
  it('uses a requested context only when the kubeconfig has it', async () => {
    expect(await resolveContext(target, 'prod')).toBe('prod');
    expect(await resolveContext(target, 'prod; rm -rf /')).toBe('dev');
    expect(await resolveContext(target, null)).toBe('dev');
    expect(await resolveContext({ kubeconfig, context: 'staging' }, null)).toBe('staging');
  });

  it('shares one running source per context and stops the least recently used past the limit', async () => {
    process.env.KUBEPATH_LIVE_MAX_CONTEXTS = '2';
    const dev = liveSourceFor(target, 'dev');
    expect(liveSourceFor(target, 'dev')).toBe(dev);
    const prod = liveSourceFor(target, 'prod');
    await allowedContexts(target);
    liveSourceFor(target, 'dev'); // dev used again: prod is now the oldest
    liveSourceFor(target, 'staging');
    expect(liveSourceFor(target, 'dev')).toBe(dev);
    // prod was paused and is started afresh when switched to again.
    expect(prod.paused).toBe(true);
    expect(liveSourceFor(target, 'prod')).not.toBe(prod);
  });

  it('orders uses made within the same millisecond (the clock does not decide)', () => {
    process.env.KUBEPATH_LIVE_MAX_CONTEXTS = '2';
    const clock = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    try {
      const dev = liveSourceFor(target, 'dev');
      const prod = liveSourceFor(target, 'prod');
      liveSourceFor(target, 'dev');
      liveSourceFor(target, 'staging');
      expect(liveSourceFor(target, 'dev')).toBe(dev);
      expect(liveSourceFor(target, 'prod')).not.toBe(prod);
    } finally {
      clock.mockRestore();
    }
  });

  it('limits the contexts to KUBEPATH_CONTEXTS; with authentication on and no list, to the default one', async () => {
    expect((await allowedContexts(target, {})).contexts).toEqual(['dev', 'prod', 'staging']);
    expect((await allowedContexts(target, { KUBEPATH_CONTEXTS: 'prod, nope' })).contexts).toEqual(['prod']);
    expect((await allowedContexts(target, { KUBEPATH_AUTH: 'proxy-headers' })).contexts).toEqual(['dev']);
    process.env.KUBEPATH_AUTH = 'jwt';
    expect(await resolveContext(target, 'prod')).toBe('dev');
  });

  it('a page view (GET) never starts watching a context: a cookie naming another context shows the default', async () => {
    const a = await sourceForView(target, 'prod');
    expect(a.context).toBe('dev');
    const b = await sourceForView(target, 'staging');
    expect(b.source).toBe(a.source);
    // Only the switch (liveSourceFor, POST /api/contexts) starts one; then views of it show it.
    const prod = liveSourceFor(target, 'prod');
    expect((await sourceForView(target, 'prod')).source).toBe(prod);
  });

  it('past the limit the least recently used context is paused; its viewers see it paused, a GET does not restart it', async () => {
    process.env.KUBEPATH_LIVE_MAX_CONTEXTS = '1';
    const prod = liveSourceFor(target, 'prod');
    await allowedContexts(target);
    liveSourceFor(target, 'staging'); // past the limit: prod is paused
    expect(prod.status().state).toBe('paused');
    const view = await sourceForView(target, 'prod');
    expect(view).toMatchObject({ context: 'prod', source: prod });
    expect(prod.status().state).toBe('paused');
  });
});
