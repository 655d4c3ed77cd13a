// A snapshot file too large to be one string, read a chunk at a time: what the CLI and the server (load.ts, from
// disk) and the browser's /local worker (lib/source/local-worker.ts, from a Blob) share. Pure (no node: imports).
import { mibUp } from '../util/mib';
import { detectEncoding } from './decode';
import { JsonListReader, type JsonReadResult } from './json-list-reader';
import { leanObject } from './lean-objects';
import { parseSnapshotValue, type ParsedSnapshot } from './parse';

/** Bytes of a file's start that notReadableInParts looks at. */
export const HEAD_BYTES = 4096;

/**
 * Why a file of `size` bytes, too large for one string, cannot be read in parts, from its first HEAD_BYTES bytes;
 * null when it may be. Only UTF-8 JSON is read so: what `kubectl get -o json` writes. `split`: how to split a file
 * where it is read (the CLI's `-f` takes several).
 */
export function notReadableInParts(head: Uint8Array, size: number, split = ''): string | null {
  const tooLarge = (why: string) =>
    `file is too large to read as one text (${mibUp(size)} MiB; ${why}); a file this large must be kubectl's JSON in UTF-8 (\`kubectl get … -o json\`), or split it into several files${split ? ` (${split})` : ''}`;
  if (detectEncoding(head) !== 'utf-8') return tooLarge('it is UTF-16');
  const first = new TextDecoder()
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  // Whitespace alone in the first bytes says nothing yet: the reader finds out.
  if (first !== undefined && first !== '{' && first !== '[') return tooLarge('it is not a JSON object or array');
  return null;
}

/** The reader of such a file: each element parsed as it ends, its pods and nodes without unread fields. */
export function snapshotListReader(): JsonListReader {
  return new JsonListReader(leanObject);
}

/** What the reader read, as the file's part of the snapshot: its objects, or its syntax error with the place. */
export function readerSnapshot(result: JsonReadResult, file: string): ParsedSnapshot {
  if ('value' in result) return parseSnapshotValue(result.value, file);
  const { message, line, column } = result.error;
  return { objects: [], errors: [{ file, message, line, column }], warnings: [], ignoredKinds: {} };
}
