import { describe, expect, it } from 'vitest';
import { createProgressStore } from './progress-store';

describe('progress store', () => {
  it('starts idle, tells subscribers about each new text, and stops telling them after unsubscribing', () => {
    const store = createProgressStore();
    expect(store.get()).toBeNull();
    const seen: (string | null)[] = [];
    const stop = store.subscribe(() => seen.push(store.get()));
    store.set('Reading… 0%');
    store.set('Reading… 0%');
    store.set('Parsing… 5%');
    stop();
    store.set(null);
    expect(seen).toEqual(['Reading… 0%', 'Parsing… 5%']);
    expect(store.get()).toBeNull();
  });
});
