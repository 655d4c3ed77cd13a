import { describe, expect, it } from 'vitest';
import { byteFraction, fraction, PROGRESS_INTERVAL_MS, terminalProgress, type ProgressStream } from './progress';

/** A terminal stream that records what is written, with a clock the test moves. */
function terminal(columns?: number) {
  const written: string[] = [];
  let time = 1_000;
  const stream: ProgressStream = { isTTY: true, columns, write: (s) => written.push(s) };
  const progress = terminalProgress(stream, () => time)!;
  return { written, progress, tick: (ms: number) => (time += ms) };
}

describe('terminalProgress', () => {
  it('is null when the stream is not a terminal (a pipe, a file, a CI log)', () => {
    expect(terminalProgress({ write: () => undefined })).toBeNull();
    expect(terminalProgress({ isTTY: false, write: () => undefined })).toBeNull();
  });

  it('rewrites one line in place, padding over a longer earlier text, and clear wipes it', () => {
    const { written, progress, tick } = terminal(80);
    const first = 'building the cluster model (17,822 objects)…';
    const second = 'analysing Services… 1% (10 of 1,000)';
    progress.show(first);
    progress.show(second);
    expect(written).toEqual([`\r${first}`, `\r${second}${' '.repeat(first.length - second.length)}`]);
    tick(PROGRESS_INTERVAL_MS);
    progress.clear(); // the text now shown (past it, the padding is blank already)
    expect(written.at(-1)).toBe(`\r${' '.repeat(second.length)}\r`);
    progress.clear(); // nothing shown: nothing written
    expect(written).toHaveLength(3);
  });

  it('shows a step’s changing numbers at most every interval, and a new step at once', () => {
    const { written, progress, tick } = terminal(80);
    progress.show('analysing Services… 1% (100 of 10,000)');
    tick(PROGRESS_INTERVAL_MS - 1);
    progress.show('analysing Services… 2% (200 of 10,000)'); // skipped: too soon
    expect(written).toHaveLength(1);
    tick(1);
    progress.show('analysing Services… 3% (300 of 10,000)');
    expect(written.at(-1)).toBe('\ranalysing Services… 3% (300 of 10,000)');
    progress.show('reading the cluster… 500 objects listed'); // another step: not held back
    expect(written).toHaveLength(3);
  });

  it('keeps the line one character short of the terminal (a wrapped line cannot be rewritten), 80 wide when unknown', () => {
    const long = `reading ${'x'.repeat(200)}.json…`;
    const narrow = terminal(40);
    narrow.progress.show(long);
    expect(narrow.written[0]).toBe(`\r${long.slice(0, 38)}…`);
    for (const columns of [undefined, 0]) {
      const unknown = terminal(columns);
      unknown.progress.show(long);
      expect(unknown.written[0]).toHaveLength(1 + 79);
    }
  });

  it('escapes control characters (a file name is shown as given)', () => {
    const { written, progress } = terminal(80);
    progress.show('reading evil\u001b[2J\r.json…');
    expect(written[0]).not.toMatch(/[\u001b]|.\r/);
    expect(written[0]).toContain('evil');
  });
});

describe('fraction', () => {
  it('gives the whole percentage done and both counts', () => {
    expect(fraction(4_500, 10_000)).toBe('45% (4,500 of 10,000)');
    expect(fraction(9_999, 10_000)).toBe('99% (9,999 of 10,000)');
    expect(fraction(0, 0)).toBe('100% (0 of 0)');
  });
});

describe('byteFraction', () => {
  it('gives the whole percentage read and both sizes in MiB', () => {
    expect(byteFraction(312 * 2 ** 20, 1508 * 2 ** 20)).toBe('20% (312 of 1,508 MiB)');
    expect(byteFraction(1508 * 2 ** 20 - 1, 1508 * 2 ** 20)).toBe('99% (1,508 of 1,508 MiB)');
    expect(byteFraction(0, 0)).toBe('100% (0 of 0 MiB)');
  });
});
