// The per-row arrays of the analysis (a row's samples, a decision's rules, an index's lists). Not array
// literals: V8 pretenures a literal's allocation site once a scavenge finds most of its objects still alive
// (engine/paths.ts Row), and every later array of that site is then born in the old generation. A rest parameter
// carries no allocation site, like Array.of, but Array.of costs ~180 ns a call against ~20 ns for this
// (3 million calls each, Node 20, `--no-turbo-inlining` as the CLI runs): the analysis makes hundreds of
// thousands of these arrays at Kubernetes' scale limits.
//
// A rest parameter's array is also always of V8's "packed elements" kind, empty or not. `[]`, an empty
// `filter` and `Array.of()` are small-integer arrays, and `map` returns a packed array from unoptimised code
// but a holey one from optimised code: each is a different hidden class, and a function optimised on one
// throws its optimised code away when the other arrives ("wrong map" in `node --trace-deopt`) — and is
// compiled again. mapArray keeps one kind for arrays that hot functions pass on.

/** A new array holding `items` (never an allocation-site literal; see above). */
export function freshArray<T>(...items: T[]): T[] {
  return items;
}

/** `items.filter(keep)` (keep sees the item only) as a fresh packed array, empty or not (see above). */
export function filterArray<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const out = freshArray<T>();
  for (let i = 0; i < items.length; i++) if (keep(items[i])) out.push(items[i]);
  return out;
}

/** `items.map(f)` (f sees the item only) as a fresh packed array, the same kind wherever it runs (see above). */
export function mapArray<T, U>(items: readonly T[], f: (item: T) => U): U[] {
  const out = freshArray<U>();
  for (let i = 0; i < items.length; i++) out.push(f(items[i]));
  return out;
}
