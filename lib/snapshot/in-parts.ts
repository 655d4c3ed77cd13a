// A snapshot file too large to be one string, read a chunk at a time: what the CLI and the server (load.ts, from
// disk) and the browser's /local worker (lib/source/local-worker.ts, from a Blob) share. Pure (no node: imports).
import { mibUp } from '../util/mib';
import { detectEncoding } from './decode';
import { JsonListReader, type JsonReadResult } from './json-list-reader';
import { detachedCopy } from './flat-strings';
import { leanObject } from './lean-objects';
import { parseSnapshotValue, snapshotError, type ParsedSnapshot } from './parse';
import { YamlListReader } from './yaml-list-reader';

/** Bytes of a file's start that notReadableInParts looks at. */
export const HEAD_BYTES = 4096;

/** What a file's first bytes say it is: UTF-8 JSON, UTF-8 YAML (anything else in UTF-8), or UTF-16. */
export function syntaxOf(head: Uint8Array): 'json' | 'yaml' | 'utf-16' {
  if (detectEncoding(head) !== 'utf-8') return 'utf-16';
  const first = new TextDecoder()
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  // Whitespace alone in the first bytes says nothing yet: the JSON reader finds out.
  return first === undefined || first === '{' || first === '[' ? 'json' : 'yaml';
}

/**
 * Why a file of `size` bytes, too large for one string, cannot be read in parts, from its first HEAD_BYTES bytes;
 * null when it may be. UTF-8 JSON and YAML are read so: what `kubectl get -o json` and `-o yaml` write. `split`: how
 * to split a file where it is read (the CLI's `-f` takes several).
 */
export function notReadableInParts(head: Uint8Array, size: number, split = ''): string | null {
  if (syntaxOf(head) !== 'utf-16') return null;
  return `file is too large to read as one text (${mibUp(size)} MiB; it is UTF-16); a file this large must be UTF-8, as kubectl writes it (\`kubectl get … -o json\` or \`-o yaml\`), or split it into several files${split ? ` (${split})` : ''}`;
}

/**
 * Indented JSON files larger than this are read in parts too, though they fit in one string: kubectl's output, at
 * a few hundred MiB, kept every field of every object alive (a 396 MiB kubectl-style file of the benchmark's
 * cluster: 1.1 GiB peak RSS to load, 0.23 GiB in parts, with no more CPU: its elements are cut at their closing
 * lines). Compact JSON stays one JSON.parse, which is faster there (the benchmark's 103 MiB files: 1.4 s against
 * the byte scanner's 1.9 s), and so do small files (32 MiB: 0.16–0.20 s whole, 0.23–0.26 s in parts).
 */
export const INDENTED_IN_PARTS_BYTES = 64 * 1024 * 1024;

/**
 * Whether a file of `size` bytes starting with `head` (its first HEAD_BYTES) is read in parts: it is larger than
 * `wholeBytes` (the most read as one text where it is read), or it is indented JSON larger than `indentedBytes`.
 */
export function readsInParts(
  head: Uint8Array,
  size: number,
  wholeBytes: number,
  indentedBytes = INDENTED_IN_PARTS_BYTES,
) {
  if (size > wholeBytes) return true;
  // YAML that fits in one string is parsed a part of its list at a time already (yaml-list.ts).
  if (size <= indentedBytes || syntaxOf(head) !== 'json') return false;
  // A line break followed by indentation: JSON.stringify's `space`, kubectl's and jq's layout (compact JSON has none).
  return /\n[ \t]/.test(new TextDecoder().decode(head));
}

/**
 * The reader of such a file, by its first bytes (`head`): each element (JSON) or part of entries (YAML) parsed as it
 * ends, its pods and nodes without unread fields.
 */
export function snapshotListReader(head: Uint8Array): Pick<JsonListReader, 'push' | 'end'> {
  return syntaxOf(head) === 'yaml' ? new YamlListReader(yamlEntry) : new JsonListReader(leanObject);
}

/** A YAML entry kept: lean, and copied out of the part of the text it was read from (flat-strings.ts). */
const yamlEntry = (value: unknown) => detachedCopy(leanObject(value));

/** What the reader read, as the file's part of the snapshot: its objects, or its syntax error with the place. */
export function readerSnapshot(result: JsonReadResult, file: string): ParsedSnapshot {
  if ('value' in result) return parseSnapshotValue(result.value, file);
  const { message, line, column } = result.error;
  return snapshotError({ file, message, line, column });
}
