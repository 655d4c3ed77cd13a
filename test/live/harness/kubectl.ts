// kubectl against the test control plane. Only API-server verbs: never logs/exec/port-forward/proxy,
// which would make the API server dial fake pod or node addresses.
import { execFile } from 'node:child_process';
import type { ControlPlane } from './controlplane';

/** What a kubectl run printed and how it exited. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Verbs that would make kube-apiserver connect to a (fake) pod or node address. */
const FORBIDDEN_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'proxy', 'cp', 'debug']);

/** Runs kubectl with a kubeconfig; resolves with the exit code (never rejects on a non-zero exit). */
export function kubectlRaw(
  cp: ControlPlane,
  args: string[],
  opts: { kubeconfig?: string; input?: string; timeoutMs?: number } = {},
): Promise<KubectlResult> {
  if (args.some((a) => FORBIDDEN_VERBS.has(a)))
    throw new Error(`kubectl ${args.join(' ')}: this verb would make the API server dial a fake address`);
  return new Promise((resolveRun, reject) => {
    const child = execFile(
      cp.kubectl,
      ['--kubeconfig', opts.kubeconfig ?? cp.kubeconfig, '--request-timeout=20s', ...args],
      { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          return reject(new Error(`kubectl ${args.join(' ')}: ${error.message}\n${stderr}`));
        resolveRun({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Runs kubectl and returns stdout; throws with stderr on a non-zero exit. */
export async function kubectl(
  cp: ControlPlane,
  args: string[],
  opts: { kubeconfig?: string; input?: string; timeoutMs?: number } = {},
): Promise<string> {
  const r = await kubectlRaw(cp, args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** `kubectl apply` (server-side) of objects given as JSON. */
export async function apply(cp: ControlPlane, objects: object[]): Promise<void> {
  await kubectl(cp, ['apply', '--server-side', '--force-conflicts', '--field-manager=kubepath-live-test', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  });
}

/** `kubectl get … -o json`, parsed. */
export async function getJson<T = { items: Record<string, unknown>[] }>(cp: ControlPlane, args: string[]): Promise<T> {
  return JSON.parse(await kubectl(cp, ['get', ...args, '-o', 'json'])) as T;
}

/** Sets a LoadBalancer Service's `status.loadBalancer.ingress` through the status subresource (no cloud controller runs). */
export async function setLoadBalancerIngress(
  cp: ControlPlane,
  namespace: string,
  name: string,
  ips: string[],
): Promise<void> {
  const patch = { status: { loadBalancer: { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' })) } } };
  await kubectl(cp, [
    '-n',
    namespace,
    'patch',
    'service',
    name,
    '--subresource=status',
    '--type=merge',
    '-p',
    JSON.stringify(patch),
  ]);
}
