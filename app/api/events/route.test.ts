import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveSource } from '@/lib/live/live-source';
import type { LiveEvent } from '@/lib/live/status';
import { FakeTransport, raw } from '@/lib/live/testing/fake-transport';

const state: { source: LiveSource | null } = { source: null };
vi.mock('@/lib/source', () => ({ getLiveSource: async () => state.source }));
const { GET } = await import('./route');

/** Reads SSE text from the response until `until` matches or the time runs out. */
async function readUntil(res: Response, until: (text: string) => boolean, ms = 3000): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  while (!until(text) && Date.now() < deadline) {
    pending ??= reader.read();
    const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    if (!chunk) continue; // keep waiting on the same read: a second read() would lose this one's data
    pending = null;
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return text;
}

const events = (text: string): LiveEvent[] =>
  text
    .split('\n\n')
    .filter((b) => b.startsWith('data: '))
    .map((b) => JSON.parse(b.slice(6)) as LiveEvent);

afterEach(() => {
  state.source?.stop();
  state.source = null;
});

describe('GET /api/events', () => {
  it('answers 204 outside live mode (EventSource then stops retrying)', async () => {
    const res = await GET(new Request('http://localhost/api/events'));
    expect(res.status).toBe(204);
  });

  it('streams the current version and status at once, then every new version', async () => {
    const t = new FakeTransport('kind-dev', 'https://127.0.0.1:6443');
    t.seed('Namespace', [raw.ns('shop')]);
    t.seed('Service', [raw.svc('shop', 'web', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] })]);
    state.source = new LiveSource({ transport: t, context: 'kind-dev', debounceMs: 5, log: () => {} });
    await state.source.start();
    await state.source.current();
    const controller = new AbortController();
    const res = await GET(new Request('http://localhost/api/events', { signal: controller.signal }));
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('no-store');
    setTimeout(
      () => t.emit('Service', 'ADDED', raw.svc('shop', 'api', { clusterIP: '10.96.0.11', ports: [{ port: 80 }] })),
      100,
    );
    const text = await readUntil(res, (s) => events(s).some((e) => e.version === 2));
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    const got = events(text);
    expect(got[0]).toMatchObject({
      version: 1,
      status: { state: 'synced', context: 'kind-dev', server: 'https://127.0.0.1:6443' },
    });
    expect(got.at(-1)).toMatchObject({ version: 2, status: { version: 2 } });
    controller.abort();
  });
});
