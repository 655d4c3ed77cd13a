'use client';
// Keeps the files opened on /local for the tab's session (snapshot-store.ts) and hands them to the
// analysis worker again after Back or a reload, so the page shows the same snapshot instead of an empty
// picker. Reading a file's text and storing it runs on the page's thread, so files beyond KEEP_LIMIT_BYTES
// are not kept (the full-scale snapshot would block the page for seconds); the status line says so.
import { useCallback, useEffect, useState } from 'react';
import { MAX_LOCAL_FILE_BYTES } from '@/lib/source/local-limits';
import { mibUp } from '@/lib/util/mib';
import { browserSnapshotStore } from './browser-snapshot-store';
import type { StoredIn } from './snapshot-store';

/** Largest total size of picked files kept for the session. */
export const KEEP_LIMIT_BYTES = 32 * 1024 * 1024;

/** What the status line says about where the snapshot is kept. */
const KEPT: Record<StoredIn, string> = {
  session: 'Kept in this tab until it closes.',
  indexeddb: 'Kept in this tab until it closes (in the browser’s IndexedDB: too large for session storage).',
  memory: 'Not kept: the browser refused to store it, so a reload loses it.',
};

/**
 * The session copy of the picked files. `open` analyses files (the worker); `onRestored` runs after a
 * kept snapshot was analysed again. Returns the status sentence, `keep` (after a successful open) and `forget`.
 */
export function useKeptSnapshot(open: (files: File[]) => Promise<boolean>, onRestored: () => void) {
  const [kept, setKept] = useState('');

  useEffect(() => {
    let cancelled = false;
    const store = browserSnapshotStore();
    const restore = async () => {
      const stored = store.peek() ?? (await store.load());
      if (cancelled || !stored) return;
      if (await open(stored.files.map((f) => new File([f.text], f.name)))) {
        setKept('Restored from this tab’s session.');
        onRestored();
      }
    };
    void restore();
    return () => {
      cancelled = true;
    };
    // Only on mount: later snapshots come from the file picker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const keep = useCallback(async (files: File[]) => {
    const store = browserSnapshotStore();
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > KEEP_LIMIT_BYTES) {
      await store.clear();
      setKept(
        `Not kept for the session: ${mibUp(total)} MiB is more than this page keeps (${mibUp(KEEP_LIMIT_BYTES)} MiB); open the file again after Back.`,
      );
      return;
    }
    const readable = files.filter((f) => f.size <= MAX_LOCAL_FILE_BYTES);
    const tooLarge = files.filter((f) => f.size > MAX_LOCAL_FILE_BYTES).map((f) => ({ name: f.name, size: f.size }));
    const texts = await Promise.all(readable.map(async (f) => ({ name: f.name, text: await f.text() })));
    setKept(KEPT[await store.save({ files: texts, tooLarge, loadedAt: new Date().toISOString() })]);
  }, []);

  const forget = useCallback(async () => {
    await browserSnapshotStore().clear();
    setKept('');
  }, []);

  return { kept, keep, forget };
}
