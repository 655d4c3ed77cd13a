import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/ids';
import { parseYamlEntriesFast, resolvePlain } from './yaml-fast';
import { YAML_OPTIONS, yamlListLayout } from './yaml-list';

/** The `yaml` package's value of a part (the reader's reference), or undefined when it has an error or warning. */
function yamlValue(part: string): unknown {
  const docs = parseAllDocuments(part, YAML_OPTIONS);
  if (!Array.isArray(docs) || docs.length !== 1) return undefined;
  const [doc] = docs;
  return doc.errors.length || doc.warnings.length ? undefined : doc.toJS();
}

/** Equal values, keys in the same order (toEqual ignores order; JSON text does not; toEqual tells -0 from 0). */
function expectSame(actual: unknown, expected: unknown, text: string) {
  expect(actual, text).toEqual(expected);
  expect(JSON.stringify(actual), text).toBe(JSON.stringify(expected));
}

const testdata = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');

/** The entries of a YAML list file, each as its own part (as yamlListLayout cuts them). */
function entriesOf(text: string): string[] {
  const layout = yamlListLayout(text)!;
  return layout.starts.map((s, i) => text.slice(s, layout.starts[i + 1] ?? layout.end));
}

describe('parseYamlEntriesFast', () => {
  it("reads kubectl's block YAML: unindented and indented sequences, mappings in entries, empty collections", () => {
    const part = `- apiVersion: v1
  kind: Pod
  metadata:
    annotations:
      kubectl.kubernetes.io/restartedAt: "2026-11-30T08:15:42Z"
    labels: {}
    name: web-0
  spec:
    containers:
    - args:
      - --port=8080
      - -v
      image: nginx:1.27
      ports:
        - containerPort: 8080
          protocol: TCP
    tolerations: []
    nodeName:
- kind: Service
  spec:
    ports:
    -
      port: 80
    -
`;
    expectSame(
      parseYamlEntriesFast(part),
      [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-30T08:15:42Z' },
            labels: {},
            name: 'web-0',
          },
          spec: {
            containers: [
              { args: ['--port=8080', '-v'], image: 'nginx:1.27', ports: [{ containerPort: 8080, protocol: 'TCP' }] },
            ],
            tolerations: [],
            nodeName: null,
          },
        },
        { kind: 'Service', spec: { ports: [{ port: 80 }, null] } },
      ],
      part,
    );
  });

  it('resolves plain scalars as the YAML 1.2 core schema does (the yaml package: null, bool, int, float)', () => {
    const cases: [string, unknown][] = [
      ['~', null],
      ['null', null],
      ['NULL', null],
      ['Null', null],
      ['nul', 'nul'],
      ['nULL', 'nULL'],
      ['TrUe', 'TrUe'],
      ['falsey', 'falsey'],
      ['~x', '~x'],
      ['true', true],
      ['False', false],
      ['TRUE', true],
      ['yes', 'yes'], // YAML 1.1's boolean is a string in 1.2
      ['on', 'on'],
      ['0o17', 15],
      ['0123', 123],
      ['+12', 12],
      ['-0', -0],
      ['0x1F', 31],
      ['0X1F', '0X1F'],
      ['1e3', 1000],
      ['-1.5E-2', -0.015],
      ['.5', 0.5],
      ['1.', 1],
      ['.inf', Infinity],
      ['-.Inf', -Infinity],
      ['.NaN', NaN],
      ['1_000', '1_000'],
      ['12:30', '12:30'],
      ['10.0.0.1', '10.0.0.1'],
      ['2001:db8::1', '2001:db8::1'],
      ['1.2.3', '1.2.3'],
      ['-', '-'],
      ['nginx', 'nginx'],
    ];
    for (const [text, value] of cases) {
      expect(resolvePlain(text), text).toEqual(value);
      // The same as the yaml package, in a value and in an entry.
      const part = `- v: ${text}\n- ${text}\n`;
      if (text === '-') continue; // `- -` is an entry holding a sequence, not the scalar
      expectSame(parseYamlEntriesFast(part), yamlValue(part), part);
    }
    expect(Object.is(parseYamlEntriesFast('- -0\n')![0], -0)).toBe(true);
    expect(resolvePlain('')).toBeNull(); // what an empty value resolves to
  });

  it('folds plain and quoted scalars written over several lines, with escapes', () => {
    const part = [
      '- plain: a long sentence that go-yaml folds',
      '    over two lines',
      '',
      '    and a paragraph',
      "  single: 'it''s folded   ",
      "    here'",
      '  double: "tab\\there \\u00e9\\U0001F600 \\x41 \\" \\\\ \\/ \\N\\_\\L\\P\\e\\0 end  ',
      '    next\\',
      '      joined \\ ',
      '    kept"',
      '  key with spaces: v',
      '  "quoted: key": "a: b"',
      "  'single key': '#x'",
      '  colon: :4244',
      '  url: http://example.com/#top',
    ].join('\n');
    const expected = [
      {
        plain: 'a long sentence that go-yaml folds over two lines\nand a paragraph',
        single: "it's folded here",
        double: 'tab\there é😀 A " \\ / \u0085\u00a0\u2028\u2029\x1b\0 end nextjoined   kept',
        'key with spaces': 'v',
        'quoted: key': 'a: b',
        'single key': '#x',
        colon: ':4244',
        url: 'http://example.com/#top',
      },
    ];
    expectSame(parseYamlEntriesFast(part), expected, part);
    expectSame(yamlValue(part), expected, part);
  });

  it('reads literal block scalars with their chomping and indentation indicators', () => {
    const part = [
      '- clip: |',
      '    line 1',
      '      indented',
      '',
      '    # not a comment',
      '',
      '  strip: |-',
      '    no newline',
      '  keep: |+',
      '    kept',
      '',
      '',
      '  indicator: |2-',
      '     one space first',
      '    then none',
      '  last: x',
      '',
    ].join('\n');
    const expected = [
      {
        clip: 'line 1\n  indented\n\n# not a comment\n',
        strip: 'no newline',
        keep: 'kept\n\n\n',
        indicator: ' one space first\nthen none',
        last: 'x',
      },
    ];
    expectSame(parseYamlEntriesFast(part), expected, part);
    expectSame(yamlValue(part), expected, part);
  });

  it('gives up (null) on what it does not read, for the yaml package to parse or reject', () => {
    const parts = [
      '- a: 1 # comment\n',
      '# comment\n- a: 1\n',
      '- a: &x 1\n  b: *x\n',
      '- a: !!str 1\n',
      '- a: >\n    folded\n',
      '- a: {b: 1}\n',
      '- a: [1, 2]\n',
      '- <<: {}\n',
      '- a: 1\n  a: 2\n', // a duplicate key: the yaml package's error
      '- a: 1\r\n',
      '- a:\tb\n',
      '- \ta: b\n',
      '- a: b: c\n',
      '- a: |\n  x\n', // a block scalar not indented past its key's column
      '- a: "unterminated\n',
      '- 1: one\n', // a key that is no string
      '- __proto__: x\n',
      '- ? complex\n  : key\n',
      '- a: "\\q"\n', // an unknown escape
      '- a\n  b: c\n',
      '- a: 1\n    b: 2\n',
      '- key\t: v\n', // a tab before a plain key's colon: white space to the yaml package
      '- a: b\n  c \t: d\n',
    ];
    for (const part of parts) expect(parseYamlEntriesFast(part), part).toBeNull();
  });

  it("reads go-yaml's own output (sigs.k8s.io/yaml, what kubectl writes) as the JSON it came from", () => {
    // testdata/README.md says how these files were written.
    const demo = testdata('demo-cilium-cluster.go-yaml.yaml');
    const demoJson = JSON.parse(readFileSync(join(import.meta.dirname, '../demo/demo-cilium-cluster.json'), 'utf8'));
    const layout = yamlListLayout(demo)!;
    const demoPart = demo.slice(layout.starts[0], layout.end);
    // go-yaml sorts keys: the JSON's values, and the yaml package's value key for key.
    expect(parseYamlEntriesFast(demoPart)).toEqual(demoJson.items);
    expectSame(parseYamlEntriesFast(demoPart), yamlValue(demoPart), 'demo cluster');

    const tricky = JSON.parse(testdata('tricky-values.json')).items as { kind: string }[];
    const entries = entriesOf(testdata('tricky-values.go-yaml.yaml'));
    expect(entries).toHaveLength(tricky.length);
    const givenUp: unknown[] = [];
    entries.forEach((entry, i) => {
      const value = parseYamlEntriesFast(entry);
      // Whatever the reader does, the yaml package reads every entry as go-yaml wrote it.
      expect(yamlValue(entry), entry).toEqual([tricky[i]]);
      if (value === null) givenUp.push(tricky[i]);
      else {
        expect(value, entry).toEqual([tricky[i]]);
        expectSame(value, yamlValue(entry), entry);
      }
    });
    // What it leaves to the yaml package: keys over several lines, which go-yaml writes as explicit `? ` keys.
    expect(givenUp.length).toBeGreaterThan(0);
    for (const v of givenUp) {
      expect(v).toMatchObject({ kind: 'Key' });
      expect(Object.keys((v as { map: object }).map)[0]).toMatch(/\n/);
    }
    expect(givenUp.length).toBeLessThan(10);
  });

  it('20,000 random texts of YAML fragments, valid or not: a value only where the yaml package gives the same one', () => {
    const r = seededRandom('yaml-fast-fragments');
    const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
    // Pieces of lines: keys, entries, quotes and escapes left open, indicators, block headers, comments, tabs.
    const fragments = [
      '- ',
      '-',
      'a',
      'b: ',
      'c:',
      'key: value',
      'x y',
      '"q',
      'q"',
      "'s",
      "s'",
      "''",
      '""',
      '#',
      ' #c',
      ': ',
      ':',
      '|',
      '|-',
      '|+',
      '|2',
      '>',
      '{}',
      '[]',
      '{',
      '}',
      '[',
      ']',
      ',',
      '~',
      'null',
      'true',
      '1',
      '-1',
      '0x1',
      '.5',
      '1e3',
      '\\n',
      '\\"',
      '\\',
      ' ',
      '  ',
      '\t',
      '&a',
      '*a',
      '!t',
      '?',
      '? x',
      '%',
      '@',
      '`',
      'é',
      '---',
      '...',
      '<<: ',
      'k: "a\\',
      'k: |',
      "k: 'x",
      '- - ',
      '-x',
      ':x',
      'k\t: ',
      '\t:',
      ' \t',
    ];
    let read = 0;
    for (let n = 0; n < 20_000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(r() * 6) }, () => {
        let line = ' '.repeat(pick([0, 0, 1, 2, 2, 3, 4, 4, 6]));
        for (let j = 1 + Math.floor(r() * 3); j > 0; j--) line += pick(fragments);
        return line;
      });
      if (!lines[0].startsWith('- ')) lines[0] = `- ${lines[0].trimStart()}`;
      const text = lines.join('\n') + (r() < 0.8 ? '\n' : '');
      const fast = parseYamlEntriesFast(text);
      if (fast === null) continue;
      read++;
      // Never a value for text the yaml package rejects, never another value than its own.
      expectSame(fast, yamlValue(text), text);
    }
    expect(read).toBeGreaterThan(2_000);
  });

  describe('random values, written as kubectl-style lists by the yaml package', () => {
    const pieces = [
      'app',
      'web-0',
      '10.0.0.1',
      '8080',
      'true',
      'no',
      '~',
      '-x',
      ':90',
      'a b',
      'a:b',
      "it's",
      'q"t',
      '#',
      ' lead',
      'trail ',
      'é✓',
      '1e3',
      '0x1F',
      '.5',
      'back\\slash',
      'tab\tx',
      '',
    ];
    function scalar(r: () => number): unknown {
      const pick = r();
      if (pick < 0.1) return Math.floor(r() * 2000) - 1000;
      if (pick < 0.14) return r() * 100;
      if (pick < 0.18) return null;
      if (pick < 0.22) return r() < 0.5;
      const n = 1 + Math.floor(r() * (r() < 0.2 ? 30 : 3));
      const sep = () => (r() < 0.15 ? '\n' : r() < 0.05 ? '\n\n' : ' ');
      return Array.from({ length: n }, () => pieces[Math.floor(r() * pieces.length)]).join(sep());
    }
    function value(r: () => number, depth: number): unknown {
      const pick = r();
      if (depth > 3 || pick < 0.4) return scalar(r);
      if (pick < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--) o[`${pieces[Math.floor(r() * 10)]}${i}`] = value(r, depth + 1);
      return o;
    }

    it("3,000 lists: the yaml package's value whenever the reader gives one, and it gives one for most", () => {
      let read = 0;
      let total = 0;
      let unfaithful = 0;
      for (let seed = 1; seed <= 3_000; seed++) {
        const r = seededRandom(`yaml-fast-list-${seed}`);
        const items = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({ kind: 'Pod', spec: value(r, 0) }));
        const text = stringify(items, {
          indentSeq: r() < 0.5,
          lineWidth: r() < 0.3 ? 20 : 80,
          minContentWidth: 0,
          // kubectl writes no folded block scalars (`>`), which the reader leaves to the yaml package.
          blockQuote: r() < 0.8 ? 'literal' : true,
          defaultKeyType: r() < 0.8 ? 'PLAIN' : null,
          defaultStringType: (['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL'] as const)[Math.floor(r() * 4)],
        });
        total++;
        const fast = parseYamlEntriesFast(text);
        if (fast === null) continue;
        read++;
        const whole = yamlValue(text);
        expectSame(fast, whole, text);
        // …and the original, wherever the yaml package reads its own text back as it was: a string of spaces alone,
        // written as a literal block scalar, reads back empty (the package's value, which the reader gives too).
        if (isDeepStrictEqual(whole, items)) expectSame(fast, items, text);
        else unfaithful++;
      }
      // The reader is not a test of the fallback: it reads nearly all of them.
      expect(read / total).toBeGreaterThan(0.9);
      expect(unfaithful, 'lists the yaml package does not read back as written').toBeLessThan(total / 100);
    });
  });
});
