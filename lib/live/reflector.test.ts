import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WATCHED_KINDS } from './kinds';
import { Reflector, type ReflectorOptions } from './reflector';
import { ObjectStore } from './store';
import { FakeTransport, raw } from './testing/fake-transport';

const SVC = WATCHED_KINDS.find((k) => k.id === 'Service')!;
const svc = (name: string, port = 80) =>
  raw.svc('shop', name, { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ port }] });

function setup(opts: Partial<ReflectorOptions> = {}) {
  const t = new FakeTransport('kind-test', 'https://127.0.0.1:6443');
  const store = new ObjectStore(WATCHED_KINDS);
  const onData = vi.fn();
  const onStatus = vi.fn();
  let clock = 1_000_000;
  const r = new Reflector(
    SVC,
    t,
    store,
    { onData, onStatus },
    {
      pageSize: 2,
      silenceMs: 150_000,
      relistMs: 0,
      forbiddenRetryMs: 60_000,
      random: () => 0.5,
      backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
      now: () => clock,
      ...opts,
    },
  );
  const tick = async (ms: number) => {
    clock += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };
  return {
    t,
    store,
    r,
    onData,
    onStatus,
    tick,
    names: () => store.objectsOfKind('Service').map((o) => o.metadata?.name),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Reflector', () => {
  it('lists in pages of `limit`, stores stripped objects, then watches from the list resourceVersion', async () => {
    const { t, r, tick, names, onData } = setup();
    t.seed('Service', [svc('a'), svc('b'), svc('c')]);
    r.start();
    await tick(0);
    expect(t.calls.lists.map((c) => c.continueToken)).toEqual([null, '2']);
    expect(t.calls.lists.every((c) => c.limit === 2)).toBe(true);
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(t.calls.watches).toEqual([{ streamId: 'Service', resourceVersion: '100', timeoutSeconds: 450 }]);
    expect(r.status()).toMatchObject({ state: 'watching', initialised: true, objects: 3 });
    expect(onData).toHaveBeenCalledTimes(1);
    r.stop();
  });

  it('applies ADDED/MODIFIED/DELETED and ignores updates that change only stripped fields', async () => {
    const { t, r, tick, names, onData, store } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    onData.mockClear();
    t.emit('Service', 'ADDED', svc('b'));
    t.emit('Service', 'MODIFIED', { ...svc('a', 81) });
    t.emit('Service', 'MODIFIED', {
      ...svc('a', 81),
      metadata: { name: 'a', namespace: 'shop', managedFields: [{ manager: 'x' }] },
    });
    expect(onData).toHaveBeenCalledTimes(2);
    t.emit('Service', 'DELETED', svc('b'));
    expect(names()).toEqual(['a']);
    expect((store.service('shop/a')!.spec as { ports: { port: number }[] }).ports[0].port).toBe(81);
    r.stop();
  });

  it('re-lists on a 410 ERROR event and on an HTTP 410, and re-watches without a LIST after a normal close', async () => {
    const { t, r, tick, names } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    const lists = t.calls.lists.length;
    t.closeWatches(null); // server-side timeoutSeconds
    await tick(0);
    expect(t.calls.lists.length).toBe(lists);
    expect(t.calls.watches.length).toBe(2);
    expect(t.calls.watches[1].resourceVersion).toBe('100');

    t.seed('Service', [svc('a'), svc('z')]); // changed while we were not looking
    t.send('Service', {
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' },
    });
    await tick(0);
    expect(t.calls.lists.length).toBe(lists + 1);
    expect(names()).toEqual(['a', 'z']);

    t.goneOnWatch.add('Service');
    t.closeWatches(null);
    await tick(0);
    expect(t.calls.lists.length).toBe(lists + 2);
    expect(r.status()).toMatchObject({ state: 'watching', relists: 2 });
    r.stop();
  });

  it('restarts a LIST whose continue token expired', async () => {
    const { t, r, tick, names } = setup();
    t.seed('Service', [svc('a'), svc('b'), svc('c')]);
    t.expireNextContinue = true;
    r.start();
    await tick(0);
    expect(t.calls.lists.map((c) => c.continueToken)).toEqual([null, '2', null, '2']);
    expect(names()).toEqual(['a', 'b', 'c']);
    r.stop();
  });

  it('re-lists when a watch goes silent (no event, no bookmark), but not while bookmarks arrive', async () => {
    const { t, r, tick } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    for (let i = 0; i < 4; i++) {
      await tick(60_000);
      t.send('Service', {
        type: 'BOOKMARK',
        object: { kind: 'Service', metadata: { resourceVersion: String(200 + i) } },
      });
    }
    expect(t.calls.lists.length).toBe(1);
    expect(r.status().watchdogRelists).toBe(0);
    await tick(150_000);
    expect(t.calls.lists.length).toBe(2);
    expect(r.status()).toMatchObject({ watchdogRelists: 1, state: 'watching' });
    expect(t.openWatches('Service')).toBe(1); // the silent watch was closed, a new one opened
    r.stop();
    expect(t.openWatches('Service')).toBe(0);
  });

  it('watches from the last bookmark resourceVersion after a normal close', async () => {
    const { t, r, tick } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    t.send('Service', { type: 'BOOKMARK', object: { metadata: { resourceVersion: '555' } } });
    t.closeWatches(null);
    await tick(0);
    expect(t.calls.watches.at(-1)!.resourceVersion).toBe('555');
    r.stop();
  });

  it('marks a forbidden kind unavailable with the reason, drops its objects, and recovers when access is granted', async () => {
    const { t, r, tick, names, onData } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    t.forbidden.add('Service');
    t.closeWatches(Object.assign(new Error('Forbidden'), { statusCode: 403 }));
    await tick(0);
    expect(r.status().state).toBe('unavailable');
    expect(r.status().unavailable).toMatch(/^403 Forbidden: cannot list\/watch services \(/);
    expect(names()).toEqual([]);
    expect(onData).toHaveBeenCalledTimes(2);
    t.forbidden.delete('Service');
    await tick(60_000);
    expect(r.status()).toMatchObject({ state: 'watching', unavailable: null });
    expect(names()).toEqual(['a']);
    r.stop();
  });

  it('backs off (jittered, growing) while the server is down, keeps the data, and re-syncs when it is back', async () => {
    const { t, r, tick, names } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    const confirmed = r.status().confirmedAt!;
    await tick(5000);
    t.goDown();
    await tick(0);
    // In sync until the open watch broke; from then on the data ages.
    expect(r.status()).toMatchObject({
      state: 'backoff',
      lastError: { class: 'unreachable' },
      confirmedAt: confirmed + 5000,
    });
    expect(names()).toEqual(['a']); // last known data kept, its age visible through confirmedAt
    const watchesBefore = t.calls.watches.length;
    await tick(1000); // 1st retry after 1 s
    await tick(2000); // 2nd after 2 s
    await tick(4000); // 3rd after 4 s
    expect(t.calls.watches.length - watchesBefore).toBe(3);
    await tick(3000); // not yet: the 4th waits 8 s
    expect(t.calls.watches.length - watchesBefore).toBe(3);
    t.down = false;
    t.seed('Service', [svc('a'), svc('b')]);
    t.goneOnWatch.add('Service'); // the restarted API server does not know our resourceVersion
    await tick(5000);
    expect(r.status().state).toBe('watching');
    expect(names()).toEqual(['a', 'b']);
    expect(r.status().lastError).toBeNull();
    r.stop();
  });

  it('re-lists periodically when relistMs is set', async () => {
    const { t, r, tick } = setup({ relistMs: 600_000 });
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    for (let i = 0; i < 9; i++) {
      await tick(60_000);
      t.send('Service', { type: 'BOOKMARK', object: { metadata: { resourceVersion: '101' } } });
    }
    expect(t.calls.lists.length).toBe(1);
    await tick(61_000);
    expect(t.calls.lists.length).toBe(2);
    r.stop();
  });

  it('never opens a watch when stopped while its LIST was in flight', async () => {
    const { t, r, tick } = setup();
    t.seed('Service', [svc('a')]);
    r.start(); // the LIST is now in flight
    r.stop();
    await tick(0);
    await tick(10_000);
    expect(t.calls.lists.length).toBeGreaterThan(0);
    expect(t.calls.watches).toEqual([]);
    expect(t.openWatches()).toBe(0);
    expect(r.status().state).toBe('stopped');
  });

  it('closes its open watch at once when stopped', async () => {
    const { t, r, tick } = setup();
    t.seed('Service', [svc('a')]);
    r.start();
    await tick(0);
    expect(t.openWatches('Service')).toBe(1);
    r.stop();
    expect(t.openWatches('Service')).toBe(0);
  });

  it('retryNow() cuts a backoff sleep short (and does nothing while watching)', async () => {
    const { t, r, tick } = setup({ backoff: { initialMs: 30_000, maxMs: 30_000, jitter: 0 } });
    t.seed('Service', [svc('a')]);
    t.down = true;
    r.start();
    await tick(0);
    expect(r.status().state).toBe('backoff');
    const lists = t.calls.lists.length;
    t.down = false;
    await tick(1000);
    expect(t.calls.lists.length).toBe(lists); // still sleeping out the 30 s
    r.retryNow();
    await tick(0);
    expect(r.status().state).toBe('watching');
    const watches = t.calls.watches.length;
    r.retryNow();
    await tick(0);
    expect(t.calls.watches.length).toBe(watches);
    r.stop();
  });
});
