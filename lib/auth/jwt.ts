// KUBEPATH_AUTH=jwt: a signed assertion from an identity-aware proxy (Pomerium, Google IAP, Cloudflare
// Access, or KUBEPATH_JWT_HEADER), verified with jose against the provider's JWKS: signature, issuer,
// audience and expiry (https://github.com/panva/jose/blob/main/docs/jwt/verify/functions/jwtVerify.md).
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtSettings } from './config';
import type { AuthDecision } from './identity';

/** Clock skew tolerated between the proxy and kubepath (seconds). */
const CLOCK_TOLERANCE_S = 30;
/** Longest assertion read (a JWT with a large groups claim is a few KB). */
const MAX_TOKEN = 16 * 1024;

// One key set per JWKS URL and process: jose caches the keys and refetches on an unknown `kid`.
const keySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(url: string): JWTVerifyGetKey {
  let ks = keySets.get(url);
  if (!ks) {
    ks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    keySets.set(url, ks);
  }
  return ks;
}

function groupsOf(payload: JWTPayload): string[] {
  const g = payload.groups;
  if (Array.isArray(g)) return g.filter((x): x is string => typeof x === 'string');
  if (typeof g === 'string')
    return g
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** Verifies the assertion in the request's headers; `keys` replaces the remote JWKS (tests). */
export async function identityFromJwt(
  settings: JwtSettings,
  headers: Pick<Headers, 'get'>,
  keys: JWTVerifyGetKey = keySetFor(settings.jwksUrl),
): Promise<AuthDecision> {
  let token: string | null = null;
  for (const h of settings.headers) {
    token = headers.get(h)?.trim() || null;
    if (token) break;
  }
  if (!token) return { ok: false, status: 401, reason: `no assertion in ${settings.headers.join(', ')}` };
  if (token.length > MAX_TOKEN) return { ok: false, status: 401, reason: 'the assertion is too long' };
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'sub'],
    });
    const email = typeof payload.email === 'string' ? payload.email : null;
    return { ok: true, identity: { user: email ?? payload.sub!, email, groups: groupsOf(payload) } };
  } catch (err) {
    if (err instanceof errors.JOSEError) {
      // Key-set trouble is kubepath's problem (500), a bad token the client's (401).
      if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid)
        return { ok: false, status: 500, reason: `the JWKS at ${settings.jwksUrl} cannot be read: ${err.message}` };
      return { ok: false, status: 401, reason: `the assertion was rejected: ${err.code}: ${err.message}` };
    }
    return { ok: false, status: 500, reason: `verifying the assertion failed: ${String(err)}` };
  }
}
