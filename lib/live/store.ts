// The live source's object store: the stripped objects of every stream, keyed by namespace/name, with
// the changes since the last analysis (which kinds, which Services and EndpointSlices) so the source can
// re-analyse only the Services an EndpointSlice or Service change touches (incremental.ts). Objects are
// kept in arrival order per stream, so a full build and an incremental one see EndpointSlices in the
// same order (the order endpoints are merged per Service in build.ts).
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
  /** A slice changed its kubernetes.io/service-name label (its merge position would differ: full rebuild). */
  sliceMoved: boolean;
}

function emptyChanges(): StoreChanges {
  return { kinds: new Set(), services: new Set(), slices: new Set(), sliceMoved: false };
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
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
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
  private readonly streams = new Map<string, { kind: KnownKind; objects: Map<string, KubeObject> }>();
  private readonly slicesByService = new Map<string, Set<string>>();
  private changes = emptyChanges();
  private cached: KubeObject[] | null = null;

  /** `streamOrder` fixes the order of objects() (kinds first to last, then arrival order). */
  constructor(streamOrder: readonly { id: string; kind: KnownKind }[]) {
    for (const s of streamOrder) this.streams.set(s.id, { kind: s.kind, objects: new Map() });
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
    if (before && after && was !== now) this.changes.sliceMoved = true;
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

  /** Every stored object, streams in constructor order (cached until the next change). */
  objects(): KubeObject[] {
    if (!this.cached) {
      const out: KubeObject[] = [];
      for (const s of this.streams.values()) for (const o of s.objects.values()) out.push(o);
      this.cached = out;
    }
    return this.cached;
  }

  /** The stored objects of one kind (all its streams). */
  objectsOfKind(kind: KnownKind): KubeObject[] {
    const out: KubeObject[] = [];
    for (const s of this.streams.values()) if (s.kind === kind) for (const o of s.objects.values()) out.push(o);
    return out;
  }

  /** A stored Service by key. */
  service(key: string): KubeObject | undefined {
    for (const s of this.streams.values()) if (s.kind === 'Service') {
      const o = s.objects.get(key);
      if (o) return o;
    }
    return undefined;
  }

  /** The EndpointSlices labelled for a Service, in store order. */
  slicesOf(serviceKey: string): KubeObject[] {
    const keys = this.slicesByService.get(serviceKey);
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const s of this.streams.values()) if (s.kind === 'EndpointSlice') for (const k of keys) {
      const o = s.objects.get(k);
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
