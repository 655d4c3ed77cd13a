// The strings of a parsed YAML value, flattened. The `yaml` package builds a scalar's value a piece at a time, and V8
// keeps such a string as a tree of its pieces (a cons string) until something reads it by index: a ConfigMap with a
// 400-character value held ≈ 13 KB of heap. Reading each string's first character flattens it in place, and the
// tree becomes garbage (20,000 such ConfigMaps: 266 → 37 MiB of heap after a collection; a 54 MB stream of 110,000
// of them kept 1.4 GiB). JSON.parse's strings are flat already. Pure.

/** `value` with every string in it flattened (the same value, changed in place only inside V8). O(size). */
export function flattenStrings<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') v.charCodeAt(0);
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (typeof v === 'object' && v !== null) for (const k in v) stack.push((v as Record<string, unknown>)[k]);
  }
  return value;
}
