// Where the running test control plane is (scripts/controlplane/start.sh wrote it): its state
// directory, admin kubeconfig, kubectl, API server address, and the apiserver.sh outage switch.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Repository root (test/live/harness → ../../..). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** A running control plane started by scripts/controlplane/start.sh. */
export interface ControlPlane {
  /** $KUBEPATH_CP_DIR. */
  dir: string;
  /** Admin kubeconfig (client certificate, system:masters). */
  kubeconfig: string;
  /** Context name in the admin kubeconfig. */
  context: string;
  /** https://127.0.0.1:PORT */
  server: string;
  /** The kubectl built with the control plane (same version as the API server). */
  kubectl: string;
  /** PEM of the cluster CA, for kubeconfigs the tests write (token users). */
  caFile: string;
}

/** Parses start.sh's state.env (KEY=VALUE lines). */
function readStateEnv(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** The control plane of $KUBEPATH_CP_DIR (default /tmp/kubepath-cp); throws with a hint when none is there. */
export function controlPlane(env: NodeJS.ProcessEnv = process.env): ControlPlane {
  const dir = env.KUBEPATH_CP_DIR || '/tmp/kubepath-cp';
  const stateFile = join(dir, 'state.env');
  if (!existsSync(stateFile)) {
    throw new Error(
      `no control plane in ${dir} (no state.env): run \`bash scripts/test-live.sh\`, or scripts/controlplane/start.sh and set KUBEPATH_CP_DIR`,
    );
  }
  const state = readStateEnv(stateFile);
  const kubeconfig = join(dir, 'kubeconfig');
  const contextLine = /^current-context:\s*(\S+)/m.exec(readFileSync(kubeconfig, 'utf8'));
  return {
    dir,
    kubeconfig,
    context: contextLine?.[1] ?? 'kubepath-cp',
    server: `https://127.0.0.1:${state.APISERVER_PORT}`,
    kubectl: join(state.CP_BIN_DIR, 'kubectl'),
    caFile: join(dir, 'pki', 'ca.crt'),
  };
}

/** Runs scripts/controlplane/apiserver.sh stop|kill|start|status|restart-controllers for this control plane. */
export async function apiserver(
  cp: ControlPlane,
  action: 'stop' | 'kill' | 'start' | 'status' | 'restart-controllers',
): Promise<string> {
  const { stdout, stderr } = await run('bash', [join(REPO_ROOT, 'scripts', 'controlplane', 'apiserver.sh'), action], {
    env: { ...process.env, KUBEPATH_CP_DIR: cp.dir },
    timeout: 180_000,
  });
  return stdout + stderr;
}
