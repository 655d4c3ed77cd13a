// An open event stream is checked again on every heartbeat: it ends once its assertion has expired.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { LiveSource } from '@/lib/live/live-source';
import { FakeTransport, raw } from '@/lib/live/testing/fake-transport';
import { setTestKeys } from '@/lib/auth/guard';

const state: { source: LiveSource | null } = { source: null };
vi.mock('@/lib/source', () => ({ getLiveSource: async () => state.source }));
const { GET } = await import('./route');

afterEach(() => {
  state.source?.stop();
  state.source = null;
  setTestKeys(undefined);
  for (const k of ['KUBEPATH_AUTH', 'KUBEPATH_JWKS_URL', 'KUBEPATH_JWT_ISSUER', 'KUBEPATH_JWT_AUDIENCE'])
    delete process.env[k];
  vi.useRealTimers();
});

describe('GET /api/events with authentication', () => {
  it('refuses a stream without an assertion, and ends an open one when its assertion expires', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    setTestKeys(createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' }] }));
    Object.assign(process.env, {
      KUBEPATH_AUTH: 'jwt',
      KUBEPATH_JWKS_URL: 'https://idp.test/jwks',
      KUBEPATH_JWT_ISSUER: 'https://idp.test',
      KUBEPATH_JWT_AUDIENCE: 'kubepath',
    });
    vi.useFakeTimers({ now: Date.UTC(2026, 5, 1, 12, 0, 0) });
    const t = new FakeTransport('dev', 'https://10.0.0.1:6443');
    t.seed('Service', [raw.svc('shop', 'web', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] })]);
    state.source = new LiveSource({ transport: t, context: 'dev', debounceMs: 5, log: () => {} });
    await state.source.start();
    await vi.advanceTimersByTimeAsync(10);

    expect((await GET(new Request('http://kp/api/events'))).status).toBe(401);

    // Valid for 20 s (plus jose's 30 s clock tolerance): alive at the first heartbeats, ended after expiry.
    const jwt = await new SignJWT({ email: 'alice@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setSubject('alice')
      .setIssuer('https://idp.test')
      .setAudience('kubepath')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 20)
      .sign(privateKey);
    const res = await GET(new Request('http://kp/api/events', { headers: { 'x-pomerium-jwt-assertion': jwt } }));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let done = false;
    const pump = (async () => {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        text += decoder.decode(r.value);
      }
      done = true;
    })();
    await vi.advanceTimersByTimeAsync(15_000);
    // The check (WebCrypto) settles outside the fake clock: wait for its heartbeat.
    await vi.waitFor(() => expect(text).toContain(': heartbeat'));
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(45_000); // 60 s: past exp + tolerance
    await vi.waitFor(() => expect(done).toBe(true));
    await pump;
  });
});
