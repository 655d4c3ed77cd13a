import { stringify } from 'yaml';
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { loadSnapshotPaths, MAX_SNAPSHOT_FILE_BYTES } from './load';
import { snapshotFileOf } from './parse';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubepath-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (rel: string, text: string) => {
  const path = join(dir, rel);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
};
const podJson = (name: string, ip = '10.0.0.1') =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, status: { podIP: ip } });

describe('loadSnapshotPaths', () => {
  it('reads a directory mix of json, yaml and yml recursively in sorted order', async () => {
    await write(
      'b.yaml',
      'kind: Service\nmetadata: {name: web, namespace: default}\n---\nkind: Deployment\nmetadata: {name: web}\n',
    );
    await write(
      'a.json',
      JSON.stringify({ apiVersion: 'v1', kind: 'NodeList', items: [{ metadata: { name: 'n1' } }] }),
    );
    await write('sub/c.yml', 'kind: Namespace\nmetadata: {name: default}\n');
    await write('sub/deeper/d.JSON', podJson('p1'));
    await write('notes.txt', 'kind: Pod\nmetadata: {name: ignored}\n');
    await write('.hidden/e.json', podJson('hidden'));
    const s = await loadSnapshotPaths([dir]);
    expect(s.errors).toEqual([]);
    expect(s.warnings).toEqual([]);
    expect(s.objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Node/n1',
      'Service/web',
      'Namespace/default',
      'Pod/p1',
    ]);
    expect(s.ignoredKinds).toEqual({ Deployment: 1 });
    expect(snapshotFileOf(s, s.objects[3])).toBe(join(dir, 'sub', 'deeper', 'd.JSON'));
  });

  it('reads explicitly named files whatever their extension', async () => {
    const txt = await write('pods.txt', podJson('p'));
    expect((await loadSnapshotPaths([txt])).objects.map((o) => o.metadata?.name)).toEqual(['p']);
  });

  it('reports a missing path clearly and still loads the others', async () => {
    const good = await write('good.json', podJson('p'));
    const missing = join(dir, 'missing.json');
    const s = await loadSnapshotPaths([missing, good]);
    expect(s.errors).toEqual([{ file: missing, message: `cannot read ${missing}: no such file or directory` }]);
    expect(s.objects).toHaveLength(1);
  });

  it('reports a directory without snapshot files', async () => {
    await write('empty/readme.md', '# nothing');
    const empty = join(dir, 'empty');
    expect((await loadSnapshotPaths([empty])).errors).toEqual([
      { file: empty, message: `no .json, .yaml or .yml files in ${empty}` },
    ]);
  });

  it('reports no paths at all', async () => {
    expect((await loadSnapshotPaths([])).errors).toEqual([{ file: '', message: 'no snapshot paths given' }]);
  });

  it('de-duplicates objects across files: later wins, with a warning naming both files', async () => {
    const first = await write('1-old.json', podJson('web', '10.0.0.1'));
    const second = await write(
      '2-new.yaml',
      'kind: Pod\nmetadata: {name: web, namespace: default}\nstatus: {podIP: 10.0.0.2}\n',
    );
    const s = await loadSnapshotPaths([dir]);
    expect(s.objects).toHaveLength(1);
    expect(s.objects[0]).toMatchObject({ status: { podIP: '10.0.0.2' } });
    expect(s.warnings).toEqual([
      {
        file: second,
        object: 'Pod default/web',
        message: `duplicate Pod default/web: ${first} is overridden by ${second}`,
      },
    ]);
  });

  it('reads a file named twice (directly and via its directory) only once', async () => {
    const file = await write('pods.json', podJson('p'));
    const s = await loadSnapshotPaths([dir, file]);
    expect(s.objects).toHaveLength(1);
    expect(s.warnings).toEqual([]);
  });

  it('keeps per-file parse errors and warnings with file names, and loads the rest', async () => {
    const bad = await write('bad.json', '{\n  "kind": "Pod",\n  "metadata": {');
    const yaml = await write(
      'mixed.yaml',
      'kind: Pod\nmetadata: {name: a}\n---\nkind: [\n---\nkind: Node\nmetadata: {name: n}\n',
    );
    const empty = await write('zero.yml', '');
    const s = await loadSnapshotPaths([dir]);
    expect(s.objects.map((o) => o.metadata?.name)).toEqual(['a', 'n']);
    expect(s.errors).toEqual([
      { file: bad, line: 3, column: 16, message: expect.any(String) },
      expect.objectContaining({ file: yaml, document: 2, line: 5 }), // the unclosed `[` is detected where the document ends
    ]);
    expect(s.warnings).toEqual([{ file: empty, message: 'file is empty' }]);
  });

  it('rejects files over 4 GiB without reading them', async () => {
    const big = join(dir, 'big.json');
    const fh = await open(big, 'w');
    await fh.truncate(MAX_SNAPSHOT_FILE_BYTES + 1); // sparse: no real disk use
    await fh.close();
    expect((await loadSnapshotPaths([big])).errors).toEqual([
      { file: big, message: 'file is too large (4097 MiB; the limit is 4096 MiB)' },
    ]);
  });

  describe('a file too large to be one string, read in parts (sizes lowered to a few bytes)', () => {
    const inParts = { wholeFileBytes: 64, chunkBytes: 7 };
    const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: {} }, null, 4);

    it('gives the objects, warnings and counts of the whole-text path', async () => {
      const file = await write(
        'big.json',
        list([
          JSON.parse(podJson('a')),
          { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'typed', namespace: 'default' } }] },
          'not an object',
          { kind: 'Deployment', metadata: { name: 'web' } },
          JSON.parse(podJson('a', '10.0.0.9')), // a duplicate: the later one wins, with a warning
          { metadata: { name: 'kindless' } },
          JSON.parse(podJson('ü-😀')),
        ]),
      );
      const whole = await loadSnapshotPaths([file]);
      const parts = await loadSnapshotPaths([file], undefined, inParts);
      expect(whole.objects.map((o) => o.metadata?.name)).toEqual(['a', 'typed', 'ü-😀']);
      expect(whole.warnings.length).toBe(3);
      expect(parts).toEqual(whole);
      expect(snapshotFileOf(parts, parts.objects[0])).toBe(file);
      // Progress after each chunk, up to the whole file.
      const heard: number[] = [];
      await loadSnapshotPaths([file], undefined, { ...inParts, onBytes: (read, size) => heard.push(read / size) });
      expect(heard.length).toBeGreaterThan(10);
      expect(heard).toEqual([...heard].sort((a, b) => a - b));
      expect(heard.at(-1)).toBe(1);
    });

    it('reads a List after more than 4 KiB of whitespace', async () => {
      const file = await write('spaced.json', ' '.repeat(5000) + list([JSON.parse(podJson('a'))]));
      const parts = await loadSnapshotPaths([file], undefined, inParts);
      expect(parts.errors).toEqual([]);
      expect(parts.objects.map((o) => o.metadata?.name)).toEqual(['a']);
    });

    it('reads a top-level array and a UTF-8 BOM', async () => {
      const file = join(dir, 'array.json');
      await writeFile(
        file,
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`[${podJson('a')}, ${podJson('b')}]`)]),
      );
      const parts = await loadSnapshotPaths([file], undefined, inParts);
      expect(parts.errors).toEqual([]);
      expect(parts).toEqual(await loadSnapshotPaths([file]));
    });

    it('places a syntax error where the whole-text path does', async () => {
      const text = list([JSON.parse(podJson('a')), JSON.parse(podJson('b'))]).replace('"b"', '"b" x');
      const file = await write('broken.json', text);
      const whole = await loadSnapshotPaths([file]);
      expect(whole.errors).toEqual([{ file, message: expect.any(String), line: 19, column: 29 }]);
      expect((await loadSnapshotPaths([file], undefined, inParts)).errors).toEqual([
        { file, message: expect.any(String), line: 19, column: 29 },
      ]);
    });

    it('reads a YAML list as kubectl writes it the same way: the objects and warnings of the whole-text path', async () => {
      const items = [
        JSON.parse(podJson('a')),
        { kind: 'Deployment', metadata: { name: 'web' } },
        JSON.parse(podJson('a', '10.0.0.9')), // a duplicate: the later one wins, with a warning
        JSON.parse(podJson('ü-😀')),
      ];
      const file = await write('big.yaml', stringify({ apiVersion: 'v1', items, kind: 'List', metadata: {} }));
      const whole = await loadSnapshotPaths([file]);
      const parts = await loadSnapshotPaths([file], undefined, inParts);
      expect(whole.objects.map((o) => o.metadata?.name)).toEqual(['a', 'ü-😀']);
      expect(whole.warnings.length).toBe(1);
      expect(parts).toEqual(whole);
      // A YAML file that is not one list is an error at its line.
      const docs = await write('docs.yaml', 'kind: Namespace\nmetadata: {name: x}\n---\nkind: Namespace\n'.repeat(2));
      expect((await loadSnapshotPaths([docs], undefined, inParts)).errors).toEqual([
        {
          file: docs,
          line: 3,
          column: 1,
          message: expect.stringMatching(/must be one list as `kubectl get … -o yaml` writes it/),
        },
      ]);
    });

    it('says why a large UTF-16 file is not read, and what to do', async () => {
      const utf16 = join(dir, 'big16.json');
      await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(list([]), 'utf16le')]));
      const s = await loadSnapshotPaths([utf16], undefined, inParts);
      expect(s.errors.map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^file is too large to read as one text \(1 MiB; it is UTF-16\); a file this large must be UTF-8, as kubectl writes it .*split it into several files/,
        ),
      ]);
    });

    it('stops with a clear error, not an abort, when the objects would fill the heap', async () => {
      const file = await write('big.json', list([JSON.parse(podJson('a'))]));
      const s = await loadSnapshotPaths([file], undefined, { ...inParts, maxHeapShare: 0 });
      expect(s.objects).toEqual([]);
      expect(s.errors).toEqual([
        {
          file,
          message: expect.stringMatching(
            /^the snapshot needs more memory than this process may use \(1 of 1 MiB read; the heap limit is \d+ MiB\): set a higher limit with NODE_OPTIONS=--max-old-space-size=<MiB>, or split the file$/,
          ),
        },
      ]);
    });
  });

  it('reads indented JSON over the size for it in parts (pods lean), compact JSON and YAML as one text', async () => {
    const pod = { ...JSON.parse(podJson('a')), spec: { nodeName: 'n1', volumes: [{ name: 'token' }] } };
    const doc = { apiVersion: 'v1', items: [pod], kind: 'List', metadata: {} };
    const files = {
      'indented.json': JSON.stringify(doc, null, 4),
      'compact.json': JSON.stringify(doc),
      'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n    metadata: {name: a, namespace: default}\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const file = await write(name, text);
      let chunks = 0; // progress is heard only from a file read in parts
      const s = await loadSnapshotPaths([file], undefined, { indentedInPartsBytes: 16, onBytes: () => chunks++ });
      expect(s.errors, name).toEqual([]);
      expect(
        s.objects.map((o) => o.metadata?.name),
        name,
      ).toEqual(['a']);
      expect(chunks > 0, `${name} read in parts`).toBe(name === 'indented.json');
      expect(JSON.stringify(s.objects).includes('volumes'), `${name} keeps the volumes`).toBe(name === 'compact.json');
    }
    // At the default size (64 MiB) the small indented file is one text, with every field.
    const whole = await loadSnapshotPaths([join(dir, 'indented.json')]);
    expect(JSON.stringify(whole.objects)).toContain('volumes');
  });

  it('refuses YAML whose parse would not fit the heap, with what to do; JSON of that size is read', async () => {
    const yaml = await write('pods.yaml', 'kind: Pod\nmetadata: {name: a, namespace: default}\n');
    const json = await write('pods.json', podJson('a'));
    const none = { maxHeapShare: 0 }; // no heap to spare: any YAML's estimate is over
    const refused = await loadSnapshotPaths([yaml], undefined, none);
    expect(refused.objects).toEqual([]);
    expect(refused.errors).toEqual([
      {
        file: yaml,
        message: expect.stringMatching(
          /^YAML this large needs about 0\.0 GiB of memory to parse \(46 bytes for each character\), more than this process may use \(0\.0 GiB\): write the snapshot as JSON \(`kubectl get … -o json`\), which needs a fraction of that, split it into several files, or set a higher limit with NODE_OPTIONS=--max-old-space-size=<MiB>$/,
        ),
      },
    ]);
    expect((await loadSnapshotPaths([json], undefined, none)).objects).toHaveLength(1);
    expect((await loadSnapshotPaths([yaml])).objects).toHaveLength(1);
  });

  it('reads a YAML list whose whole parse would not fit a part at a time, with its progress', async () => {
    const entry = (name: string) => `- kind: Pod\n  metadata: {name: ${name}, namespace: default}\n`;
    const yaml = await write('list.yaml', `apiVersion: v1\nitems:\n${entry('a')}${entry('b')}kind: List\n`);
    const progress: number[] = [];
    const s = await loadSnapshotPaths([yaml], undefined, { maxHeapShare: 0, onYamlParsed: (c) => progress.push(c) });
    expect(s.errors).toEqual([]);
    expect(s.objects.map((o) => o.metadata?.name)).toEqual(['a', 'b']);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('survives symlink loops', async () => {
    await write('loop/p.json', podJson('p'));
    await symlink(join(dir, 'loop'), join(dir, 'loop', 'again'));
    const s = await loadSnapshotPaths([dir]);
    expect(s.objects).toHaveLength(1);
    expect(s.errors).toEqual([]);
  });

  it('fails at once with one clear line for a character device and a FIFO without a writer', async () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    // Before: the FIFO's open blocked for ever and /dev/urandom was read until memory ran out (test timeout).
    const s = await loadSnapshotPaths(['/dev/urandom', fifo]);
    expect(s.errors.map((e) => e.message)).toEqual([
      '/dev/urandom is not a regular file (a character device); only files are read',
      `${fifo} is not a regular file (a FIFO); only files are read`,
    ]);
  });

  it('reads UTF-16 LE and BE (with or without a BOM) and UTF-8 with a BOM', async () => {
    const json = podJson('p1');
    const le = Buffer.from(json, 'utf16le');
    const be = Buffer.from(le).swap16();
    const files = {
      'le-bom.json': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      'le.json': le,
      'be-bom.json': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      'be.json': be,
      'utf8-bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
      'yaml-le.yaml': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('kind: Namespace\nmetadata: {name: x}\n', 'utf16le'),
      ]),
    };
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(join(dir, name), bytes);
      const s = await loadSnapshotPaths([join(dir, name)]);
      expect(s.errors, name).toEqual([]);
      expect(
        s.objects.map((o) => o.metadata?.name),
        name,
      ).toEqual([name.startsWith('yaml') ? 'x' : 'p1']);
    }
  });
});
