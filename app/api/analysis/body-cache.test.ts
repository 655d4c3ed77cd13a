import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { acceptsGzip, createBodyCache } from './body-cache';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('analysis body cache', () => {
  it('serialises identical requests of one view once and answers them the same bytes', () => {
    const body = createBodyCache();
    const view = {};
    const make = vi.fn(() => ({ services: ['a/b'], n: 1 }));
    const answers = Array.from({ length: 20 }, () => body(view, 'page 1 100', make, false));
    expect(make).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map((a) => a.bytes)).size).toBe(1);
    expect(answers[0].encoding).toBeNull();
    expect(JSON.parse(text(answers[0].bytes))).toEqual({ services: ['a/b'], n: 1 });
    // Another page is its own body.
    const other = body(view, 'page 2 100', () => ({ services: [] }), false);
    expect(other.bytes).not.toBe(answers[0].bytes);
    expect(body(view, 'page 1 100', make, false).bytes).toBe(answers[0].bytes);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('gzips once for the clients that accept it, from the same serialisation', () => {
    const body = createBodyCache();
    const view = {};
    const make = vi.fn(() => ({ services: Array.from({ length: 100 }, (_, i) => `ns/svc-${i}`) }));
    const zipped = Array.from({ length: 20 }, () => body(view, 'k', make, true));
    expect(new Set(zipped.map((z) => z.bytes)).size).toBe(1);
    expect(zipped[0].encoding).toBe('gzip');
    const plain = body(view, 'k', make, false);
    expect(make).toHaveBeenCalledTimes(1);
    expect(text(gunzipSync(zipped[0].bytes))).toBe(text(plain.bytes));
    expect(zipped[0].bytes.byteLength).toBeLessThan(plain.bytes.byteLength);
  });

  it('starts afresh for a new view (a changed snapshot answers the new analysis)', () => {
    const body = createBodyCache();
    const first = body({}, 'k', () => ({ v: 1 }), false);
    const second = body({}, 'k', () => ({ v: 2 }), false);
    expect(text(first.bytes)).toBe('{"v":1}');
    expect(text(second.bytes)).toBe('{"v":2}');
  });

  it('keeps at most maxBytes, dropping the least recently used body first; never keeps one larger than that', () => {
    const body = createBodyCache(25); // each body below is 10 bytes: {"x":"…"}
    const view = {};
    const made: string[] = [];
    const make = (x: string) => () => (made.push(x), { x: x.padEnd(2) });
    body(view, 'a', make('a'), false);
    body(view, 'b', make('b'), false);
    body(view, 'a', make('a'), false); // a used again: b is now the oldest
    body(view, 'c', make('c'), false); // 30 bytes > 25: b goes
    body(view, 'a', make('a'), false);
    body(view, 'b', make('b'), false);
    expect(made).toEqual(['a', 'b', 'c', 'b']);
    const big = () => ({ x: 'y'.repeat(100) });
    const once = body(view, 'big', big, false);
    expect(body(view, 'big', big, false).bytes).not.toBe(once.bytes); // too large to keep: made again
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as browsers and fetch send it, honouring q=0', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
