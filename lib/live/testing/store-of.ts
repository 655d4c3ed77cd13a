// A live ObjectStore filled from snapshot objects, as the live source would hold them (stripped,
// no pending changes): shared by the incremental tests and the incremental benchmark.
import type { KubeObject } from '../../model/k8s';
import { WATCHED_KINDS } from '../kinds';
import { ObjectStore } from '../store';
import { streamOf } from '../stream-of';
import { stripObject } from '../strip';

/** The store the live source would hold for these objects. */
export function storeOf(objects: KubeObject[]): ObjectStore {
  const store = new ObjectStore(WATCHED_KINDS);
  for (const o of objects) {
    const id = streamOf(o);
    if (id) store.upsert(id, stripObject(o.kind as 'Pod', o));
  }
  store.takeChanges();
  return store;
}
