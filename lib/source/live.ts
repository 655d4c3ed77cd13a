// Live clusters for the dashboard: one LiveSource (watches + analysis) per kubeconfig context, shared
// by every page, route handler and SSE stream of the server process. The context a browser looks at is
// a cookie, set only by POST /api/contexts (validated against the allowed contexts there, and again on
// every use). Page views (GET) never start watching a context: they show a running or paused one, or
// the default context. At most KUBEPATH_LIVE_MAX_CONTEXTS (default 2) contexts are watched at once;
// starting another pauses the least recently used one: its watches are closed at once and it is shown
// as "paused" with the data it had, until someone switches to it again.
import 'server-only';
import { authEnabled, type Env } from '../auth/config';
import { LiveSource } from '../live/live-source';
import type { LiveClientState } from '../live/status';
import type { LiveTarget } from '../live/target';
import { liveMetrics, setSyncAgeReader } from '../server/metrics';

/** Cookie holding the context a browser chose. */
export const CONTEXT_COOKIE = 'kubepath-context';

interface Entry {
  source: LiveSource;
  /** Order of last use (a counter: two uses in the same millisecond must still be ordered). */
  usedAt: number;
}

interface Registry {
  sources: Map<string, Entry>;
  uses: number;
  contexts: { key: string; at: number; value: Promise<ContextList> } | null;
}

/** The contexts of the configured kubeconfig and the default one. */
export interface ContextList {
  contexts: string[];
  /** The context used when the browser chose none (KUBEPATH_CONTEXT, else current-context). */
  defaultContext: string | null;
  /** Why the kubeconfig cannot be read, when it cannot (may name files: for the log, not for browsers when auth is on). */
  error: string | null;
}

// On globalThis: Next may load this module once per route bundle, and in dev once per reload; the
// informers must exist once per process.
const g = globalThis as unknown as { __kubepathLive?: Registry };
const registry: Registry = (g.__kubepathLive ??= { sources: new Map(), uses: 0, contexts: null });
setSyncAgeReader(() => [...registry.sources.values()].flatMap((e) => e.source.syncAges()));

/** How long the kubeconfig's context list is reused before being read again. */
const CONTEXTS_TTL_MS = 10_000;

function maxContexts(): number {
  const n = Number(process.env.KUBEPATH_LIVE_MAX_CONTEXTS);
  return Number.isInteger(n) && n >= 1 ? n : 2;
}

/** Lists the kubeconfig's contexts (cached briefly; the kubeconfig file may change). */
export function listContexts(target: LiveTarget): Promise<ContextList> {
  const key = target.kubeconfig ?? '';
  const now = Date.now();
  if (registry.contexts && registry.contexts.key === key && now - registry.contexts.at < CONTEXTS_TTL_MS)
    return registry.contexts.value;
  const value = (async (): Promise<ContextList> => {
    try {
      const { loadCluster } = await import('../live/kube-transport');
      const c = await loadCluster(target);
      return { contexts: c.contexts, defaultContext: c.context, error: null };
    } catch (err) {
      return { contexts: [], defaultContext: target.context, error: err instanceof Error ? err.message : String(err) };
    }
  })();
  registry.contexts = { key, at: now, value };
  return value;
}

/**
 * The contexts browsers may switch between: KUBEPATH_CONTEXTS (comma-separated) of the kubeconfig's;
 * without it, all of them on a laptop, and only the default one when requests are authenticated (a
 * deployed kubepath shows the cluster it was deployed for unless told otherwise).
 */
export async function allowedContexts(target: LiveTarget, env: Env = process.env): Promise<ContextList> {
  const list = await listContexts(target);
  const configured = (env.KUBEPATH_CONTEXTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const defaultContext = target.context ?? list.defaultContext;
  let contexts: string[];
  if (configured.length > 0) contexts = list.contexts.filter((c) => configured.includes(c));
  else if (authEnabled(env)) contexts = list.contexts.filter((c) => c === defaultContext);
  else contexts = list.contexts;
  return { ...list, contexts, defaultContext };
}

/** The context to show: the requested one when it is allowed, else the default (by name, so both share a source). */
export async function resolveContext(target: LiveTarget, requested: string | null): Promise<string | null> {
  const list = await allowedContexts(target);
  if (requested && list.contexts.includes(requested)) return requested;
  return list.defaultContext;
}

const keyOf = (target: LiveTarget, context: string | null) => `${target.kubeconfig ?? ''}\u0000${context ?? ''}`;

/**
 * The running source for a context, started when it is not running (a paused one is started afresh).
 * Only the context switch (POST) and the default context use this; page views use sourceForView.
 */
export function liveSourceFor(target: LiveTarget, context: string | null): LiveSource {
  const key = keyOf(target, context);
  const use = ++registry.uses;
  const hit = registry.sources.get(key);
  if (hit && !hit.source.paused) {
    hit.usedAt = use;
    return hit.source;
  }
  const source = new LiveSource({
    context: context ?? 'current context',
    redact: authEnabled(),
    metrics: liveMetrics,
    transport: async () =>
      (await (await import('../live/kube-transport')).connect({ kubeconfig: target.kubeconfig, context })).transport,
  });
  registry.sources.set(key, { source, usedAt: use });
  void source.start();
  evict();
  return source;
}

/** Pauses the least recently used running sources past the limit; forgets the oldest paused ones past it too. */
function evict(): void {
  const byAge = () => [...registry.sources.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt);
  const running = byAge().filter(([, e]) => !e.source.paused);
  while (running.length > maxContexts()) running.shift()![1].source.stop();
  // Paused sources keep their last view (bounded: each holds a copy of its cluster in memory).
  const paused = byAge().filter(([, e]) => e.source.paused);
  while (paused.length > maxContexts()) registry.sources.delete(paused.shift()![0]);
}

/**
 * The source a page view (GET) of `context` shows, without starting anything but the default
 * context: a running or paused source of that context, else the default context's.
 */
export async function sourceForView(
  target: LiveTarget,
  requested: string | null,
): Promise<{ context: string | null; source: LiveSource }> {
  const context = await resolveContext(target, requested);
  const fallback = (await allowedContexts(target)).defaultContext;
  const hit = registry.sources.get(keyOf(target, context));
  if (hit && context !== fallback) {
    if (!hit.source.paused) hit.usedAt = ++registry.uses;
    return { context, source: hit.source };
  }
  return { context: fallback, source: liveSourceFor(target, fallback) };
}

/** The context the current request asked for (its cookie), or null outside a request. */
export async function requestedContext(): Promise<string | null> {
  try {
    const { cookies } = await import('next/headers');
    const value = (await cookies()).get(CONTEXT_COOKIE)?.value;
    return value && value.length <= 253 ? value : null;
  } catch {
    return null;
  }
}

/** The source of the current request's context. */
export async function liveSourceForRequest(target: LiveTarget): Promise<LiveSource> {
  return (await sourceForView(target, await requestedContext())).source;
}

/** What the layout hands to the browser's live updater. */
export async function liveClientState(target: LiveTarget): Promise<LiveClientState> {
  const { context, source } = await sourceForView(target, await requestedContext());
  // Wait (bounded) for the same first view the page waits for, so the layout's version matches the page's.
  await source.current();
  const list = await allowedContexts(target);
  const status = source.status();
  return { status, contexts: list.contexts, active: context ?? list.defaultContext ?? status.context };
}

/** Stops every running source (tests, shutdown). */
export function stopAllLiveSources(): void {
  for (const e of registry.sources.values()) e.source.stop();
  registry.sources.clear();
  registry.contexts = null;
}
