'use client';
// The progress text of /local's status line: the only part of the page that re-renders per percent.
import { useSyncExternalStore } from 'react';
import type { ProgressStore } from './progress-store';

/** The store's current text. */
export function LocalProgress({ store }: { store: ProgressStore }) {
  return useSyncExternalStore(store.subscribe, store.get, () => null);
}
