import { describe, expect, it, vi } from 'vitest';
import { createBodyCache, sharedBodyResponse } from './body-cache';

describe('analysis body cache', () => {
  it('serialises identical requests of one view once and answers them the same bytes', () => {
    const body = createBodyCache();
    const view = {};
    const make = vi.fn(() => ({ services: ['a/b'], n: 1 }));
    const answers = Array.from({ length: 20 }, () => body(view, 'page 1 100', make));
    expect(make).toHaveBeenCalledTimes(1);
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(new TextDecoder().decode(answers[0]))).toEqual({ services: ['a/b'], n: 1 });
    // Another page is its own body.
    const other = body(view, 'page 2 100', () => ({ services: [] }));
    expect(other).not.toBe(answers[0]);
    expect(body(view, 'page 1 100', make)).toBe(answers[0]);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('starts afresh for a new view (a changed snapshot answers the new analysis)', () => {
    const body = createBodyCache();
    const first = body({}, 'k', () => ({ v: 1 }));
    const second = body({}, 'k', () => ({ v: 2 }));
    expect(new TextDecoder().decode(first)).toBe('{"v":1}');
    expect(new TextDecoder().decode(second)).toBe('{"v":2}');
  });

  it('keeps at most maxBytes, dropping the least recently used body first; never keeps one larger than that', () => {
    const body = createBodyCache(25); // each body below is 10 bytes: {"x":"…"}
    const view = {};
    const made: string[] = [];
    const make = (x: string) => () => (made.push(x), { x: x.padEnd(2) });
    body(view, 'a', make('a'));
    body(view, 'b', make('b'));
    body(view, 'a', make('a')); // a used again: b is now the oldest
    body(view, 'c', make('c')); // 30 bytes > 25: b goes
    body(view, 'a', make('a'));
    body(view, 'b', make('b'));
    expect(made).toEqual(['a', 'b', 'c', 'b']);
    const big = () => ({ x: 'y'.repeat(100) });
    const once = body(view, 'big', big);
    expect(body(view, 'big', big)).not.toBe(once); // too large to keep: made again
  });

  it('answers with the shared bytes themselves: each response reads them, none copies or detaches them', async () => {
    const bytes = new TextEncoder().encode('{"services":["a/b"]}');
    const first = sharedBodyResponse(bytes, { 'content-type': 'application/json' });
    const second = sharedBodyResponse(bytes, { 'content-type': 'application/json' });
    expect(first.headers.get('content-type')).toBe('application/json');
    const reader = first.body!.getReader();
    const chunk = (await reader.read()).value!;
    expect(Buffer.isBuffer(chunk)).toBe(true); // gzip (Next's compression) copies anything else
    expect(chunk.buffer).toBe(bytes.buffer); // the same memory: no copy per response
    expect([chunk.byteOffset, chunk.byteLength]).toEqual([bytes.byteOffset, bytes.byteLength]);
    expect((await reader.read()).done).toBe(true);
    expect(bytes.byteLength).toBe(20); // not transferred away by the read
    expect(await second.json()).toEqual({ services: ['a/b'] });
    expect(await sharedBodyResponse(bytes, {}).text()).toBe('{"services":["a/b"]}');
  });
});
