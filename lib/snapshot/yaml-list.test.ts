import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runSteps } from '../util/steps';
import { parseYamlList, yamlDocumentCuts, yamlListLayout, type YamlListLayout } from './yaml-list';

const same = (v: unknown) => v;
/** parseYamlList run to its end. */
const inParts = (...args: Parameters<typeof parseYamlList>) => runSteps(parseYamlList(...args));

/** The whole parse's value (parse.ts's options), or undefined when it has an error or a warning. */
function wholeValue(text: string): unknown {
  const docs = parseAllDocuments(text, { prettyErrors: false, merge: true });
  if (!Array.isArray(docs) || docs.length !== 1) return undefined;
  const [doc] = docs;
  return doc.errors.length || doc.warnings.length ? undefined : doc.toJS();
}

/** Each entry's text, as the layout cuts it. */
const entries = (text: string, l: YamlListLayout) => l.starts.map((s, i) => text.slice(s, l.starts[i + 1] ?? l.end));

const KUBECTL = `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-0
    annotations:
      script: |
        - not an entry
        ---
        #!/bin/sh
- apiVersion: v1
  kind: Service

  # a comment inside the list
  metadata:
    name: web
kind: List
metadata:
  resourceVersion: ""
`;

describe('yamlListLayout', () => {
  it("cuts kubectl's list at its entries, block scalars and comments inside them", () => {
    const layout = yamlListLayout(KUBECTL)!;
    expect(layout.topLevel).toBe(false);
    expect(entries(KUBECTL, layout)).toEqual([
      KUBECTL.slice(KUBECTL.indexOf('- apiVersion'), KUBECTL.indexOf('- apiVersion: v1\n  kind: Service')),
      KUBECTL.slice(KUBECTL.indexOf('- apiVersion: v1\n  kind: Service'), KUBECTL.indexOf('kind: List')),
    ]);
  });

  it('cuts an indented sequence, a top-level sequence and CRLF lines', () => {
    const indented = 'kind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n  -\n    kind: Node\nmetadata: {}\n';
    expect(entries(indented, yamlListLayout(indented)!)).toEqual([
      '  - kind: Pod\n    metadata: {name: a}\n',
      '  -\n    kind: Node\n',
    ]);
    const top = '# pods\n- kind: Pod\n  metadata: {name: a}\n- kind: Pod\n';
    const layout = yamlListLayout(top)!;
    expect(layout.topLevel).toBe(true);
    expect(entries(top, layout)).toEqual(['- kind: Pod\n  metadata: {name: a}\n', '- kind: Pod\n']);
    // A start marker on the first line (after comments), as yq and Helm write: the same entries.
    const marked = `# from yq\n--- \n${KUBECTL}`;
    expect(entries(marked, yamlListLayout(marked)!)).toEqual(entries(KUBECTL, yamlListLayout(KUBECTL)!));
    expect(inParts(marked, yamlListLayout(marked)!, same, 1)).toMatchObject({ value: wholeValue(KUBECTL) });
    const crlf = KUBECTL.replaceAll('\n', '\r\n');
    expect(entries(crlf, yamlListLayout(crlf)!)).toEqual(
      entries(KUBECTL, yamlListLayout(KUBECTL)!).map((e) => e.replaceAll('\n', '\r\n')),
    );
  });

  it.each([
    ['a directive', '%YAML 1.2\n---\nitems:\n- a: 1\n'],
    ['a document marker', 'items:\n- a: 1\n---\nitems:\n- a: 2\n'],
    ['several documents', '---\nitems:\n- a: 1\n---\nkind: B\n'],
    ['two start markers', '---\n---\nitems:\n- a: 1\n'],
    ['a start marker with content', '--- !!map\nitems:\n- a: 1\n'],
    ['a start marker after the first key', 'kind: List\n---\nitems:\n- a: 1\n'],
    ['a tab as indentation', 'items:\n- a: 1\n\tb: 2\n'],
    ['a dash that starts no entry', 'items:\n- a: 1\n-b: 2\n'],
    ['a quoted top-level key', '"items":\n- a: 1\n'],
    ['items in flow style', 'kind: List\nitems: [{a: 1}]\n'],
    ['items holding a mapping', 'items:\n  a: 1\n'],
    ['a second items key', 'items:\n- a: 1\nitems:\n- a: 2\n'],
    ['another key holding a sequence at column 0', 'items:\n- a: 1\nextra:\n- b: 2\n'],
    ['a line less indented than the entries', 'items:\n  - a: 1\n b: 2\n'],
    ['a line at the entries’ column that is no entry', 'items:\n  - a: 1\n  b: 2\n'],
    ['an indented first line', '  items:\n  - a: 1\n'],
    ['a sequence after the keys', 'kind: List\n- a: 1\n'],
    ['no entries', 'kind: List\nmetadata: {}\n'],
  ])('leaves the file to the whole parse: %s', (_, text) => {
    expect(yamlListLayout(text)).toBeNull();
  });
});

describe('parseYamlList', () => {
  it("gives the whole parse's value, each entry through onEntry, with progress", () => {
    const seen: unknown[] = [];
    const progress: number[] = [];
    const layout = yamlListLayout(KUBECTL)!;
    const result = inParts(
      KUBECTL,
      layout,
      (v) => (seen.push(v), v),
      1,
      (chars) => progress.push(chars),
    );
    expect(result).toEqual({ value: wholeValue(KUBECTL), contentsAt: 0 });
    expect(seen).toHaveLength(2);
    // One part per entry (parts of 1 character hold one entry each); the last ends where the list does.
    expect(progress).toEqual([layout.starts[1], layout.end]);
    const top = '# pods\n- kind: Pod\n- kind: Node\n';
    expect(inParts(top, yamlListLayout(top)!, same, 1 << 20)).toEqual({
      value: [{ kind: 'Pod' }, { kind: 'Node' }],
      contentsAt: 7,
    });
  });

  it('fails where a part does not parse cleanly on its own, with its place and message', () => {
    const alias = 'items:\n- a: &x 1\n- b: *x\nkind: List\n';
    expect(wholeValue(alias)).toEqual({ items: [{ a: 1 }, { b: 1 }], kind: 'List' });
    const failed = inParts(alias, yamlListLayout(alias)!, same, 1);
    expect(failed).toMatchObject({ failedAt: alias.indexOf('- b'), message: expect.stringContaining('alias') });
    // In one part the alias resolves.
    expect(inParts(alias, yamlListLayout(alias)!, same, 1 << 20)).toMatchObject({ value: wholeValue(alias) });
    const broken = 'items:\n- a: 1\n- b: [2\nkind: List\n';
    expect(inParts(broken, yamlListLayout(broken)!, same, 1)).toMatchObject({
      failedAt: expect.any(Number),
      message: expect.any(String),
    });
    const duplicate = 'items:\n- a: 1\nkind: List\nkind: Other\n';
    expect(inParts(duplicate, yamlListLayout(duplicate)!, same, 1)).toMatchObject({
      failedAt: duplicate.lastIndexOf('kind'),
    });
  });

  describe('against the whole parse, on generated lists', () => {
    const words = [
      'a',
      'kind',
      'items',
      '- x',
      '---',
      '...',
      '# c',
      'a: b',
      'true',
      '0o17',
      '~',
      '',
      ' lead',
      'é',
      '-',
    ];
    function rng(seed: number) {
      return () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    }
    function value(r: () => number, depth: number): unknown {
      const pick = r();
      if (depth > 3 || pick < 0.35) {
        const w = words[Math.floor(r() * words.length)];
        if (pick < 0.08) return Math.floor(r() * 1000) - 500;
        if (pick < 0.12) return null;
        if (pick < 0.2) return `${w}\n${words[Math.floor(r() * words.length)]}\n- y`; // multi-line
        return w;
      }
      if (pick < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--)
        o[`${words[Math.floor(r() * words.length)]}${i}`] = value(r, depth + 1);
      return o;
    }

    it('2,000 documents: the same value, or the whole parse (no part is trusted)', () => {
      let split = 0;
      let failed = 0;
      for (let seed = 1; seed <= 2_000; seed++) {
        const r = rng(seed);
        const items = Array.from({ length: 1 + Math.floor(r() * 6) }, () => ({ kind: 'Pod', spec: value(r, 0) }));
        const doc = r() < 0.2 ? items : { apiVersion: 'v1', items, kind: 'List', metadata: {} };
        let text = stringify(doc, {
          indentSeq: r() < 0.5,
          defaultKeyType: 'PLAIN', // kubectl's keys (a quoted top-level key leaves a file whole: above)
          lineWidth: r() < 0.3 ? 20 : 80,
          defaultStringType: (['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL'] as const)[Math.floor(r() * 4)],
        });
        // Comments and blank lines at column 0 between any two lines; CRLF line ends.
        if (r() < 0.3) text = text.replace(/\n/g, (m) => (r() < 0.1 ? (r() < 0.5 ? '\n# note\n' : '\n\n') : m));
        if (r() < 0.2) text = `---\n${text}`; // a start marker, as yq and Helm write
        if (r() < 0.2) text = text.replaceAll('\n', '\r\n');
        const whole = wholeValue(text);
        const layout = yamlListLayout(text);
        if (!layout) continue;
        const parts = inParts(text, layout, same, Math.floor(r() * 200));
        if ('value' in parts) {
          split++;
          expect(parts.value, text).toEqual(whole);
        } else {
          expect(whole, text).toBeUndefined();
          failed++;
        }
      }
      // Nearly every generated list is cut (a test of the cuts, not of the fallback).
      expect(split).toBeGreaterThan(1_800);
      // Some have an error the whole parse finds too (a comment inside a quoted string, say): parts fail there.
      expect(failed).toBeGreaterThan(0);
    });
  });
});

describe('yamlDocumentCuts', () => {
  it('cuts before document markers at column 0, a part at least partChars long', () => {
    const docs = [
      'kind: A\n',
      '--- \nkind: B\n',
      '---\nnote: |\n  ---\n',
      '----\n',
      '--- !!map\nkind: C\n',
      '---\r\nkind: D\n',
    ];
    const text = docs.join('');
    const at = (i: number) => docs.slice(0, i).join('').length;
    // `  ---` inside a block scalar and `----` are no markers; `--- !!map` and `---\r` are.
    expect(yamlDocumentCuts(text, 1)).toEqual([at(1), at(2), at(4), at(5)]);
    expect(yamlDocumentCuts(text, at(2) + 1)).toEqual([at(4)]);
    expect(yamlDocumentCuts(text, text.length)).toBeNull();
    expect(yamlDocumentCuts('kind: A\n', 1)).toBeNull();
    // A directive belongs to the document after it: such a stream is not cut.
    expect(yamlDocumentCuts(`${text}%YAML 1.2\n---\nkind: E\n`, 1)).toBeNull();
  });
});
