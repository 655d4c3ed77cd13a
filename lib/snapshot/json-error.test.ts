import { describe, expect, it } from 'vitest';
import { lineColumnAt, lineLocator } from './json-error';

describe('lineLocator', () => {
  it('gives lineColumnAt for offsets rising, falling, repeated and out of range', () => {
    const text = 'a: 1\n\nkind: Pod\r\nmetadata:\n  name: x\n';
    const locate = lineLocator(text);
    let seed = 3;
    const r = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const offsets = [0, 4, 5, 6, 6, 30, 2, text.length, text.length + 5, -1, 17];
    for (let i = 0; i < 200; i++) offsets.push(Math.floor(r() * (text.length + 2)));
    for (const offset of offsets) expect(locate(offset), String(offset)).toEqual(lineColumnAt(text, offset));
  });
});
