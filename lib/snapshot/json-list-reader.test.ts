import { describe, expect, it } from 'vitest';
import { describeJsonError } from './json-error';
import { JsonListReader, type JsonReadResult } from './json-list-reader';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Reads `text` in chunks of `size` bytes, all in one buffer (as load.ts reads a file): nothing may keep a view of it. */
function readInChunks(text: string | Uint8Array, size: number, reader = new JsonListReader()): JsonReadResult {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const buffer = new Uint8Array(size);
  for (let at = 0; at < bytes.length; at += size) {
    const chunk = buffer.subarray(0, Math.min(size, bytes.length - at));
    chunk.set(bytes.subarray(at, at + chunk.length));
    reader.push(chunk);
    buffer.fill(0x7b); // whatever the next read brings: here '{', which breaks any view kept of this chunk
  }
  return reader.end();
}

/** What JSON.parse of the whole text says: the value, or the problem describeJsonError places. */
function wholeParse(text: string): JsonReadResult {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: describeJsonError(text, e) };
  }
}

const pod = (name: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web' } },
  ...extra,
});

const VALID: Record<string, string> = {
  'a kubectl List, indented': JSON.stringify(
    { apiVersion: 'v1', items: [pod('a'), pod('b'), pod('c')], kind: 'List', metadata: { resourceVersion: '' } },
    null,
    4,
  ),
  'a List on one line': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod('a'), pod('b')] }),
  'a top-level array': JSON.stringify([pod('a'), pod('b')], null, 2),
  'an empty items array': '{"kind":"List","items":[ ],"metadata":{}}',
  'an empty top-level array': ' [ ] ',
  'a typed list': JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'x' } }] }),
  'brackets, braces, commas and escapes in strings': JSON.stringify({
    kind: 'List',
    items: [
      pod('a', { data: { 'x]': '},{"', y: 'a\\"b\\\\', z: '[[[', w: 'line\nbreak\ttab' } }),
      pod('b', { data: { '"items"': '"items": [1,2]' } }),
    ],
  }),
  'non-ASCII text (2-, 3- and 4-byte UTF-8)': JSON.stringify({
    kind: 'List',
    items: [pod('ä'), pod('日本'), pod('😀'), { kind: 'ConfigMap', data: { '€': '𝄞 ü' } }],
  }),
  'scalars and nested arrays as elements': '{"items":[1, "two", null, true, [3, [4]], {"a":[{}]}, -1.5e3]}',
  'items not the first member, nested items inside elements': JSON.stringify({
    metadata: { items: [9] },
    kind: 'List',
    items: [{ kind: 'List', items: [pod('inner')] }],
  }),
  'a repeated items key: the last array wins': '{"items":[1,2],"kind":"List","items":[3]}',
  'a repeated items key: a last non-array wins': '{"items":[1,2],"items":null}',
  'items that is not an array': '{"kind":"List","items":{"a":[1,2]}}',
  'an items key inside a nested object is not streamed': '{"spec":{"items":[1,2]},"items":[{"items":[3]}]}',
  'a top-level object without items': JSON.stringify(pod('single')),
  'a top-level string': '"just text"',
  'a key spelled with an escape': '{"ite\\u006ds":[1,2],"kind":"List"}',
  'CRLF line ends': '{\r\n  "items": [\r\n    {"a": 1},\r\n    {"b": 2}\r\n  ]\r\n}\r\n',
};

describe('JsonListReader: valid documents', () => {
  for (const [name, text] of Object.entries(VALID))
    it(`${name}: JSON.parse's value, whatever the chunk size`, () => {
      const expected = JSON.parse(text);
      for (const size of [1, 2, 3, 5, 8, 64, 1 << 20])
        expect(readInChunks(text, size), `chunks of ${size}`).toEqual({ value: expected });
    });

  it('skips a UTF-8 byte-order mark, also when the chunk holding it is split after it', () => {
    const text = '{"kind":"List","items":[{"a":1}]}';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(readInChunks(bytes, 1 << 10)).toEqual({ value: JSON.parse(text) });
    expect(readInChunks(bytes, 3)).toEqual({ value: JSON.parse(text) });
  });

  it('keeps the elements in order and parses each one once', () => {
    const items = Array.from({ length: 2000 }, (_, i) =>
      pod(`p-${i}`, { status: { podIP: `10.0.${i >> 8}.${i & 255}` } }),
    );
    const text = JSON.stringify({ apiVersion: 'v1', items, kind: 'List' }, null, 4);
    const result = readInChunks(text, 4096);
    expect('value' in result && (result.value as { items: unknown[] }).items).toEqual(items);
  });
});

const INVALID: Record<string, string> = {
  'a bad token inside an element on a later line': '{\n  "items": [\n    {"a": 1},\n    {"b": tru}\n  ]\n}',
  'a missing comma between elements': '{"items":[{"a":1} {"b":2}]}',
  'a trailing comma in items': '{"items":[{"a":1},]}',
  'a leading comma in items': '{"items":[,{"a":1}]}',
  'two commas in a row': '[1,,2]',
  'a literal cut short before the closing bracket': '[tr]',
  'a literal cut short before a comma': '{"items":[1, fals, 2]}',
  'items closed with a brace': '{"items":[{"a":1}}',
  'a truncated file inside items': '{"kind":"List","items":[{"a":1},{"b":',
  'a truncated file inside a string': '{"items":["abc',
  'a bad token after items': '{"items":[{"a":1}],\n "kind": List}',
  'a bad token before items': '{"kind": Lis, "items":[1]}',
  'a bad token before items and another in an element': '{"kind": Lis, "items":[{"a": nope}]}',
  'garbage after the document': '{"items":[1]} x',
  'a second document': '{"items":[1]}\n{"items":[2]}',
  'a raw control character in a string of an element': '{"items":[{"a":"x\ty"}]}',
  'an error after non-ASCII text on the same line': '{"items":[{"name":"日本😀ä", "b": nope}]}',
  'an error in an element after non-ASCII text in an earlier element on the same line':
    '{"items":[{"n":"😀😀"},{"n":"é", x}]}',
  'an error on a later line of a multi-line element': '[\n  {\n    "a": 1,\n    "b": [1, 2,\n  }\n]',
  'an unclosed top-level object': '{"kind":"List"',
};

describe('JsonListReader: invalid documents', () => {
  for (const [name, text] of Object.entries(INVALID))
    it(`${name}: an error at the line and column JSON.parse of the whole text gives`, () => {
      const whole = wholeParse(text);
      expect('error' in whole, 'the case is invalid JSON').toBe(true);
      if (!('error' in whole)) return;
      for (const size of [1, 4, 1 << 20]) {
        const result = readInChunks(text, size);
        expect('error' in result, `chunks of ${size}: an error`).toBe(true);
        if (!('error' in result)) continue;
        expect({ line: result.error.line, column: result.error.column }, `chunks of ${size}`).toEqual({
          line: whole.error.line,
          column: whole.error.column,
        });
        expect(result.error.message).not.toBe('');
      }
    });

  it('reads nothing more after the first problem', () => {
    const reader = new JsonListReader();
    reader.push(utf8('{"items":[{"a":nope},'));
    reader.push(utf8('{"b":2}]}'));
    const result = reader.end();
    expect('error' in result && result.error.line).toBe(1);
    expect('error' in result && result.error.column).toBe(16);
  });
});

/** kubectl's layout: a List indented by 4 spaces, its items at 8. */
const kubectlList = (items: unknown[]) =>
  JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4);

describe('JsonListReader: elements cut at their closing line', () => {
  const items = [
    pod('a', { spec: { containers: [{ name: 'c', args: ['}', '\n        }'] }] } }),
    pod('日本😀'),
    pod('c'),
  ];

  it('cuts each element of an indented file whose chunk holds it whole, with the same value', () => {
    for (const text of [kubectlList(items), JSON.stringify(items, null, 2), JSON.stringify({ items }, null, '\t')]) {
      const reader = new JsonListReader();
      expect(readInChunks(text, 1 << 20, reader)).toEqual({ value: JSON.parse(text) });
      // Tabs are not cut at (only spaces are read as indentation); they are scanned, with the same value.
      expect(reader.cutAtClosingLines, text.slice(0, 40)).toBe(text.includes('\t') ? 0 : items.length);
    }
  });

  it("scans an element whose cut JSON.parse rejects: a nested object closed at the element's indentation", () => {
    const text = '[\n  {\n    "a": {\n  }\n  },\n  {\n    "b": 2\n  }\n]';
    const reader = new JsonListReader();
    expect(readInChunks(text, 1 << 20, reader)).toEqual({ value: JSON.parse(text) });
    expect(reader.cutAtClosingLines).toBe(1); // the second
  });

  it('scans an element whose closing line is in the next chunk, and cuts the next one', () => {
    const text = kubectlList(items);
    const reader = new JsonListReader();
    const size = text.lastIndexOf('"name": "c"'); // inside the third element (fewer bytes than characters before it)
    expect(readInChunks(text, size, reader)).toEqual({ value: JSON.parse(text) });
    expect(reader.cutAtClosingLines).toBe(2);
  });

  // Errors after cut elements: the lines and columns counted through them, and bytes after a cut '}'.
  const CUT_THEN_INVALID: Record<string, string> = {
    'a bad token in the element after cut ones': kubectlList(items).replace(
      '"name": "c",\n                "namespace"',
      '"name": c,\n                "namespace"',
    ),
    'a bad token after items': kubectlList(items).replace('"kind": "List"', '"kind": List'),
    'a bad token after the closing brace of a cut element': kubectlList(items).replace(
      '\n        },',
      '\n        } x,',
    ),
    'a second value after a cut element': kubectlList(items).replace('\n        },', '\n        }\n        {},'),
    'a truncated file after a cut element': kubectlList(items).slice(0, kubectlList(items).lastIndexOf('}') - 6),
    'a cut element then non-ASCII before an error on its closing line': '[\n  {\n    "a": "é"\n  }, "ü", nope\n]',
  };
  for (const [name, text] of Object.entries(CUT_THEN_INVALID))
    it(`${name}: the error JSON.parse of the whole text gives`, () => {
      const whole = wholeParse(text);
      expect('error' in whole, 'the case is invalid JSON').toBe(true);
      const reader = new JsonListReader();
      const result = readInChunks(text, 1 << 20, reader);
      expect(reader.cutAtClosingLines, 'an element was cut before the error').toBeGreaterThan(0);
      expect('error' in result && 'error' in whole && { ...result.error, message: '' }).toEqual(
        'error' in whole && { ...whole.error, message: '' },
      );
    });

  it('places an error after a cut element whose line began in the chunk before', () => {
    // The newline before the second element ends the first chunk; only its indentation is in the second.
    const text = `[\n  {"a": "${'x'.repeat(40)}"},\n  {\n    "b": 2\n  } x\n]`;
    const reader = new JsonListReader();
    const result = readInChunks(text, text.indexOf('},\n') + 3, reader);
    expect(reader.cutAtClosingLines).toBe(1);
    expect('error' in result && { line: result.error.line, column: result.error.column }).toEqual({
      line: 5,
      column: 5,
    });
  });

  it('looks for closing lines once per chunk when there are none (one element per line): linear, not quadratic', () => {
    class CountingBytes extends Uint8Array {
      searches = 0;
      override indexOf(value: number, from?: number): number {
        this.searches++;
        return super.indexOf(value, from);
      }
    }
    const elements = 2000;
    const bytes = utf8(`[\n${Array.from({ length: elements }, (_, i) => `{"a":${i}}`).join(',\n')}\n]`);
    const chunk = new CountingBytes(bytes.length);
    chunk.set(bytes);
    const reader = new JsonListReader();
    reader.push(chunk);
    expect(reader.end()).toEqual({ value: JSON.parse(new TextDecoder().decode(bytes)) });
    expect(chunk.searches).toBeLessThanOrEqual(elements + 1); // one pass over the chunk's braces, not one per element
  });

  it('gives up cutting after 16 rejected cuts, and still reads the file', () => {
    const odd = '  {\n    "a": {\n  }\n  }';
    const text = `[\n${Array.from({ length: 20 }, () => odd).join(',\n')},\n  {\n    "b": 2\n  }\n]`;
    const reader = new JsonListReader();
    expect(readInChunks(text, 1 << 20, reader)).toEqual({ value: JSON.parse(text) });
    expect(reader.cutAtClosingLines).toBe(0); // the last element would have been cut
  });
});

describe('JsonListReader: generated documents, valid and broken', () => {
  /** A small deterministic generator (mulberry32), so a failure names its seed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const TEXTS = ['a', 'x]', '{,}', 'q"uote', 'back\\slash', 'é', '日本', '😀', 'items', ''];
  function value(next: () => number, depth: number): unknown {
    const r = next();
    if (depth > 3 || r < 0.3) return TEXTS[Math.floor(next() * TEXTS.length)];
    if (r < 0.4) return Math.round(next() * 1e6) / 100;
    if (r < 0.45) return next() < 0.5 ? null : true;
    if (r < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 4); i > 0; i--)
      o[TEXTS[Math.floor(next() * TEXTS.length)]] = value(next, depth + 1);
    return o;
  }
  const BREAKS = ['', ',', ']', '}', '[', '{', '"', ':', 'x', '\\'];

  it('agree with JSON.parse of the whole text on 600 documents, a third of them broken', () => {
    let cut = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const next = random(seed);
      const doc =
        next() < 0.8
          ? {
              apiVersion: 'v1',
              kind: 'List',
              items: Array.from({ length: Math.floor(next() * 6) }, () => value(next, 1)),
              metadata: value(next, 2),
            }
          : Array.from({ length: Math.floor(next() * 6) }, () => value(next, 1));
      let text = JSON.stringify(doc, null, [2, 4, undefined][Math.floor(next() * 3)]);
      if (seed % 3 === 0) {
        // Delete a character, or insert a structural one, somewhere.
        const at = Math.floor(next() * text.length);
        const insert = BREAKS[Math.floor(next() * BREAKS.length)];
        text = text.slice(0, at) + insert + text.slice(at + (insert ? 0 : 1));
        // As a file holds it: a cut through an emoji's surrogate pair is U+FFFD in UTF-8.
        text = new TextDecoder().decode(utf8(text));
      }
      const whole = wholeParse(text);
      // In small chunks most elements are scanned; in one chunk, those of an indented document are cut.
      for (const size of [1 + Math.floor(next() * 40), 1 << 20]) {
        const reader = new JsonListReader();
        const streamed = readInChunks(text, size, reader);
        cut += reader.cutAtClosingLines;
        if ('value' in whole) expect(streamed, `seed ${seed}: ${text}`).toEqual(whole);
        else {
          expect('error' in streamed, `seed ${seed}: an error for ${text}`).toBe(true);
          if ('error' in streamed)
            expect({ line: streamed.error.line, column: streamed.error.column }, `seed ${seed}: ${text}`).toEqual({
              line: whole.error.line,
              column: whole.error.column,
            });
        }
      }
    }
    expect(cut, 'elements cut at their closing line').toBeGreaterThan(100);
  });
});
