// A snapshot file larger than one JavaScript string can hold, through the real `kubepath` command with the
// real sizes (nothing lowered): kubectl's indented JSON of 200,000 pods with their annotations, 520 MiB, is
// read in parts (lib/snapshot/json-list-reader.ts) and analysed; the same file broken near its end is an
// error at its line and column. The sizes lowered to a few bytes are tested in lib/snapshot/load.test.ts.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_FILE_BYTES } from '../lib/snapshot/load';

const PODS = 200_000;
let dir = '';
let file = '';

/** Writes kubectl's List of `PODS` pods, indented as `kubectl get pods -A -o json` prints it, a batch at a time. */
function writeLargeList(path: string, lastPod: (text: string) => string = (t) => t): void {
  const fd = openSync(path, 'w');
  writeSync(fd, '{\n    "apiVersion": "v1",\n    "items": [\n');
  const notes = 'n'.repeat(2_200); // what makes a pod a few KB: annotations, specs, statuses
  let batch: string[] = [];
  for (let i = 0; i < PODS; i++) {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${i}`, namespace: `ns-${i % 50}`, labels: { app: 'web' }, annotations: { notes } },
      status: { phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    };
    let text = JSON.stringify(pod, null, 4).replace(/^/gm, '        ');
    if (i === PODS - 1) text = lastPod(text);
    batch.push(text + (i < PODS - 1 ? ',\n' : '\n'));
    if (batch.length === 2_000) {
      writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  writeSync(fd, batch.join(''));
  writeSync(fd, '    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  closeSync(fd);
}

const kubepath = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, 'kubepath.mjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

describe('a snapshot file over 500 MiB', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubepath-large-'));
    file = join(dir, 'pods.json');
    writeLargeList(file);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read in parts and analysed whole', { timeout: 180_000 }, () => {
    expect(statSync(file).size).toBeGreaterThan(WHOLE_FILE_BYTES);
    const r = kubepath('analyze', '-f', file);
    expect(r.stderr).not.toMatch(/error|too large/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\b0 nodes, 200000 pods, 0 Services\b/);
  });

  it('with a syntax error in its last pod: the error at its line and column, exit 2', { timeout: 180_000 }, () => {
    const broken = join(dir, 'broken.json');
    writeLargeList(broken, (text) => text.replace('"phase": "Running"', '"phase": Running'));
    const r = kubepath('analyze', '-f', broken);
    expect(r.status).toBe(2);
    // 3 lines of the List's head, 18 lines per pod; the phase is line 15 of the last pod: 16 spaces of
    // indentation, `"phase": `, then the unquoted R at column 26.
    const line = 3 + 18 * (PODS - 1) + 15;
    expect(r.stderr).toContain(`error: ${broken}:${line}:26: `);
    rmSync(broken);
  });
});
