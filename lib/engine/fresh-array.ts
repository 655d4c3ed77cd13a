// The per-row arrays of the analysis (a row's samples, a decision's rules, an index's lists). Not array
// literals: V8 pretenures a literal's allocation site once a scavenge finds most of its objects still alive
// (paths.ts Row), and every later array of that site is then born in the old generation. A rest parameter
// carries no allocation site, like Array.of, but Array.of costs ~180 ns a call against ~20 ns for this
// (3 million calls each, Node 20, `--no-turbo-inlining` as the CLI runs): the analysis makes hundreds of
// thousands of these arrays at Kubernetes' scale limits.

/** A new array holding `items` (never an allocation-site literal; see above). */
export function freshArray<T>(...items: T[]): T[] {
  return items;
}
