// KUBEPATH_AUTH=proxy-headers: the identity an auth proxy (oauth2-proxy and the like) put in request
// headers — believed only when the request's peer is one of KUBEPATH_TRUSTED_PROXIES, since anyone
// else can send the same headers. Pure.
import type { AuthConfig } from './config';
import type { AuthDecision } from './identity';

/** Longest header value taken (names, emails and group lists are short; anything longer is not them). */
const MAX_VALUE = 4096;

function valueOf(headers: Pick<Headers, 'get'>, name: string | undefined): string | null {
  const v = name ? headers.get(name)?.trim() : undefined;
  return v && v.length <= MAX_VALUE ? v : null;
}

/** Index of the first header in `names` that the request carries, or -1. */
function familyOf(headers: Pick<Headers, 'get'>, names: string[]): number {
  return names.findIndex((n) => valueOf(headers, n) !== null);
}

/**
 * The identity in the proxy's headers, or 401 when the peer is not trusted or no user is named.
 * The header lists are families by position (X-Forwarded-* first, X-Auth-Request-* second): user, email
 * and groups are all read from the family that names the user. Mixing families would let a browser add
 * its own `X-Auth-Request-Groups` next to the `X-Forwarded-User` oauth2-proxy wrote, since a proxy
 * overwrites only the headers it sets itself and passes the others through.
 */
export function identityFromProxyHeaders(
  config: Pick<AuthConfig, 'userHeaders' | 'emailHeaders' | 'groupsHeaders'>,
  headers: Pick<Headers, 'get'>,
  trustedPeer: boolean,
): AuthDecision {
  if (!trustedPeer)
    return { ok: false, status: 401, reason: 'the request did not come through a proxy in KUBEPATH_TRUSTED_PROXIES' };
  let family = familyOf(headers, config.userHeaders);
  if (family < 0) family = familyOf(headers, config.emailHeaders);
  if (family < 0) return { ok: false, status: 401, reason: 'the trusted proxy sent no user or email header' };
  const email = valueOf(headers, config.emailHeaders[family]);
  const user = valueOf(headers, config.userHeaders[family]) ?? email;
  if (!user) return { ok: false, status: 401, reason: 'the trusted proxy sent no user or email header' };
  const groups = (valueOf(headers, config.groupsHeaders[family]) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return { ok: true, identity: { user, email, groups } };
}
