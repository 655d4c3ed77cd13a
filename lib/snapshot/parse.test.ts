import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset, lineColumnAt } from './json-error';
import { leanObject } from './lean-objects';
import { mergeSnapshots, parseSnapshotText, snapshotFileOf, YAML_PART_CHARS, type ParsedSnapshot } from './parse';

const pod = (name: string, ns = 'default') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  status: { podIP: '10.0.0.1' },
});

/** What `kubectl get services,endpointslices,nodes,pods,namespaces,networkpolicies,configmaps,deployments -A -o json` prints. */
const kubectlList = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.10' },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
    },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' } },
    pod('web-1', 'shop'),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'shop' },
      spec: { podSelector: {} },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      data: { mode: 'iptables' },
    },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } },
  ],
};

const kinds = (s: ParsedSnapshot) => s.objects.map((o) => o.kind);
const names = (s: ParsedSnapshot) => s.objects.map((o) => o.metadata?.name);

describe('parseSnapshotText: JSON', () => {
  it('reads a kubectl List of mixed kinds and counts unknown kinds', () => {
    const s = parseSnapshotText(JSON.stringify(kubectlList, null, 2), 'snap.json');
    expect(kinds(s)).toEqual(['Service', 'EndpointSlice', 'Node', 'Pod', 'Namespace', 'NetworkPolicy', 'ConfigMap']);
    expect(s.ignoredKinds).toEqual({ Deployment: 2 });
    expect(s.errors).toEqual([]);
    expect(s.warnings).toEqual([]);
    expect(snapshotFileOf(s, s.objects[0])).toBe('snap.json');
  });

  it('infers kind and apiVersion of items in a typed list (PodList)', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'PodList',
      items: [{ metadata: { name: 'a' } }, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'b' } }],
    };
    const s = parseSnapshotText(JSON.stringify(list), 'pods.json');
    expect(s.objects).toEqual([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('infers the item kind of other typed lists and treats items: null as empty', () => {
    const slices = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSliceList',
      items: [{ metadata: { name: 's', namespace: 'ns' } }],
    };
    expect(parseSnapshotText(JSON.stringify(slices), 'x.json').objects[0]).toMatchObject({
      kind: 'EndpointSlice',
      apiVersion: 'discovery.k8s.io/v1',
    });
    const empty = parseSnapshotText('{"kind":"ServiceList","items":null}', 'x.json');
    expect(empty).toEqual({ objects: [], errors: [], warnings: [], ignoredKinds: {} });
  });

  it('flattens nested Lists', () => {
    const nested = {
      kind: 'List',
      items: [
        { kind: 'List', items: [pod('a'), { kind: 'NodeList', items: [{ metadata: { name: 'n1' } }] }] },
        pod('b'),
      ],
    };
    const s = parseSnapshotText(JSON.stringify(nested), 'nested.json');
    expect(kinds(s)).toEqual(['Pod', 'Node', 'Pod']);
    expect(names(s)).toEqual(['a', 'n1', 'b']);
  });

  it('reads a single object and a JSON array of objects', () => {
    expect(names(parseSnapshotText(JSON.stringify(pod('solo')), 'one.json'))).toEqual(['solo']);
    const arr = parseSnapshotText(
      `  \n[${JSON.stringify(pod('a'))}, ${JSON.stringify({ kind: 'PodList', items: [{ metadata: { name: 'b' } }] })}]`,
      'arr.json',
    );
    expect(names(arr)).toEqual(['a', 'b']);
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(names(parseSnapshotText('\uFEFF' + JSON.stringify(pod('bom')), 'bom.json'))).toEqual(['bom']);
  });

  it('reports truncated JSON with file, line and column, and no stack trace', () => {
    const text = JSON.stringify(kubectlList, null, 2);
    const cut = text.slice(0, text.indexOf('"node-1"') + 4); // ends inside a string on some line
    const s = parseSnapshotText(cut, 'snap.json');
    expect(s.objects).toEqual([]);
    expect(s.errors).toHaveLength(1);
    const e = s.errors[0];
    expect(e.file).toBe('snap.json');
    expect(e.message).toMatch(/^Unterminated string|^Unexpected end of JSON input/);
    expect(e.message).not.toMatch(/position|\n|    at /);
    expect(e).toMatchObject(lineColumnAt(cut, cut.length));
    expect(e.line).toBe(cut.split('\n').length);
  });

  it('locates "Unexpected end of JSON input" at the end of the text', () => {
    const s = parseSnapshotText('{\n  "kind": "Pod",\n  "metadata":', 'cut.json');
    expect(s.errors).toEqual([{ file: 'cut.json', message: 'Unexpected end of JSON input', line: 3, column: 14 }]);
  });

  it('locates errors whose engine message has no position (trailing comma)', () => {
    const s = parseSnapshotText('[\n  {"kind": "Pod"},\n]\n', 'comma.json');
    expect(s.errors).toEqual([{ file: 'comma.json', message: "Unexpected token ']'", line: 3, column: 1 }]);
  });

  it('converts "at position N" into line:column', () => {
    const s = parseSnapshotText('{\n  "kind": "Pod"\n  "metadata": {}\n}', 'missing-comma.json');
    expect(s.errors).toEqual([
      { file: 'missing-comma.json', message: "Expected ',' or '}' after property value", line: 3, column: 3 },
    ]);
  });

  it('warns about and skips objects without kind and non-object items', () => {
    const list = {
      kind: 'List',
      items: [{ metadata: { name: 'nokind', namespace: 'ns' } }, 42, null, 'text', pod('ok')],
    };
    const s = parseSnapshotText(JSON.stringify(list), 'mixed.json');
    expect(names(s)).toEqual(['ok']);
    expect(s.errors).toEqual([]);
    expect(s.warnings).toEqual([
      { file: 'mixed.json', object: 'items[0]', message: 'object ns/nokind has no kind; skipped' },
      { file: 'mixed.json', object: 'items[1]', message: 'items[1] is a number, not an object; skipped' },
      { file: 'mixed.json', object: 'items[2]', message: 'items[2] is null, not an object; skipped' },
      { file: 'mixed.json', object: 'items[3]', message: 'items[3] is a string, not an object; skipped' },
    ]);
  });

  it('warns about a top-level object without kind and a List without items', () => {
    expect(parseSnapshotText('{"metadata":{"name":"x"}}', 'a.json').warnings).toEqual([
      { file: 'a.json', message: 'object x has no kind; skipped' },
    ]);
    expect(parseSnapshotText('{"kind":"List"}', 'b.json').warnings).toEqual([
      { file: 'b.json', message: 'List has no items array; skipped' },
    ]);
  });

  it('ignores unknown kinds silently but counts them', () => {
    const s = parseSnapshotText(
      JSON.stringify([{ kind: 'Deployment' }, { kind: 'CustomThing' }, { kind: 'Deployment' }, pod('p')]),
      'u.json',
    );
    expect(names(s)).toEqual(['p']);
    expect(s.ignoredKinds).toEqual({ Deployment: 2, CustomThing: 1 });
    expect(s.warnings).toEqual([]);
  });
});

describe('parseSnapshotText: YAML', () => {
  it('reads multi-document YAML and skips empty documents', () => {
    const text = `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Node\nmetadata: {name: n1}\n---\n# only a comment\n`;
    const s = parseSnapshotText(text, 'cluster.yaml');
    expect(kinds(s)).toEqual(['Pod', 'Node']);
    expect(s.errors).toEqual([]);
    expect(s.warnings).toEqual([]);
  });

  it('reads a YAML List with a typed list inside', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- kind: Service\n  metadata: {name: web, namespace: shop}\n- apiVersion: v1\n  kind: PodList\n  items:\n  - metadata: {name: p1}\n`;
    const s = parseSnapshotText(text, 'list.yml');
    expect(s.objects).toEqual([
      { kind: 'Service', metadata: { name: 'web', namespace: 'shop' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' } },
    ]);
  });

  it('reports a bad middle document with its number and line and keeps the good ones', () => {
    const text = [
      'kind: Pod',
      'metadata: {name: a}',
      '---',
      'kind: Service',
      'metadata: {name: b',
      '  bad: [',
      '---',
      'kind: Node',
      'metadata:',
      '  name: c',
      '',
    ].join('\n');
    const s = parseSnapshotText(text, 'cluster.yaml');
    expect(names(s)).toEqual(['a', 'c']);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ file: 'cluster.yaml', document: 2, line: 5 });
    expect(s.errors[0].message).not.toMatch(/\n/);
  });

  it('reports duplicate keys as a document error', () => {
    const s = parseSnapshotText('kind: Pod\nmetadata: {name: a}\n---\nkind: Pod\nkind: Node\n', 'dup.yaml');
    expect(names(s)).toEqual(['a']);
    expect(s.errors).toEqual([
      expect.objectContaining({ document: 2, line: 5, message: expect.stringMatching(/unique/) }),
    ]);
  });

  it('warns with the document number about documents without kind or that are not objects', () => {
    const s = parseSnapshotText(
      'kind: Pod\nmetadata: {name: a}\n---\nmetadata: {name: b}\n---\njust a string\n',
      'w.yaml',
    );
    expect(names(s)).toEqual(['a']);
    expect(s.warnings).toEqual([
      { file: 'w.yaml', document: 2, line: 4, message: 'object b has no kind; skipped' },
      { file: 'w.yaml', document: 3, line: 6, message: 'top-level value is a string, not an object; skipped' },
    ]);
  });

  it('warns about empty files (blank or comments only)', () => {
    expect(parseSnapshotText('', 'e.json')).toEqual({
      objects: [],
      errors: [],
      warnings: [{ file: 'e.json', message: 'file is empty' }],
      ignoredKinds: {},
    });
    expect(parseSnapshotText(' \n\t\n', 'e.yaml').warnings).toEqual([{ file: 'e.yaml', message: 'file is empty' }]);
    expect(parseSnapshotText('# nothing\n---\n', 'c.yaml').warnings).toEqual([
      { file: 'c.yaml', message: 'file is empty (no YAML documents)' },
    ]);
  });

  it('turns an alias bomb into an error instead of throwing', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map(
        (k, i) =>
          `${k}: &${k} [${Array(9)
            .fill('*' + 'abcdefghi'[i])
            .join(', ')}]`,
      ),
      'kind: Pod',
    ].join('\n');
    const s = parseSnapshotText(bomb, 'bomb.yaml');
    expect(s.objects).toEqual([]);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ file: 'bomb.yaml', document: 1 });
  });
});

describe('parseSnapshotText: a YAML list too large to parse whole', () => {
  /** kubectl's YAML of a List: entries at column 0, pods with fields kubepath drops (lean-objects.ts). */
  const list = (entries: string[]) =>
    `apiVersion: v1\nitems:\n${entries.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
  const podEntry = (name: string) =>
    `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: ${name}\n    namespace: shop\n  spec:\n    containers:\n    - name: app\n      readinessProbe:\n        httpGet: {port: 8080}\n  status:\n    podIP: 10.0.0.1\n`;
  /** A budget that holds no whole parse. */
  const tight = { bytes: 0, where: 'this test allows', instead: 'or give it more' };

  it('is parsed in parts: the same objects (pods lean), warnings and places as the whole parse', () => {
    const text = list([podEntry('a'), '- metadata: {name: no-kind}\n', podEntry('b'), '- just a string\n']);
    const whole = parseSnapshotText(text, 'pods.yaml');
    const progress: number[] = [];
    const parts = parseSnapshotText(text, 'pods.yaml', { yamlBudget: tight, onYamlParsed: (c) => progress.push(c) });
    expect(whole.warnings).toHaveLength(2);
    expect(whole.warnings[0]).toMatchObject({ document: 1, line: 1, object: 'items[1]' });
    expect(parts.warnings).toEqual(whole.warnings);
    expect(parts.errors).toEqual([]);
    expect(names(parts)).toEqual(['a', 'b']);
    // Lean: the probe is gone, the rest is the whole parse's.
    expect(JSON.stringify(whole.objects)).toContain('readinessProbe');
    expect(JSON.stringify(parts.objects)).not.toContain('readinessProbe');
    expect(parts.objects[0].metadata).toEqual(whole.objects[0].metadata);
    expect(progress.at(-1)).toBe(text.indexOf('kind: List'));
  });

  it('larger than a part, it is parsed in parts with no budget too', () => {
    const entries = Array.from({ length: 2 * Math.ceil(YAML_PART_CHARS / podEntry('x').length) }, (_, i) =>
      podEntry(`p${i}`),
    );
    const progress: number[] = [];
    const s = parseSnapshotText(list(entries), 'pods.yaml', { onYamlParsed: (c) => progress.push(c) });
    expect(s.objects).toHaveLength(entries.length);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(s.objects)).not.toContain('readinessProbe');
  });

  it('a part that does not parse on its own: the whole parse where it fits, else the error at its place', () => {
    const alias = list([podEntry('a').replace('name: a', 'name: &n a'), podEntry('b').replace('name: b', 'name: *n')]);
    // Fits: parsed whole, the alias resolved (nothing lost to the cut).
    const whole = parseSnapshotText(alias, 'pods.yaml', { yamlBudget: { ...tight, bytes: 1e9 } });
    expect(names(whole)).toEqual(['a', 'a']);
    const broken = list([podEntry('a'), podEntry('b').replace('podIP: 10.0.0.1', 'podIP: [10.0.0.1')]);
    const s = parseSnapshotText(broken, 'pods.yaml', { yamlBudget: tight });
    expect(s.objects).toEqual([]);
    expect(s.errors).toHaveLength(1);
    const error = s.errors[0];
    expect(error).toMatchObject({ file: 'pods.yaml', document: 1 });
    expect(error.line).toBeGreaterThan(broken.slice(0, broken.indexOf('name: b')).split('\n').length - 2);
    expect(error.message).toMatch(
      /\(the list is parsed a part at a time, as a whole parse would not fit\); YAML this large needs about .* more than this test allows .*or give it more$/,
    );
  });

  it('YAML other than a list that does not fit is an error saying what to do', () => {
    const s = parseSnapshotText('kind: Pod\nmetadata: {name: a}\n', 'pod.yaml', { yamlBudget: tight });
    expect(s.objects).toEqual([]);
    expect(s.errors).toEqual([
      { file: 'pod.yaml', message: expect.stringMatching(/^YAML this large needs about 0\.0 GiB .*or give it more$/) },
    ]);
  });
});

describe('parseSnapshotText: a YAML stream of many documents, in parts', () => {
  const configMap = (i: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: default\n`;
  /** The same text parsed in parts of a few documents (a budget each part fits, the whole text not). */
  const inParts = (text: string, onYamlParsed?: (chars: number) => void, bytes = 300 * 46) =>
    parseSnapshotText(text, 's.yaml', {
      yamlPartChars: 100,
      yamlBudget: { bytes, where: 'this test allows', instead: 'or give it more' },
      onYamlParsed,
    });

  it("gives the whole parse's objects, errors and warnings with their documents and lines, pods lean", () => {
    const docs = Array.from({ length: 30 }, (_, i) => configMap(i));
    docs[7] = 'kind: ConfigMap\nmetadata: {name: broken\n  bad: [\n'; // a syntax error
    docs[12] = 'metadata: {name: no-kind}\n'; // a warning
    docs[15] = '# only a comment\n'; // an empty document
    docs[20] =
      'kind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n  containers:\n  - name: a\n    resources: {}\n';
    docs[22] = 'a: &x 1\nb: *x\nkind: ConfigMap\nmetadata: {name: alias}\n'; // an alias within its document
    const text = docs.map((d, i) => (i === 3 ? `${d}...\n` : d)).join('---\n');
    const whole = parseSnapshotText(text, 's.yaml');
    const progress: number[] = [];
    const parts = inParts(text, (c) => progress.push(c));
    expect(whole.errors).toHaveLength(1);
    expect(whole.errors[0]).toMatchObject({ document: 8 });
    expect(whole.warnings).toHaveLength(1);
    expect(parts.errors).toEqual(whole.errors);
    expect(parts.warnings).toEqual(whole.warnings);
    expect(parts.objects).toEqual(whole.objects.map(leanObject));
    expect(JSON.stringify(whole.objects)).toContain('resources');
    expect(JSON.stringify(parts.objects)).not.toContain('resources');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(text.length);
  });

  it('a document too large to parse whole: its list in parts, or an error naming it; the documents before it read', () => {
    const pods = Array.from(
      { length: 20 },
      (_, i) =>
        `- kind: Pod\n  metadata: {name: p${i}, namespace: default}\n  spec: {containers: [{name: a, resources: {}}]}\n`,
    );
    const list = `apiVersion: v1\nitems:\n${pods.join('')}kind: List\n`;
    const head = [configMap(0), configMap(1), configMap(2)].join('---\n');
    const text = `${head}---\n${list}---\n${configMap(3)}`;
    const whole = parseSnapshotText(text, 's.yaml');
    expect(whole.objects).toHaveLength(24);
    // Each ConfigMap part fits the budget, the List document does not: it is parsed in parts, as a file's list.
    const parts = inParts(text, undefined, 200 * 46);
    expect(parts.errors).toEqual([]);
    expect(parts.objects).toEqual(whole.objects.map(leanObject));
    // A document over the budget that is no list: an error at its document and line; what came before is read.
    const big = `kind: ConfigMap\nmetadata: {name: big, namespace: default}\ndata:\n${'  k: v\n'.repeat(60)}`;
    const refused = inParts(`${head}---\n${big}---\n${configMap(3)}`, undefined, 200 * 46);
    expect(refused.objects.map((o) => o.metadata?.name)).toEqual(['cm-0', 'cm-1', 'cm-2']);
    expect(refused.errors).toEqual([
      {
        file: 's.yaml',
        document: 4,
        line: head.split('\n').length,
        column: 1,
        message: expect.stringMatching(
          /^it is not one list and is too large to parse whole, so it and the documents after it are not read: YAML this large needs about .* or give it more$/,
        ),
      },
    ]);
  });

  it('200 generated streams: the same as the whole parse', () => {
    let seed = 7;
    const r = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const good = [
      (i: number) => configMap(i),
      (i: number) => `kind: Service\nmetadata: {name: s${i}, namespace: x}\nspec:\n  note: |\n    ---\n    - text\n`,
      () => '# comment\n',
      () => '',
      () => 'just a string\n',
      (i: number) => `- kind: ConfigMap\n  metadata: {name: l${i}}\n`,
      (i: number) => `a: &x ${i}\nb: *x\nkind: ConfigMap\n`,
    ];
    // YAML errors: the stream is then parsed whole (an unterminated quote runs on past `---`).
    const broken = [
      () => 'kind: ConfigMap\nmetadata: {name: "unterminated\n',
      () => 'kind: [1, 2\n',
      () => 'kind: ConfigMap\nkind: Dup\n',
      () => 'x: *nowhere\nkind: ConfigMap\n',
    ];
    const piece = (i: number) =>
      r() < 0.02 ? broken[Math.floor(r() * broken.length)]() : good[Math.floor(r() * good.length)](i);
    let cut = 0;
    let whole = 0;
    for (let n = 0; n < 200; n++) {
      const docs = Array.from({ length: 1 + Math.floor(r() * 25) }, (_, i) => piece(i));
      let text = docs.map((d) => (r() < 0.1 ? `${d}...\n` : d)).join(r() < 0.5 ? '---\n' : '--- \n');
      if (r() < 0.3) text = `---\n${text}`;
      if (r() < 0.2) text = text.replaceAll('\n', '\r\n');
      const expected = parseSnapshotText(text, 's.yaml');
      // A budget every whole parse fits: a stream with no marker 100 characters on, or with a YAML error, is
      // parsed whole.
      let steps = 0;
      const parts = inParts(text, () => steps++, 1e9);
      if (steps > 1 && expected.errors.length === 0) cut++;
      if (expected.errors.length > 0) whole++;
      expect(parts, text).toEqual({ ...expected, objects: expected.objects.map(leanObject) });
    }
    expect(cut).toBeGreaterThan(100);
    expect(whole).toBeGreaterThan(5);
  });
});

describe('parseSnapshotText: fuzz', () => {
  // Deterministic PRNG (mulberry32) so failures are reproducible.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const json = JSON.stringify(kubectlList, null, 2);
  const yaml = kubectlList.items.map((o) => JSON.stringify(o, null, 1).replace(/^\{|\}$/g, '')).join('\n---\n');

  it('never throws on random truncations and mutations, and every issue names the file', () => {
    const random = rng(42);
    for (const [name, text] of [
      ['f.json', json],
      ['f.yaml', yaml],
    ] as const) {
      for (let n = 0; n < 300; n++) {
        let t = text.slice(0, Math.floor(random() * text.length));
        if (n % 3 === 0) {
          const at = Math.floor(random() * t.length);
          t = t.slice(0, at) + '{}[]:,-"\n\' #&*!'[Math.floor(random() * 16)] + t.slice(at + 1);
        }
        const s = parseSnapshotText(t, name);
        for (const i of [...s.errors, ...s.warnings]) {
          expect(i.file).toBe(name);
          expect(typeof i.message).toBe('string');
        }
        if (name.endsWith('.json') && s.errors.length > 0) expect(s.errors[0].line).toBeGreaterThan(0);
      }
    }
  });

  it('finds the same error offset as V8 whenever V8 reports one', () => {
    const random = rng(7);
    let compared = 0;
    for (let n = 0; n < 400; n++) {
      const at = Math.floor(random() * json.length);
      const t = json.slice(0, at) + ',}]x"\n'[n % 6] + json.slice(at + 1);
      try {
        JSON.parse(t);
        expect(findJsonErrorOffset(t)).toBe(t.length);
      } catch (e) {
        const m = /at position (\d+)/.exec((e as Error).message);
        if (m) {
          expect(findJsonErrorOffset(t)).toBe(Number(m[1]));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('mergeSnapshots', () => {
  it('keeps the later of duplicate objects and warns naming both files', () => {
    const a = parseSnapshotText(JSON.stringify([pod('web'), { kind: 'Node', metadata: { name: 'n1' } }]), 'a.json');
    const b = parseSnapshotText(
      'kind: Pod\nmetadata: {name: web, namespace: default}\nstatus: {podIP: 10.0.0.9}\n',
      'b.yaml',
    );
    const m = mergeSnapshots([a, b]);
    expect(m.objects).toHaveLength(2);
    expect(m.objects[0]).toMatchObject({ kind: 'Pod', status: { podIP: '10.0.0.9' } });
    expect(m.warnings).toEqual([
      {
        file: 'b.yaml',
        object: 'Pod default/web',
        message: 'duplicate Pod default/web: a.json is overridden by b.yaml',
      },
    ]);
  });

  it('distinguishes kinds and namespaces, keeps unnamed objects, and sums errors and ignored kinds', () => {
    const a = parseSnapshotText(
      JSON.stringify([
        pod('x', 'ns1'),
        { kind: 'Service', metadata: { name: 'x', namespace: 'ns1' } },
        { kind: 'Pod' },
        { kind: 'Job' },
      ]),
      'a.json',
    );
    const b = parseSnapshotText(JSON.stringify([pod('x', 'ns2'), { kind: 'Pod' }, { kind: 'Job' }]), 'b.json');
    const c = parseSnapshotText('{"a":', 'c.json');
    const m = mergeSnapshots([a, b, c]);
    expect(m.objects).toHaveLength(5);
    expect(m.warnings).toEqual([]);
    expect(m.ignoredKinds).toEqual({ Job: 2 });
    expect(m.errors).toEqual([{ file: 'c.json', message: 'Unexpected end of JSON input', line: 1, column: 6 }]);
  });

  it('reports duplicates within one file', () => {
    const m = mergeSnapshots([
      parseSnapshotText(JSON.stringify([pod('p'), { ...pod('p'), spec: { nodeName: 'n2' } }]), 'one.json'),
    ]);
    expect(m.objects).toEqual([{ ...pod('p'), spec: { nodeName: 'n2' } }]);
    expect(m.warnings).toEqual([
      { file: 'one.json', object: 'Pod default/p', message: 'duplicate Pod default/p in one.json; the later one wins' },
    ]);
  });
});

describe('parseSnapshotText: bounded input', () => {
  it('a huge top-level JSON string is refused quickly as JSON, not handed to the YAML parser', () => {
    const big = JSON.stringify('a'.repeat(20_000_000));
    const r = parseSnapshotText(big, 'big.json');
    expect(r.objects).toEqual([]);
    // No `document`/`line`: the JSON parser read it (the YAML parser locates its warnings in a document).
    expect(r.warnings).toEqual([{ file: 'big.json', message: 'top-level value is a string, not an object; skipped' }]);
  });
  it('stops at the object limit with a clear error and keeps the objects before it', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ kind: 'Namespace', metadata: { name: `ns-${i}` } }));
    const r = parseSnapshotText(JSON.stringify({ kind: 'List', items }), 'many.json', { maxObjects: 10 });
    expect(r.objects).toHaveLength(10);
    expect(r.errors.map((e) => e.message)).toEqual([
      'more than 10 objects (12); only the first 10 are read — this is not a cluster snapshot kubepath can hold',
    ]);
  });
  it('never copies a name longer than Kubernetes allows into a message', () => {
    const r = parseSnapshotText(JSON.stringify([{ metadata: { name: 'n'.repeat(100_000) } }]), 'x.json');
    expect(r.warnings[0].message).toBe(`object ${'n'.repeat(40)}…(100000 characters) has no kind; skipped`);
  });
});

describe('mergeSnapshots: identity', () => {
  const named = (kind: string, name: string, namespace?: string, apiVersion?: string) => ({
    kind,
    ...(apiVersion ? { apiVersion } : {}),
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
  });

  it('merges exactly the objects whose kind, Gateway group, namespace and name spell the same text', () => {
    const objects = [
      named('Pod', 'web', 'default'),
      named('Pod', 'default/web'), // spells "Pod default/web" like the first: the later wins, as it always did
      named('Pod', 'a/b/c'),
      named('Pod', 'b/c', 'a'), // "Pod a/b/c" again
      named('Pod', '/x'),
      named('Pod', 'x'), // "Pod x" is not "Pod /x"
      named('Pod', 'x', ''), // an empty namespace is no namespace: "Pod x" again
      named('Gateway', 'gw', 'ns', 'gateway.networking.k8s.io/v1'),
      named('Gateway', 'gw', 'ns', 'networking.istio.io/v1'), // another API group: another object
      named('Gateway', 'gw', 'ns', 'gateway.networking.k8s.io/v1beta1'), // same group: same object
      named('Service', 'web', 'default'),
    ];
    const m = mergeSnapshots([parseSnapshotText(JSON.stringify(objects), 'f.json')]);
    expect(m.warnings.map((w) => w.object)).toEqual([
      'Pod default/web',
      'Pod a/b/c',
      'Pod x',
      'Gateway.gateway.networking.k8s.io ns/gw',
    ]);
    expect(m.objects).toEqual([objects[1], objects[3], objects[4], objects[6], objects[9], objects[8], objects[10]]);
  });

  it('finds duplicates when kinds and namespaces alternate (not only within a run of one namespace)', () => {
    const objects = [
      named('Pod', 'x', 'a'),
      named('Pod', 'x', 'b'),
      named('Service', 'x', 'a'),
      named('Pod', 'x', 'a'), // duplicate of the first, after two others
      named('Pod', 'y', 'a'),
      named('Service', 'x', 'a'), // duplicate of the third
      named('Pod', 'x', 'b'), // duplicate of the second
      named('Service', 'x', 'b'),
    ];
    const m = mergeSnapshots([parseSnapshotText(JSON.stringify(objects), 'f.json')]);
    expect(m.warnings.map((w) => w.object)).toEqual(['Pod a/x', 'Service a/x', 'Pod b/x']);
    expect(m.objects).toEqual([objects[3], objects[6], objects[5], objects[4], objects[7]]);
  });

  it('finds duplicates of names in a sorted run (kubectl order): out of order, after a break, before the run', () => {
    const objects = [
      named('Pod', 'm', 'a'),
      named('Pod', 'a', 'a'), // a run a < b < c < d starts here
      named('Pod', 'b', 'a'),
      named('Pod', 'c', 'a'),
      named('Pod', 'm', 'a'), // after the run's names, recorded before the run: the first object
      named('Pod', 'd', 'a'), // the run goes on: m replaced the first object, pushed nothing
      named('Pod', 'b', 'a'), // out of order: inside the run
      named('Service', 'c', 'a'),
      named('Pod', 'e', 'a'), // after another kind: the run is broken, its names are still known
      named('Pod', 'c', 'a'),
      named('Pod', 'a/e'), // the slot of Pod a/e, written another way
    ];
    const m = mergeSnapshots([parseSnapshotText(JSON.stringify(objects), 'f.json')]);
    expect(m.warnings.map((w) => w.object)).toEqual(['Pod a/m', 'Pod a/b', 'Pod a/c', 'Pod a/e']);
    expect(m.objects).toEqual([objects[4], objects[1], objects[6], objects[9], objects[5], objects[7], objects[10]]);
  });

  it('treats names clipped to the same text as one object, inside a sorted run too', () => {
    const long = (c: string) => 'n'.repeat(40) + c.repeat(260);
    const objects = [named('Pod', 'a', 'ns'), named('Pod', long('x'), 'ns'), named('Pod', long('y'), 'ns')];
    const m = mergeSnapshots([parseSnapshotText(JSON.stringify(objects), 'f.json')]);
    expect(m.warnings.map((w) => w.object)).toEqual([`Pod ns/${'n'.repeat(40)}…(300 characters)`]);
    expect(m.objects).toEqual([objects[0], objects[2]]);
  });

  it('gives the same answers as a map of identity texts, for objects in any order and split over files', () => {
    // A deterministic generator (no Math.random: a failure must replay).
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const names = ['a', 'b', 'c', 'd', 'e', 'a/b', 'x/c', 'b/c/d', 'n'.repeat(40) + 'p'.repeat(230)];
    const clipText = (t: string) => (t.length > 253 ? `${t.slice(0, 40)}…(${t.length} characters)` : t);
    for (let round = 0; round < 300; round++) {
      const files: ReturnType<typeof named>[][] = [[], []];
      let kind = 'Pod',
        ns = '';
      for (let i = 0; i < 25; i++) {
        // Mostly the group of the object before (a listing's run), now and then another.
        if (next(4) === 0) [kind, ns] = [['Pod', 'Service'][next(2)], ['', 'a', 'b', 'x'][next(4)]];
        // Half the objects continue in name order (the runs a listing makes), half jump anywhere.
        const name = names[next(2) ? next(names.length) : Math.min(i % 6, names.length - 1)];
        files[next(4) === 0 ? 1 : 0].push(named(kind, name, ns || undefined));
      }
      const m = mergeSnapshots(files.map((f, i) => parseSnapshotText(JSON.stringify(f), `f${i}.json`)));
      // The reference: one map from each object's identity text to its place, the later object winning.
      const slot = new Map<string, number>();
      const kept: ReturnType<typeof named>[] = [];
      const dupes: string[] = [];
      for (const o of [...files[0], ...files[1]]) {
        const ns = o.metadata.namespace;
        const id = `${o.kind} ${ns ? `${clipText(ns)}/` : ''}${clipText(o.metadata.name)}`;
        const at = slot.get(id);
        if (at === undefined) slot.set(id, kept.push(o) - 1);
        else {
          kept[at] = o;
          dupes.push(id);
        }
      }
      expect(m.objects).toEqual(kept);
      expect(m.warnings.map((w) => w.object)).toEqual(dupes);
    }
  });

  it('names the file of every merged object, after overrides too', () => {
    const a = parseSnapshotText(JSON.stringify([pod('p'), pod('q')]), 'a.json');
    const b = parseSnapshotText(JSON.stringify([pod('q'), pod('r')]), 'b.json');
    const m = mergeSnapshots([a, b]);
    expect(m.objects.map((o) => snapshotFileOf(m, o))).toEqual(['a.json', 'b.json', 'b.json']);
    expect(snapshotFileOf(m, pod('p'))).toBeUndefined(); // not an object of this result
  });
});
