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
const { liveSourceFor, resolveContext, stopAllLiveSources } = await import('./live');

const target = { kubeconfig: '/kc', context: null };

afterEach(() => {
  stopAllLiveSources();
  delete process.env.KUBEPATH_LIVE_MAX_CONTEXTS;
});

describe('live sources per context', () => {
  it('uses a requested context only when the kubeconfig has it', async () => {
    expect(await resolveContext(target, 'prod')).toBe('prod');
    expect(await resolveContext(target, 'prod; rm -rf /')).toBe('dev');
    expect(await resolveContext(target, null)).toBe('dev');
    expect(await resolveContext({ kubeconfig: '/kc', context: 'staging' }, null)).toBe('staging');
  });

  it('shares one running source per context and stops the least recently used past the limit', async () => {
    process.env.KUBEPATH_LIVE_MAX_CONTEXTS = '2';
    const dev = liveSourceFor(target, 'dev');
    expect(liveSourceFor(target, 'dev')).toBe(dev);
    const prod = liveSourceFor(target, 'prod');
    await vi.waitFor(() => expect(prod.status().context).toBe('prod'), { timeout: 10_000 });
    liveSourceFor(target, 'dev'); // dev used again: prod is now the oldest
    liveSourceFor(target, 'staging');
    expect(liveSourceFor(target, 'dev')).toBe(dev);
    // prod was stopped and is started afresh when asked for again.
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
});
