import { describe, expect, it } from 'vitest';
import { jsonChunks, SerialisedArray, writeJsonBytes, writeTextBytes } from './json-stream';
import { escapeJsonText } from './escape';
import { analyzeObjects } from '../lib/engine/facade';
import { DEMO_CLUSTERS } from '../lib/demo';

const text = (v: object) => [...jsonChunks(v, { indent: true })].join('');
const line = (v: object, targetChars?: number) => [...jsonChunks(v, { indent: false, targetChars })].join('');

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
    const chunks = [...jsonChunks({ services }, { indent: true, targetChars: 500 })];
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
    for (const target of [1, 10, 100, 10_000, 1 << 20]) {
      expect([...jsonChunks(value, { indent: true, targetChars: target })].join('')).toBe(
        JSON.stringify(value, null, 2),
      );
      expect(line(value, target)).toBe(JSON.stringify(value));
    }
  });

  it('without indentation joins to exactly JSON.stringify(value): the demo analysis and the odd cases', () => {
    const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());
    expect(line(analysis)).toBe(JSON.stringify(analysis));
    expect(line(analysis)).not.toContain('\n');
    const cases: object[] = [{}, { a: [] }, { a: [{}], b: null, c: undefined, d: 'x\ny' }, { only: undefined }];
    for (const c of cases) expect(line(c)).toBe(JSON.stringify(c));
  });

  it('without indentation writes about half the characters of the indented text for a cluster', () => {
    const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());
    expect(line(analysis).length).toBeLessThan(0.7 * text(analysis).length);
  });
});

/** What writeJsonBytes sends, each piece copied when the sink receives it. */
async function written(chunks: string[], bufferBytes: number, slow = false) {
  const pieces: Buffer[] = [];
  await writeJsonBytes(
    chunks,
    async (b) => {
      if (slow) await new Promise((r) => setTimeout(r, 1)); // the buffer must stay untouched meanwhile
      pieces.push(Buffer.from(b));
    },
    bufferBytes,
  );
  return pieces;
}

describe('writeJsonBytes', () => {
  it('sends the UTF-8 of the chunks in order, in pieces of at most the buffer size, waiting for each', async () => {
    const chunks = Array.from({ length: 200 }, (_, i) => `{"n": ${i}, "s": "é✓😀"}`);
    const pieces = await written(chunks, 64, true);
    expect(pieces.length).toBeGreaterThan(50); // the buffer was reused, not grown
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(64);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(chunks.join(''));
  });

  it('sends a chunk larger than the buffer whole, after what was pending', async () => {
    const pieces = await written(['ab', 'x'.repeat(100), 'cd'], 32);
    expect(pieces.map(String)).toEqual(['ab', 'x'.repeat(100), 'cd']);
  });

  it('takes no more chunks once the sink answers false (its reader has gone)', async () => {
    let taken = 0;
    const chunks = (function* () {
      for (let i = 0; i < 100; i++) {
        taken++;
        yield 'x'.repeat(10);
      }
    })();
    const sent: number[] = [];
    await writeJsonBytes(chunks, (b) => (sent.push(b.length), sent.length < 2), 64);
    expect(sent).toEqual([40, 40]); // four chunks per buffer (room for 3 bytes per character)
    expect(taken).toBe(9); // the two buffers' eight chunks and the one that found the second full
  });

  it('escapes DEL and the C1 controls exactly as escapeJsonText does, other characters untouched', async () => {
    const alphabet = [
      'a',
      '"',
      '\u007e',
      '\u007f',
      '\u0080',
      '\u0085',
      '\u009b',
      '\u009f',
      '\u00a0',
      '\u00c2',
      '©',
      '😀',
      'ſ',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const chunks = Array.from({ length: 300 }, () =>
      Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      ),
    );
    for (const size of [16, 50, 1 << 20]) {
      const text = Buffer.concat(await written(chunks, size)).toString('utf8');
      expect(text).toBe(escapeJsonText(chunks.join('')));
    }
    expect(escapeJsonText(chunks.join(''))).toMatch(/\\u009b/); // the sample holds controls to escape
  });
});

describe('kubepath analyze --json', () => {
  /** What `analyze --json` writes through the chunk sink (nothing through `out`). */
  async function analyzeJson(extra: string[], terminal?: boolean): Promise<string> {
    const { main } = await import('./main');
    const written: Buffer[] = [];
    const lines: string[] = [];
    const code = await main(['analyze', '-f', DEMO_CLUSTERS[0].file, '--json', ...extra], {
      out: (s) => lines.push(s),
      err: () => {},
      write: (c) => void written.push(Buffer.from(c)),
      terminal,
    });
    expect(code).toBe(0);
    expect(lines).toEqual([]);
    return Buffer.concat(written).toString('utf8');
  }

  it('writes one line of JSON to a file or pipe, exactly JSON.stringify(analysis) and a newline', async () => {
    const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());
    expect(await analyzeJson([])).toBe(`${JSON.stringify(analysis)}\n`);
    expect(await analyzeJson([], false)).toBe(`${JSON.stringify(analysis)}\n`);
  });

  it('indents it (2 spaces) at a terminal and with --pretty', async () => {
    const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());
    const indented = `${JSON.stringify(analysis, null, 2)}\n`;
    expect(await analyzeJson([], true)).toBe(indented);
    expect(await analyzeJson(['--pretty'])).toBe(indented);
  });
});

describe('writeTextBytes', () => {
  it('sends the UTF-8 of the chunks in order through the same reused buffer, escaping nothing', async () => {
    const chunks = Array.from({ length: 120 }, (_, i) => `line ${i} é✓😀 \u009b\u007f\n`);
    const pieces: Buffer[] = [];
    await writeTextBytes(chunks, (b) => void pieces.push(Buffer.from(b)), 64);
    expect(pieces.length).toBeGreaterThan(40);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(64);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(chunks.join(''));
  });
});

describe('kubepath analyze (text)', () => {
  /** The report as `analyze` writes it through `out` (one string) or through the byte sink. */
  async function analyzeText(viaBytes: boolean): Promise<string> {
    const { main } = await import('./main');
    const written: Buffer[] = [];
    const lines: string[] = [];
    const code = await main(['analyze', '-f', DEMO_CLUSTERS[0].file], {
      out: (s) => lines.push(`${s}\n`),
      err: () => {},
      ...(viaBytes ? { write: (c: Uint8Array) => void written.push(Buffer.from(c)) } : {}),
    });
    expect(code).toBe(0);
    return viaBytes ? (expect(lines).toEqual([]), Buffer.concat(written).toString('utf8')) : lines.join('');
  }

  it('writes through the byte sink exactly the text it prints as one string', async () => {
    const bytes = await analyzeText(true);
    expect(bytes).toBe(await analyzeText(false));
    expect(bytes).toMatch(/^Dataplane: [^\n]+\n\n\d+ nodes, [\s\S]+\nSERVICES\n[\s\S]+\n\nFINDINGS\n[\s\S]+\n$/);
  });
});

describe('SerialisedArray', () => {
  const elements = Array.from({ length: 40 }, (_, i) => ({
    name: `svc-${i}`,
    rows: Array.from({ length: i % 4 }, (_, j) => ({ node: `node-${j}`, share: 1 / (j + 3) })),
    note: i % 7 === 0 ? 'é✓😀 "quoted"' : null,
  }));

  for (const indent of [false, true]) {
    for (const count of [0, 1, 40]) {
      it(`writes ${count} element(s) exactly as the array itself (${indent ? 'indented' : 'one line'}), in pieces`, () => {
        const items = elements.slice(0, count);
        const serialised = new SerialisedArray(indent, 200); // small pieces: many of them
        for (const e of items) serialised.push(e);
        expect(serialised.length).toBe(count);
        const doc = (services: unknown) => ({ summary: { n: count }, services, warnings: [] });
        const text = [...jsonChunks(doc(serialised), { indent })].join('');
        expect(text).toBe(indent ? JSON.stringify(doc(items), null, 2) : JSON.stringify(doc(items)));
        if (count === 40) expect([...serialised.pieces()].length).toBeGreaterThan(5);
      });
    }
  }

  it('writes an element given as fragments as the fragments one after another', () => {
    const serialised = new SerialisedArray(false, 8);
    serialised.push({ a: 1 }, ['{"a"', ':', '1}']);
    serialised.push({ b: [] }, '{"b":[]}');
    serialised.push({ c: 'x' }, ['{"c":', '"x"}']);
    serialised.push(null, []); // an empty list of fragments is an empty text, as '' would be
    expect([...jsonChunks({ s: serialised }, { indent: false })].join('')).toBe('{"s":[{"a":1},{"b":[]},{"c":"x"},]}');
  });

  it('serialises an element when it is added, as an array would (undefined becomes null)', () => {
    const serialised = new SerialisedArray(false);
    const e = { n: 1 };
    serialised.push(e);
    serialised.push(undefined);
    e.n = 2;
    expect([...jsonChunks({ a: serialised }, { indent: false })].join('')).toBe('{"a":[{"n":1},null]}');
  });

  it('refuses to be written with another layout than it was built for', () => {
    const serialised = new SerialisedArray(true);
    serialised.push({ n: 1 });
    expect(() => [...jsonChunks({ a: serialised }, { indent: false })]).toThrow(/layout/);
  });
});
