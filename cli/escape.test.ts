import { describe, expect, it } from 'vitest';
import { escapeStrings } from './escape';

describe('escapeStrings', () => {
  it('escapes control characters in strings at any depth, keys untouched', () => {
    const value = { a: 'ok', b: ['x\u001b[31my', { c: 'tab\there', d: 3 }], e: null, 'k\n': 'del\u007f' };
    expect(escapeStrings(value)).toEqual({
      a: 'ok',
      b: ['x\\e[31my', { c: 'tab\\there', d: 3 }],
      e: null,
      'k\n': 'del\\x7f',
    });
  });

  it('never changes its argument and shares only what needed no escaping', () => {
    const clean = { rows: [{ pod: 'web-1' }, { pod: 'web-2' }] };
    const value = { clean, dirty: { name: 'a\rb', n: 1 }, list: ['fine', 'bad\u0085'] };
    const out = escapeStrings(value);
    expect(value.dirty.name).toBe('a\rb');
    expect(value.list[1]).toBe('bad\u0085');
    expect(out).not.toBe(value);
    expect(out.dirty).not.toBe(value.dirty);
    expect(out.list).toEqual(['fine', 'bad\\x85']);
    expect(out.clean).toBe(clean); // no copy of a subtree without control characters
    expect(escapeStrings(clean)).toBe(clean);
  });
});
