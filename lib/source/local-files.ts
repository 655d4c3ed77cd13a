// Snapshot files opened in the browser: parsed and analysed right there (nothing is uploaded).
// Pure: takes the files' text, so it runs in the browser and in unit tests alike.
import { mibUp } from '../util/mib';
import {
  mergeSnapshots,
  parseSnapshotText,
  snapshotError,
  type ParsedSnapshot,
  type YamlBudget,
} from '../snapshot/parse';
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

/** What analyzeLocalFiles is told besides the files. */
export interface LocalAnalysisOptions {
  /** Files not read (over MAX_LOCAL_FILE_BYTES): reported as errors. */
  tooLarge?: { name: string; size: number }[];
  onProgress?: LocalProgress;
  /** The heap a YAML text's parse may use here (lib/snapshot/parse.ts ParseOptions). */
  yamlBudget?: YamlBudget;
}

/** Parses and analyses the files as one snapshot. */
export function analyzeLocalFiles(files: LocalFile[], loadedAt: Date, opts: LocalAnalysisOptions = {}): ClusterView {
  const { tooLarge = [], onProgress, yamlBudget } = opts;
  const parts: ParsedSnapshot[] = tooLarge.map((f) =>
    snapshotError({
      file: f.name,
      message: `file is too large to open in the browser (${mibUp(f.size)} MiB; the limit is ${mibUp(MAX_LOCAL_FILE_BYTES)} MiB) — use \`npm run demo -- --snapshot\` instead`,
    }),
  );
  const length = (f: LocalFile) => ('text' in f ? f.text.length : 0);
  const bytes = files.reduce((n, f) => n + length(f), 0);
  const parsing = (done: number) => onProgress?.('parsing', bytes ? Math.round((done / bytes) * 100) : 100);
  let parsed = 0;
  parsing(0);
  for (const f of files) {
    // A YAML list is parsed in parts, for seconds per MB: its progress within the file too.
    const onYamlParsed = (chars: number) => parsing(parsed + chars);
    parts.push('text' in f ? parseSnapshotText(f.text, f.name, { yamlBudget, onYamlParsed }) : f.parsed);
    parsed += length(f);
    parsing(parsed);
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
