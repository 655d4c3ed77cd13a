// How much heap /local's worker needs for the picked files, so that the page can warn before the browser runs out
// of it: when the worker's heap is exhausted, Chromium closes the whole tab ("Aw, Snap!"), and the page, its files
// and its view go with it. Only Chromium says how much heap a tab may use (performance.memory.jsHeapSizeLimit,
// https://developer.mozilla.org/docs/Web/API/Performance/memory); elsewhere nothing is known and nothing is said.
//
// Measured in Chromium with the heap limited by `--js-flags=--max-old-space-size` (bench/NOTES.md "Local mode's
// memory"): for each file, the largest old generation it failed in and the smallest it was analysed in. The need is
// then a base plus a rate per byte that depends on how the file is read; each rate below is the highest measured,
// plus about a tenth, so that the page errs on the side of asking.
import { mibText } from '../util/mib';

const MiB = 1024 * 1024;

/** How the worker reads a file (lib/source/local-worker.ts): its whole text, or its list a part at a time. */
export type LocalReadPath = 'json-text' | 'json-parts' | 'yaml-text' | 'yaml-parts';

/** Heap needed per byte of file, beyond the base. */
export const HEAP_PER_FILE_BYTE: Readonly<Record<LocalReadPath, number>> = {
  // The benchmark's compact JSON at 10%, 20%, 40% and 100% of Kubernetes' limits (10–103 MiB): 2.9–3.5× (the text
  // and every field of every object); kubectl's indented JSON, 55 MiB: 0.8–1.4× (more of its text is fields nothing
  // reads).
  'json-text': 3.8,
  // kubectl's indented JSON read in parts, 158 MiB: 0.08–0.18× (pods and nodes lean, the text never whole); the
  // rate of YAML in parts, as the densest such file measured.
  'json-parts': 0.6,
  // kubectl's YAML at 10% (68 MiB), one text parsed a part of its list at a time: 1.1–1.6×.
  'yaml-text': 1.8,
  // kubectl's YAML at 100% (679 MiB), read in parts: 0.35–0.54×.
  'yaml-parts': 0.6,
};

/**
 * The base: what jsHeapSizeLimit counts besides the old generation (V8's young generation and code spaces: a limit
 * of 160 MiB for `--max-old-space-size=64`, 4,192 MiB for the default 4,096), and the worker's own objects before
 * any file (the engine's code and tables: ≈ 20 MiB).
 */
export const WORKER_BASE_HEAP = (96 + 24) * MiB;

/** The heap the worker needs for these files. */
export function heapNeeded(files: readonly { size: number; path: LocalReadPath }[]): number {
  return files.reduce((n, f) => n + f.size * HEAP_PER_FILE_BYTE[f.path], WORKER_BASE_HEAP);
}

/** The tab's heap limit where the browser says it (Chromium), else null. */
export function browserHeapLimit(perf: unknown = globalThis.performance): number | null {
  const limit = (perf as { memory?: { jsHeapSizeLimit?: unknown } } | undefined)?.memory?.jsHeapSizeLimit;
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : null;
}

/**
 * What the page says when the files (`names`) need more heap than the tab has; null when they fit or nothing is known.
 * The page adds where else to read them.
 */
export function memoryWarning(needed: number, limit: number | null, names: readonly string[]): string | null {
  if (limit === null || needed <= limit) return null;
  const what = names.length === 1 ? names[0] : `these ${names.length} files`;
  return (
    `Analysing ${what} here may need about ${mibText(needed)} MiB of memory, and this browser gives a tab ` +
    `${mibText(limit)} MiB: if the analysis runs out of it, the browser closes the tab.`
  );
}
