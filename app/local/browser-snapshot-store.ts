// The snapshot store of this tab: sessionStorage plus an IndexedDB object store for large snapshots.
// One instance per page load (module scope), so its memory layer outlives the /local component.
import { createSnapshotStore, type BigStore, type SnapshotStore } from './snapshot-store';

const DB_NAME = 'kubepath-local';
const STORE = 'snapshots';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE);
  return request(r);
}

/** Runs `work` in one transaction and resolves when it commits. */
async function inTransaction<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, mode);
    // Listen before any request settles, so the commit cannot be missed.
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const r = work(tx.objectStore(STORE));
    const result = r ? await request(r) : undefined;
    await committed;
    return result;
  } finally {
    db.close();
  }
}

const indexedDbStore: BigStore = {
  async get(key) {
    const v = await inTransaction('readonly', (s) => s.get(key));
    return typeof v === 'string' ? v : undefined;
  },
  async replaceAll(key, value) {
    await inTransaction('readwrite', (s) => {
      s.clear();
      s.put(value, key);
    });
  },
  async clear() {
    await inTransaction('readwrite', (s) => {
      s.clear();
    });
  },
};

/** This tab's sessionStorage, or null on the server or when the browser disables storage. */
export function sessionStorageOrNull(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null; // storage disabled by the browser's settings
  }
}

let store: SnapshotStore | null = null;

/** The tab's snapshot store (created on first use, in the browser only). */
export function browserSnapshotStore(): SnapshotStore {
  store ??= createSnapshotStore(sessionStorageOrNull(), typeof indexedDB === 'undefined' ? null : indexedDbStore);
  return store;
}
