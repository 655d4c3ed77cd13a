// KUBEPATH_AUTH=proxy-headers: the identity an auth proxy (oauth2-proxy and the like) put in request
// headers — believed only when the request's peer is one of KUBEPATH_TRUSTED_PROXIES, since anyone
// else can send the same headers. Pure.
import type { AuthConfig } from './config';
import type { AuthDecision } from './identity';

/** Longest header value taken (names, emails and group lists are short; anything longer is not them). */
const MAX_VALUE = 4096;

function first(headers: Pick<Headers, 'get'>, names: string[]): string | null {
  for (const n of names) {
    const v = headers.get(n)?.trim();
    if (v && v.length <= MAX_VALUE) return v;
  }
  return null;
}

/** The identity in the proxy's headers, or 401 when the peer is not trusted or no user is named. */
export function identityFromProxyHeaders(
  config: Pick<AuthConfig, 'userHeaders' | 'emailHeaders' | 'groupsHeaders'>,
  headers: Pick<Headers, 'get'>,
  trustedPeer: boolean,
): AuthDecision {
  if (!trustedPeer)
    return { ok: false, status: 401, reason: 'the request did not come through a proxy in KUBEPATH_TRUSTED_PROXIES' };
  const email = first(headers, config.emailHeaders);
  const user = first(headers, config.userHeaders) ?? email;
  if (!user) return { ok: false, status: 401, reason: 'the trusted proxy sent no user or email header' };
  const groups = (first(headers, config.groupsHeaders) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return { ok: true, identity: { user, email, groups } };
}
