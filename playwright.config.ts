// End-to-end tests against the production build (`next build` first), served as `npm run demo` serves it
// (scripts/demo.mjs --no-build: the standalone server).
// Browsers are never downloaded: Debian's Chromium is used (CHROMIUM_PATH overrides the path).
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** A free port on 127.0.0.1 (synchronously: the config is not async). */
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ['-e', script]).toString().trim();
}

// Chosen once in the main process; workers load this file again and inherit the variables, so all agree.
// Free ports, not fixed ones: another process (or another checkout's test run) may hold any fixed port, and
// reusing whatever answers there would test the wrong server.
process.env.E2E_DEMO_PORT ||= freePort();
process.env.E2E_XSS_PORT ||= freePort();
process.env.E2E_PROXY_AUTH_PORT ||= freePort();
process.env.E2E_JWT_AUTH_PORT ||= freePort();
process.env.E2E_IDP_PORT ||= freePort();
process.env.E2E_FRONTDOOR_PORT ||= freePort();
process.env.E2E_FRONTDOOR_ISTIO_PORT ||= freePort();

/** Port of the server on the embedded demo cluster. */
const DEMO_PORT = Number(process.env.E2E_DEMO_PORT);
/** Port of the server on the XSS fixture snapshot (names and labels holding markup). */
const XSS_PORT = Number(process.env.E2E_XSS_PORT);
/** Servers with authentication on (e2e/auth.spec.ts): proxy headers trusted from 127.0.0.2 only, and signed assertions. */
const PROXY_AUTH_PORT = Number(process.env.E2E_PROXY_AUTH_PORT);
const JWT_AUTH_PORT = Number(process.env.E2E_JWT_AUTH_PORT);
/** The signing stub the jwt server verifies against (e2e/support/idp-stub.mjs). */
const IDP_PORT = Number(process.env.E2E_IDP_PORT);
/** Port of the server on the Kong-behind-AWS front-door story. */
const FRONTDOOR_PORT = Number(process.env.E2E_FRONTDOOR_PORT);
/** Port of the server on the Istio gateway + sidecars front-door story. */
const FRONTDOOR_ISTIO_PORT = Number(process.env.E2E_FRONTDOOR_ISTIO_PORT);

const chromium = {
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
};

/** The production server on a port with an environment; the build must exist (npm run e2e builds it). */
const server = (port: number, env: Record<string, string>) => ({
  command: `node scripts/demo.mjs --no-build --port ${port}`,
  url: `http://127.0.0.1:${port}/api/analysis`,
  // Never reuse: whatever answers on the port may be another build or another source.
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
  // KUBEPATH_DEMO is cleared so a value in the caller's shell cannot change the default demo cluster.
  env: { KUBEPATH_DEMO: '', ...env, KUBEPATH_HOST: '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' },
});

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'demo',
      testIgnore:
        /(xss|auth|front-door|front-door-istio|local-scale|local-large-file|local-memory|overview-loading|overview-findings)\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${DEMO_PORT}` },
    },
    {
      name: 'xss',
      testMatch: /xss\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${XSS_PORT}` },
    },
    {
      name: 'auth',
      testMatch: /auth\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${PROXY_AUTH_PORT}` },
    },
    {
      // Main-thread long tasks at Kubernetes' scale limits: measured alone, after every other project, so the
      // other worker's browser does not share the two cores while the page is timed (as a benchmark would be).
      name: 'scale',
      testMatch: /local-scale\.spec\.ts/,
      dependencies: ['demo', 'xss', 'auth', 'front-door', 'front-door-istio', 'loading', 'small-heap'],
      use: { ...chromium, baseURL: `http://127.0.0.1:${DEMO_PORT}` },
    },
    {
      // A file over the browser's text limit, read in parts: after the scale project (a few hundred MiB in the
      // worker while the long tasks there are measured would share the two cores).
      name: 'large-file',
      testMatch: /local-large-file\.spec\.ts/,
      dependencies: ['scale'],
      use: { ...chromium, baseURL: `http://127.0.0.1:${DEMO_PORT}` },
    },
    {
      // /local in a tab with little heap (≈ 160 MiB, as on a phone): the question before files that may not fit.
      name: 'small-heap',
      testMatch: /local-memory\.spec\.ts/,
      use: {
        ...chromium,
        launchOptions: {
          ...chromium.launchOptions,
          args: [...chromium.launchOptions.args, '--js-flags=--max-old-space-size=64'],
        },
        baseURL: `http://127.0.0.1:${DEMO_PORT}`,
      },
    },
    {
      // Specs on a server of their own, each started on a generated cluster: `/` while a snapshot loads (its load
      // stretched so the progress can be watched), and the problems of rules that hit many Services; no shared
      // server, hence no baseURL.
      name: 'loading',
      testMatch: /overview-(loading|findings)\.spec\.ts/,
      use: { ...chromium },
    },
    {
      name: 'front-door',
      testMatch: /front-door\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${FRONTDOOR_PORT}` },
    },
    {
      name: 'front-door-istio',
      testMatch: /front-door-istio\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${FRONTDOOR_ISTIO_PORT}` },
    },
  ],
  webServer: [
    // KUBEPATH_SNAPSHOT is cleared so a value in the caller's shell cannot replace the demo cluster.
    server(DEMO_PORT, { KUBEPATH_SNAPSHOT: '' }),
    server(XSS_PORT, { KUBEPATH_SNAPSHOT: 'e2e/fixtures/xss-cluster.json' }),
    server(PROXY_AUTH_PORT, {
      KUBEPATH_SNAPSHOT: '',
      KUBEPATH_AUTH: 'proxy-headers',
      KUBEPATH_TRUSTED_PROXIES: '127.0.0.2/32',
      KUBEPATH_ALLOWED_GROUPS: 'sre',
      KUBEPATH_SIGNIN_URL: '/oauth2/start',
    }),
    {
      command: 'node e2e/support/idp-stub.mjs',
      url: `http://127.0.0.1:${IDP_PORT}/health`,
      reuseExistingServer: false,
      env: { PORT: String(IDP_PORT) },
    },
    server(JWT_AUTH_PORT, {
      KUBEPATH_SNAPSHOT: '',
      KUBEPATH_AUTH: 'jwt',
      KUBEPATH_JWKS_URL: `http://127.0.0.1:${IDP_PORT}/jwks`,
      KUBEPATH_JWT_ISSUER: 'https://idp.test',
      KUBEPATH_JWT_AUDIENCE: 'kubepath',
      KUBEPATH_ALLOWED_USERS: 'alice@example.com',
    }),
    server(FRONTDOOR_PORT, { KUBEPATH_SNAPSHOT: 'lib/demo/stories/kong-aws.json' }),
    server(FRONTDOOR_ISTIO_PORT, { KUBEPATH_SNAPSHOT: 'lib/demo/stories/istio-proxy-protocol.json' }),
  ],
});
