import { describe, expect, it } from 'vitest';
import { jsonChunks, writeChunks } from './json-stream';
import { analyzeObjects } from '../lib/engine/facade';
import { DEMO_CLUSTERS } from '../lib/demo';

const text = (v: object) => [...jsonChunks(v)].join('');

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify(value, null, 2) for an analysis of the demo cluster', () => {
    const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());
    expect(analysis.services.length).toBeGreaterThan(10);
    expect(text(analysis)).toBe(JSON.stringify(analysis, null, 2));
  });

  it('matches JSON.stringify for empty arrays and objects, nulls, undefined members and nested arrays', () => {
    const cases: object[] = [
      {},
      { a: [] },
      { a: [{}], b: null, c: undefined, d: 'x\ny' },
      { a: [[1, [2]], { x: [] }, null, 'q'], b: { c: [1] } },
      { only: undefined },
    ];
    for (const c of cases) expect(text(c)).toBe(JSON.stringify(c, null, 2));
  });

  it('serialises a top-level array in batches of about the target size, never the array in one piece', () => {
    const services = Array.from({ length: 1000 }, (_, i) => ({ service: `ns/s-${i}`, pods: [i] }));
    const chunks = [...jsonChunks({ services }, 500)];
    const longest = Math.max(...chunks.map((c) => c.length));
    expect(longest).toBeGreaterThan(250); // several elements per batch, not one per chunk
    expect(longest).toBeLessThan(1000);
    expect(chunks.join('')).toBe(JSON.stringify({ services }, null, 2));
  });

  it('matches JSON.stringify for every batch size, elements of very different sizes included', () => {
    const big = { rows: Array.from({ length: 300 }, (_, i) => ({ i, s: 'x'.repeat(i % 7) })) };
    const value = {
      services: [1, 'two', null, undefined, big, [], {}, { a: [big] }, 'last'],
      findings: [{ id: 'f' }],
      summary: { n: 1 },
    };
    for (const target of [1, 10, 100, 10_000, 1 << 20])
      expect([...jsonChunks(value, target)].join('')).toBe(JSON.stringify(value, null, 2));
  });
});

describe('writeChunks', () => {
  it('batches chunks into writes of about the batch size and waits for each write', async () => {
    const writes: string[] = [];
    let pending = 0;
    await writeChunks(
      ['aaaa', 'bb', 'cccc', 'd'],
      async (s) => {
        expect(pending).toBe(0); // the previous write finished before the next starts
        pending++;
        await new Promise((r) => setTimeout(r, 1));
        writes.push(s);
        pending--;
      },
      5,
    );
    expect(writes).toEqual(['aaaabb', 'ccccd']);
  });

  it('writes a chunk of the batch size or more on its own, after what is pending, without joining it', async () => {
    const writes: string[] = [];
    await writeChunks(['a', 'b', 'cccccc', 'dd', 'eeeee', 'f'], (s) => void writes.push(s), 5);
    expect(writes).toEqual(['ab', 'cccccc', 'dd', 'eeeee', 'f']);
  });
});

describe('kubepath analyze --json', () => {
  it('writes the analysis through the chunk sink, never as one line, and it parses to the same analysis', async () => {
    const { main } = await import('./main');
    const written: string[] = [];
    const lines: string[] = [];
    const code = await main(['analyze', '-f', DEMO_CLUSTERS[0].file, '--json'], {
      out: (s) => lines.push(s),
      err: () => {},
      write: (c) => void written.push(c),
    });
    expect(code).toBe(0);
    expect(lines).toEqual([]);
    const text = written.join('');
    expect(text.endsWith('}\n')).toBe(true);
    const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());
    expect(text).toBe(`${JSON.stringify(analysis, null, 2)}\n`);
  });
});
