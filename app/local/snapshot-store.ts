// Keeps the snapshot opened on /local for this tab's session, so Back (or a reload) shows it again
// instead of an empty file picker. Nothing leaves the browser. Three layers, fastest first:
//   - memory: survives client-side navigation (the module outlives the page component);
//   - sessionStorage: survives reloads and a Back that reloads the page; ends with the tab; its
//     quota is ~5 MiB per origin (counted in UTF-16 units), so only snapshots under SESSION_LIMIT_CHARS go there;
//   - IndexedDB for larger snapshots: no small quota, but not tied to the tab, so sessionStorage holds
//     the key of the one entry of this session and every other entry (an ended session's) is deleted.
import type { LocalTextFile } from '@/lib/source/local-files';

/** What is kept: the picked files' text (analysed again on restore) and when they were opened. */
export interface StoredSnapshot {
  files: LocalTextFile[];
  tooLarge: { name: string; size: number }[];
  /** ISO 8601. */
  loadedAt: string;
}

/** The sessionStorage API this needs (injected so tests can use a fake). */
export interface SessionLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A string store for snapshots too large for sessionStorage (IndexedDB in the browser). */
export interface BigStore {
  get(key: string): Promise<string | undefined>;
  /** Replaces everything stored with this one entry. */
  replaceAll(key: string, value: string): Promise<void>;
  clear(): Promise<void>;
}

/** Largest JSON kept in sessionStorage (UTF-16 units); well under the ~5 MiB browsers allow per origin. */
export const SESSION_LIMIT_CHARS = 2_000_000;

/** The sessionStorage key of the snapshot (or of the IndexedDB entry that holds it). */
export const SNAPSHOT_KEY = 'kubepath.local.snapshot';

/** Where a snapshot ended up. */
export type StoredIn = 'session' | 'indexeddb' | 'memory';

/** The store: save/load/clear, with the layers above. */
export interface SnapshotStore {
  /** The snapshot in memory, synchronously (set after a save or load in this page's lifetime). */
  peek(): StoredSnapshot | null;
  save(snapshot: StoredSnapshot): Promise<StoredIn>;
  load(): Promise<StoredSnapshot | null>;
  clear(): Promise<void>;
}

function isStoredSnapshot(v: unknown): v is StoredSnapshot {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (
    Array.isArray(s.files) &&
    s.files.every((f) => f && typeof f.name === 'string' && typeof f.text === 'string') &&
    Array.isArray(s.tooLarge) &&
    s.tooLarge.every((f) => f && typeof f.name === 'string' && typeof f.size === 'number') &&
    typeof s.loadedAt === 'string'
  );
}

function parseStored(json: string | undefined | null): StoredSnapshot | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return isStoredSnapshot(v) ? v : null;
  } catch {
    return null;
  }
}

/** A store over the given session storage and big store (either may be missing, e.g. in private modes). */
export function createSnapshotStore(session: SessionLike | null, big: BigStore | null): SnapshotStore {
  let memory: StoredSnapshot | null = null;
  return {
    peek: () => memory,
    async save(snapshot) {
      memory = snapshot;
      const json = JSON.stringify(snapshot);
      if (session && json.length <= SESSION_LIMIT_CHARS) {
        try {
          session.setItem(SNAPSHOT_KEY, JSON.stringify({ in: 'session', snapshot }));
          await big?.clear().catch(() => {});
          return 'session';
        } catch {
          // Quota exceeded (other data of this origin): try IndexedDB.
        }
      }
      if (session && big) {
        const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        try {
          await big.replaceAll(id, json);
          session.setItem(SNAPSHOT_KEY, JSON.stringify({ in: 'indexeddb', id }));
          return 'indexeddb';
        } catch {
          // IndexedDB unavailable or full: memory only.
        }
      }
      session?.removeItem(SNAPSHOT_KEY);
      return 'memory';
    },
    async load() {
      if (memory) return memory;
      let pointer: { in?: string; id?: unknown; snapshot?: unknown } | null = null;
      try {
        pointer = JSON.parse(session?.getItem(SNAPSHOT_KEY) ?? 'null');
      } catch {
        pointer = null;
      }
      if (!pointer) {
        // A new session: whatever IndexedDB still holds belongs to an ended one.
        await big?.clear().catch(() => {});
        return null;
      }
      if (pointer.in === 'session') memory = isStoredSnapshot(pointer.snapshot) ? pointer.snapshot : null;
      else if (pointer.in === 'indexeddb' && typeof pointer.id === 'string' && big)
        memory = parseStored(await big.get(pointer.id).catch(() => undefined));
      return memory;
    },
    async clear() {
      memory = null;
      session?.removeItem(SNAPSHOT_KEY);
      await big?.clear().catch(() => {});
    },
  };
}
