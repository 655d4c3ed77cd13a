import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeObjects } from '../lib/engine/facade';
import { loadSnapshotPaths } from '../lib/snapshot/load';
import { generateCluster } from './generate';
import { writeKubectlList } from './kubectl-file';

describe('writeKubectlList', () => {
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

  it('gives the analysis of the compact objects, read whole and read in parts', async () => {
    const file = join(dir, 'analysed.json');
    writeKubectlList(file, items);
    const expected = JSON.stringify(analyzeObjects(items));
    const whole = await loadSnapshotPaths([file]);
    const parts = await loadSnapshotPaths([file], undefined, { wholeFileBytes: 1024 });
    expect(whole.errors).toEqual([]);
    expect(parts.errors).toEqual([]);
    expect(JSON.stringify(analyzeObjects(whole.objects))).toBe(expected);
    expect(JSON.stringify(analyzeObjects(parts.objects))).toBe(expected);
  });
});
