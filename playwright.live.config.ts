// Playwright against the dashboard in live mode (KUBEPATH_SOURCE=live) on the real control plane that
// scripts/test-live.sh starts ($KUBEPATH_CP_DIR, default /tmp/kubepath-cp). Needs the production build
// (test-live.sh runs `next build` when it is stale). Browsers are never downloaded: Debian's Chromium.
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A free port on 127.0.0.1 (synchronously: the config is not async). */
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ['-e', script]).toString().trim();
}

// Chosen once in the main process; workers load this file again and inherit the variable, so all
// agree. A free port, not a fixed one: other servers of a shared machine may hold any fixed port.
process.env.E2E_LIVE_PORT ||= freePort();
/** Port of the live dashboard. */
const LIVE_PORT = Number(process.env.E2E_LIVE_PORT);
const cpDir = process.env.KUBEPATH_CP_DIR || '/tmp/kubepath-cp';

export default defineConfig({
  testDir: 'e2e/live',
  testMatch: /.*\.live\.ts$/,
  outputDir: 'test-results/live',
  // One cluster, one dashboard: tests change shared state, so they run in order.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/live' }]],
  use: {
    baseURL: `http://127.0.0.1:${LIVE_PORT}`,
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
  projects: [{ name: 'live' }],
  webServer: {
    command: `node scripts/demo.mjs --no-build --port ${LIVE_PORT}`,
    url: `http://127.0.0.1:${LIVE_PORT}/api/analysis`,
    // Never reuse: a server left from another run may watch another cluster.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      KUBEPATH_SOURCE: 'live',
      KUBECONFIG: join(cpDir, 'kubeconfig'),
      KUBEPATH_SNAPSHOT: '',
      KUBEPATH_HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
