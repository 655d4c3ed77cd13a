import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { flattenStrings } from './flat-strings';
import { parseSnapshotText } from './parse';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap still used by what `make` returns, after a full collection (MiB). */
function heldBy(make: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const held = process.memoryUsage().heapUsed - before;
  expect(kept).toBeTruthy(); // kept alive until measured
  return held / 2 ** 20;
}

describe('flattenStrings', () => {
  it('leaves the value as it is: strings, nesting, arrays and keys', () => {
    const value = { a: ['x'.repeat(3) + 'y', { b: 'z'.repeat(100), c: [1, null, true] }], '': 'e' };
    expect(flattenStrings(structuredClone(value))).toEqual(value);
    expect(flattenStrings('text')).toBe('text');
    expect(flattenStrings(null)).toBeNull();
  });

  it("frees the yaml package's pieces of each string: a YAML stream's objects hold a fraction of the heap", () => {
    const doc = (i: number) =>
      `---\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: default}\ndata:\n  x: "${'a'.repeat(400)}"\n`;
    const text = Array.from({ length: 3_000 }, (_, i) => doc(i)).join('');
    const raw = heldBy(() => (parseAllDocuments(text) as { toJS(): unknown }[]).map((d) => d.toJS()));
    const parsed = heldBy(() => parseSnapshotText(text, 'cm.yaml').objects);
    const flat = heldBy(() => (parseAllDocuments(text) as { toJS(): unknown }[]).map((d) => flattenStrings(d.toJS())));
    // Measured: ≈ 13 KB per ConfigMap as parsed, ≈ 2 KB flattened.
    expect(flat).toBeLessThan(raw / 3);
    expect(parsed).toBeLessThan(raw / 3);
  });
});
