// The SSO end-to-end test (issue 11) with real parts on 127.0.0.1, free ports:
//   browser → oauth2-proxy (pinned, built from the Go module proxy by scripts/tools/build.sh)
//           → kubepath, run as its container image runs it (e2e/sso/support/image-server.mjs reads the
//             Dockerfile's final stage), KUBEPATH_AUTH=proxy-headers trusting only 127.0.0.1/32;
//   oauth2-proxy signs users in with a real OpenID Provider (the npm `oidc-provider` package,
//   e2e/sso/support/oidc-server.mjs) that has fixed test users and a login page.
// Needs the production build (`next build`) and the tools; scripts/test-sso.sh does both, then runs this.
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { toolPath } from './scripts/tools/paths';
import { SSO_CLIENT_ID, SSO_GROUP, SSO_USERS } from './e2e/sso/support/users';

/** A free port on 127.0.0.1 (synchronously: the config is not async). */
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ['-e', script]).toString().trim();
}

// Chosen once in the main process; workers load this file again and inherit the variables, so all agree.
process.env.E2E_SSO_OP_PORT ||= freePort();
process.env.E2E_SSO_APP_PORT ||= freePort();
process.env.E2E_SSO_PROXY_PORT ||= freePort();
process.env.E2E_SSO_CLIENT_SECRET ||= randomBytes(24).toString('hex');
// oauth2-proxy wants a 16-, 24- or 32-byte cookie secret.
process.env.E2E_SSO_COOKIE_SECRET ||= randomBytes(16).toString('hex');

const OP = `http://127.0.0.1:${process.env.E2E_SSO_OP_PORT}`;
const APP = `http://127.0.0.1:${process.env.E2E_SSO_APP_PORT}`;
const PROXY = `http://127.0.0.1:${process.env.E2E_SSO_PROXY_PORT}`;

const oauth2Proxy = [
  toolPath('oauth2-proxy'),
  `--http-address=127.0.0.1:${process.env.E2E_SSO_PROXY_PORT}`,
  '--provider=oidc',
  `--oidc-issuer-url=${OP}`,
  `--client-id=${SSO_CLIENT_ID}`,
  `--client-secret=${process.env.E2E_SSO_CLIENT_SECRET}`,
  `--redirect-url=${PROXY}/oauth2/callback`,
  `--upstream=${APP}/`,
  `--cookie-secret=${process.env.E2E_SSO_COOKIE_SECRET}`,
  // Plain http on loopback in the test; a real deployment keeps the secure default.
  '--cookie-secure=false',
  '--email-domain=*',
  // Quoted: Playwright runs the command through a shell.
  "'--scope=openid email profile groups'",
  '--code-challenge-method=S256',
  // Straight to the provider (no "Sign in with OpenID Connect" button page).
  '--skip-provider-button=true',
  // X-Forwarded-User / -Email / -Groups to kubepath (the default, stated for the reader).
  '--pass-user-headers=true',
].join(' ');

export default defineConfig({
  testDir: 'e2e/sso',
  testMatch: /.*\.sso\.ts$/,
  outputDir: 'test-results/sso',
  // One provider and one proxy: tests sign in with their own browser contexts, in order.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/sso' }]],
  use: {
    baseURL: PROXY,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'sso' }],
  // Started in this order, each once the one before answers: the provider (oauth2-proxy reads its
  // discovery document at start), kubepath, then oauth2-proxy. Never reused: free ports, fresh secrets.
  webServer: [
    {
      command: 'node e2e/sso/support/oidc-server.mjs',
      url: `${OP}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        SSO_OP_PORT: process.env.E2E_SSO_OP_PORT,
        SSO_CLIENT_ID,
        SSO_CLIENT_SECRET: process.env.E2E_SSO_CLIENT_SECRET,
        SSO_REDIRECT_URI: `${PROXY}/oauth2/callback`,
        SSO_USERS: JSON.stringify(SSO_USERS),
      },
    },
    {
      command: `node e2e/sso/support/image-server.mjs --port ${process.env.E2E_SSO_APP_PORT} --host 127.0.0.1`,
      url: `${APP}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        // The embedded demo cluster, even on a CI machine that is itself a pod with a service account.
        KUBEPATH_SOURCE: 'demo',
        KUBEPATH_SNAPSHOT: '',
        KUBEPATH_AUTH: 'proxy-headers',
        KUBEPATH_TRUSTED_PROXIES: '127.0.0.1/32',
        KUBEPATH_ALLOWED_GROUPS: SSO_GROUP,
        // Relative: oauth2-proxy serves the same host, so the original path rides along as `rd`.
        KUBEPATH_SIGNIN_URL: '/oauth2/start',
      },
    },
    {
      command: oauth2Proxy,
      url: `${PROXY}/ping`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
