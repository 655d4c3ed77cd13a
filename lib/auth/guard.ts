// The request guard, called where data is read: every data route handler, the layout and pages
// (through lib/source), the event stream — and first by proxy.ts for page requests, which can redirect
// to sign-in. Denials are logged with the reason; the client only learns 401/403.
import type { JWTVerifyGetKey } from 'jose';
import { requestRecord, UNKNOWN_PEER, type RequestRecord } from '../server/request-context';
import { authenticate } from './authenticate';
import { authConfigFromEnv, type AuthConfig } from './config';
import type { AuthDecision } from './identity';

let cached: { key: string; config: AuthConfig | { error: string } } | null = null;

/** The configuration of the current environment (parsed once per distinct environment). */
export function currentAuthConfig(): AuthConfig | { error: string } {
  const env = process.env;
  const key = JSON.stringify(
    Object.keys(env)
      .filter((k) => k.startsWith('KUBEPATH_'))
      .sort()
      .map((k) => [k, env[k]]),
  );
  if (!cached || cached.key !== key) cached = { key, config: authConfigFromEnv(env) };
  return cached.config;
}

const test: { keys?: JWTVerifyGetKey } = {};
/** Tests: verify assertions with these keys instead of fetching KUBEPATH_JWKS_URL. */
export function setTestKeys(keys: JWTVerifyGetKey | undefined): void {
  test.keys = keys;
}

/** Authenticates the request with these headers; records the user for the access log. */
export async function checkRequest(headers: Pick<Headers, 'get'>, what: string): Promise<AuthDecision> {
  const config = currentAuthConfig();
  const record: RequestRecord = requestRecord(headers) ?? UNKNOWN_PEER;
  const decision: AuthDecision =
    'error' in config
      ? { ok: false, status: 500, reason: `configuration: ${config.error}` }
      : await authenticate(config, { headers, trustedPeer: record.trustedPeer }, test.keys);
  const user = decision.ok ? decision.identity?.user : (decision as { user?: string }).user;
  if (user && record !== UNKNOWN_PEER) record.user = user;
  if (!decision.ok) {
    console.warn(
      JSON.stringify({
        time: new Date().toISOString(),
        type: 'auth',
        status: decision.status,
        what,
        ip: record.clientIP,
        reason: decision.reason,
      }),
    );
  }
  return decision;
}

const MESSAGES = {
  401: 'Sign in first: this kubepath requires authentication.',
  403: 'You are signed in but not allowed to use this kubepath.',
  500: 'The server cannot check who you are; the server log has the details.',
} as const;

/** For route handlers: null when the request may read data, else the JSON error response. */
export async function guardApi(request: Request): Promise<Response | null> {
  const decision = await checkRequest(request.headers, `${request.method} ${new URL(request.url).pathname}`);
  if (decision.ok) return null;
  const code = decision.status === 401 ? 'unauthenticated' : decision.status === 403 ? 'forbidden' : 'auth_error';
  return Response.json(
    { error: { code, message: MESSAGES[decision.status] } },
    { status: decision.status, headers: { 'cache-control': 'no-store' } },
  );
}

/** Thrown by guardPage: the page is not rendered (error boundary) when proxy.ts was bypassed. */
export class AccessDeniedError extends Error {
  constructor(readonly status: 401 | 403 | 500) {
    super(MESSAGES[status]);
    this.name = 'AccessDeniedError';
  }
}

/** For server components (layout, pages, via lib/source): throws AccessDeniedError unless allowed. */
export async function guardPage(): Promise<void> {
  const config = currentAuthConfig();
  if (!('error' in config) && config.mode === 'none') return;
  const { headers } = await import('next/headers');
  const decision = await checkRequest(await headers(), 'page');
  if (!decision.ok) throw new AccessDeniedError(decision.status);
}
