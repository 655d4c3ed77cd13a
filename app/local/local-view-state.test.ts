import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERVIEW_STATE } from '@/lib/view/url-state';
import { VIEW_KEY, loadLocalViewState, saveLocalViewState } from './local-view-state';
import type { SessionLike } from './snapshot-store';

function fakeSession(): SessionLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('local overview state', () => {
  it('round-trips the filters and sort through session storage', () => {
    const session = fakeSession();
    const state = {
      ...DEFAULT_OVERVIEW_STATE,
      severity: 'error' as const,
      rule: 'snat-allowlist',
      sort: 'name' as const,
      dir: 'asc' as const,
    };
    saveLocalViewState(session, state);
    expect(session.data.get(VIEW_KEY)).toBe('?severity=error&rule=snat-allowlist&sort=name');
    expect(loadLocalViewState(session)).toEqual(state);
  });

  it('has nothing before a save, and falls back per field on garbled data', () => {
    const session = fakeSession();
    expect(loadLocalViewState(session)).toBeNull();
    expect(loadLocalViewState(null)).toBeNull();
    session.setItem(VIEW_KEY, '?severity=bogus&ns=shop');
    expect(loadLocalViewState(session)).toEqual({ ...DEFAULT_OVERVIEW_STATE, ns: 'shop' });
  });

  it('ignores a storage that refuses the write', () => {
    const full: SessionLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(() => saveLocalViewState(full, DEFAULT_OVERVIEW_STATE)).not.toThrow();
  });
});
