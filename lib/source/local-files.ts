// Snapshot files opened in the browser: parsed and analysed right there (nothing is uploaded).
// Pure: takes the files' text, so it runs in the browser and in unit tests alike.
import { mibUp } from '../util/mib';
import { mergeSnapshots, parseSnapshotText, snapshotError, type ParsedSnapshot } from '../snapshot/parse';
import { computeClusterView } from './compute';
import { MAX_LOCAL_FILE_BYTES } from './local-limits';
import type { ClusterView } from './types';

/**
 * A file the user picked, already read: as text, or — larger than LOCAL_TEXT_BYTES — already parsed a part at a
 * time (lib/snapshot/in-parts.ts, as the CLI reads a file too large for one string).
 */
export type LocalFile = LocalTextFile | { name: string; parsed: ParsedSnapshot };

/** A picked file read as text (what the tab's session keeps, app/local/snapshot-store.ts). */
export interface LocalTextFile {
  name: string;
  text: string;
}

/** Progress of a local analysis: the phase and how far it is (0..100). */
export type LocalProgress = (phase: 'parsing' | 'analysing', percent: number) => void;

/** Parses and analyses the files as one snapshot; `tooLarge` files are reported as errors, not read. */
export function analyzeLocalFiles(
  files: LocalFile[],
  loadedAt: Date,
  tooLarge: { name: string; size: number }[] = [],
  onProgress?: LocalProgress,
): ClusterView {
  const parts: ParsedSnapshot[] = tooLarge.map((f) =>
    snapshotError({
      file: f.name,
      message: `file is too large to open in the browser (${mibUp(f.size)} MiB; the limit is ${mibUp(MAX_LOCAL_FILE_BYTES)} MiB) — use \`npm run demo -- --snapshot\` instead`,
    }),
  );
  const length = (f: LocalFile) => ('text' in f ? f.text.length : 0);
  const bytes = files.reduce((n, f) => n + length(f), 0);
  let parsed = 0;
  onProgress?.('parsing', 0);
  for (const f of files) {
    parts.push('text' in f ? parseSnapshotText(f.text, f.name) : f.parsed);
    parsed += length(f);
    onProgress?.('parsing', bytes ? Math.round((parsed / bytes) * 100) : 100);
  }
  if (files.length === 0 && tooLarge.length === 0) parts.push(snapshotError({ file: '', message: 'no file selected' }));
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
