import { describe, expect, it } from 'vitest';
import { freshArray } from './fresh-array';

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
