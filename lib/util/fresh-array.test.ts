import { describe, expect, it } from 'vitest';
import { filterArray, freshArray, mapArray } from './fresh-array';

describe('freshArray', () => {
  it('returns a new, writable array of its arguments on every call', () => {
    const a = freshArray('node-1');
    const b = freshArray('node-1');
    expect(a).toEqual(['node-1']);
    expect(a).not.toBe(b);
    a.push('node-2');
    expect(a).toEqual(['node-1', 'node-2']);
    expect(b).toEqual(['node-1']);
  });

  it('makes an empty array without arguments', () => {
    const e = freshArray<number>();
    expect(e).toEqual([]);
    expect(Array.isArray(e)).toBe(true);
    expect(e).not.toBe(freshArray<number>());
  });
});

describe('mapArray', () => {
  it('maps every item in order into a new array', () => {
    const items = ['a', 'b', 'c'];
    const out = mapArray(items, (s) => s.toUpperCase());
    expect(out).toEqual(['A', 'B', 'C']);
    expect(out).not.toBe(items);
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('gives an empty, writable array for no items and calls nothing', () => {
    let calls = 0;
    const out = mapArray<number, number>([], (n) => (calls++, n));
    expect(out).toEqual([]);
    expect(calls).toBe(0);
    out.push(1);
    expect(out).toEqual([1]);
  });
});

describe('filterArray', () => {
  it('keeps the items the predicate accepts, in order, in a new array', () => {
    const items = [1, 2, 3, 4, 5];
    expect(filterArray(items, (n) => n % 2 === 1)).toEqual([1, 3, 5]);
    expect(filterArray(items, () => false)).toEqual([]);
    expect(filterArray(items, () => true)).not.toBe(items);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });
});
