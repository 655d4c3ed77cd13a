import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/ids';
import type { JsonReadResult } from './json-list-reader';
import { detachedCopy, detachStrings } from './flat-strings';
import { YamlListReader } from './yaml-list-reader';
import { YAML_OPTIONS } from './yaml-list';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const utf8 = (s: string) => new TextEncoder().encode(s);

/** `text` read by a YamlListReader in chunks of `chunkBytes` bytes, parts of `partChars` characters. */
function readInChunks(text: string, chunkBytes: number, partChars = 64, onEntry?: (v: unknown) => unknown) {
  const reader = new YamlListReader(onEntry, partChars);
  const bytes = utf8(text);
  for (let at = 0; at < bytes.length; at += chunkBytes) reader.push(bytes.subarray(at, at + chunkBytes));
  return reader.end();
}

/** The `yaml` package's value of the whole text (one document, no error or warning). */
function wholeValue(text: string): unknown {
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  expect(Array.isArray(docs) && docs.length === 1 && !docs[0].errors.length && !docs[0].warnings.length, text).toBe(
    true,
  );
  return (docs as { toJS(): unknown }[])[0].toJS();
}

const valueOf = (r: JsonReadResult) => {
  if ('error' in r) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.value;
};

const KUBECTL = `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: café-0
    annotations:
      note: "a quoted value with é and 😀,
        folded"
      script: |
        - not an entry
        #!/bin/sh
  spec:
    containers:
    - image: nginx
# a comment at column 0 inside the list

- apiVersion: v1
  kind: Service
  metadata: {name: web}
- kind: ConfigMap
  data:
    key: value
kind: List
metadata:
  resourceVersion: ""
`;

describe('YamlListReader', () => {
  it('reads a kubectl list in chunks of any size as the whole parse does: parts, the document around, UTF-8', () => {
    const whole = wholeValue(KUBECTL);
    // One byte at a time splits every multi-byte character and every line; larger chunks cut parts elsewhere.
    for (const chunk of [1, 3, 17, 64, 4096])
      for (const partChars of [1, 50, 1_000_000])
        expect(valueOf(readInChunks(KUBECTL, chunk, partChars)), `chunks of ${chunk}, parts of ${partChars}`).toEqual(
          whole,
        );
  });

  it('reads other list layouts: a top-level sequence, indented entries, a leading marker, CRLF, a BOM', () => {
    const texts = [
      '- kind: Pod\n  metadata: {name: a}\n- kind: Node\n',
      'kind: List\nitems:\n  - kind: Pod\n    metadata:\n      name: a\n  -\n    kind: Node\nmetadata: {}\n',
      '---\napiVersion: v1\nitems:\n- kind: Pod\nkind: List\n',
      'apiVersion: v1\r\nitems:\r\n- kind: Pod\r\n  metadata:\r\n    name: a\r\nkind: List\r\n',
      'items:\n- kind: Pod\n', // no line break at the end
    ];
    for (const text of texts)
      for (const chunk of [1, 5, 1000]) expect(valueOf(readInChunks(text, chunk)), text).toEqual(wholeValue(text));
    expect(valueOf(readInChunks('\uFEFFitems:\n- kind: Pod\n', 2))).toEqual({ items: [{ kind: 'Pod' }] });
  });

  it('applies onEntry to every entry, in order', () => {
    const seen: unknown[] = [];
    const value = valueOf(
      readInChunks(KUBECTL, 10, 1, (v) => {
        seen.push(v);
        return (v as { kind: string }).kind;
      }),
    );
    expect(value).toMatchObject({ items: ['Pod', 'Service', 'ConfigMap'] });
    expect(seen).toEqual((wholeValue(KUBECTL) as { items: unknown[] }).items);
  });

  it('is an error at its line for what is not one list, or does not parse', () => {
    const cases: [string, number, RegExp][] = [
      ['kind: Pod\n---\nkind: Pod\n', 2, /must be one list as `kubectl get … -o yaml` writes it/],
      [
        'items:\n- kind: Pod\nkind: List\n---\nitems:\n- kind: Service\n',
        4,
        /line 4 is not where such a list has it \(a second document: write each `kubectl get` to a file of its own/,
      ],
      ['kind: Pod\nmetadata:\n  name: a\n', 1, /it holds no list/],
      ['', 1, /it holds no list/],
      ['items:\n- kind: Pod\nitems:\n- kind: Node\n', 3, /must be one list/],
      // At the quote that is never closed (the yaml package puts it where the entry's part ends: line 4).
      ['items:\n- kind: Pod\n  name: "unterminated\n- kind: Node\nkind: List\n', 3, /Missing closing "quote/],
      ['items:\n- kind: Pod\n- a: 1\n  a: 2\nkind: List\n', 4, /unique/i],
      ['items:\n- kind: Pod\nkind: List\nkind: Again\n', 4, /unique/i],
      // The document around the list is parsed whole: a large one is refused before that.
      [
        `items:\n- kind: Pod\ndata: |\n${'  line of text\n'.repeat(300_000)}`,
        // 'items:' and 'data: |' are 15 characters, as is each line of the block: past 4 MiB at this line.
        3 + Math.floor((4 * 2 ** 20 - 15) / 15) + 1,
        /MiB of it is outside the list/,
      ],
    ];
    for (const [text, line, message] of cases) {
      for (const chunk of [1, 1000]) {
        const r = readInChunks(text, chunk, 1);
        expect(r, text).toHaveProperty('error');
        if (!('error' in r)) continue;
        expect(r.error.message, text).toMatch(message);
        expect(r.error.line, `${text}: ${r.error.message}`).toBe(line);
      }
    }
  });

  it('random lists: the same value as the whole parse, in random chunks and parts', () => {
    const words = ['a', 'web-0', '8080', 'true', 'x y', 'é✓', 'multi\nline', '#', 'k: v', '"q"', ''];
    const value = (r: () => number, depth: number): unknown => {
      const p = r();
      if (depth > 2 || p < 0.4) return p < 0.05 ? null : words[Math.floor(r() * words.length)];
      if (p < 0.6) return Array.from({ length: Math.floor(r() * 3) }, () => value(r, depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`k${i}`, value(r, depth + 1)]));
    };
    for (let seed = 1; seed <= 300; seed++) {
      const r = seededRandom(`yaml-list-reader-${seed}`);
      const items = Array.from({ length: 1 + Math.floor(r() * 8) }, () => ({ kind: 'Pod', spec: value(r, 0) }));
      const text = stringify(
        { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } },
        { indentSeq: r() < 0.5, lineWidth: r() < 0.3 ? 20 : 80 },
      );
      const read = readInChunks(text, 1 + Math.floor(r() * 200), Math.floor(r() * 300));
      expect(valueOf(read), text).toEqual(wholeValue(text));
    }
  });
});

describe('detachStrings and detachedCopy', () => {
  /** Heap kept by 100 objects each holding a 30-character view of a 200 KB text (MiB). */
  const held = (copy: (o: { name: string }) => unknown) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: unknown[] = [];
    for (let i = 0; i < 100; i++) {
      const text = `${'-'.repeat(200_000)}${i}`; // a 200 KB part, read from a file
      kept.push(copy({ name: text.slice(10, 40) }));
    }
    gc();
    expect(kept).toHaveLength(100);
    return (process.memoryUsage().heapUsed - before) / 2 ** 20;
  };

  it('keep the value and free the text its strings were cut from', () => {
    const value = { a: ['x'.repeat(3) + 'y', { b: 'z'.repeat(100), c: [1, null, true, -2.5] }], '': 'e' };
    expect(detachStrings(structuredClone(value))).toEqual(value);
    const copied = detachedCopy(structuredClone(value));
    expect(copied).toEqual(value);
    expect(JSON.stringify(copied)).toBe(JSON.stringify(value)); // key order too
    // Views keep the 100 texts (≈ 20 MB); copies keep 100 names.
    expect(held((o) => o)).toBeGreaterThan(15);
    expect(held(detachStrings)).toBeLessThan(2);
    expect(held(detachedCopy)).toBeLessThan(2);
  });

  it('keep what JSON cannot hold: -0, NaN and infinities, as YAML can write them', () => {
    const value = { port: -0, ratio: NaN, limit: [Infinity, -Infinity], name: 'x'.repeat(20) };
    const copied = detachedCopy(structuredClone(value));
    expect(copied).toEqual(value);
    expect(Object.is(copied.port, -0)).toBe(true);
  });
});
