// scripts/serve.mjs, run for real in front of a stand-in for Next's server.js (testdata/fake-server.cjs).
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/free-port';

const ROOT = join(__dirname, '..', '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** The test runner's environment without KUBEPATH_* settings (each test gives its own). */
const baseEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KUBEPATH_')));

/** Starts serve.mjs with `env`; resolves when it listens, or with its exit code and stderr. */
async function serve(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'serve.mjs'), join(__dirname, 'testdata', 'fake-server.cjs')],
    {
      env: { ...baseEnv(), PORT: String(port), ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  const started = await new Promise<{ code: number | null }>((resolve) => {
    child.stderr!.on('data', (d) => {
      stderr += String(d);
      if (stderr.includes('listening')) resolve({ code: null });
    });
    child.on('exit', (code) => resolve({ code }));
  });
  return { port, ...started, stderr: () => stderr, stdout: () => stdout };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { headers: Record<string, string>; record: Record<string, unknown> | null; size: number; rss: number } | null;
}

function call(
  port: number,
  o: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: Buffer | (() => AsyncGenerator<Buffer>);
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path ?? '/', headers: o.headers },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += String(d)));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode!, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    // The server may answer 413 and close while the body is still being written: the late EPIPE on the
    // socket is expected, not a test failure (the answer was already read).
    req.on('socket', (socket) => socket.on('error', () => {}));
    const body = o.body;
    if (typeof body === 'function') {
      (async () => {
        try {
          for await (const chunk of body()) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          req.end();
        } catch {
          // the server cut the body off
        }
      })();
    } else req.end(body);
  });
}

describe('scripts/serve.mjs', () => {
  it('refuses to listen on a non-loopback address without authentication, and says why', async () => {
    const s = await serve({ KUBEPATH_HOST: '0.0.0.0' });
    expect(s.code).toBe(2);
    expect(s.stderr()).toContain('refusing to listen on 0.0.0.0 without authentication');
    expect(s.stderr()).toContain('KUBEPATH_ALLOW_UNAUTHENTICATED=true');
    const allowed = await serve({ KUBEPATH_HOST: '0.0.0.0', KUBEPATH_ALLOW_UNAUTHENTICATED: 'true' });
    expect(allowed.code).toBeNull();
    expect(allowed.stderr()).toContain('listening 0.0.0.0:');
  });

  it('listens on 127.0.0.1 by default; refuses bad settings', async () => {
    const s = await serve({});
    expect(s.stderr()).toContain(`listening 127.0.0.1:${s.port}`);
    expect((await serve({ KUBEPATH_AUTH: 'basic' })).code).toBe(2);
    const noProxies = await serve({ KUBEPATH_AUTH: 'proxy-headers' });
    expect(noProxies.code).toBe(2);
    expect(noProxies.stderr()).toContain('needs KUBEPATH_TRUSTED_PROXIES');
    expect((await serve({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_TRUSTED_PROXIES: '10.0.0.0/33' })).code).toBe(2);
    const jwt = await serve({ KUBEPATH_AUTH: 'jwt', KUBEPATH_JWKS_URL: 'https://idp/jwks' });
    expect(jwt.code).toBe(2);
    expect(jwt.stderr()).toContain('KUBEPATH_AUTH=jwt needs KUBEPATH_JWT_ISSUER, KUBEPATH_JWT_AUDIENCE');
    // Authenticated modes listen on every interface by default (a pod behind its auth proxy).
    const pod = await serve({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_TRUSTED_PROXIES: '10.0.0.0/8' });
    expect(pod.stderr()).toContain(`listening 0.0.0.0:${pod.port}`);
  });

  it('records the peer, trusts X-Forwarded-For only through trusted proxies, and strips a forged request id', async () => {
    const s = await serve({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_TRUSTED_PROXIES: '127.0.0.1/32' });
    const a = await call(s.port, {
      headers: {
        'x-forwarded-for': '203.0.113.9, 127.0.0.5',
        'x-kubepath-request-id': 'forged',
        'x-test-user': 'alice',
      },
    });
    expect(a.json!.headers['x-kubepath-request-id']).not.toBe('forged');
    // 127.0.0.5 is not trusted (only 127.0.0.1/32): it is the client, not 203.0.113.9 before it.
    expect(a.json!.record).toEqual({ peer: '127.0.0.1', trustedPeer: true, clientIP: '127.0.0.5', user: 'alice' });
    const untrusted = await serve({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_TRUSTED_PROXIES: '10.0.0.0/8' });
    const b = await call(untrusted.port, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(b.json!.record).toMatchObject({ peer: '127.0.0.1', trustedPeer: false, clientIP: '127.0.0.1' });
    const chain = await serve({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_TRUSTED_PROXIES: '127.0.0.0/8,::1' });
    const c = await call(chain.port, { headers: { 'x-forwarded-for': '198.51.100.4, 127.0.0.9' } });
    expect(c.json!.record).toMatchObject({ clientIP: '198.51.100.4' });
  });

  it('writes the access log as JSON lines with the user the app recorded and the resolved client IP', async () => {
    const s = await serve({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_TRUSTED_PROXIES: '127.0.0.1' });
    await call(s.port, {
      path: '/services/shop/web?view=Local',
      headers: { 'x-test-user': 'alice', 'x-forwarded-for': '192.0.2.7' },
    });
    await call(s.port, { path: '/healthz' });
    await call(s.port, { path: '/_next/static/chunks/app.js' });
    await new Promise((r) => setTimeout(r, 100));
    const lines = s
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1); // probes and static files are counted, not logged
    expect(lines[0]).toMatchObject({
      type: 'access',
      user: 'alice',
      method: 'GET',
      path: '/services/shop/web',
      status: 200,
      ip: '192.0.2.7',
    });
    expect(Date.parse(lines[0].time)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 413 to a 64 MB body before reading it, and cuts off a chunked one at the limit', async () => {
    const s = await serve({});
    const before = (await call(s.port)).json!.rss;
    const big = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const r = await call(s.port, {
      method: 'POST',
      path: '/api/trace',
      body: big,
      headers: { 'content-type': 'application/json' },
    }).catch((e: Error) => ({ status: -1, error: e.message }) as unknown as Answer);
    expect(r).toMatchObject({ status: 413 });
    async function* chunks() {
      for (let i = 0; i < 1024; i++) yield Buffer.alloc(64 * 1024, 0x20); // 64 MB, chunked
    }
    const streamed = await call(s.port, {
      method: 'POST',
      path: '/api/contexts',
      body: chunks,
      headers: { 'transfer-encoding': 'chunked' },
    }).catch(() => ({ status: -1 }) as Answer);
    expect(streamed.status).toBe(413);
    // The server closes this connection once the upload ends: it says so, or a keep-alive client (Node's
    // default agent, used by the calls below) reuses the socket and gets "socket hang up".
    expect(streamed.headers.connection).toBe('close');
    expect(r.headers.connection).not.toBe('close'); // a declared body is drained: that connection stays usable
    const after = (await call(s.port)).json!.rss;
    // Reading either body would hold at least its 64 MiB; what stays below that is socket buffers and GC
    // timing, which varied from 6 to 36 MiB across runs on the loaded 2-core machine.
    expect(after - before).toBeLessThan(48 * 1024 * 1024);
    const small = await call(s.port, { method: 'POST', path: '/api/trace', body: Buffer.from('{"a":1}') });
    expect(small.json!.size).toBe(7);
  });

  it('keeps the connection when the app answers a chunked upload before reading it (the limit is never met)', async () => {
    const s = await serve({});
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    /** One request through the single keep-alive socket; resolves with the answer and the socket it used. */
    const send = (path: string, body?: Buffer[]) =>
      new Promise<{ res: IncomingMessage; socket: Socket }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: s.port, method: body ? 'POST' : 'GET', path, agent });
        req.on('error', reject);
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ res, socket: req.socket! }));
        });
        if (body) for (const chunk of body) req.write(chunk); // no Content-Length: chunked
        req.end();
      });
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(32 * 1024, 0x20)); // 256 KiB, over 64 KiB
    const first = await send('/early-413', chunks);
    expect(first.res.statusCode).toBe(413);
    expect(first.res.headers.connection).toBe('keep-alive'); // the app's own answer
    let closed = false;
    first.socket.once('close', () => (closed = true));
    await new Promise((r) => setTimeout(r, 300)); // the upload has ended: a closing server would have closed by now
    expect(closed).toBe(false);
    const second = await send('/');
    expect(second.res.statusCode).toBe(200);
    expect(second.socket).toBe(first.socket); // the same connection, as the first answer promised
    agent.destroy();
  });

  it('refuses an oversized body announced with Expect: 100-continue before the client sends it', async () => {
    const s = await serve({});
    const answer = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = request({
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path: '/api/trace',
        headers: { expect: '100-continue', 'content-length': String(64 * 1024 * 1024) },
      });
      req.on('continue', () => {
        continued = true;
        req.destroy();
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, continued });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer).toEqual({ status: 413, continued: false });
  });
});
