// List+watch of one stream into the store, kept alive by itself (client-go's Reflector, written here
// because client-node's informer stops for good after an error and is known to go quiet:
// kubernetes-client/javascript#958, #364, #596; and its Watch aborts after 30 s without data, shorter
// than the ~60 s between the API server's bookmarks). Behaviour:
// - paged LIST (paged-list.ts), then WATCH from its resourceVersion with allowWatchBookmarks and a
//   randomised timeoutSeconds; a normal close re-watches from the last resourceVersion at once;
// - 410 Gone (HTTP or an ERROR event) → re-list (API concepts "Efficient detection of changes");
// - a watchdog re-lists when a watch delivers no event and no bookmark for `silenceMs`;
// - other failures (server down, 5xx, 401) → jittered exponential backoff, then re-watch (or re-list);
// - 403/404 → the kind is unavailable: its objects are dropped, the reason is reported, and access is
//   re-checked every `forbiddenRetryMs` (RBAC may be granted later);
// - an optional periodic full re-list (`relistMs`) guards against anything the above misses.
import type { KubeObject } from '../model/k8s';
import { createBackoff, type Backoff, type BackoffOptions } from './backoff';
import { classifyError, type ClassifiedError } from './errors';
import { resourceName, type WatchedKind } from './kinds';
import { DEFAULT_PAGE_SIZE, listServed } from './paged-list';
import type { ObjectStore } from './store';
import { stripObject } from './strip';
import type { KubeTransport, WatchEvent, WatchHandle } from './transport';

/** Where a stream is. */
export type StreamState = 'listing' | 'watching' | 'backoff' | 'unavailable' | 'stopped';

/** Serialisable status of one stream. */
export interface StreamStatus {
  id: string;
  kind: string;
  state: StreamState;
  objects: number;
  /** Last time (ms epoch) the stream was known to be in sync: a LIST, an event, a bookmark or a watch opening. */
  confirmedAt: number | null;
  /** True once the first LIST completed (or the kind turned out unavailable). */
  initialised: boolean;
  /** Why the kind cannot be read (403/404), or null. */
  unavailable: string | null;
  lastError: ClassifiedError | null;
  relists: number;
  watchdogRelists: number;
}

/** Reflector tuning; every field has a production default. */
export interface ReflectorOptions {
  pageSize: number;
  /** Re-list when a watch is silent (no event, no bookmark) this long. */
  silenceMs: number;
  /** Server-side watch timeout range (seconds), randomised like client-go (5–10 min). */
  watchTimeoutSeconds: [number, number];
  /** How often a forbidden/unserved kind is tried again. */
  forbiddenRetryMs: number;
  /** Periodic full re-list (0 = off). */
  relistMs: number;
  backoff: Partial<BackoffOptions>;
  random: () => number;
  now: () => number;
}

/** Defaults: bookmarks come about every 60 s (kube-apiserver cacher), so 150 s of silence means a dead watch. */
export const DEFAULT_REFLECTOR_OPTIONS: ReflectorOptions = {
  pageSize: DEFAULT_PAGE_SIZE,
  silenceMs: 150_000,
  watchTimeoutSeconds: [300, 600],
  forbiddenRetryMs: 300_000,
  relistMs: 3_600_000,
  backoff: {},
  random: Math.random,
  now: Date.now,
};

/** Notifications from a reflector to its owner. */
export interface ReflectorEvents {
  /** The store changed (objects added, updated or removed). */
  onData(): void;
  /** The stream's status changed. */
  onStatus(): void;
  /** A watch was opened again after the first (metrics). */
  onWatchRestart?(): void;
  /** A LIST or WATCH failed (metrics). */
  onError?(error: ClassifiedError): void;
}

type WatchOutcome =
  | { kind: 'closed' }
  | { kind: 'gone' }
  | { kind: 'silent' }
  | { kind: 'relist' }
  | { kind: 'error'; error: unknown }
  | { kind: 'stopped' };

/** Keeps one stream of the store in sync with the API server. */
export class Reflector {
  private readonly opts: ReflectorOptions;
  private readonly backoff: Backoff;
  private st: StreamStatus;
  private resourceVersion = '';
  private stopped = false;
  private handle: WatchHandle | null = null;
  private wake: (() => void) | null = null;
  private listedAt = 0;
  private watchesOpened = 0;
  /** The stream in the version the API server served to the last LIST (watched in that version too). */
  private served: WatchedKind;

  constructor(
    readonly kind: WatchedKind,
    private readonly transport: KubeTransport,
    private readonly store: ObjectStore,
    private readonly events: ReflectorEvents,
    opts: Partial<ReflectorOptions> = {},
  ) {
    this.opts = { ...DEFAULT_REFLECTOR_OPTIONS, ...opts };
    this.served = kind;
    this.backoff = createBackoff(this.opts.backoff, this.opts.random);
    this.st = {
      id: kind.id,
      kind: kind.kind,
      state: 'listing',
      objects: 0,
      confirmedAt: null,
      initialised: false,
      unavailable: null,
      lastError: null,
      relists: 0,
      watchdogRelists: 0,
    };
  }

  /** A copy of the stream's status. */
  status(): StreamStatus {
    return { ...this.st, objects: this.store.count(this.kind.id) };
  }

  private set(patch: Partial<StreamStatus>): void {
    this.st = { ...this.st, ...patch };
    this.events.onStatus();
  }

  /** Starts the loop; returns at once (the loop runs until stop()). */
  start(): void {
    void this.loop();
  }

  /** Stops the loop and the open watch. */
  stop(): void {
    this.stopped = true;
    this.handle?.stop();
    this.handle = null;
    this.wake?.();
    this.set({ state: 'stopped' });
  }

  /**
   * While backing off: retry at once (the owner's probe found the API server answering again, so the
   * rest of a long backoff sleep would only delay the re-sync). Otherwise nothing.
   */
  retryNow(): void {
    if (this.stopped || this.st.state !== 'backoff') return;
    this.backoff.reset();
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (!this.resourceVersion) {
        try {
          await this.relist();
        } catch (err) {
          if (this.stopped) return;
          await this.failed(err);
          continue;
        }
      }
      // stop() may have come while the LIST was in flight: never open a watch for a stopped stream.
      if (this.stopped) return;
      const outcome = await this.watchOnce();
      if (this.stopped || outcome.kind === 'stopped') return;
      switch (outcome.kind) {
        case 'closed':
          continue; // the server ended the watch at timeoutSeconds: watch again from resourceVersion
        case 'gone':
        case 'relist':
          this.resourceVersion = '';
          continue;
        case 'silent':
          this.resourceVersion = '';
          this.set({ watchdogRelists: this.st.watchdogRelists + 1 });
          continue;
        case 'error':
          await this.failed(outcome.error);
          continue;
      }
    }
  }

  private async relist(): Promise<void> {
    if (this.st.state !== 'backoff') this.set({ state: 'listing' });
    const { list, served } = await listServed(this.transport, this.kind, this.opts.pageSize);
    if (this.stopped) return;
    this.served = served;
    this.store.replace(this.kind.id, list.objects);
    this.resourceVersion = list.resourceVersion;
    this.listedAt = this.opts.now();
    this.backoff.reset();
    this.set({
      state: 'watching',
      confirmedAt: this.listedAt,
      initialised: true,
      unavailable: null,
      lastError: null,
      relists: this.st.relists + (this.st.initialised ? 1 : 0),
    });
    this.events.onData();
  }

  /** Handles a failed LIST or WATCH: unavailable kind, re-list, or backoff. */
  private async failed(err: unknown): Promise<void> {
    const c = classifyError(err);
    this.events.onError?.(c);
    if (c.class === 'gone') {
      this.resourceVersion = '';
      return;
    }
    if (c.class === 'not-served' && this.kind.optional) {
      // An absent CRD (MetalLB, Gateway API, Istio, …): no such objects exist. Checked again later.
      this.resourceVersion = '';
      this.store.clear(this.kind.id);
      this.set({
        state: 'watching',
        unavailable: null,
        initialised: true,
        lastError: null,
        confirmedAt: this.opts.now(),
      });
      this.events.onData();
      await this.sleep(this.opts.forbiddenRetryMs);
      return;
    }
    if (c.class === 'forbidden' || c.class === 'not-served') {
      const reason =
        c.class === 'forbidden'
          ? `${c.status} Forbidden: cannot list/watch ${resourceName(this.kind)} (${c.message})`
          : `${c.status}: ${resourceName(this.kind)} is not served by this API server`;
      this.resourceVersion = '';
      this.store.clear(this.kind.id);
      this.set({
        state: 'unavailable',
        unavailable: reason,
        initialised: true,
        lastError: c,
        confirmedAt: this.opts.now(),
      });
      // The model must be rebuilt either way: the kind's absence now means "unknown", not "none".
      this.events.onData();
      await this.sleep(this.opts.forbiddenRetryMs);
      return;
    }
    const delay = this.backoff.next();
    this.set({ state: 'backoff', lastError: c });
    await this.sleep(delay);
  }

  private watchOnce(): Promise<WatchOutcome> {
    return new Promise<WatchOutcome>((resolve) => {
      let settled = false;
      let silence: ReturnType<typeof setTimeout> | undefined;
      let relistTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (o: WatchOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(silence);
        clearTimeout(relistTimer);
        if (o.kind !== 'closed' && o.kind !== 'error') {
          this.handle?.stop();
        }
        this.handle = null;
        this.wake = null;
        resolve(o);
      };
      const armWatchdog = () => {
        clearTimeout(silence);
        silence = setTimeout(() => finish({ kind: 'silent' }), this.opts.silenceMs);
      };
      this.wake = () => finish(this.stopped ? { kind: 'stopped' } : { kind: 'relist' });
      if (this.opts.relistMs > 0) {
        // Jittered so the streams of a source do not all re-list in the same second.
        const due = this.listedAt + this.opts.relistMs * (0.9 + 0.2 * this.opts.random()) - this.opts.now();
        relistTimer = setTimeout(() => finish({ kind: 'relist' }), Math.max(0, due));
      }
      const [lo, hi] = this.opts.watchTimeoutSeconds;
      const timeoutSeconds = Math.round(lo + (hi - lo) * this.opts.random());
      armWatchdog();
      this.transport
        .watch(
          this.served,
          { resourceVersion: this.resourceVersion, timeoutSeconds },
          {
            onEvent: (e) => {
              if (settled) return;
              armWatchdog();
              const outcome = this.apply(e);
              if (outcome) finish(outcome);
            },
            done: (err) => {
              // The stream was open and the watchdog had not found it silent: it was in sync until it broke,
              // by the same standard that shows an open watch as "synced now".
              if (!settled && this.handle) this.st = { ...this.st, confirmedAt: this.opts.now() };
              finish(err ? { kind: 'error', error: err } : { kind: 'closed' });
            },
          },
        )
        .then(
          (h) => {
            if (settled) h.stop();
            else {
              this.handle = h;
              if (this.watchesOpened++ > 0) this.events.onWatchRestart?.();
              // The watch is open from our resourceVersion: nothing was missed up to now.
              this.backoff.reset();
              this.set({ state: 'watching', confirmedAt: this.opts.now(), lastError: null });
            }
          },
          (err) => finish({ kind: 'error', error: err }),
        );
    });
  }

  /** Applies one watch event; returns an outcome when the watch must end. */
  private apply(e: WatchEvent): WatchOutcome | null {
    const o = e.object as {
      metadata?: { resourceVersion?: string };
      code?: number;
      reason?: string;
      message?: string;
    } | null;
    if (e.type === 'ERROR') {
      // A Status object: 410 Expired/Gone means our resourceVersion was compacted away.
      if (o?.code === 410 || o?.reason === 'Expired' || o?.reason === 'Gone') return { kind: 'gone' };
      return { kind: 'error', error: Object.assign(new Error(o?.message ?? 'watch error'), { status: o?.code }) };
    }
    const rv = o?.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    const now = this.opts.now();
    if (e.type === 'BOOKMARK') {
      this.st = { ...this.st, confirmedAt: now };
      return null;
    }
    const stripped: KubeObject = stripObject(this.kind.kind, o, this.served.apiVersion);
    const changed =
      e.type === 'DELETED' ? this.store.remove(this.kind.id, stripped) : this.store.upsert(this.kind.id, stripped);
    this.st = { ...this.st, confirmedAt: now };
    if (changed) this.events.onData();
    return null;
  }
}
