import { describe, expect, it } from 'vitest';
import { browserHeapLimit, heapNeeded, memoryWarning, WORKER_BASE_HEAP, type LocalReadPath } from './local-memory';

const MiB = 1024 * 1024;

describe('heapNeeded', () => {
  it('is the base plus each file at the rate of how it is read', () => {
    expect(heapNeeded([])).toBe(WORKER_BASE_HEAP);
    const files: { size: number; path: LocalReadPath }[] = [
      { size: 100 * MiB, path: 'json-text' },
      { size: 300 * MiB, path: 'json-parts' },
      { size: 70 * MiB, path: 'yaml-text' },
      { size: 700 * MiB, path: 'yaml-parts' },
    ];
    expect(heapNeeded(files)).toBeCloseTo(
      WORKER_BASE_HEAP + 100 * MiB * 3.8 + 300 * MiB * 0.6 + 70 * MiB * 1.8 + 700 * MiB * 0.6,
    );
  });

  it('is above every limit a file was measured to fail at in Chromium (bench/NOTES.md)', () => {
    // [file size, how it is read, largest old generation it failed in] (MiB); jsHeapSizeLimit adds 96 MiB to it.
    const failed: [number, LocalReadPath, number][] = [
      [20.4, 'json-text', 64],
      [40.9, 'json-text', 128],
      [102.9, 'json-text', 320],
      [55.4, 'json-text', 64],
      [158.2, 'json-parts', 32],
      [67.7, 'yaml-text', 96],
      [678.7, 'yaml-parts', 256],
    ];
    for (const [size, path, old] of failed)
      expect(heapNeeded([{ size: size * MiB, path }]), `${size} MiB, ${path}`).toBeGreaterThan((old + 96) * MiB);
    // A file that was analysed in the 160 MiB tab is not asked about: 10 MiB of compact JSON.
    expect(memoryWarning(heapNeeded([{ size: 10.15 * MiB, path: 'json-text' }]), 160 * MiB, ['a.json'])).toBeNull();
  });
});

describe('browserHeapLimit', () => {
  it("reads Chromium's performance.memory, and nothing else", () => {
    expect(browserHeapLimit({ memory: { jsHeapSizeLimit: 4_294_705_152 } })).toBe(4_294_705_152);
    expect(browserHeapLimit({})).toBeNull(); // Firefox, Safari
    expect(browserHeapLimit(undefined)).toBeNull();
    expect(browserHeapLimit({ memory: { jsHeapSizeLimit: 0 } })).toBeNull();
    expect(browserHeapLimit({ memory: { jsHeapSizeLimit: '1e9' } })).toBeNull();
  });
});

describe('memoryWarning', () => {
  it('says nothing when the files fit or the limit is unknown', () => {
    expect(memoryWarning(500 * MiB, 501 * MiB, ['a.json'])).toBeNull();
    expect(memoryWarning(500 * MiB, 500 * MiB, ['a.json'])).toBeNull();
    expect(memoryWarning(50_000 * MiB, null, ['a.json'])).toBeNull();
  });

  it('names the file, gives both sizes and the consequence', () => {
    expect(memoryWarning(1936 * MiB, 1024 * MiB, ['cluster.json'])).toBe(
      'Analysing cluster.json here may need about 1,936 MiB of memory, and this browser gives a tab 1,024 MiB: ' +
        'if the analysis runs out of it, the browser closes the tab.',
    );
    expect(memoryWarning(1936 * MiB, 1024 * MiB, ['a.json', 'b.yaml'])).toMatch(/^Analysing these 2 files here/);
  });
});
