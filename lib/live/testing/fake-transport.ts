// An in-memory API server for the live source's unit tests: collections per stream with paged LIST
// (limit/continue), watches that receive what the test emits, and switches for the failures the
// source must survive (server down, 403 per stream, 410 on watch, expired continue tokens).
import { KubeApiError } from '../errors';
import type { WatchedKind } from '../kinds';
import type { KubeTransport, ListPage, WatchCallbacks, WatchEvent, WatchHandle } from '../transport';

interface OpenWatch {
  streamId: string;
  resourceVersion: string;
  cb: WatchCallbacks;
  closed: boolean;
}

/** Records of what the source asked for. */
export interface FakeCalls {
  lists: { streamId: string; limit: number; continueToken: string | null }[];
  watches: { streamId: string; resourceVersion: string; timeoutSeconds: number }[];
}

/** A fake transport; mutate `objects` with set()/del() and push events with emit(). */
export class FakeTransport implements KubeTransport {
  readonly context: string;
  readonly server: string;
  /** Raw objects per stream id, in list order. */
  readonly collections = new Map<string, unknown[]>();
  readonly calls: FakeCalls = { lists: [], watches: [] };
  /** Every LIST request as `path[?fieldSelector=…]` (what RBAC's authorizer would see). */
  readonly listRequests: string[] = [];
  /** Streams answering 403. */
  readonly forbidden = new Set<string>();
  /** Streams answering 404 (the API server does not serve the resource: an absent CRD). */
  readonly notServed = new Set<string>();
  /** Collection paths answering 404 (a CRD that does not serve that version). */
  readonly notServedPaths = new Set<string>();
  /** Every WATCH request's collection path. */
  readonly watchPaths: string[] = [];
  /** When true every request fails as a refused connection. */
  down = false;
  /** When set, every request fails before it is sent, as when an exec credential plugin fails. */
  credentialsError: Error | null = null;
  /** When set, the next watch of these streams answers HTTP 410. */
  readonly goneOnWatch = new Set<string>();
  /** When true, a continue token is rejected with 410 once. */
  expireNextContinue = false;
  private rv = 100;
  private watchesOpen: OpenWatch[] = [];

  constructor(context = 'test', server = 'https://127.0.0.1:6443') {
    this.context = context;
    this.server = server;
  }

  private refused(): Error {
    return new TypeError('fetch failed', {
      cause: Object.assign(new Error(`connect ECONNREFUSED ${this.server}`), { code: 'ECONNREFUSED' }),
    });
  }

  /** Current resourceVersion of the fake server. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Replaces a stream's objects without telling watchers (use emit for that). */
  seed(streamId: string, objects: unknown[]): void {
    this.collections.set(streamId, [...objects]);
  }

  async list(kind: WatchedKind, opts: { limit: number; continueToken: string | null }): Promise<ListPage> {
    this.calls.lists.push({ streamId: kind.id, limit: opts.limit, continueToken: opts.continueToken });
    this.listRequests.push(kind.fieldSelector ? `${kind.path}?fieldSelector=${kind.fieldSelector}` : kind.path);
    await Promise.resolve();
    if (this.credentialsError) throw this.credentialsError;
    if (this.down) throw this.refused();
    if (this.notServed.has(kind.id) || this.notServedPaths.has(kind.path))
      throw new KubeApiError(404, 'the server could not find the requested resource', 'NotFound');
    if (this.forbidden.has(kind.id))
      throw new KubeApiError(
        403,
        `${kind.resource} is forbidden: User "test" cannot list resource "${kind.resource}"`,
        'Forbidden',
      );
    if (opts.continueToken && this.expireNextContinue) {
      this.expireNextContinue = false;
      throw new KubeApiError(410, 'The provided continue parameter is too old', 'Expired');
    }
    const all = this.collections.get(kind.id) ?? [];
    const start = opts.continueToken ? Number(opts.continueToken) : 0;
    const items = all.slice(start, start + opts.limit);
    const next = start + opts.limit < all.length ? String(start + opts.limit) : null;
    return { items: structuredClone(items), resourceVersion: String(this.rv), continueToken: next };
  }

  async watch(
    kind: WatchedKind,
    opts: { resourceVersion: string; timeoutSeconds: number },
    cb: WatchCallbacks,
  ): Promise<WatchHandle> {
    this.calls.watches.push({
      streamId: kind.id,
      resourceVersion: opts.resourceVersion,
      timeoutSeconds: opts.timeoutSeconds,
    });
    this.watchPaths.push(kind.path);
    await Promise.resolve();
    if (this.credentialsError) throw this.credentialsError;
    if (this.down) throw this.refused();
    if (this.forbidden.has(kind.id)) throw new KubeApiError(403, `${kind.resource} is forbidden`, 'Forbidden');
    if (this.goneOnWatch.delete(kind.id)) throw new KubeApiError(410, 'too old resource version', 'Expired');
    const w: OpenWatch = { streamId: kind.id, resourceVersion: opts.resourceVersion, cb, closed: false };
    this.watchesOpen.push(w);
    return {
      stop: () => {
        w.closed = true;
      },
    };
  }

  /** Open (not stopped, not closed) watches of a stream. */
  openWatches(streamId?: string): number {
    return this.watchesOpen.filter((w) => !w.closed && (!streamId || w.streamId === streamId)).length;
  }

  /** Changes the collection and sends the event to open watches of the stream. */
  emit(streamId: string, type: WatchEvent['type'], object: Record<string, unknown>): void {
    this.rv++;
    const withRv = { ...object, metadata: { ...(object.metadata as object), resourceVersion: String(this.rv) } };
    const list = this.collections.get(streamId) ?? [];
    const name = (o: unknown) => {
      const m = (o as { metadata?: { namespace?: string; name?: string } }).metadata;
      return `${m?.namespace ?? ''}/${m?.name ?? ''}`;
    };
    const i = list.findIndex((o) => name(o) === name(withRv));
    if (type === 'DELETED') {
      if (i >= 0) list.splice(i, 1);
    } else if (type !== 'BOOKMARK' && type !== 'ERROR') {
      if (i >= 0) list[i] = withRv;
      else list.push(withRv);
    }
    this.collections.set(streamId, list);
    for (const w of this.watchesOpen)
      if (!w.closed && w.streamId === streamId) w.cb.onEvent({ type, object: structuredClone(withRv) });
  }

  /** Sends a raw event (BOOKMARK, ERROR) to open watches of a stream without touching the collection. */
  send(streamId: string, event: WatchEvent): void {
    for (const w of this.watchesOpen) if (!w.closed && w.streamId === streamId) w.cb.onEvent(event);
  }

  /** Ends open watches: normally (err null, like a server timeout) or with an error (connection lost). */
  closeWatches(err: unknown = null, streamId?: string): void {
    for (const w of this.watchesOpen) {
      if (w.closed || (streamId && w.streamId !== streamId)) continue;
      w.closed = true;
      w.cb.done(err);
    }
  }

  /** The API server goes away: open watches fail with ECONNRESET and new requests are refused. */
  goDown(): void {
    this.down = true;
    this.closeWatches(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
  }
}

/** Minimal raw objects for tests (as the API serves them in a LIST: no kind on items). */
export const raw = {
  ns: (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, labels } }),
  node: (name: string, ip: string, zone = 'z1') => ({
    metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
    spec: { podCIDR: `10.244.${Number(ip.split('.')[3])}.0/24` },
    status: { addresses: [{ type: 'InternalIP', address: ip }], conditions: [{ type: 'Ready', status: 'True' }] },
  }),
  pod: (ns: string, name: string, node: string, ip: string, labels: Record<string, string>) => ({
    metadata: { name, namespace: ns, labels },
    spec: { nodeName: node, containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] },
  }),
  /** An ingress-nginx controller naming its ConfigMap through $(POD_NAMESPACE), as its Helm chart does. */
  ingressNginxPod: (name = 'ingress-nginx-controller-7c9') => {
    const p = raw.pod('ingress-nginx', name, 'node-a', '10.244.1.9', { 'app.kubernetes.io/name': 'ingress-nginx' });
    const c = {
      ...p.spec.containers[0],
      image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0',
      args: ['/nginx-ingress-controller', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller'],
    };
    return { ...p, spec: { ...p.spec, containers: [c] } };
  },
  /** A pod with an Istio sidecar (Istio's mesh config istio-system/istio applies to it). */
  istioSidecarPod: () => {
    const p = raw.pod('shop', 'web-9', 'node-a', '10.244.1.10', { app: 'web' });
    return {
      ...p,
      metadata: { ...p.metadata, annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } },
    };
  },
  svc: (ns: string, name: string, spec: Record<string, unknown>) => ({ metadata: { name, namespace: ns }, spec }),
  slice: (
    ns: string,
    name: string,
    service: string,
    endpoints: { ip: string; node: string; pod: string; ready?: boolean }[],
  ) => ({
    metadata: { name, namespace: ns, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
      nodeName: e.node,
      targetRef: { kind: 'Pod', name: e.pod, namespace: ns },
    })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  }),
  netpol: (ns: string, name: string, spec: Record<string, unknown>) => ({ metadata: { name, namespace: ns }, spec }),
};
