import { describe, expect, it } from 'vitest';
import { readLimitedText } from './body';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://kp/api/trace', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readLimitedText', () => {
  it('reads a body within the limit', async () => {
    expect(await readLimitedText(post('{"a":1}'), 100)).toEqual({ ok: true, text: '{"a":1}' });
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    expect(await readLimitedText(post(body, { 'content-length': String(64 * 1024 * 1024) }), 1024)).toMatchObject({
      ok: false,
      status: 413,
    });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops an undeclared body as soon as it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(4096));
      },
    });
    expect(await readLimitedText(post(endless), 10_000)).toMatchObject({ ok: false, status: 413 });
    expect(pulled).toBeLessThan(6);
  });
});
