// Live clusters for the dashboard: one LiveSource (watches + analysis) per kubeconfig context, shared
// by every page, route handler and SSE stream of the server process. The context a browser looks at is
// a cookie (validated against the kubeconfig on every use); switching starts that context's informers
// and, past KUBEPATH_LIVE_MAX_CONTEXTS running contexts, stops the least recently used one.
import 'server-only';
import { LiveSource } from '../live/live-source';
import type { LiveClientState } from '../live/status';
import type { LiveTarget } from '../live/target';

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
  /** Why the kubeconfig cannot be read, when it cannot. */
  error: string | null;
}

// On globalThis: Next may load this module once per route bundle, and in dev once per reload; the
// informers must exist once per process.
const g = globalThis as unknown as { __kubepathLive?: Registry };
const registry: Registry = (g.__kubepathLive ??= { sources: new Map(), uses: 0, contexts: null });

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

/** The context to show: the requested one when the kubeconfig has it, else the default (by name, so both share a source). */
export async function resolveContext(target: LiveTarget, requested: string | null): Promise<string | null> {
  const list = await listContexts(target);
  if (requested && list.contexts.includes(requested)) return requested;
  return target.context ?? list.defaultContext;
}

/** The running source for a context (started on first use). `context` null = the kubeconfig's default. */
export function liveSourceFor(target: LiveTarget, context: string | null): LiveSource {
  const key = `${target.kubeconfig ?? ''}\u0000${context ?? ''}`;
  const use = ++registry.uses;
  const hit = registry.sources.get(key);
  if (hit) {
    hit.usedAt = use;
    return hit.source;
  }
  const source = new LiveSource({
    context: context ?? 'current context',
    transport: async () =>
      (await (await import('../live/kube-transport')).connect({ kubeconfig: target.kubeconfig, context })).transport,
  });
  registry.sources.set(key, { source, usedAt: use });
  void source.start();
  // Bounded: each running context holds a copy of its cluster in memory.
  const entries = [...registry.sources.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt);
  while (entries.length > maxContexts()) {
    const [oldKey, old] = entries.shift()!;
    old.source.stop();
    registry.sources.delete(oldKey);
  }
  return source;
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
  return liveSourceFor(target, await resolveContext(target, await requestedContext()));
}

/** What the layout hands to the browser's live updater. */
export async function liveClientState(target: LiveTarget): Promise<LiveClientState> {
  const context = await resolveContext(target, await requestedContext());
  const source = liveSourceFor(target, context);
  // Wait (bounded) for the same first view the page waits for, so the layout's version matches the page's.
  await source.current();
  const list = await listContexts(target);
  const status = source.status();
  return { status, contexts: list.contexts, active: context ?? list.defaultContext ?? status.context };
}

/** Stops every running source (tests, shutdown). */
export function stopAllLiveSources(): void {
  for (const e of registry.sources.values()) e.source.stop();
  registry.sources.clear();
  registry.contexts = null;
}
