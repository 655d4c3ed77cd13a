import { describe, expect, it } from 'vitest';
import { authConfigFromEnv, type AuthConfig } from './config';
import { authorize } from './identity';
import { identityFromProxyHeaders } from './proxy-headers';
import { signinRedirect } from './signin';

const config = authConfigFromEnv({ KUBEPATH_AUTH: 'proxy-headers' }) as AuthConfig;

describe('identityFromProxyHeaders', () => {
  it('reads user, email and groups from a trusted proxy (oauth2-proxy and nginx auth_request names)', () => {
    const h = new Headers({
      'X-Forwarded-User': 'alice',
      'X-Forwarded-Email': 'alice@example.com',
      'X-Forwarded-Groups': 'sre, platform',
    });
    expect(identityFromProxyHeaders(config, h, true)).toEqual({
      ok: true,
      identity: { user: 'alice', email: 'alice@example.com', groups: ['sre', 'platform'] },
    });
    const nginx = new Headers({ 'X-Auth-Request-Email': 'bob@example.com' });
    expect(identityFromProxyHeaders(config, nginx, true)).toMatchObject({
      ok: true,
      identity: { user: 'bob@example.com', email: 'bob@example.com', groups: [] },
    });
  });

  it('refuses identity headers from a peer that is not a trusted proxy (forged), and requests without them', () => {
    const forged = new Headers({ 'X-Forwarded-User': 'admin', 'X-Forwarded-Groups': 'sre' });
    expect(identityFromProxyHeaders(config, forged, false)).toMatchObject({ ok: false, status: 401 });
    expect(identityFromProxyHeaders(config, new Headers(), true)).toMatchObject({ ok: false, status: 401 });
    expect(identityFromProxyHeaders(config, new Headers(), false)).toMatchObject({ ok: false, status: 401 });
  });

  it('reads user, email and groups from one header family, so a browser cannot add groups of the other', () => {
    // oauth2-proxy overwrites X-Forwarded-* and passes X-Auth-Request-* from the browser through.
    const mixed = new Headers({ 'X-Forwarded-User': 'eve', 'X-Auth-Request-Groups': 'platform-team' });
    expect(identityFromProxyHeaders(config, mixed, true)).toEqual({
      ok: true,
      identity: { user: 'eve', email: null, groups: [] },
    });
    const nginx = new Headers({ 'X-Auth-Request-User': 'bob', 'X-Auth-Request-Groups': 'sre' });
    expect(identityFromProxyHeaders(config, nginx, true)).toMatchObject({ ok: true, identity: { groups: ['sre'] } });
  });

  it('reads only the overridden header names when they are set', () => {
    const custom = authConfigFromEnv({
      KUBEPATH_AUTH: 'proxy-headers',
      KUBEPATH_USER_HEADER: 'Remote-User',
    }) as AuthConfig;
    expect(identityFromProxyHeaders(custom, new Headers({ 'X-Forwarded-User': 'alice' }), true)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(identityFromProxyHeaders(custom, new Headers({ 'Remote-User': 'carol' }), true)).toMatchObject({
      ok: true,
      identity: { user: 'carol' },
    });
  });
});

describe('authorize', () => {
  const alice = { user: 'alice', email: 'Alice@Example.com', groups: ['dev'] };
  it('lets everyone in without allow-lists', () => {
    expect(authorize({ allowedUsers: null, allowedGroups: null }, alice)).toMatchObject({ ok: true });
  });
  it('lets in listed users (by name or email, emails case-insensitively) and members of listed groups', () => {
    expect(authorize({ allowedUsers: ['alice'], allowedGroups: null }, alice)).toMatchObject({ ok: true });
    expect(authorize({ allowedUsers: ['alice@example.com'], allowedGroups: null }, alice)).toMatchObject({ ok: true });
    expect(authorize({ allowedUsers: ['bob'], allowedGroups: ['dev'] }, alice)).toMatchObject({ ok: true });
  });
  it('refuses a user outside the allow-lists with 403', () => {
    expect(authorize({ allowedUsers: ['bob'], allowedGroups: ['sre'] }, alice)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(authorize({ allowedUsers: ['ALICE'], allowedGroups: null }, alice)).toMatchObject({ ok: false });
  });
});

describe('signinRedirect', () => {
  it('passes the original URL as rd (relative for a same-host sign-in, absolute otherwise)', () => {
    expect(signinRedirect('/oauth2/start', '/services/shop/web?view=Local', 'https://kp.example')).toBe(
      '/oauth2/start?rd=%2Fservices%2Fshop%2Fweb%3Fview%3DLocal',
    );
    expect(signinRedirect('https://auth.example/start?x=1', '/?q=a', 'https://kp.example')).toBe(
      'https://auth.example/start?x=1&rd=https%3A%2F%2Fkp.example%2F%3Fq%3Da',
    );
    expect(signinRedirect('https://auth.example/login?next={url}', '/a', 'https://kp.example')).toBe(
      'https://auth.example/login?next=https%3A%2F%2Fkp.example%2Fa',
    );
  });
});
