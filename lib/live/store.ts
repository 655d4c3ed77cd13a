// The live source's object store: the stripped objects of every stream, keyed by namespace/name, with
// the changes since the last analysis (which kinds, which Services and EndpointSlices) so the source can
// re-analyse only the Services an EndpointSlice or Service change touches (incremental.ts). objects()
// sorts each stream by namespace/name, the order the API server lists them in (etcd key order) and
// `kubectl get -o json` prints them in: a live build then equals a snapshot build of the same objects,
// and an incremental build merges a Service's EndpointSlices in the same order as a full one.
import { objectKey } from '../model/build';
import type { KnownKind, KubeObject } from '../model/k8s';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** What changed since the last takeChanges(). */
export interface StoreChanges {
  kinds: Set<KnownKind>;
  /** Keys of Services whose object or EndpointSlices changed (old and new owners of a moved slice). */
  services: Set<string>;
  /** Keys of EndpointSlices that changed (deleted ones included). */
  slices: Set<string>;
}

function emptyChanges(): StoreChanges {
  return { kinds: new Set(), services: new Set(), slices: new Set() };
}

/** Structural equality of two JSON-like values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Byte order of namespace/name keys (names are ASCII), as etcd orders them. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(o: KubeObject): string {
  return objectKey(o.metadata?.namespace, o.metadata?.name);
}

function ownerOf(slice: KubeObject): string | null {
  const name = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  return name ? objectKey(slice.metadata?.namespace ?? 'default', name) : null;
}

/** The objects of all streams, with change tracking. */
export class ObjectStore {
  private readonly streams = new Map<
    string,
    { kind: KnownKind; objects: Map<string, KubeObject>; sorted: KubeObject[] | null }
  >();
  private readonly slicesByService = new Map<string, Set<string>>();
  private changes = emptyChanges();
  private cached: KubeObject[] | null = null;

  /** `streamOrder` fixes the order of objects() (kinds first to last, then arrival order). */
  constructor(streamOrder: readonly { id: string; kind: KnownKind }[]) {
    for (const s of streamOrder) this.streams.set(s.id, { kind: s.kind, objects: new Map(), sorted: null });
  }

  /** Adds a stream (a ConfigMap a proxy names, found after the pods were read); no-op when it exists. */
  addStream(s: { id: string; kind: KnownKind }): void {
    if (!this.streams.has(s.id)) this.streams.set(s.id, { kind: s.kind, objects: new Map(), sorted: null });
  }

  /** Removes a stream and its objects (recorded as changes). */
  removeStream(id: string): void {
    if (!this.streams.has(id)) return;
    this.clear(id);
    this.streams.delete(id);
    this.cached = null;
  }

  /** Kinds changed since the last takeChanges() (read without taking them). */
  get changedKinds(): ReadonlySet<KnownKind> {
    return this.changes.kinds;
  }

  private stream(id: string) {
    const s = this.streams.get(id);
    if (!s) throw new Error(`unknown stream ${id}`);
    return s;
  }

  private touched(kind: KnownKind, key: string, before: KubeObject | undefined, after: KubeObject | undefined): void {
    this.cached = null;
    this.changes.kinds.add(kind);
    if (kind === 'Service') this.changes.services.add(key);
    if (kind !== 'EndpointSlice') return;
    this.changes.slices.add(key);
    const was = before ? ownerOf(before) : null;
    const now = after ? ownerOf(after) : null;
    if (was) this.changes.services.add(was);
    if (now) this.changes.services.add(now);
    if (was && was !== now) this.slicesByService.get(was)?.delete(key);
    if (now && (was !== now || !before)) {
      let set = this.slicesByService.get(now);
      if (!set) this.slicesByService.set(now, (set = new Set()));
      set.add(key);
    }
  }

  /** Adds or replaces one object; returns false when it equals the stored one. */
  upsert(streamId: string, obj: KubeObject): boolean {
    const s = this.stream(streamId);
    const key = keyOf(obj);
    const before = s.objects.get(key);
    if (before && sameJson(before, obj)) return false;
    s.objects.set(key, obj);
    s.sorted = null;
    this.touched(s.kind, key, before, obj);
    return true;
  }

  /** Removes one object (by its namespace/name); returns false when it was not stored. */
  remove(streamId: string, obj: KubeObject): boolean {
    const s = this.stream(streamId);
    const key = keyOf(obj);
    const before = s.objects.get(key);
    if (!before) return false;
    s.objects.delete(key);
    s.sorted = null;
    this.touched(s.kind, key, before, undefined);
    return true;
  }

  /** Replaces a stream's objects with a fresh LIST, recording only real differences. */
  replace(streamId: string, objects: KubeObject[]): void {
    const s = this.stream(streamId);
    const fresh = new Map<string, KubeObject>();
    for (const o of objects) fresh.set(keyOf(o), o);
    for (const [key, before] of [...s.objects]) if (!fresh.has(key)) this.remove(streamId, before);
    for (const o of fresh.values()) this.upsert(streamId, o);
  }

  /** Empties a stream (its kind became unreadable). */
  clear(streamId: string): void {
    this.replace(streamId, []);
  }

  /** Number of objects of a stream. */
  count(streamId: string): number {
    return this.stream(streamId).objects.size;
  }

  private sortedOf(s: { objects: Map<string, KubeObject>; sorted: KubeObject[] | null }): KubeObject[] {
    if (!s.sorted) s.sorted = [...s.objects.keys()].sort(byKey).map((k) => s.objects.get(k)!);
    return s.sorted;
  }

  /** Every stored object: streams in constructor order, each sorted by namespace/name (cached until a change). */
  objects(): KubeObject[] {
    if (!this.cached) {
      const out: KubeObject[] = [];
      for (const s of this.streams.values()) for (const o of this.sortedOf(s)) out.push(o);
      this.cached = out;
    }
    return this.cached;
  }

  /** The stored objects of one kind (all its streams), sorted per stream. */
  objectsOfKind(kind: KnownKind): KubeObject[] {
    const out: KubeObject[] = [];
    for (const s of this.streams.values()) if (s.kind === kind) out.push(...this.sortedOf(s));
    return out;
  }

  /** A stored object of a kind by namespace/name key. */
  get(kind: KnownKind, key: string): KubeObject | undefined {
    for (const s of this.streams.values())
      if (s.kind === kind) {
        const o = s.objects.get(key);
        if (o) return o;
      }
    return undefined;
  }

  /** A stored Service by key. */
  service(key: string): KubeObject | undefined {
    return this.get('Service', key);
  }

  /** The EndpointSlices labelled for a Service, sorted by key (as in objects()). */
  slicesOf(serviceKey: string): KubeObject[] {
    const keys = this.slicesByService.get(serviceKey);
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const k of [...keys].sort(byKey)) {
      const o = this.get('EndpointSlice', k);
      if (o) out.push(o);
    }
    return out;
  }

  /** True when at least one object of the kind is stored. */
  has(kind: KnownKind): boolean {
    for (const s of this.streams.values()) if (s.kind === kind && s.objects.size > 0) return true;
    return false;
  }

  /** True when something changed since the last takeChanges(). */
  get dirty(): boolean {
    return this.changes.kinds.size > 0;
  }

  /** The changes since the last call, and starts a new change set. */
  takeChanges(): StoreChanges {
    const c = this.changes;
    this.changes = emptyChanges();
    return c;
  }
}
