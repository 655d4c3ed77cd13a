import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeObjects } from '../lib/engine/facade';
import { loadSnapshotPaths } from '../lib/snapshot/load';
import { generateCluster } from './generate';
import { writeKubectlList } from './kubectl-file';
import { writeKubectlYamlList, yamlString } from './kubectl-yaml';
import { parse } from 'yaml';
import { parseYamlEntriesFast } from '../lib/snapshot/yaml-fast';
import { yamlListLayout } from '../lib/snapshot/yaml-list';

describe('writeKubectlList and writeKubectlYamlList', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubepath-kubectl-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const items = generateCluster({ nodes: 20, pods: 300, services: 40, networkPolicies: 4 });

  it('writes a List as kubectl prints it: 4-space indentation, items at 8, pods and nodes with their full fields', async () => {
    const file = join(dir, 'list.json');
    const bytes = writeKubectlList(file, items);
    const text = await readFile(file, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(text.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion"')).toBe(
      true,
    );
    const list = JSON.parse(text);
    expect(Object.keys(list)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(list.items.map((o: { kind: string }) => o.kind)).toEqual(items.map((o) => o.kind));
    const pod = list.items.find((o: { kind: string }) => o.kind === 'Pod');
    expect(pod.spec.volumes).toHaveLength(1);
    expect(pod.status.containerStatuses[0].ready).toBe(true);
    expect(list.items.find((o: { kind: string }) => o.kind === 'Node').status.images).toHaveLength(40);
  });

  it.each([
    ['JSON', 'analysed.json', writeKubectlList],
    ['YAML', 'analysed.yaml', writeKubectlYamlList],
  ] as const)('%s: gives the analysis of the compact objects, read whole and read in parts', async (_, name, write) => {
    const file = join(dir, name);
    write(file, items);
    const expected = JSON.stringify(analyzeObjects(items));
    const whole = await loadSnapshotPaths([file]);
    const parts = await loadSnapshotPaths([file], undefined, { wholeFileBytes: 1024 });
    expect(whole.errors).toEqual([]);
    expect(parts.errors).toEqual([]);
    expect(JSON.stringify(analyzeObjects(whole.objects))).toBe(expected);
    expect(JSON.stringify(analyzeObjects(parts.objects))).toBe(expected);
  });

  it("writes the same List as YAML: the same value, in go-yaml's block layout, all of it what the direct reader reads", async () => {
    const yamlFile = join(dir, 'list.yaml');
    const jsonFile = join(dir, 'list-for-yaml.json');
    const bytes = writeKubectlYamlList(yamlFile, items);
    writeKubectlList(jsonFile, items);
    const text = await readFile(yamlFile, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(text.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(text).toMatch(/\n {4}containers:\n {4}- /); // a sequence at its key's column
    expect(parse(text)).toEqual(JSON.parse(await readFile(jsonFile, 'utf8')));
    // The benchmark measures kubepath's direct reader (yaml-fast.ts), not the yaml package it falls back to.
    const layout = yamlListLayout(text)!;
    expect(parseYamlEntriesFast(text.slice(layout.starts[0], layout.end))).toHaveLength(items.length);
  });

  it('writes strings plain only where YAML reads them back as the same string', () => {
    const strings = [
      'web-0',
      '10.0.0.1',
      'true',
      '8080',
      '',
      ' x',
      'a: b',
      'a #b',
      'x:',
      'é',
      'null',
      '1e3',
      'a\nb',
      '-x',
    ];
    for (const s of strings) expect(parse(`v: ${yamlString(s)}\n`), s).toEqual({ v: s });
    expect(yamlString('web-0')).toBe('web-0');
    expect(yamlString('true')).toBe('"true"');
  });
});
