// A live cluster as a source of cluster views: one reflector per stream (reflector.ts) fills the store;
// changes are debounced (300 ms, at most 2 s of delay under constant churn) and re-analysed —
// incrementally when only Services/EndpointSlices changed (incremental.ts) — into a new view version,
// published to subscribers (the SSE route). Shared by every page and request of the server process.
import type { KnownKind, Pod } from '../model/k8s';
import { warningLines } from '../model/warning-lines';
import { analyzeObjects } from '../engine/facade';
import type { ClusterView, SourceInfo } from '../source/types';
import { credentialsMessage, unreachableMessage, type ClassifiedError } from './errors';
import { reanalyze, type LiveAnalysis } from './incremental';
import { proxyConfigMapStreams, WATCHED_KINDS, type WatchedKind } from './kinds';
import { Reflector, type ReflectorOptions } from './reflector';
import { deriveState, type AnalysisTiming, type LiveEvent, type LiveStatus } from './status';
import { ObjectStore } from './store';
import type { KubeTransport } from './transport';

/** Options of a live source. */
export interface LiveSourceOptions {
  /** The transport, or a function that makes it (loading the kubeconfig may fail: reported as an error). */
  transport: KubeTransport | (() => Promise<KubeTransport>);
  /** Shown until the transport is known. */
  context: string;
  /** Quiet time after a change before re-analysing. */
  debounceMs?: number;
  /** Longest delay of a re-analysis under constant change. */
  maxWaitMs?: number;
  /** How long current() waits for the first complete sync before answering with what it has. */
  initialWaitMs?: number;
  reflector?: Partial<ReflectorOptions>;
  kinds?: readonly WatchedKind[];
  clientIP?: string;
  now?: () => number;
  log?: (message: string) => void;
  /**
   * While a stream backs off, how often the API server is probed (one LIST of one object): when it
   * answers, every stream retries at once instead of sleeping out its backoff (up to 30 s).
   */
  probeMs?: number;
  /**
   * Hide internals from what browsers get (status, errors, source info): the API server's address,
   * file paths, credential-plugin output and API messages go to the log only (KUBEPATH_AUTH on).
   */
  redact?: boolean;
  /** Counters for /metrics. */
  metrics?: LiveMetrics;
}

/** What the live source reports to /metrics. */
export interface LiveMetrics {
  watchRestarted(context: string, kind: string): void;
  apiError(context: string, kind: string, error: ClassifiedError): void;
  analysed(context: string, mode: 'full' | 'incremental', ms: number): void;
}

/** Most listed problems in a view's source info. */
const MAX_LISTED = 50;

/** Keeps a live view of one cluster; start() once, stop() when done. */
export class LiveSource {
  readonly kind = 'live' as const;
  private readonly opts: Required<Omit<LiveSourceOptions, 'transport' | 'clientIP' | 'reflector' | 'metrics'>> &
    Pick<LiveSourceOptions, 'clientIP' | 'reflector' | 'metrics'>;
  private readonly store: ObjectStore;
  private transport: KubeTransport | null = null;
  private reflectors: Reflector[] = [];
  /** Streams of the ConfigMaps recognised proxies name, by stream id (they follow the pods). */
  private readonly proxyConfigMaps = new Map<string, Reflector>();
  private proxyConfigMapsChecked = false;
  private live: LiveAnalysis | null = null;
  private view: Omit<ClusterView, 'source'> | null = null;
  private viewSyncedAt: number | null = null;
  private version = 0;
  private connectError: string | null = null;
  private server = 'unknown';
  private context: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirtySince: number | null = null;
  private running = false;
  private stopped = false;
  private lastTiming: AnalysisTiming | null = null;
  private readonly listeners = new Set<(e: LiveEvent) => void>();
  private lastEmitted = '';
  private lastLogged: LiveStatus['state'] = 'connecting';
  private lastUnavailable = '{}';
  private firstView: Promise<void>;
  private resolveFirstView!: () => void;
  private readonly transportArg: LiveSourceOptions['transport'];
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The status when stop() was called: a paused source shows the age of the data it had then. */
  private pausedFrom: LiveStatus | null = null;
  private readonly createdAt: number;

  constructor(opts: LiveSourceOptions) {
    this.opts = {
      context: opts.context,
      debounceMs: opts.debounceMs ?? 300,
      maxWaitMs: opts.maxWaitMs ?? 2000,
      initialWaitMs: opts.initialWaitMs ?? 10_000,
      kinds: opts.kinds ?? WATCHED_KINDS,
      now: opts.now ?? Date.now,
      log: opts.log ?? ((m) => console.log(`[kubepath live] ${m}`)),
      clientIP: opts.clientIP,
      reflector: opts.reflector,
      probeMs: opts.probeMs ?? 1000,
      redact: opts.redact ?? false,
      metrics: opts.metrics,
    };
    this.transportArg = opts.transport;
    this.createdAt = this.opts.now();
    this.context = opts.context;
    this.store = new ObjectStore(this.opts.kinds);
    this.firstView = new Promise((r) => {
      this.resolveFirstView = r;
    });
  }

  /** Connects and starts every stream. */
  async start(): Promise<void> {
    try {
      this.transport = typeof this.transportArg === 'function' ? await this.transportArg() : this.transportArg;
    } catch (err) {
      this.connectError = err instanceof Error ? err.message : String(err);
      this.opts.log(`context ${this.context}: ${this.connectError}`);
      this.resolveFirstView();
      this.emitStatus();
      return;
    }
    if (this.stopped) return;
    this.context = this.transport.context;
    this.server = this.transport.server;
    this.opts.log(`watching context ${this.context} at ${this.server}`);
    for (const k of this.opts.kinds) this.reflectors.push(this.reflectorOf(k));
    for (const r of this.reflectors) r.start();
  }

  private reflectorOf(k: WatchedKind): Reflector {
    return new Reflector(
      k,
      this.transport!,
      this.store,
      {
        onData: () => this.schedule(),
        onStatus: () => this.emitStatus(),
        onWatchRestart: () => this.opts.metrics?.watchRestarted(this.context, k.id),
        onError: (e) => this.opts.metrics?.apiError(this.context, k.id, e),
      },
      this.opts.reflector,
    );
  }

  /**
   * Starts a stream for every ConfigMap a recognised proxy names and stops those no pod names any more,
   * when the pods changed. Returns true when streams were added: the analysis waits for their first LIST.
   */
  private syncProxyConfigMaps(): boolean {
    if (this.proxyConfigMapsChecked && !this.store.changedKinds.has('Pod')) return false;
    this.proxyConfigMapsChecked = true;
    const wanted = new Map(
      proxyConfigMapStreams(this.store.objectsOfKind('Pod') as Pod[], this.opts.kinds).map((k) => [k.id, k]),
    );
    for (const [id, r] of [...this.proxyConfigMaps]) {
      if (wanted.has(id)) continue;
      r.stop();
      this.proxyConfigMaps.delete(id);
      this.reflectors = this.reflectors.filter((x) => x !== r);
      this.store.removeStream(id);
    }
    let added = false;
    for (const [id, k] of wanted) {
      if (this.proxyConfigMaps.has(id)) continue;
      this.store.addStream(k);
      const r = this.reflectorOf(k);
      this.proxyConfigMaps.set(id, r);
      this.reflectors.push(r);
      r.start();
      added = true;
    }
    return added;
  }

  /**
   * Stops every stream (their watches are closed at once) and timer. The source is "paused" from then
   * on: its last view stays readable, never presented as synced; subscribers get the paused status.
   */
  stop(): void {
    if (this.stopped) return;
    this.pausedFrom = this.fullStatus();
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    for (const r of this.reflectors) r.stop();
    this.emit();
    this.listeners.clear();
  }

  /** Per stream: 0 while its watch is open (or the kind is unreadable), else seconds since it was last known in sync. */
  syncAges(): { kind: string; ageSeconds: number }[] {
    if (this.stopped) return [];
    const now = this.opts.now();
    return this.reflectors.map((r) => {
      const st = r.status();
      const fresh = st.state === 'watching' || st.state === 'unavailable';
      return { kind: r.kind.id, ageSeconds: fresh ? 0 : Math.max(0, now - (st.confirmedAt ?? this.createdAt)) / 1000 };
    });
  }

  /** True once stop() was called. */
  get paused(): boolean {
    return this.stopped;
  }

  /** Probes the API server while a stream backs off; when it answers, every stream retries at once. */
  private probe(): void {
    if (this.probeTimer || this.stopped || !this.transport) return;
    const kind = this.reflectors.find((r) => r.status().state !== 'unavailable')?.kind;
    if (!kind || !this.reflectors.some((r) => r.status().state === 'backoff')) return;
    const transport = this.transport;
    this.probeTimer = setTimeout(() => {
      transport.list(kind, { limit: 1, continueToken: null }).then(
        () => {
          this.probeTimer = null;
          if (this.stopped) return;
          this.opts.log(`context ${this.context}: the API server answers again; re-syncing now`);
          for (const r of this.reflectors) r.retryNow();
        },
        () => {
          this.probeTimer = null;
          this.probe();
        },
      );
    }, this.opts.probeMs);
  }

  /** The ConfigMaps recognised proxies name that cannot be read (`namespace/name` → reason, redacted when asked). */
  private unreadableConfigMaps(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, r] of this.proxyConfigMaps) {
      const u = r.status().unavailable;
      if (u) out[id.replace(/^ConfigMap\//, '')] = u;
    }
    return this.opts.redact ? redactUnavailable(out) : out;
  }

  /** Kinds that cannot be read, with the reason (ConfigMap streams merged into one entry). */
  unavailableKinds(): Partial<Record<KnownKind, string>> {
    const out: Partial<Record<KnownKind, string>> = {};
    for (const r of this.reflectors) {
      const u = r.status().unavailable;
      // A proxy's own ConfigMap is not the dataplane's: its absence must not make the dataplane unknown.
      if (!u || this.proxyConfigMaps.has(r.kind.id)) continue;
      const k = r.kind.kind;
      out[k] = out[k] ? `${out[k]}; ${u}` : u;
    }
    // kubepath reads EndpointSlices, not the legacy Endpoints: without slices, endpoints are unknown too.
    if (out.EndpointSlice) out.Endpoints = `not read by the live source (EndpointSlices are: ${out.EndpointSlice})`;
    return out;
  }

  /** The status as browsers see it: internals hidden when `redact` is on, "paused" once stopped. */
  status(): LiveStatus {
    const full = this.fullStatus();
    return this.opts.redact ? redactStatus(full) : full;
  }

  /** The status with every detail (for the log). */
  private fullStatus(): LiveStatus {
    if (this.stopped && this.pausedFrom) {
      const p = this.pausedFrom;
      return {
        ...p,
        state: 'paused',
        version: this.version,
        serverTime: new Date(this.opts.now()).toISOString(),
        error: null,
        streams: p.streams.map((x) => ({ ...x, state: 'stopped' })),
      };
    }
    const now = this.opts.now();
    const streams = this.reflectors.map((r) => r.status());
    // Before the kubeconfig is loaded there are no streams yet: connecting, not "all synced".
    const derived =
      !this.transport && !this.connectError
        ? { state: 'connecting' as const, syncedAt: null, error: null }
        : deriveState(streams, now, this.connectError);
    let error = derived.error;
    if (error && !this.connectError) {
      const c = streams.find((s) => s.state === 'backoff')?.lastError;
      error =
        c && (c.class === 'unauthorized' || c.class === 'credentials')
          ? credentialsMessage(this.context, this.server, c)
          : unreachableMessage(this.context, this.server, error);
    }
    const unavailable: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.unavailableKinds())) if (v) unavailable[k] = v;
    for (const [id, r] of this.proxyConfigMaps) {
      const u = r.status().unavailable;
      if (u) unavailable[id.replace('/', ' ')] = u;
    }
    return {
      context: this.context,
      server: this.server,
      state: derived.state,
      version: this.version,
      syncedAt: derived.syncedAt === null ? null : new Date(derived.syncedAt).toISOString(),
      serverTime: new Date(now).toISOString(),
      error,
      unavailable,
      streams: streams.map((s) => ({ id: s.id, state: s.state, objects: s.objects })),
      lastAnalysis: this.lastTiming,
    };
  }

  /** Calls `fn` with every new view version and status change; returns the unsubscribe function. */
  subscribe(fn: (e: LiveEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    const status = this.status();
    const e: LiveEvent = { version: this.version, status };
    this.lastEmitted = statusSignature(status);
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.opts.log(`listener failed: ${String(err)}`);
      }
    }
  }

  /** Tells subscribers about a status change (state, error, unavailable kinds), not about the clock moving. */
  private emitStatus(): void {
    if (this.stopped) return;
    const full = this.fullStatus();
    // Nothing to wait for when the cluster cannot be reached: pages answer with the error at once.
    if (full.state === 'error') this.resolveFirstView();
    if (full.state !== this.lastLogged) {
      if (full.state !== 'connecting')
        this.opts.log(`context ${full.context}: ${full.state}${full.error ? ` — ${full.error}` : ''}`);
      this.lastLogged = full.state;
    }
    const unavailable = JSON.stringify(full.unavailable);
    if (unavailable !== this.lastUnavailable) {
      for (const [kind, why] of Object.entries(full.unavailable))
        this.opts.log(`context ${full.context}: ${kind} unavailable — ${why}`);
      this.lastUnavailable = unavailable;
    }
    if (full.state === 'reconnecting' || full.state === 'error') this.probe();
    if (statusSignature(this.status()) !== this.lastEmitted) this.emit();
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.opts.now();
    this.dirtySince ??= now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.opts.debounceMs, this.dirtySince + this.opts.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.rebuild();
    }, wait);
  }

  /** Re-analyses when every stream has completed its first LIST (a partial cluster is never analysed). */
  private rebuild(): void {
    if (this.stopped || this.running) return;
    if (!this.reflectors.every((r) => r.status().initialised)) return;
    if (this.syncProxyConfigMaps()) return; // their first LIST schedules the analysis
    this.running = true;
    this.dirtySince = null;
    try {
      const started = performance.now();
      const changes = this.store.takeChanges();
      const unavailableKinds = this.opts.redact ? redactUnavailable(this.unavailableKinds()) : this.unavailableKinds();
      const { result, mode, reason } = reanalyze(this.live, () => this.store.objects(), this.store, changes, {
        unavailableKinds,
        unreadableConfigMaps: this.unreadableConfigMaps(),
        clientIP: this.opts.clientIP,
      });
      const ms = Math.round((performance.now() - started) * 10) / 10;
      this.live = result;
      this.view = { model: result.model, dataplane: result.dataplane, analysis: result.analysis };
      this.viewSyncedAt = this.opts.now();
      this.version++;
      this.lastTiming = {
        mode,
        ms,
        reason,
        services: mode === 'full' ? result.model.services.size : changes.services.size,
      };
      this.opts.log(
        `view v${this.version}: ${mode} analysis in ${ms} ms${reason && this.version > 1 ? ` (${reason})` : ''}`,
      );
      this.opts.metrics?.analysed(this.context, mode, ms);
      this.resolveFirstView();
      this.emit();
    } catch (err) {
      this.opts.log(`analysis failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      this.running = false;
    }
    if (this.store.dirty) this.schedule();
  }

  /** Waits (up to initialWaitMs) for the first view or a connection error, then answers with the newest view. */
  async current(): Promise<ClusterView> {
    if (!this.view) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        this.firstView,
        new Promise<void>((r) => {
          timer = setTimeout(r, this.opts.initialWaitMs);
        }),
      ]);
      clearTimeout(timer);
    }
    const status = this.status();
    return { ...(this.view ?? emptyView()), source: this.sourceInfo(status) };
  }

  private sourceInfo(status: LiveStatus): SourceInfo {
    const errors: string[] = [];
    const warnings: string[] = [];
    // The data's age: now while every watch is open; the last confirmation when a watch is down.
    const syncedAt =
      status.state === 'synced'
        ? status.syncedAt
        : (status.syncedAt ?? (this.viewSyncedAt ? new Date(this.viewSyncedAt).toISOString() : null));
    if (status.state === 'error') errors.push(status.error ?? 'the cluster cannot be reached');
    if (status.state === 'reconnecting')
      errors.push(
        `${status.error}. Showing the data as last synced${syncedAt ? ` at ${syncedAt}` : ''}; kubepath keeps retrying.`,
      );
    if (status.state === 'connecting' && !this.view) {
      const done = status.streams.filter((s) => s.state !== 'listing').length;
      errors.push(
        `Still reading the cluster (context "${status.context}"${status.server ? ` at ${status.server}` : ''}): ${done} of ${status.streams.length} kinds listed. The page updates by itself when the first sync completes.`,
      );
    }
    if (status.state === 'paused')
      errors.push(
        `Context "${status.context}" is paused: kubepath watches only a few contexts at once and stopped this one to make room for another. Showing its data as last synced${syncedAt ? ` at ${syncedAt}` : ''}; switch to it again to resume.`,
      );
    for (const [kind, reason] of Object.entries(status.unavailable)) {
      warnings.push(
        `${kind} could not be read (${reason}); ${kind === 'NetworkPolicy' ? 'NetworkPolicy verdicts are unknown' : 'answers that depend on it are unknown'}.`,
      );
    }
    warnings.push(...warningLines(this.view?.model.warnings ?? [], MAX_LISTED));
    return { kind: 'live', label: status.context, loadedAt: syncedAt ?? new Date(0).toISOString(), errors, warnings };
  }

  /** Timing of the last analysis (for logs and benchmarks). */
  get lastAnalysis(): AnalysisTiming | null {
    return this.lastTiming;
  }

  /** Version of the newest view. */
  get currentVersion(): number {
    return this.version;
  }
}

/**
 * The status without internals (KUBEPATH_AUTH on): no API server address, and errors that say which
 * context failed and that the server log has the details — not the URL, file path, plugin output or
 * API message they carry.
 */
export function redactStatus(s: LiveStatus): LiveStatus {
  const detail = 'the server log has the details';
  const error =
    s.error === null
      ? null
      : s.state === 'reconnecting'
        ? `lost the connection to the API server of context "${s.context}"; ${detail}`
        : `cannot read context "${s.context}"; ${detail}`;
  return { ...s, server: '', error, unavailable: redactUnavailable(s.unavailable) };
}

/** Why kinds cannot be read, without the API server's message (it names the service account). */
function redactUnavailable<T extends Partial<Record<string, string>>>(reasons: T): T {
  const out: Partial<Record<string, string>> = {};
  for (const [kind, why] of Object.entries(reasons)) {
    if (!why) continue;
    const code = /\b(403|404)\b/.exec(why)?.[1];
    out[kind] =
      `${code === '404' ? 'not served by this API server' : 'not allowed (403 Forbidden)'}; the server log has the details`;
  }
  return out as T;
}

/** What makes a status different for subscribers (not the ever-moving clock). */
function statusSignature(s: LiveStatus): string {
  return JSON.stringify([
    s.state,
    s.error,
    s.unavailable,
    s.version,
    s.context,
    s.server,
    s.state === 'synced' ? null : s.syncedAt,
  ]);
}

// An empty cluster for pages to render the error with, instead of a spinner, before the first sync.
let empty: Omit<ClusterView, 'source'> | null = null;
function emptyView(): Omit<ClusterView, 'source'> {
  if (!empty) {
    const r = analyzeObjects([]);
    empty = { model: r.model, dataplane: r.dataplane, analysis: r.analysis };
  }
  return empty;
}
