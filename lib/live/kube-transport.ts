// The real transport: @kubernetes/client-node loads the kubeconfig (or the in-cluster service
// account) and authenticates each request (client certificates, tokens, exec plugins, OIDC, proxies:
// KubeConfig.applySecurityAuthentication). Requests go through its HTTP library and return raw JSON: the
// typed list APIs (CoreV1Api.listPodForAllNamespaces…) would deserialize every object into model
// classes (Dates for timestamps) only for strip.ts to throw most of it away. The watch is read here
// instead of with client-node's Watch, which aborts after 30 s without data — shorter than the ~60 s
// between the API server's bookmarks — and whose informer stops for good after an error (#958, #1933).
// client-node is imported lazily: the demo and snapshot modes never load it.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, KubeCredentialsError } from './errors';
import { query, type WatchedKind } from './kinds';
import { chooseConfigSource, chooseContext, serviceAccountRoot, type LiveTarget } from './target';
import type { KubeTransport, ListPage, WatchCallbacks, WatchEvent, WatchHandle } from './transport';

type ClientNode = typeof import('@kubernetes/client-node');

let clientNode: Promise<ClientNode> | null = null;

/** Loads @kubernetes/client-node once, with an actionable message when it cannot be loaded. */
export function loadClientNode(): Promise<ClientNode> {
  clientNode ??= import('@kubernetes/client-node').catch((err: unknown) => {
    clientNode = null;
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `@kubernetes/client-node could not be loaded on Node ${process.version} (${why}). ` +
        'Its HTTP library undici 8 needs Node >= 22.19; on Node 20 the project pins undici 7 through package.json "overrides".',
    );
  });
  return clientNode;
}

/** A kubeconfig loaded and narrowed to one context. */
export interface LoadedCluster {
  kc: KubeConfig;
  context: string;
  server: string;
  /** Every context of the kubeconfig (empty in-cluster). */
  contexts: string[];
  inCluster: boolean;
}

/** The name the in-cluster configuration is shown as. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

/** Loads the configuration for `target` (kubectl order, see target.ts); throws with a clear message. */
export async function loadCluster(target: LiveTarget, env: NodeJS.ProcessEnv = process.env): Promise<LoadedCluster> {
  const k8s = await loadClientNode();
  const source = chooseConfigSource(target, env, existsSync, homedir() || null);
  const kc = new k8s.KubeConfig();
  if (source.kind === 'none') throw new Error(source.message);
  if (source.kind === 'in-cluster') {
    kc.loadFromCluster(serviceAccountRoot(env));
    const server = kc.getCurrentCluster()?.server ?? 'unknown';
    return { kc, context: IN_CLUSTER_CONTEXT, server, contexts: [], inCluster: true };
  }
  try {
    kc.loadFromFile(source.paths[0]);
    for (const p of source.paths.slice(1)) {
      const more = new k8s.KubeConfig();
      more.loadFromFile(p);
      kc.mergeConfig(more, true);
    }
  } catch (err) {
    throw new Error(
      `cannot read the kubeconfig ${source.paths.join(', ')}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const contexts = kc.getContexts().map((c) => c.name);
  const chosen = chooseContext(contexts, kc.getCurrentContext() || null, target.context);
  if ('error' in chosen) throw new Error(chosen.error);
  kc.setCurrentContext(chosen.context);
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error(`context "${chosen.context}" names no cluster with a server address in the kubeconfig`);
  return { kc, context: chosen.context, server: server.replace(/\/+$/, ''), contexts, inCluster: false };
}

/** Timeout of one LIST page and of opening a watch (the stream itself is guarded by the watchdog). */
const REQUEST_TIMEOUT_MS = 60_000;

/** Why the current user's credentials could not be produced, naming the exec plugin when there is one. */
function credentialsFailure(kc: KubeConfig, err: unknown): string {
  const detail = (err instanceof Error ? err.message : String(err)).trim() || 'no message';
  const exec = kc.getCurrentUser()?.exec as { command?: string } | undefined;
  return exec?.command
    ? `the exec credential plugin "${exec.command}" failed: ${detail}`
    : `loading the credentials failed: ${detail}`;
}

async function request(k8s: ClientNode, kc: KubeConfig, url: string, signal: AbortSignal) {
  const ctx = new k8s.RequestContext(url, 'GET');
  ctx.setHeaderParam('Accept', 'application/json');
  ctx.setHeaderParam('User-Agent', 'kubepath/0.1.0');
  try {
    await kc.applySecurityAuthentication(ctx);
  } catch (err) {
    throw new KubeCredentialsError(credentialsFailure(kc, err));
  }
  ctx.setSignal(signal);
  return new k8s.IsomorphicFetchHttpLibrary().send(ctx).toPromise();
}

/** The API's Status object of an error answer, as a KubeApiError. */
async function apiError(status: number, body: { text(): Promise<string> }): Promise<KubeApiError> {
  let text = '';
  try {
    text = await body.text();
  } catch {
    // the body is optional
  }
  try {
    const s = JSON.parse(text) as { message?: string; reason?: string };
    return new KubeApiError(status, s.message ?? `HTTP ${status}`, s.reason ?? null);
  } catch {
    return new KubeApiError(status, text.trim().slice(0, 200) || `HTTP ${status}`);
  }
}

/** A transport for a loaded cluster. */
export async function createKubeTransport(cluster: LoadedCluster): Promise<KubeTransport> {
  const k8s = await loadClientNode();
  const { kc, server } = cluster;

  async function list(kind: WatchedKind, opts: { limit: number; continueToken: string | null }): Promise<ListPage> {
    const url =
      server +
      kind.path +
      query({ limit: opts.limit, continue: opts.continueToken, fieldSelector: kind.fieldSelector });
    const resp = await request(k8s, kc, url, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    if (resp.httpStatusCode !== 200) throw await apiError(resp.httpStatusCode, resp.body);
    const body = JSON.parse(await resp.body.text()) as {
      items?: unknown[];
      metadata?: { resourceVersion?: string; continue?: string };
    };
    return {
      items: body.items ?? [],
      resourceVersion: body.metadata?.resourceVersion ?? '',
      continueToken: body.metadata?.continue || null,
    };
  }

  async function watch(
    kind: WatchedKind,
    opts: { resourceVersion: string; timeoutSeconds: number },
    cb: WatchCallbacks,
  ): Promise<WatchHandle> {
    const url =
      server +
      kind.path +
      query({
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: opts.resourceVersion,
        timeoutSeconds: opts.timeoutSeconds,
        fieldSelector: kind.fieldSelector,
      });
    const controller = new AbortController();
    let stopped = false;
    const openTimer = setTimeout(
      () => controller.abort(new DOMException('opening the watch timed out', 'TimeoutError')),
      REQUEST_TIMEOUT_MS,
    );
    let resp;
    try {
      resp = await request(k8s, kc, url, controller.signal);
    } finally {
      clearTimeout(openTimer);
    }
    if (resp.httpStatusCode !== 200) throw await apiError(resp.httpStatusCode, resp.body);
    const stream = resp.body.stream();
    if (!stream) throw new Error('the watch answer has no body');
    const reader = stream.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += decoder.decode(value, { stream: true });
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line || stopped) continue;
            let e: WatchEvent;
            try {
              e = JSON.parse(line) as WatchEvent;
            } catch {
              continue; // a torn line: the watchdog and the next re-list cover what it carried
            }
            cb.onEvent(e);
          }
        }
        if (!stopped) cb.done(null);
      } catch (err) {
        if (!stopped) cb.done(err);
      }
    })();
    return {
      stop() {
        stopped = true;
        controller.abort();
        reader.cancel().catch(() => {});
      },
    };
  }

  return { context: cluster.context, server, list, watch };
}

/** Loads the configuration and makes its transport (what live mode and the CLI call). */
export async function connect(
  target: LiveTarget,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ cluster: LoadedCluster; transport: KubeTransport }> {
  const cluster = await loadCluster(target, env);
  return { cluster, transport: await createKubeTransport(cluster) };
}
