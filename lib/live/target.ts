// Which cluster to talk to, decided before anything is loaded: the usual kubectl order — an explicit
// --kubeconfig, else $KUBECONFIG (a path list, merged), else ~/.kube/config — and, when none of these
// exists, the in-cluster service account (KUBERNETES_SERVICE_HOST + the mounted token; client-go
// rest.InClusterConfig). The context is --context / KUBEPATH_CONTEXT, else the kubeconfig's current one.
// Pure (the filesystem is passed in) so the order is unit-tested.
import { delimiter, join } from 'node:path';

/** Where the service account token is mounted in a pod. */
export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Prefix of the service account mount (`KUBEPATH_SERVICE_ACCOUNT_ROOT`, default none): the pod's
 * /var/run/secrets/… lives under it. For a container whose filesystem is mounted elsewhere, and for
 * the live tests, which run the in-cluster path without a pod.
 */
export function serviceAccountRoot(env: NodeJS.ProcessEnv): string {
  return (env.KUBEPATH_SERVICE_ACCOUNT_ROOT ?? '').trim().replace(/\/+$/, '');
}

/** What the user asked for. */
export interface LiveTarget {
  /** Explicit kubeconfig path (--kubeconfig, KUBEPATH_KUBECONFIG). */
  kubeconfig: string | null;
  /** Explicit context (--context, KUBEPATH_CONTEXT). */
  context: string | null;
}

/** Where the configuration comes from. */
export type ConfigSource =
  | { kind: 'files'; paths: string[]; origin: '--kubeconfig' | 'KUBECONFIG' | '~/.kube/config' }
  | { kind: 'in-cluster' }
  | { kind: 'none'; message: string };

/** True when the process runs in a pod with a service account (the env and the token file exist). */
export function runningInCluster(env: NodeJS.ProcessEnv, exists: (path: string) => boolean): boolean {
  return Boolean(
    env.KUBERNETES_SERVICE_HOST &&
    env.KUBERNETES_SERVICE_PORT &&
    exists(`${serviceAccountRoot(env)}${SERVICE_ACCOUNT_TOKEN}`),
  );
}

/** Picks the configuration source in kubectl's order. */
export function chooseConfigSource(
  target: LiveTarget,
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean,
  home: string | null,
): ConfigSource {
  if (target.kubeconfig) {
    return exists(target.kubeconfig)
      ? { kind: 'files', paths: [target.kubeconfig], origin: '--kubeconfig' }
      : { kind: 'none', message: `kubeconfig ${target.kubeconfig} does not exist` };
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  if (fromEnv.length > 0) {
    const present = fromEnv.filter(exists);
    // kubectl skips missing files in the list; all missing is an error worth saying.
    if (present.length > 0) return { kind: 'files', paths: present, origin: 'KUBECONFIG' };
    return { kind: 'none', message: `none of the KUBECONFIG files exist (${fromEnv.join(delimiter)})` };
  }
  const def = home ? join(home, '.kube', 'config') : null;
  if (def && exists(def)) return { kind: 'files', paths: [def], origin: '~/.kube/config' };
  if (runningInCluster(env, exists)) return { kind: 'in-cluster' };
  return {
    kind: 'none',
    message: 'no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running inside a cluster',
  };
}

/** The context to use, or why none can be: an unknown name is an error listing the known ones. */
export function chooseContext(
  known: string[],
  current: string | null,
  requested: string | null,
): { context: string } | { error: string } {
  const list = known.length ? known.join(', ') : 'none';
  if (requested)
    return known.includes(requested)
      ? { context: requested }
      : { error: `context "${requested}" is not in the kubeconfig (contexts: ${list})` };
  if (current && known.includes(current)) return { context: current };
  if (known.length === 1) return { context: known[0] };
  return {
    error: current
      ? `the kubeconfig's current-context "${current}" does not exist (contexts: ${list}); pass --context`
      : `the kubeconfig has no current-context; pass --context (contexts: ${list})`,
  };
}
