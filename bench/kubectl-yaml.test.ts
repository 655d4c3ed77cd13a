import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeObjects } from '../lib/engine/facade';
import { loadSnapshotPaths } from '../lib/snapshot/load';
import { parseYamlEntriesFast } from '../lib/snapshot/yaml-fast';
import { yamlListLayout } from '../lib/snapshot/yaml-list';
import { generateCluster } from './generate';
import { writeKubectlList } from './kubectl-file';
import { writeKubectlYamlList, yamlString } from './kubectl-yaml';

describe('writeKubectlYamlList', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubepath-kubectl-yaml-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const items = generateCluster({ nodes: 20, pods: 300, services: 40, networkPolicies: 4 });

  it("writes the kubectl-file stage's List as YAML: the same value, in go-yaml's block layout", async () => {
    const yamlFile = join(dir, 'list.yaml');
    const jsonFile = join(dir, 'list.json');
    const bytes = writeKubectlYamlList(yamlFile, items);
    writeKubectlList(jsonFile, items);
    const text = await readFile(yamlFile, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(text.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(text).toMatch(/\n {4}containers:\n {4}- /); // a sequence at its key's column
    expect(parse(text)).toEqual(JSON.parse(await readFile(jsonFile, 'utf8')));
    // All of it in what kubepath's direct reader covers: the benchmark measures that reader, not the fallback.
    const layout = yamlListLayout(text)!;
    const entries = parseYamlEntriesFast(text.slice(layout.starts[0], layout.end));
    expect(entries).toHaveLength(items.length);
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

  it('gives the analysis of the compact objects, read whole and read in parts', async () => {
    const file = join(dir, 'analysed.yaml');
    writeKubectlYamlList(file, items);
    const expected = JSON.stringify(analyzeObjects(items));
    const whole = await loadSnapshotPaths([file]);
    const parts = await loadSnapshotPaths([file], undefined, { wholeFileBytes: 1024 });
    expect(whole.errors).toEqual([]);
    expect(parts.errors).toEqual([]);
    expect(JSON.stringify(analyzeObjects(whole.objects))).toBe(expected);
    expect(JSON.stringify(analyzeObjects(parts.objects))).toBe(expected);
  });
});
