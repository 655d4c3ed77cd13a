// A kubeconfig that authenticates as a ServiceAccount with a bound token (`kubectl create token`),
// so RBAC is decided by the real authorizer for exactly that identity.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ControlPlane } from './controlplane';
import { kubectl } from './kubectl';

/** Creates a 1-hour token for ns/sa and writes a kubeconfig using it; returns the context name. */
export async function writeServiceAccountKubeconfig(
  cp: ControlPlane,
  ns: string,
  sa: string,
  file: string,
): Promise<string> {
  const token = (await kubectl(cp, ['-n', ns, 'create', 'token', sa, '--duration=1h'])).trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token))
    throw new Error(`kubectl create token returned something that is not a JWT: ${token.slice(0, 40)}…`);
  const context = `${sa}@kubepath-cp`;
  const ca = Buffer.from(readFileSync(cp.caFile)).toString('base64');
  // JSON is valid YAML; client-node and kubectl both read it.
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubepath-cp', cluster: { server: cp.server, 'certificate-authority-data': ca } }],
    users: [{ name: sa, user: { token } }],
    contexts: [{ name: context, context: { cluster: 'kubepath-cp', user: sa } }],
    'current-context': context,
  };
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  return context;
}
