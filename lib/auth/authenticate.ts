// One decision per request: who sent it (per KUBEPATH_AUTH) and whether the allow-lists let them in.
import type { JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './config';
import { authorize, type AuthDecision } from './identity';
import { identityFromJwt } from './jwt';
import { identityFromProxyHeaders } from './proxy-headers';

/** What the guard knows about a request. */
export interface AuthRequest {
  headers: Pick<Headers, 'get'>;
  /** The peer is in KUBEPATH_TRUSTED_PROXIES (from scripts/serve.mjs; false when unknown). */
  trustedPeer: boolean;
}

/** Authenticates and authorises a request; `keys` replaces the remote JWKS in tests. */
export async function authenticate(
  config: AuthConfig,
  req: AuthRequest,
  keys?: JWTVerifyGetKey,
): Promise<AuthDecision> {
  if (config.mode === 'none') return { ok: true, identity: null };
  const who =
    config.mode === 'proxy-headers'
      ? identityFromProxyHeaders(config, req.headers, req.trustedPeer)
      : await identityFromJwt(config.jwt!, req.headers, keys);
  if (!who.ok || !who.identity) return who;
  return authorize(config, who.identity);
}
