// The status line's progress text while the worker reads, parses and analyses. Kept outside React state:
// each percent re-renders only the status line (LocalProgress.tsx), not the whole page, so the main
// thread's tasks stay a few milliseconds long while hundreds of progress messages arrive.

/** The current progress text (null when idle), with subscribers for useSyncExternalStore. */
export interface ProgressStore {
  get(): string | null;
  set(text: string | null): void;
  subscribe(onChange: () => void): () => void;
}

/** A new store, idle. */
export function createProgressStore(): ProgressStore {
  let text: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => text,
    set(next) {
      if (next === text) return;
      text = next;
      for (const l of listeners) l();
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}
