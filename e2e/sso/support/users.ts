// The fixed test users of the SSO end-to-end test's OpenID Provider (e2e/sso/support/oidc-server.mjs):
// alice is in the group kubepath allows (KUBEPATH_ALLOWED_GROUPS); mallory signs in fine but is in another
// group; eve is in no group at all (oauth2-proxy then sends no groups header of its own).

/** The OAuth client oauth2-proxy is registered as. */
export const SSO_CLIENT_ID = 'kubepath-oauth2-proxy';
/** The group kubepath admits. */
export const SSO_GROUP = 'platform-team';

/** A user of the test provider. */
export interface SsoUser {
  username: string;
  password: string;
  email: string;
  groups: string[];
}

export const ALICE: SsoUser = {
  username: 'alice',
  password: 'alice-test-password',
  email: 'alice@example.com',
  groups: [SSO_GROUP, 'developers'],
};
export const MALLORY: SsoUser = {
  username: 'mallory',
  password: 'mallory-test-password',
  email: 'mallory@example.com',
  groups: ['contractors'],
};
export const EVE: SsoUser = {
  username: 'eve',
  password: 'eve-test-password',
  email: 'eve@example.com',
  groups: [],
};
export const SSO_USERS: SsoUser[] = [ALICE, MALLORY, EVE];
