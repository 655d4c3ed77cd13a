#!/usr/bin/env node
// A real OpenID Provider for the SSO end-to-end test: the certified `oidc-provider` package on
// 127.0.0.1, with fixed test users, one confidential client (oauth2-proxy) and a small login page.
// It is only the identity provider; oauth2-proxy (the real one) does the OIDC code flow against it.
// Usage: node e2e/sso/support/oidc-server.mjs   (configured entirely through the environment:)
//   SSO_OP_PORT        port to listen on (127.0.0.1 only)
//   SSO_CLIENT_ID, SSO_CLIENT_SECRET, SSO_REDIRECT_URI   the oauth2-proxy client
//   SSO_USERS          the fixed test users: JSON [{ "username", "password", "email", "groups": [] }]
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`oidc-server: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number(required('SSO_OP_PORT'));
const issuer = `http://127.0.0.1:${port}`;
/** @type {{ username: string, password: string, email: string, groups: string[] }[]} */
const users = JSON.parse(required('SSO_USERS'));

// A fresh signing key per run (never the package's development keys).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'sso-test-1' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: required('SSO_CLIENT_ID'),
      client_secret: required('SSO_CLIENT_SECRET'),
      redirect_uris: [required('SSO_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // The scopes oauth2-proxy asks for (--scope); a scope not listed here is dropped from the grant.
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  // oauth2-proxy reads the user's email and groups from the ID token.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const user = users.find((u) => u.username === sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: user.email,
          email_verified: true,
          name: user.username,
          preferred_username: user.username,
          groups: user.groups,
        };
      },
    };
  },
});

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function loginPage(uid, clientId, error) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in — test identity provider</title></head>
<body>
<main>
<h1>Sign in</h1>
<p>to continue to ${escape(clientId)}</p>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
</main>
</body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/** Grants what the client asked for (the only client is first-party: no consent screen). */
async function grantConsent(req, res, details) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (details.prompt.name === 'consent') return grantConsent(req, res, details);
  if (action === 'login' && req.method === 'POST') {
    const form = await readForm(req);
    const user = users.find((u) => u.username === form.get('login'));
    if (user && form.get('password') === user.password) {
      console.log(`oidc-server: ${user.username} signed in`);
      return provider.interactionFinished(req, res, { login: { accountId: user.username } });
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(loginPage(uid, details.params.client_id, 'Invalid username or password.'));
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(loginPage(uid, details.params.client_id, null));
}

const handleProvider = provider.callback();
const server = createServer((req, res) => {
  const m = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(req.url ?? '/', issuer).pathname);
  if (!m) return handleProvider(req, res);
  interaction(req, res, m[1], m[2]).catch((e) => {
    console.error('oidc-server: interaction failed:', e);
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('interaction failed');
  });
});
server.listen(port, '127.0.0.1', () => console.log(`oidc-server: issuer ${issuer}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
