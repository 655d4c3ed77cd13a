// Snapshot files opened in the browser: parsed and analysed right there (nothing is uploaded).
// Pure: takes the files' text, so it runs in the browser and in unit tests alike.
import { mibUp } from '../util/mib';
import { mergeSnapshots, parseSnapshotText, type ParsedSnapshot } from '../snapshot/parse';
import { computeClusterView } from './compute';
import type { ClusterView } from './types';

/** A file the user picked, already read as text. */
export interface LocalFile {
  name: string;
  text: string;
}

/** Largest file read in the browser (bytes); beyond it the tab would run out of memory first. */
export const MAX_LOCAL_FILE_BYTES = 256 * 1024 * 1024;

/** Progress of a local analysis: the phase and how far it is (0..100). */
export type LocalProgress = (phase: 'parsing' | 'analysing', percent: number) => void;

/** Parses and analyses the files as one snapshot; `tooLarge` files are reported as errors, not read. */
export function analyzeLocalFiles(
  files: LocalFile[],
  loadedAt: Date,
  tooLarge: { name: string; size: number }[] = [],
  onProgress?: LocalProgress,
): ClusterView {
  const parts: ParsedSnapshot[] = tooLarge.map((f) => ({
    objects: [],
    errors: [
      {
        file: f.name,
        message: `file is too large to open in the browser (${mibUp(f.size)} MiB; the limit is ${mibUp(MAX_LOCAL_FILE_BYTES)} MiB) — use \`npm run demo -- --snapshot\` instead`,
      },
    ],
    warnings: [],
    ignoredKinds: {},
  }));
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  let parsed = 0;
  onProgress?.('parsing', 0);
  for (const f of files) {
    parts.push(parseSnapshotText(f.text, f.name));
    parsed += f.text.length;
    onProgress?.('parsing', bytes ? Math.round((parsed / bytes) * 100) : 100);
  }
  if (files.length === 0 && tooLarge.length === 0)
    parts.push({ objects: [], errors: [{ file: '', message: 'no file selected' }], warnings: [], ignoredKinds: {} });
  const label = [...files.map((f) => f.name), ...tooLarge.map((f) => f.name)].join(', ');
  onProgress?.('analysing', 0);
  return computeClusterView(
    mergeSnapshots(parts),
    'snapshot',
    label,
    loadedAt,
    onProgress && ((done, total) => onProgress('analysing', Math.round((done / total) * 100))),
  );
}
