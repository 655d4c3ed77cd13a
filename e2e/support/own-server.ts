// A production server of this test's own (`scripts/demo.mjs --no-build`, as the webServers run: it places the
// static assets beside the standalone server and serves it through scripts/serve.mjs),
// for tests that need a source the shared servers do not have — e.g. a snapshot whose load is still under way.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port';

const ROOT = join(import.meta.dirname, '..', '..');

/** A running server: its address and how to stop it. */
export interface OwnServer {
  base: string;
  stop: () => Promise<void>;
}

/** Starts the server with `env` on a free port of 127.0.0.1 and waits until `/healthz` answers (which loads nothing). */
export async function startOwnServer(env: Record<string, string>): Promise<OwnServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs'), '--no-build', '--port', String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      KUBEPATH_DEMO: '',
      KUBEPATH_AUTH: 'none',
      ...env,
      KUBEPATH_HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (i > 600) {
      await stop();
      throw new Error('the server did not answer /healthz within 30 s');
    }
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
}
