// The authentication configuration, read from the environment (the names are a contract, see README
// "Authentication"). Pure: the environment is a parameter. scripts/serve.mjs checks the listen address
// and KUBEPATH_TRUSTED_PROXIES before the server starts; instrumentation.ts checks the rest at start-up.

/** Environment variables (process.env, or a plain object in tests). */
export type Env = Record<string, string | undefined>;

/** How requests are authenticated. */
export type AuthMode = 'none' | 'proxy-headers' | 'jwt';

/** Signed-assertion settings (KUBEPATH_AUTH=jwt). */
export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  /** Accepted audiences (KUBEPATH_JWT_AUDIENCE, comma-separated). */
  audience: string[];
  /** Headers the assertion is read from, in order. */
  headers: string[];
}

/** Everything the request guard needs. */
export interface AuthConfig {
  mode: AuthMode;
  /** Identity headers (KUBEPATH_AUTH=proxy-headers), lower case, in order of preference. */
  userHeaders: string[];
  emailHeaders: string[];
  groupsHeaders: string[];
  jwt: JwtSettings | null;
  /** Users (names or emails) allowed in; null = anyone signed in. */
  allowedUsers: string[] | null;
  /** Groups allowed in; null = anyone signed in. */
  allowedGroups: string[] | null;
  /** Where unauthenticated page requests are sent (the original URL is passed along), or null (401). */
  signinUrl: string | null;
}

/** Assertion headers of Pomerium, Google IAP and Cloudflare Access. */
export const DEFAULT_JWT_HEADERS = ['x-pomerium-jwt-assertion', 'x-goog-iap-jwt-assertion', 'cf-access-jwt-assertion'];
/** oauth2-proxy's upstream headers (--pass-user-headers) and its auth_request response headers (nginx). */
export const DEFAULT_USER_HEADERS = ['x-forwarded-user', 'x-auth-request-user'];
export const DEFAULT_EMAIL_HEADERS = ['x-forwarded-email', 'x-auth-request-email'];
export const DEFAULT_GROUPS_HEADERS = ['x-forwarded-groups', 'x-auth-request-groups'];

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const headerList = (text: string | undefined, fallback: string[]): string[] => {
  const names = list(text).map((s) => s.toLowerCase());
  return names.length > 0 ? names : fallback;
};

/** Reads the configuration; `{ error }` says what is wrong and how to fix it. */
export function authConfigFromEnv(env: Env = process.env): AuthConfig | { error: string } {
  const raw = (env.KUBEPATH_AUTH ?? '').trim() || 'none';
  if (raw !== 'none' && raw !== 'proxy-headers' && raw !== 'jwt')
    return { error: `KUBEPATH_AUTH must be none, proxy-headers or jwt, not "${raw}"` };
  const mode: AuthMode = raw;
  const allowedUsers = list(env.KUBEPATH_ALLOWED_USERS);
  const allowedGroups = list(env.KUBEPATH_ALLOWED_GROUPS);
  if (mode === 'none' && (allowedUsers.length > 0 || allowedGroups.length > 0))
    return { error: 'KUBEPATH_ALLOWED_USERS/KUBEPATH_ALLOWED_GROUPS need KUBEPATH_AUTH=proxy-headers or jwt' };
  let jwt: JwtSettings | null = null;
  if (mode === 'jwt') {
    const jwksUrl = (env.KUBEPATH_JWKS_URL ?? '').trim();
    const issuer = (env.KUBEPATH_JWT_ISSUER ?? '').trim();
    const audience = list(env.KUBEPATH_JWT_AUDIENCE);
    const missing = [
      !jwksUrl && 'KUBEPATH_JWKS_URL',
      !issuer && 'KUBEPATH_JWT_ISSUER',
      audience.length === 0 && 'KUBEPATH_JWT_AUDIENCE',
    ].filter(Boolean);
    if (missing.length > 0) return { error: `KUBEPATH_AUTH=jwt needs ${missing.join(', ')}` };
    try {
      const u = new URL(jwksUrl);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      return { error: `KUBEPATH_JWKS_URL is not an http(s) URL: "${jwksUrl}"` };
    }
    jwt = { jwksUrl, issuer, audience, headers: headerList(env.KUBEPATH_JWT_HEADER, DEFAULT_JWT_HEADERS) };
  }
  const signinUrl = (env.KUBEPATH_SIGNIN_URL ?? '').trim() || null;
  if (signinUrl && !signinUrl.startsWith('/') && !/^https?:\/\//.test(signinUrl))
    return { error: `KUBEPATH_SIGNIN_URL must be a path (/oauth2/start) or an http(s) URL, not "${signinUrl}"` };
  return {
    mode,
    userHeaders: headerList(env.KUBEPATH_USER_HEADER, DEFAULT_USER_HEADERS),
    emailHeaders: headerList(env.KUBEPATH_EMAIL_HEADER, DEFAULT_EMAIL_HEADERS),
    groupsHeaders: headerList(env.KUBEPATH_GROUPS_HEADER, DEFAULT_GROUPS_HEADERS),
    jwt,
    allowedUsers: allowedUsers.length > 0 ? allowedUsers : null,
    allowedGroups: allowedGroups.length > 0 ? allowedGroups : null,
    signinUrl,
  };
}

/** True when requests are authenticated (then nothing internal is shown to browsers). */
export function authEnabled(env: Env = process.env): boolean {
  const mode = (env.KUBEPATH_AUTH ?? '').trim();
  return mode !== '' && mode !== 'none';
}
