// Fails the live suite at once, with a hint, when no control plane is up (rather than 20 timeouts).
import { controlPlane } from './controlplane';
import { kubectlRaw } from './kubectl';

/** Vitest global setup: the control plane of $KUBEPATH_CP_DIR must answer /readyz. */
export default async function setup(): Promise<void> {
  const cp = controlPlane();
  const r = await kubectlRaw(cp, ['get', '--raw', '/readyz']);
  if (r.code !== 0 || r.stdout.trim() !== 'ok') {
    throw new Error(
      `the control plane in ${cp.dir} is not ready (${cp.server}): ${r.stderr.trim() || r.stdout.trim()}; start it with scripts/controlplane/start.sh or run bash scripts/test-live.sh`,
    );
  }
}
