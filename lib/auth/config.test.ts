import { describe, expect, it } from 'vitest';
import { authConfigFromEnv, authEnabled, DEFAULT_JWT_HEADERS } from './config';

describe('authConfigFromEnv', () => {
  it('defaults to none, with the oauth2-proxy header names', () => {
    const c = authConfigFromEnv({});
    expect(c).toMatchObject({ mode: 'none', jwt: null, allowedUsers: null, allowedGroups: null, signinUrl: null });
    expect(c).toMatchObject({ userHeaders: ['x-forwarded-user', 'x-auth-request-user'] });
    expect(authEnabled({})).toBe(false);
    expect(authEnabled({ KUBEPATH_AUTH: 'jwt' })).toBe(true);
  });

  it('refuses an unknown mode and allow-lists without authentication, saying what to set', () => {
    expect(authConfigFromEnv({ KUBEPATH_AUTH: 'basic' })).toEqual({
      error: 'KUBEPATH_AUTH must be none, proxy-headers or jwt, not "basic"',
    });
    expect(authConfigFromEnv({ KUBEPATH_ALLOWED_USERS: 'alice' })).toHaveProperty('error');
  });

  it('jwt mode needs the JWKS URL, issuer and audience', () => {
    expect(authConfigFromEnv({ KUBEPATH_AUTH: 'jwt', KUBEPATH_JWKS_URL: 'https://idp/jwks' })).toEqual({
      error: 'KUBEPATH_AUTH=jwt needs KUBEPATH_JWT_ISSUER, KUBEPATH_JWT_AUDIENCE',
    });
    expect(
      authConfigFromEnv({
        KUBEPATH_AUTH: 'jwt',
        KUBEPATH_JWKS_URL: 'file:///etc/passwd',
        KUBEPATH_JWT_ISSUER: 'i',
        KUBEPATH_JWT_AUDIENCE: 'a',
      }),
    ).toHaveProperty('error');
    const ok = authConfigFromEnv({
      KUBEPATH_AUTH: 'jwt',
      KUBEPATH_JWKS_URL: 'https://idp.example/jwks',
      KUBEPATH_JWT_ISSUER: 'https://idp.example',
      KUBEPATH_JWT_AUDIENCE: 'kubepath, kubepath-2',
    });
    expect(ok).toMatchObject({
      jwt: { audience: ['kubepath', 'kubepath-2'], headers: DEFAULT_JWT_HEADERS, issuer: 'https://idp.example' },
    });
  });

  it('takes overridden header names, allow-lists and a sign-in URL', () => {
    const c = authConfigFromEnv({
      KUBEPATH_AUTH: 'proxy-headers',
      KUBEPATH_USER_HEADER: 'Remote-User',
      KUBEPATH_GROUPS_HEADER: 'Remote-Groups',
      KUBEPATH_ALLOWED_USERS: 'alice, bob@example.com',
      KUBEPATH_ALLOWED_GROUPS: 'sre',
      KUBEPATH_SIGNIN_URL: '/oauth2/start',
    });
    expect(c).toMatchObject({
      userHeaders: ['remote-user'],
      emailHeaders: ['x-forwarded-email', 'x-auth-request-email'],
      groupsHeaders: ['remote-groups'],
      allowedUsers: ['alice', 'bob@example.com'],
      allowedGroups: ['sre'],
      signinUrl: '/oauth2/start',
    });
    expect(
      authConfigFromEnv({ KUBEPATH_AUTH: 'proxy-headers', KUBEPATH_SIGNIN_URL: 'javascript:alert(1)' }),
    ).toHaveProperty('error');
  });
});
