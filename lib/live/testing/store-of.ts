// A live ObjectStore filled from snapshot objects, as the live source would hold them (stripped,
// no pending changes): shared by the incremental tests and the incremental benchmark.
import { objectKey } from '../../model/build';
import type { KubeObject, Pod } from '../../model/k8s';
import { proxyConfigMapStreams, WATCHED_KINDS } from '../kinds';
import { ObjectStore } from '../store';
import { streamOf } from '../stream-of';
import { stripObject } from '../strip';

/** The store the live source would hold for these objects. */
export function storeOf(objects: KubeObject[]): ObjectStore {
  const store = new ObjectStore(WATCHED_KINDS);
  // The ConfigMaps recognised proxies name get their own streams, as in the live source.
  const named = proxyConfigMapStreams(objects.filter((o) => o.kind === 'Pod') as Pod[]);
  for (const k of named) store.addStream(k);
  const namedIds = new Set(named.map((k) => k.id));
  for (const o of objects) {
    const cm = o.kind === 'ConfigMap' ? `ConfigMap/${objectKey(o.metadata?.namespace, o.metadata?.name)}` : null;
    const id = cm && namedIds.has(cm) ? cm : streamOf(o);
    if (id) store.upsert(id, stripObject(o.kind as 'Pod', o));
  }
  store.takeChanges();
  return store;
}
