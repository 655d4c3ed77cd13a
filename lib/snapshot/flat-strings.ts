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

/**
 * Strings this long or longer are cut out of a text as views of it (V8's SlicedString::kMinLength), which keep the
 * whole text alive as long as they live.
 */
const VIEW_MIN_LENGTH = 13;

/** A copy of `s` that shares nothing with the text it came from (see detachStrings). */
function detached(s: string): string {
  // The concatenation's slice is cut from a flat copy of one more character, not from the text `s` is a view of.
  return s.length < VIEW_MIN_LENGTH ? s : (' ' + s).slice(1);
}

/**
 * `value` with every string in it copied out of the text it was read from, in place. A YAML file read a chunk at a
 * time (yaml-list-reader.ts) is parsed a part of a few hundred KB at a time, and the strings the parse cuts from a
 * part are views of it: the objects kept from a file of the scale limits then held every part of it (the file's
 * whole text again) through a name or a label each. O(size).
 */
export function detachStrings<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'string') v[i] = detached(x);
        else if (typeof x === 'object' && x !== null) stack.push(x);
      }
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        if (typeof x === 'string') o[k] = detached(x);
        else if (typeof x === 'object' && x !== null) stack.push(x);
      }
    }
  }
  return value;
}

/**
 * A copy of a parsed value that shares nothing with the text it was read from: JSON.parse's own copy when JSON holds
 * the value exactly (JSON.parse also lays objects out compactly: the benchmark's cluster at 10% scale read as
 * kubectl's YAML a chunk at a time kept 57 MB of heap so, 104 MB with detachStrings, 207 MB as parsed, and JSON.parse
 * of kubectl's JSON 50 MB), else the value with its strings detached (a YAML `.nan` or `-0` stays what it is).
 */
export function detachedCopy<T>(value: T): T {
  return isExactInJson(value) ? (JSON.parse(JSON.stringify(value)) as T) : detachStrings(value);
}

/** Whether JSON.stringify keeps all of `value`: plain objects and arrays of strings, finite numbers but -0, booleans, null. */
function isExactInJson(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const k of Object.keys(v as object)) stack.push((v as Record<string, unknown>)[k]);
    } else return false;
  }
  return true;
}
