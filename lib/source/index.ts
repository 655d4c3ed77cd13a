// The dashboard's one door to cluster data: pages and route handlers call getClusterView() and
// never care whether it is the demo, a snapshot, or the live cluster behind it.
import 'server-only';
import { existsSync } from 'node:fs';
import { guardPage } from '../auth/guard';
import type { LiveSource } from '../live/live-source';
import type { LiveClientState } from '../live/status';
import { runningInCluster, type LiveTarget } from '../live/target';
import { chooseDemo, DEMO_COOKIE, defaultDemoId } from './demo-choice';
import { demoSourceFor } from './demo-source';
import { allowedContexts, liveClientState, liveSourceFor, liveSourceForRequest } from './live';
import { authEnabled } from '../auth/config';
import { createSnapshotSource } from './snapshot-source';
import type { ClusterSource, ClusterView, PendingLoad } from './types';

export type { ClusterView, LoadProgress, PendingLoad, SourceInfo, SourceKind } from './types';

/** Source configuration read from the environment. */
export interface SourceConfig {
  /** Snapshot files/directories (`KUBEPATH_SNAPSHOT=path[,path]`); empty = the demo cluster. */
  snapshotPaths: string[];
  /** The live cluster, when live mode is on (see sourceConfigFromEnv). */
  live?: LiveTarget;
  /** The default embedded demo cluster (`KUBEPATH_DEMO`), when set and the source is the demo; requests may pick another. */
  demo?: string;
}

/**
 * Reads the source configuration from environment variables:
 * - `KUBEPATH_SOURCE=live` — the live cluster of `KUBEPATH_KUBECONFIG` (else $KUBECONFIG, ~/.kube/config,
 *   else the in-cluster service account) and `KUBEPATH_CONTEXT` (else the current context);
 * - `KUBEPATH_SOURCE=demo` / `snapshot` — force those;
 * - unset: a snapshot when `KUBEPATH_SNAPSHOT` is given, else the live cluster when running in a pod with a
 *   service account (unless `KUBEPATH_DEMO` asks for the demo), else the embedded demo cluster.
 * `KUBEPATH_DEMO=<id>` names the demo cluster shown by default (checked when it is used: see defaultDemoId).
 */
export function sourceConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): SourceConfig {
  const raw = env.KUBEPATH_SNAPSHOT ?? '';
  const snapshotPaths = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const mode = (env.KUBEPATH_SOURCE ?? '').trim().toLowerCase();
  const live: LiveTarget = {
    kubeconfig: env.KUBEPATH_KUBECONFIG?.trim() || null,
    context: env.KUBEPATH_CONTEXT?.trim() || null,
  };
  const demo = env.KUBEPATH_DEMO?.trim() || undefined;
  const demoConfig = (): SourceConfig => (demo ? { snapshotPaths: [], demo } : { snapshotPaths: [] });
  if (mode === 'live') return { snapshotPaths: [], live };
  if (mode === 'demo') return demoConfig();
  if (mode === '' && snapshotPaths.length === 0 && !demo && runningInCluster(env, exists))
    return { snapshotPaths: [], live };
  return snapshotPaths.length > 0 && mode !== 'demo' ? { snapshotPaths } : demoConfig();
}

/** Whether the configuration shows the embedded demo clusters. */
function isDemo(config: SourceConfig): boolean {
  return !config.live && config.snapshotPaths.length === 0;
}

/** Picks the source for a configuration (live: the default context; requests may pick another). */
export function createClusterSource(config: SourceConfig): ClusterSource {
  if (config.live) {
    const target = config.live;
    return { kind: 'live', current: () => liveSourceFor(target, target.context).current() };
  }
  if (config.snapshotPaths.length > 0) return createSnapshotSource(config.snapshotPaths, { redact: authEnabled() });
  return demoSourceFor(defaultDemoId(config.demo));
}

// One source per process and configuration (the env does not change in production; tests may). On
// globalThis, as live mode keeps its sources: Next loads this module once per route bundle, and pages,
// API routes and the event stream must share one loaded, analysed snapshot (and one in-flight load).
const shared = globalThis as unknown as { __kubepathSource?: { key: string; source: ClusterSource } };

/**
 * The configured snapshot's load under way, or the one a request for the view would now begin: the overview shows
 * its progress meanwhile (and GET /api/progress). Null when the view is at hand, and for the demo and live sources
 * (they do not load this way).
 */
export async function getPendingLoad(): Promise<PendingLoad | null> {
  await guardPage(); // the label and progress are cluster data too
  const config = sourceConfigFromEnv();
  if (config.live || isDemo(config)) return null;
  return (await staticSource(config).pending?.()) ?? null;
}

/** What a request handler knows about the view asked for: a route's `?demo=` (pages get theirs through proxy.ts's cookie). */
export interface ViewRequest {
  demo?: string | null;
}

/**
 * The current cluster view of the configured source (cached; snapshots re-read when they change, live kept
 * in sync). Demo: the demo cluster this request asks for (see lib/source/demo-choice.ts).
 */
export async function getClusterView(request: ViewRequest = {}): Promise<ClusterView> {
  await guardPage(); // enforced where data is read, whatever proxy.ts did
  const config = sourceConfigFromEnv();
  // Live: the context this browser chose (cookie), each context with its own running source.
  if (config.live) return (await liveSourceForRequest(config.live)).current();
  if (isDemo(config)) {
    const { id } = chooseDemo({ param: request.demo, cookie: await requestedDemo() }, defaultDemoId(config.demo));
    return demoSourceFor(id).current();
  }
  return staticSource(config).current();
}

/** The demo cluster the current request's cookie names, or null (none, or outside a request). */
async function requestedDemo(): Promise<string | null> {
  try {
    const { cookies } = await import('next/headers');
    return (await cookies()).get(DEMO_COOKIE)?.value ?? null;
  } catch {
    return null;
  }
}

function staticSource(config: SourceConfig): ClusterSource {
  const key = JSON.stringify(config);
  let active = shared.__kubepathSource;
  if (!active || active.key !== key) active = shared.__kubepathSource = { key, source: createClusterSource(config) };
  return active.source;
}

/**
 * For /readyz (no sign-in, no request context): live — the default context's watches are all open
 * (starting it if needed); demo/snapshot — the data was read without errors. `state` is a word, never
 * cluster data.
 */
export async function sourceReadiness(): Promise<{ ready: boolean; state: string }> {
  const config = sourceConfigFromEnv();
  if (config.live) {
    const context = (await allowedContexts(config.live)).defaultContext;
    const state = liveSourceFor(config.live, context).status().state;
    return { ready: state === 'synced', state };
  }
  try {
    const view = await staticSource(config).current();
    return view.source.errors.length === 0 ? { ready: true, state: 'loaded' } : { ready: false, state: 'error' };
  } catch {
    return { ready: false, state: 'error' };
  }
}

/** In live mode, the running source of the request's context (the SSE route subscribes to it); else null. */
export async function getLiveSource(): Promise<LiveSource | null> {
  await guardPage();
  const config = sourceConfigFromEnv();
  return config.live ? liveSourceForRequest(config.live) : null;
}

/** In live mode, the status and contexts for the browser's live updater; else null (static sources). */
export async function getLiveClientState(): Promise<LiveClientState | null> {
  // `next build` prerenders static routes with this layout: never connect to a cluster from the build.
  if (process.env.NEXT_PHASE === 'phase-production-build') return null;
  await guardPage();
  const config = sourceConfigFromEnv();
  return config.live ? liveClientState(config.live) : null;
}
