// Grouping values into lists by key, as the model build does for every object of a snapshot.

/** Appends `value` to `map`'s list for `key`, creating the list. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * pushTo for input that comes in runs of one key — a listing keeps a kind's objects, and a namespace's
 * pods, together — with one map lookup per run instead of one per value (180,000 objects at Kubernetes'
 * scale limits). The same lists as pushTo, whatever the order.
 */
export function runPusher<K, V>(map: Map<K, V[]>): (key: K, value: V) => void {
  let lastKey: K | undefined;
  let lastList: V[] | undefined;
  return (key, value) => {
    if (lastList === undefined || key !== lastKey) {
      lastKey = key;
      lastList = map.get(key);
      if (!lastList) map.set(key, (lastList = []));
    }
    lastList.push(value);
  };
}
