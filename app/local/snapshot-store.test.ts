import { describe, expect, it } from 'vitest';
import {
  SESSION_LIMIT_CHARS,
  SNAPSHOT_KEY,
  createSnapshotStore,
  type BigStore,
  type SessionLike,
  type StoredSnapshot,
} from './snapshot-store';

/** A sessionStorage with a quota in characters (like the browser's, which throws when full). */
function fakeSession(quota = Infinity): SessionLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

function fakeBig(): BigStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k) => data.get(k),
    replaceAll: async (k, v) => {
      data.clear();
      data.set(k, v);
    },
    clear: async () => data.clear(),
  };
}

const snapshot = (chars: number): StoredSnapshot => ({
  files: [{ name: 'cluster.json', text: 'x'.repeat(chars) }],
  tooLarge: [{ name: 'huge.json', size: 3e8 }],
  loadedAt: '2026-01-02T03:04:05.000Z',
});

describe('snapshot store', () => {
  it('keeps a small snapshot in sessionStorage, so a new page load (a reload, or Back) gets it back', async () => {
    const session = fakeSession();
    const big = fakeBig();
    expect(await createSnapshotStore(session, big).save(snapshot(10))).toBe('session');
    expect(big.data.size).toBe(0);
    // A new page load: a fresh store over the same session.
    const again = createSnapshotStore(session, big);
    expect(again.peek()).toBeNull();
    expect(await again.load()).toEqual(snapshot(10));
    expect(again.peek()).toEqual(snapshot(10));
  });

  it('puts a snapshot over the sessionStorage limit in the big store, with its key in the session', async () => {
    const session = fakeSession();
    const big = fakeBig();
    big.data.set('stale-from-an-ended-session', '{}');
    const large = snapshot(SESSION_LIMIT_CHARS + 1);
    expect(await createSnapshotStore(session, big).save(large)).toBe('indexeddb');
    expect([...big.data.keys()]).toHaveLength(1);
    expect(big.data.has('stale-from-an-ended-session')).toBe(false);
    expect(session.data.get(SNAPSHOT_KEY)!.length).toBeLessThan(200);
    expect(await createSnapshotStore(session, big).load()).toEqual(large);
  });

  it('falls back to the big store when sessionStorage is full', async () => {
    const session = fakeSession(1000);
    const big = fakeBig();
    expect(await createSnapshotStore(session, big).save(snapshot(5000))).toBe('indexeddb');
    expect(await createSnapshotStore(session, big).load()).toEqual(snapshot(5000));
  });

  it('keeps it in memory only when no storage works, and says so', async () => {
    const store = createSnapshotStore(null, null);
    expect(await store.save(snapshot(10))).toBe('memory');
    expect(store.peek()).toEqual(snapshot(10));
    expect(await createSnapshotStore(null, null).load()).toBeNull();
  });

  it('a new session finds nothing and deletes what an ended session left in the big store', async () => {
    const big = fakeBig();
    big.data.set('old', JSON.stringify(snapshot(10)));
    expect(await createSnapshotStore(fakeSession(), big).load()).toBeNull();
    expect(big.data.size).toBe(0);
  });

  it('ignores garbled or foreign session data', async () => {
    for (const value of ['{', '"x"', JSON.stringify({ in: 'session', snapshot: { files: 'no' } })]) {
      const session = fakeSession();
      session.setItem(SNAPSHOT_KEY, value);
      expect(await createSnapshotStore(session, fakeBig()).load(), value).toBeNull();
    }
  });

  it('clear forgets the snapshot everywhere', async () => {
    const session = fakeSession();
    const big = fakeBig();
    const store = createSnapshotStore(session, big);
    await store.save(snapshot(SESSION_LIMIT_CHARS + 1));
    await store.clear();
    expect(store.peek()).toBeNull();
    expect(session.data.size).toBe(0);
    expect(big.data.size).toBe(0);
  });
});
