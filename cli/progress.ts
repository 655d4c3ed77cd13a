// One line of progress on stderr while kubepath reads, parses and analyses a large input (a snapshot at
// Kubernetes' scale limits takes seconds, listing a large live cluster longer): shown only when stderr is a
// terminal, rewritten in place with a carriage return, and wiped before anything else is printed. Pipes, files
// and CI logs get none of it, so scripts reading stderr see only warnings and errors.
import { mibText } from '../lib/util/mib';
import { escapeControl } from './escape';

/** What the CLI tells the user while it works; `clear` wipes the line (before output, warnings or errors). */
export interface Progress {
  show(text: string): void;
  clear(): void;
}

/** The parts of a terminal stream Progress uses (process.stderr). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Updates of the same step closer together than this are skipped (a percentage changes every ~20 ms). */
export const PROGRESS_INTERVAL_MS = 100;

/** A Progress on `stream` when it is a terminal, else null (nothing to show). */
export function terminalProgress(stream: ProgressStream, now: () => number = Date.now): Progress | null {
  if (stream.isTTY !== true) return null;
  let shown = 0; // characters on the line now
  let lastStep = '';
  let lastAt = -Infinity;
  return {
    show(text) {
      // A new step (the text before its number) is shown at once; the same step's numbers at most every interval.
      const step = text.replace(/[\d,.%]+/g, '#');
      const at = now();
      if (step === lastStep && at - lastAt < PROGRESS_INTERVAL_MS) return;
      lastStep = step;
      lastAt = at;
      // One line shorter than the terminal: a wrapped line cannot be rewritten with '\r'.
      const width = Math.max(10, (stream.columns || 80) - 1); // 0 where the terminal reports no size
      let line = escapeControl(text);
      if (line.length > width) line = `${line.slice(0, width - 1)}…`;
      stream.write(`\r${line.padEnd(shown)}`);
      shown = line.length;
    },
    clear() {
      if (shown === 0) return;
      stream.write(`\r${' '.repeat(shown)}\r`);
      shown = 0;
      lastStep = '';
    },
  };
}

/** "45%": how far through `total` things `done` is (100% of nothing). */
export function percent(done: number, total: number): string {
  return `${total > 0 ? Math.floor((100 * done) / total) : 100}%`;
}

/** "45% (4,500 of 10,000)": how far through `total` things `done` is. */
export function fraction(done: number, total: number): string {
  return `${percent(done, total)} (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`;
}

/** "20% (312 of 1,508 MiB)": how far through a file of `size` bytes `read` bytes are. */
export function byteFraction(read: number, size: number): string {
  return `${percent(read, size)} (${mibText(read)} of ${mibText(size)} MiB)`;
}
