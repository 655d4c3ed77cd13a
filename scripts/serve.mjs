#!/usr/bin/env node
// The production entry of kubepath: runs Next's standalone server (`server.js`, the file the container
// image runs) behind a thin wrapper around the request listener. Usage:
//   node scripts/serve.mjs [path/to/standalone/server.js]     (default: ./server.js next to this file)
// The container image copies this file next to server.js and runs `node serve.mjs`; scripts/demo.mjs
// (`npm start`, the e2e and live tests) runs it the same way. Only Node built-ins: the standalone
// output has no dev dependencies.
//
// Why a wrapper: Next's route handlers and proxy.ts see the request's headers, never its socket. The
// wrapper knows the real peer address, so it
//   - records, per request, the peer, whether it is one of KUBEPATH_TRUSTED_PROXIES and the client IP
//     resolved from X-Forwarded-For through the trusted proxies only, in a process-wide table
//     (globalThis[Symbol.for('kubepath.server')]) keyed by a random id; the id travels to Next in the
//     `x-kubepath-request-id` header, which is removed from every incoming request first. A forged id
//     names no entry, and without this wrapper there is no table: then no peer is trusted (fail closed);
//   - writes the access log (JSON lines on stdout: time, user, method, path, status, ip, ms; not for
//     probes and static files), the user being filled in by the Next side once it has authenticated the
//     request (lib/server/request-context.ts);
//   - limits request bodies while they stream: a declared Content-Length over KUBEPATH_MAX_BODY_BYTES
//     (default 64 KiB) is answered 413 before a byte is read, a chunked body is counted as it arrives
//     and cut off at the limit (413, connection closed);
//   - counts HTTP requests by route and status for /metrics;
//   - refuses to start unauthenticated on a non-loopback address (KUBEPATH_AUTH=none, the default,
//     listens on 127.0.0.1 unless KUBEPATH_HOST says otherwise; KUBEPATH_ALLOW_UNAUTHENTICATED=true
//     allows it).
import http from 'node:http';
import { BlockList, isIP } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATE = Symbol.for('kubepath.server');
const REQUEST_ID_HEADER = 'x-kubepath-request-id';
const AUTH_MODES = ['none', 'proxy-headers', 'jwt'];
/**
 * Counted in /metrics, not written to the access log: the probes the kubelet and Prometheus poll, and
 * the app's static files (a dozen per page view, none carrying data).
 */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/favicon.ico', '/theme-init.js']);
const quiet = (path) => QUIET_PATHS.has(path) || path.startsWith('/_next/static/');
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function fail(message) {
  console.error(`kubepath: ${message}`);
  process.exit(2);
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) → "10.0.0.1". */
function normalizeAddress(address) {
  if (!address) return null;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
}

/** KUBEPATH_TRUSTED_PROXIES (comma-separated CIDRs or addresses) as a BlockList; exits on a bad entry. */
function trustedProxies(text) {
  const list = new BlockList();
  for (const entry of (text ?? '').split(',').map((s) => s.trim())) {
    if (!entry) continue;
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || extra !== undefined || !/^\d+$/.test(bits ?? String(max)) || prefix > max)
      fail(`KUBEPATH_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 127.0.0.1)`);
    list.addSubnet(addr, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function isTrusted(list, address) {
  const family = isIP(address ?? '');
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: X-Forwarded-For read from the right, skipping trusted proxies, starting at the
 * peer; the first untrusted hop is the client. From an untrusted peer the header is ignored.
 */
function clientAddress(list, peer, forwardedFor) {
  if (!isTrusted(list, peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(',')
    .map((s) => normalizeAddress(s.trim()))
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i])) break; // garbage: stop at the last address we could trust
    client = hops[i];
    if (!isTrusted(list, client)) break;
  }
  return client;
}

/** A bounded set of route labels for metrics. */
function routeLabel(path) {
  if (path.startsWith('/_next/static/')) return '/_next/static';
  if (path.startsWith('/_next/')) return '/_next';
  if (/^\/services\/[^/]+\/[^/]+\/?$/.test(path)) return '/services/:namespace/:name';
  const known = ['/', '/local', '/healthz', '/readyz', '/metrics', '/theme-init.js', '/favicon.ico'];
  if (known.includes(path)) return path;
  if (/^\/api\/(analysis|contexts|events|progress|trace)$/.test(path)) return path;
  return 'other';
}

function settings(env) {
  const auth = (env.KUBEPATH_AUTH ?? '').trim() || 'none';
  if (!AUTH_MODES.includes(auth)) fail(`KUBEPATH_AUTH must be one of ${AUTH_MODES.join(', ')}, not "${auth}"`);
  const host = (env.KUBEPATH_HOST ?? '').trim() || (auth === 'none' ? '127.0.0.1' : '0.0.0.0');
  const loopback = host === 'localhost' || /^127\./.test(host) || host === '::1';
  if (auth === 'none' && !loopback && env.KUBEPATH_ALLOW_UNAUTHENTICATED !== 'true')
    fail(
      `refusing to listen on ${host} without authentication: anyone who reaches that address could read the ` +
        'cluster. Set KUBEPATH_AUTH=proxy-headers or jwt (see README "Authentication"), listen on 127.0.0.1 ' +
        '(unset KUBEPATH_HOST), or set KUBEPATH_ALLOW_UNAUTHENTICATED=true if something else protects the port.',
    );
  const maxBody = Number(env.KUBEPATH_MAX_BODY_BYTES ?? 64 * 1024);
  if (!Number.isInteger(maxBody) || maxBody < 1) fail('KUBEPATH_MAX_BODY_BYTES must be a positive whole number');
  if (auth === 'proxy-headers' && !(env.KUBEPATH_TRUSTED_PROXIES ?? '').trim())
    fail('KUBEPATH_AUTH=proxy-headers needs KUBEPATH_TRUSTED_PROXIES: the addresses of the proxy that signs users in');
  if (auth === 'jwt') {
    const missing = ['KUBEPATH_JWKS_URL', 'KUBEPATH_JWT_ISSUER', 'KUBEPATH_JWT_AUDIENCE'].filter(
      (k) => !(env[k] ?? '').trim(),
    );
    if (missing.length > 0) fail(`KUBEPATH_AUTH=jwt needs ${missing.join(', ')}`);
  }
  return { auth, host, maxBody, trusted: trustedProxies(env.KUBEPATH_TRUSTED_PROXIES) };
}

/** Bytes of a refused body read and thrown away so the client gets to read the 413, before hanging up. */
const DRAIN_LIMIT = 128 * 1024 * 1024;

/**
 * Answers 413. `closing`: the connection closes once the upload ends (a chunked body cut off), so the answer
 * says `Connection: close` (RFC 9112 §9.6) — else a keep-alive client reuses the socket for its next request
 * and meets the close as "socket hang up" — and its last byte is written but the response is ended only when
 * the upload ends (limitStreamingBody): ending it at once would make Node destroy the socket, resetting the
 * upload still arriving and perhaps the client's unread 413 with it.
 */
function tooLarge(res, maxBody, closing = false) {
  if (res.headersSent) return;
  const body = JSON.stringify({
    error: { code: 'payload_too_large', message: `The request body is larger than ${maxBody} bytes.` },
  });
  res.writeHead(413, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(closing ? { connection: 'close' } : {}),
  });
  if (closing) res.write(body);
  else res.end(body);
}

/**
 * Refuses a body whose declared length is over the limit: 413 at once, and the upload is read and
 * discarded (never buffered) so the client gets to read the answer; past DRAIN_LIMIT it is cut off.
 */
function refuseDeclared(req, res, maxBody) {
  tooLarge(res, maxBody);
  let drained = 0;
  req.on('data', (c) => {
    drained += c.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.on('error', () => {});
}

/**
 * Counts a chunked body as the socket delivers it. Past the limit: 413, and from then on the data is
 * discarded instead of reaching Next (which never sees the body end: the connection is closed when
 * the upload ends, so its half-read request is abandoned, not answered twice).
 */
function limitStreamingBody(req, res, maxBody) {
  let seen = 0;
  let over = false;
  const push = req.push.bind(req);
  req.push = (chunk, encoding) => {
    if (chunk) seen += chunk.length;
    if (!over && seen > maxBody) {
      over = true;
      tooLarge(res, maxBody, true);
    }
    if (!over) return push(chunk, encoding);
    // The upload is over (or too long to wait for): the 413, already sent, ends and the connection closes
    // (Connection: close makes Node close it once the response finishes).
    if (chunk === null || seen > DRAIN_LIMIT) {
      res.end();
      req.socket.end();
    }
    return true;
  };
}

function wrapListener(listener, cfg, state) {
  return (req, res) => {
    const started = performance.now();
    delete req.headers[REQUEST_ID_HEADER];
    for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
      if (req.rawHeaders[i].toLowerCase() === REQUEST_ID_HEADER) req.rawHeaders.splice(i, 2);
    const peer = normalizeAddress(req.socket.remoteAddress);
    const forwardedFor = req.headers['x-forwarded-for'];
    const record = {
      peer,
      trustedPeer: isTrusted(cfg.trusted, peer),
      clientIP: clientAddress(cfg.trusted, peer, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor),
      user: null,
    };
    const id = randomUUID();
    state.requests.set(id, record);
    req.headers[REQUEST_ID_HEADER] = id;
    req.rawHeaders.push(REQUEST_ID_HEADER, id);
    const path = (req.url ?? '/').split('?')[0];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      state.requests.delete(id);
      const status = res.headersSent ? res.statusCode : 0;
      const key = JSON.stringify([req.method, routeLabel(path), String(status)]);
      state.http.set(key, (state.http.get(key) ?? 0) + 1);
      if (quiet(path)) return;
      const line = {
        time: new Date().toISOString(),
        type: 'access',
        user: record.user,
        method: req.method,
        path,
        status,
        ip: record.clientIP,
        ms: Math.round(performance.now() - started),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    };
    res.once('finish', finish);
    res.once('close', finish);
    if (!BODYLESS.has(req.method ?? 'GET')) {
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > cfg.maxBody) return refuseDeclared(req, res, cfg.maxBody);
      if (declared === undefined && req.headers['transfer-encoding']) limitStreamingBody(req, res, cfg.maxBody);
    }
    return listener(req, res);
  };
}

const cfg = settings(process.env);
const state = (globalThis[STATE] ??= { requests: new Map(), http: new Map(), startedAt: Date.now() });
const createServer = http.createServer;
http.createServer = function kubepathCreateServer(...args) {
  const i = args.findIndex((a) => typeof a === 'function');
  if (i >= 0) args[i] = wrapListener(args[i], cfg, state);
  const server = createServer.apply(this, args);
  // `Expect: 100-continue` (curl sends it for large bodies): refuse an oversized body before it is sent.
  server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length']) > cfg.maxBody) {
      res.shouldKeepAlive = false;
      tooLarge(res, cfg.maxBody);
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
  return server;
};
// The standalone server reads its address from HOSTNAME (which Docker sets to the container's name).
process.env.HOSTNAME = cfg.host;
const here = dirname(fileURLToPath(import.meta.url));
const serverJs = resolve(process.argv[2] ?? join(here, 'server.js'));
createRequire(import.meta.url)(serverJs);
