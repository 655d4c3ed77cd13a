import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { authenticate } from './authenticate';
import { authConfigFromEnv, type AuthConfig } from './config';
import { identityFromJwt } from './jwt';

// A real JWKS endpoint on 127.0.0.1, fetched by jose's remote key set as in production.
let server: Server;
let jwksUrl: string;
let key: CryptoKey;
let otherKey: CryptoKey;
const ISSUER = 'https://idp.test';
const AUDIENCE = 'kubepath';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function config(extra: Record<string, string> = {}): AuthConfig {
  return authConfigFromEnv({
    KUBEPATH_AUTH: 'jwt',
    KUBEPATH_JWKS_URL: jwksUrl,
    KUBEPATH_JWT_ISSUER: ISSUER,
    KUBEPATH_JWT_AUDIENCE: AUDIENCE,
    ...extra,
  }) as AuthConfig;
}

async function token(
  o: { claims?: JWTPayload; key?: CryptoKey; aud?: string; iss?: string; exp?: number | string } = {},
) {
  return new SignJWT({ email: 'alice@example.com', groups: ['sre'], ...o.claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('user-123')
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(o.exp ?? '5m')
    .sign(o.key ?? key);
}

const pomerium = (t: string) => new Headers({ 'X-Pomerium-Jwt-Assertion': t });

describe('identityFromJwt (jose against a JWKS URL)', () => {
  it('accepts a valid assertion from any of the known headers', async () => {
    const c = config();
    const t = await token();
    expect(await identityFromJwt(c.jwt!, pomerium(t))).toEqual({
      ok: true,
      identity: { user: 'alice@example.com', email: 'alice@example.com', groups: ['sre'] },
    });
    for (const h of ['x-goog-iap-jwt-assertion', 'Cf-Access-Jwt-Assertion'])
      expect(await identityFromJwt(c.jwt!, new Headers({ [h]: t }))).toMatchObject({ ok: true });
  });

  it('refuses an expired assertion', async () => {
    const expired = await token({ exp: Math.floor(Date.now() / 1000) - 3600 });
    const r = await identityFromJwt(config().jwt!, pomerium(expired));
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(!r.ok && r.reason).toContain('ERR_JWT_EXPIRED');
  });

  it('refuses an assertion signed by another key', async () => {
    const r = await identityFromJwt(config().jwt!, pomerium(await token({ key: otherKey })));
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(!r.ok && r.reason).toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('refuses an assertion for another audience or from another issuer', async () => {
    const aud = await identityFromJwt(config().jwt!, pomerium(await token({ aud: 'grafana' })));
    expect(aud).toMatchObject({ ok: false, status: 401 });
    expect(!aud.ok && aud.reason).toContain('"aud"');
    const iss = await identityFromJwt(config().jwt!, pomerium(await token({ iss: 'https://evil.test' })));
    expect(iss).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a missing or unsigned assertion', async () => {
    expect(await identityFromJwt(config().jwt!, new Headers())).toMatchObject({ ok: false, status: 401 });
    const p = (await token()).split('.')[1];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    expect(await identityFromJwt(config().jwt!, pomerium(none))).toMatchObject({ ok: false, status: 401 });
  });

  it('reads only KUBEPATH_JWT_HEADER when it is set', async () => {
    const c = config({ KUBEPATH_JWT_HEADER: 'X-Auth-Jwt' });
    const t = await token();
    expect(await identityFromJwt(c.jwt!, pomerium(t))).toMatchObject({ ok: false, status: 401 });
    expect(await identityFromJwt(c.jwt!, new Headers({ 'x-auth-jwt': t }))).toMatchObject({ ok: true });
  });

  it('answers 500 (not 401) when the JWKS cannot be read', async () => {
    const c = config({ KUBEPATH_JWKS_URL: 'http://127.0.0.1:1/jwks' });
    expect(await identityFromJwt(c.jwt!, pomerium(await token()))).toMatchObject({ ok: false, status: 500 });
  });
});

describe('authenticate', () => {
  it('applies the allow-lists to a verified user: 403 outside them', async () => {
    const t = await token();
    const h = { headers: pomerium(t), trustedPeer: false };
    expect(await authenticate(config({ KUBEPATH_ALLOWED_GROUPS: 'sre' }), h)).toMatchObject({ ok: true });
    expect(await authenticate(config({ KUBEPATH_ALLOWED_USERS: 'bob@example.com' }), h)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('in proxy-headers mode refuses identity headers from an untrusted peer', async () => {
    const c = authConfigFromEnv({ KUBEPATH_AUTH: 'proxy-headers' }) as AuthConfig;
    const headers = new Headers({ 'x-forwarded-user': 'alice' });
    expect(await authenticate(c, { headers, trustedPeer: false })).toMatchObject({ ok: false, status: 401 });
    expect(await authenticate(c, { headers, trustedPeer: true })).toMatchObject({
      ok: true,
      identity: { user: 'alice' },
    });
  });
});
