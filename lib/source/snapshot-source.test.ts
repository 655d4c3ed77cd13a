import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { loadSnapshotPaths, type LoadOptions } from '../snapshot/load';
import { YAML_PART_CHARS } from '../snapshot/parse';

vi.mock('server-only', () => ({}));
const { createSnapshotSource, snapshotSignature } = await import('./snapshot-source');

const service = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ port: 80, protocol: 'TCP' }] },
});
const list = (...items: object[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

let dir: string;
let clock: number;
const now = () => new Date(clock);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubepath-source-'));
  clock = Date.UTC(2026, 0, 1);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file and pins its mtime, so a re-write is seen as a change whatever the fs resolution. */
function write(name: string, text: string, mtimeSeconds: number): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  utimesSync(path, mtimeSeconds, mtimeSeconds);
  return path;
}

/**
 * Loads the view while watching, as another request would between the load's slices (the event loop gets turns
 * while it runs), what `pending` says: each change of phase and counts, in order.
 */
async function loadWatched(source: ReturnType<typeof createSnapshotSource>) {
  const seen: string[] = [];
  let loading = true;
  const watch = async () => {
    const p = (await source.pending!())?.progress;
    const line = p ? `${p.phase} ${p.done}/${p.total}` : 'none';
    if (seen.at(-1) !== line) seen.push(line);
    if (loading) setImmediate(watch);
  };
  setImmediate(watch);
  const view = await source.current();
  loading = false;
  return { seen, view };
}

describe('snapshot source', () => {
  it('serves the parsed objects with source info', async () => {
    const file = write('a.json', list(service('web')), 1000);
    const view = await createSnapshotSource([file], { now }).current();
    expect(view.source).toMatchObject({
      kind: 'snapshot',
      label: file,
      errors: [],
      loadedAt: '2026-01-01T00:00:00.000Z',
    });
    expect([...view.model.services.keys()]).toEqual(['shop/web']);
    expect(view.analysis.services.map((s) => s.name)).toEqual(['web']);
  });

  it('does not re-read an unchanged file, and re-reads it after its mtime changes', async () => {
    const file = write('a.json', list(service('web')), 1000);
    const load = vi.fn(loadSnapshotPaths);
    const source = createSnapshotSource([file], { now, load });
    const first = await source.current();
    clock += 5000;
    expect(await source.current()).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);

    write('a.json', list(service('web'), service('api')), 2000);
    clock += 5000;
    const second = await source.current();
    expect(load).toHaveBeenCalledTimes(2);
    expect([...second.model.services.keys()].sort()).toEqual(['shop/api', 'shop/web']);
    expect(second.source.loadedAt).toBe(new Date(clock).toISOString());
  });

  it('checks the disk at most once per second under a burst of requests', async () => {
    const file = write('a.json', list(service('web')), 1000);
    const load = vi.fn(loadSnapshotPaths);
    const source = createSnapshotSource([file], { now, load });
    await Promise.all([source.current(), source.current(), source.current()]);
    write('a.json', list(service('api')), 2000);
    clock += 500;
    const view = await source.current();
    expect(load).toHaveBeenCalledTimes(1);
    expect([...view.model.services.keys()]).toEqual(['shop/web']);
  });

  it('shares one load among concurrent requests, and loads a changed snapshot once for all of them (one log line each)', async () => {
    const file = write('a.json', list(service('web')), 1000);
    const load = vi.fn(loadSnapshotPaths);
    const lines: string[] = [];
    const source = createSnapshotSource([file], { now, load, log: (l) => lines.push(l) });
    const first = await Promise.all(Array.from({ length: 20 }, () => source.current()));
    expect(new Set(first).size).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[kubepath snapshot\] loaded 1 Services, 0 pods in \d+ ms$/);

    write('a.json', list(service('web'), service('api')), 2000);
    clock += 5000;
    const second = await Promise.all(Array.from({ length: 20 }, () => source.current()));
    expect(new Set(second).size).toBe(1);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0].model.services.size).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
    expect(lines).toHaveLength(2);
    // Unchanged files: later requests reuse the view, with no new load and no new line.
    clock += 5000;
    expect(await source.current()).toBe(second[0]);
    expect(lines).toHaveLength(2);
  });

  it('keeps what parsed and reports the broken file', async () => {
    write('good.json', list(service('web')), 1000);
    write('bad.yaml', 'kind: Service\nmetadata: [unclosed\n', 1000);
    const view = await createSnapshotSource([dir], { now }).current();
    expect([...view.model.services.keys()]).toEqual(['shop/web']);
    expect(view.source.errors).toHaveLength(1);
    expect(view.source.errors[0]).toContain('bad.yaml');
  });

  it('names files by their base name only when redacting (authentication on): no server paths in the view', async () => {
    write('good.json', list(service('web')), 1000);
    write('bad.yaml', 'kind: Service\nmetadata: [unclosed\n', 1000);
    const missing = join(dir, 'nope.json');
    const view = await createSnapshotSource([dir, missing], { now, redact: true }).current();
    const shown = JSON.stringify({ source: view.source });
    expect(shown).not.toContain(dir);
    expect(view.source.label).toBe(`${basename(dir)}, nope.json`);
    expect(view.source.errors.join('\n')).toMatch(/bad\.yaml/);
    expect(view.source.errors.join('\n')).toMatch(/nope\.json/);
    // Without redaction the paths stay (a local user wants to know which file).
    const plain = await createSnapshotSource([missing], { now }).current();
    expect(plain.source.errors.join('\n')).toContain(missing);
  });

  it('reports a missing path as an error and still serves an (empty) view', async () => {
    const view = await createSnapshotSource([join(dir, 'nope.json')], { now }).current();
    expect(view.model.services.size).toBe(0);
    expect(view.source.errors.join('\n')).toMatch(/nope\.json.*no such file/);
  });

  it('notices files added to a directory', async () => {
    write('a.json', list(service('web')), 1000);
    const before = await snapshotSignature([dir]);
    write('b.yml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n', 1000);
    write('notes.txt', 'ignored', 1000);
    const after = await snapshotSignature([dir]);
    expect(after).not.toBe(before);
    expect(after).toContain('b.yml');
    expect(after).not.toContain('notes.txt');
  });

  it('serves a malformed object as a warning and analyses the rest (no 500)', async () => {
    const badNode = { kind: 'Node', metadata: { name: 'n1', labels: 'zone=a' } };
    const file = write('a.json', list(service('web'), badNode), 1000);
    const view = await createSnapshotSource([file], { now }).current();
    expect([...view.model.services.keys()]).toEqual(['shop/web']);
    expect(view.model.nodes.size).toBe(0);
    expect(view.analysis.warnings[0]).toEqual({
      kind: 'Node',
      object: 'n1',
      message: expect.stringMatching(/^field metadata\.labels: .*left out/),
    });
  });

  it('caches a failing analysis by mtime/size: one log line, no re-read per request, re-read after a change', async () => {
    const file = write('a.json', list(service('web')), 1000);
    const load = vi.fn(async () => {
      throw new Error('boom\n    at somewhere (stack line)');
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const source = createSnapshotSource([file], { now, load });
      const first = await source.current();
      expect(first.source.errors).toEqual([`${file}: cannot analyse the snapshot: boom`]);
      expect(first.model.services.size).toBe(0);
      for (let i = 0; i < 3; i++) {
        clock += 5000;
        expect(await source.current()).toBe(first);
      }
      expect(load).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0][0])).not.toContain('stack line');
      write('a.json', list(service('web'), service('api')), 2000);
      clock += 5000;
      await source.current();
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      log.mockRestore();
    }
  });

  it('tells the load under way and its phases, between slices of the work; nothing once the view is at hand', async () => {
    const file = write('a.json', list(service('web'), service('api'), service('db')), 1000);
    const atLoad: Promise<unknown>[] = [];
    const load = vi.fn((paths: string[]) => {
      atLoad.push(source.pending!());
      return loadSnapshotPaths(paths);
    });
    const source = createSnapshotSource([file], { now, redact: true, slices: { sliceMs: 0 }, log: () => {}, load });
    // Nothing read yet: a request for the view would have to load (asking begins nothing).
    expect(await source.pending!()).toEqual({
      label: 'a.json',
      progress: { phase: 'reading', done: 0, total: 0, startedAt: '2026-01-01T00:00:00.000Z' },
    });
    // What another request sees between the load's slices.
    const { seen, view } = await loadWatched(source);
    expect(load).toHaveBeenCalledTimes(1);
    expect(seen.slice(0, 6)).toEqual([
      'reading 0/0',
      'modelling 0/0',
      'analysing 0/3',
      'analysing 1/3',
      'analysing 2/3',
      'analysing 3/3',
    ]);
    expect(view.model.services.size).toBe(3);
    expect(await source.pending!()).toBeNull();
    // A re-check of unchanged files is no load.
    clock += 5000;
    expect(await source.pending!()).toBeNull();
    expect(await source.current()).toBe(view);
    // Changed files: asking sees that a request for the view would load again (and begins nothing).
    write('a.json', list(service('web')), 2000);
    clock += 5000;
    expect(await source.pending!()).toEqual({
      label: 'a.json',
      progress: { phase: 'reading', done: 0, total: 0, startedAt: '2026-01-01T00:00:10.000Z' },
    });
    expect(load).toHaveBeenCalledTimes(1);
    expect((await source.current()).model.services.size).toBe(1);
    expect(load).toHaveBeenCalledTimes(2);
    expect(await Promise.all(atLoad)).toEqual([
      { label: 'a.json', progress: { phase: 'reading', done: 0, total: 0, startedAt: '2026-01-01T00:00:00.000Z' } },
      { label: 'a.json', progress: { phase: 'reading', done: 0, total: 0, startedAt: '2026-01-01T00:00:10.000Z' } },
    ]);
    expect(await source.pending!()).toBeNull();
  });

  it('tells the bytes read of a file read in parts, answering other requests between its chunks', async () => {
    const file = write('big.json', list(...Array.from({ length: 40 }, (_, i) => service(`svc-${i}`))), 1000);
    const size = statSync(file).size;
    // The sizes lowered, so that this small file is read in parts as a file over 500 MiB is.
    const load = (paths: string[], onFile?: Parameters<typeof loadSnapshotPaths>[1], opts: LoadOptions = {}) =>
      loadSnapshotPaths(paths, onFile, { ...opts, wholeFileBytes: 16, chunkBytes: 256 });
    const source = createSnapshotSource([file], { now, redact: true, slices: { sliceMs: 0 }, log: () => {}, load });
    const { seen, view } = await loadWatched(source);
    expect(view.model.services.size).toBe(40);
    const reads = seen.filter((l) => l.startsWith('reading ') && !l.endsWith(' 0/0'));
    expect(reads.length).toBeGreaterThan(3);
    expect(reads.at(-1)).toBe(`reading ${size}/${size}`);
    expect(seen.indexOf(reads[0])).toBeLessThan(seen.indexOf('modelling 0/0'));
  });

  it('tells the characters parsed of a YAML list parsed in parts, answering other requests between its parts', async () => {
    // Three parts of YAML_PART_CHARS, kubectl's layout.
    const count = Math.ceil((2.5 * YAML_PART_CHARS) / stringify([service('svc-0000')]).length);
    const services = Array.from({ length: count }, (_, i) => service(`svc-${i}`));
    const text = stringify({ apiVersion: 'v1', items: services, kind: 'List' }, { indentSeq: false });
    const file = write('big.yaml', text, 1000);
    const source = createSnapshotSource([file], { now, slices: { sliceMs: 0 }, log: () => {} });
    const { seen, view } = await loadWatched(source);
    expect(view.model.services.size).toBe(count);
    const reads = seen.filter((l) => l.startsWith('reading ') && !l.endsWith(' 0/0'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.at(-1)).toBe(`reading ${text.indexOf('kind: List')}/${text.length}`);
  });
});
