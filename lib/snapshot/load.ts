// Reads snapshot files and directories from disk (Node only) and merges them into one ParsedSnapshot.
import { Buffer } from 'node:buffer';
import { constants } from 'node:fs';
import { open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import { mibUp } from '../util/mib';
import { decodeSnapshotBytes } from './decode';
import { HEAD_BYTES, notReadableInParts, readerSnapshot, readsInParts, snapshotListReader } from './in-parts';
import {
  mergeSnapshots,
  parseSnapshotSteps,
  snapshotError,
  type ParsedSnapshot,
  type SnapshotIssue,
  type YamlBudget,
} from './parse';

/**
 * Largest file read as one string. V8's strings hold at most 2^29 − 24 UTF-16 units (String::kMaxLength,
 * https://github.com/v8/v8/blob/main/include/v8-primitive.h), which UTF-8 of this size always fits in.
 */
export const WHOLE_FILE_BYTES = 500 * 1024 * 1024;
/**
 * Largest snapshot file read. Larger than WHOLE_FILE_BYTES, a UTF-8 JSON file is read and parsed a part at a
 * time: `kubectl get pods -A -o json` at Kubernetes' limit of 150,000 pods is 0.7–1.5 GiB.
 */
export const MAX_SNAPSHOT_FILE_BYTES = 4 * 1024 * 1024 * 1024;
/** Bytes read at a time from a file parsed in parts. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * Share of the heap limit a file parsed in parts may fill before it is given up with a clear error (and that a
 * YAML file's parse may need: lib/snapshot/yaml-size.ts). What the model and the analysis add is small beside
 * the objects (at Kubernetes' scale limits ≈ 0.2 GiB: peak RSS 547 MiB against the bare parse's 351 MiB, README
 * Benchmarks), well inside the other 30% of a heap limit of a few GiB (V8 sizes it from the machine's memory:
 * 4 GiB here, on 24 GiB).
 */
const MAX_HEAP_SHARE = 0.7;

/** Options of loadSnapshotPaths (tests lower the sizes). */
export interface LoadOptions {
  /** Files larger than this are parsed a part at a time (WHOLE_FILE_BYTES). */
  wholeFileBytes?: number;
  /** Indented JSON files larger than this are parsed a part at a time too (INDENTED_IN_PARTS_BYTES). */
  indentedInPartsBytes?: number;
  /** Bytes read at a time from such a file. */
  chunkBytes?: number;
  /** Share of the heap limit such a file, or a YAML file's parse, may fill (MAX_HEAP_SHARE). */
  maxHeapShare?: number;
  /** Hears how far the reading of a file read in parts is, after each chunk (such a file takes seconds per GiB). */
  onBytes?: (read: number, size: number) => void;
  /** Hears how far the parse of a YAML list read in parts is, in characters (such a text takes seconds per MB). */
  onYamlParsed?: (chars: number, total: number) => void;
}

/** File extensions picked up when a directory is given. */
export const SNAPSHOT_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/**
 * Loads files and directories (recursively, sorted) of kubectl JSON/YAML output; never throws. `onFile` hears
 * of each file before it is read and parsed (the CLI shows it at a terminal).
 */
export async function loadSnapshotPaths(
  paths: string[],
  onFile?: (file: string, index: number, count: number) => void,
  opts: LoadOptions = {},
): Promise<ParsedSnapshot> {
  const errors: SnapshotIssue[] = [];
  const files: string[] = [];
  if (paths.length === 0) errors.push({ file: '', message: 'no snapshot paths given' });
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isDirectory()) files.push(path);
      else {
        const found = await listSnapshotFiles(path, new Set(), errors);
        if (found.length === 0) errors.push({ file: path, message: `no .json, .yaml or .yml files in ${path}` });
        files.push(...found);
      }
    } catch (e) {
      errors.push({ file: path, message: `cannot read ${path}: ${reason(e)}` });
    }
  }
  const parts: ParsedSnapshot[] = [{ objects: [], errors, warnings: [], ignoredKinds: {} }];
  // The same file named twice (e.g. a file and its directory) is read once, under the name given first.
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const key = resolve(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (let i = 0; i < unique.length; i++) {
    onFile?.(unique[i], i, unique.length);
    parts.push(await loadFile(unique[i], opts));
  }
  return mergeSnapshots(parts);
}

async function loadFile(file: string, opts: LoadOptions): Promise<ParsedSnapshot> {
  const fail = (message: string) => snapshotError({ file, message });
  try {
    const read = await readSnapshotFile(file, opts);
    if ('text' in read) {
      const steps = parseSnapshotSteps(read.text, file, {
        yamlBudget: yamlBudget(opts),
        onYamlParsed: opts.onYamlParsed,
      });
      // A turn of the event loop between the parts of a YAML list (seconds per MB): the dashboard's server answers
      // its progress polls meanwhile.
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        await nextTurn();
      }
    }
    if ('parsed' in read) return read.parsed;
    return fail(read.error);
  } catch (e) {
    return fail(`cannot read ${file}: ${reason(e)}`);
  }
}

/** What reading a file gave: its text, its snapshot (a file too large for one string), or why neither. */
type FileRead = { text: string } | { parsed: ParsedSnapshot } | { error: string };

/**
 * Reads a regular file. Opened non-blocking (a FIFO without a writer would otherwise hang the open) and
 * checked with fstat on the open handle, so a device (/dev/urandom), FIFO or socket fails at once, and the
 * size limit holds for what is actually read.
 */
async function readSnapshotFile(file: string, opts: LoadOptions): Promise<FileRead> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { error: `${file} is not a regular file (${fileType(info)}); only files are read` };
    if (info.size > MAX_SNAPSHOT_FILE_BYTES)
      return {
        error: `file is too large (${mibUp(info.size)} MiB; the limit is ${mibUp(MAX_SNAPSHOT_FILE_BYTES)} MiB)`,
      };
    const head = new Uint8Array(Math.min(info.size, HEAD_BYTES));
    const headRead = await readInto(handle, head, 0);
    const wholeBytes = opts.wholeFileBytes ?? WHOLE_FILE_BYTES;
    if (readsInParts(head.subarray(0, headRead), info.size, wholeBytes, opts.indentedInPartsBytes))
      return await readInParts(handle, file, info.size, head.subarray(0, headRead), opts);
    const bytes = new Uint8Array(info.size);
    const read = await readInto(handle, bytes, 0);
    return { text: decodeSnapshotBytes(bytes.subarray(0, read)) };
  } finally {
    await handle.close();
  }
}

/** The heap a YAML text's parse may use here: the share of the heap limit left free (yaml-size.ts). */
function yamlBudget(opts: LoadOptions): YamlBudget {
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  return {
    bytes: Math.max(0, limit * (opts.maxHeapShare ?? MAX_HEAP_SHARE) - used),
    where: 'this process may use',
    instead: 'split it into several files, or set a higher limit with NODE_OPTIONS=--max-old-space-size=<MiB>',
  };
}

/** Reads into `bytes` from file offset `at` until it is full or the file ends; the bytes read. */
async function readInto(handle: FileHandle, bytes: Uint8Array, at: number): Promise<number> {
  let read = 0;
  while (read < bytes.length) {
    const { bytesRead } = await handle.read(bytes, read, bytes.length - read, at + read);
    if (bytesRead === 0) break; // the file shrank while being read: what is there is parsed
    read += bytesRead;
  }
  return read;
}

/**
 * A file too large to be one string (or indented JSON over INDENTED_IN_PARTS_BYTES), read a chunk at a time and
 * parsed an element (JSON) or a part of entries (YAML) of its `items` at a time (lib/snapshot/in-parts.ts). Only UTF-8
 * is read so: what `kubectl get -o json` and `-o yaml` write. `head`: its first bytes, already read.
 */
async function readInParts(
  handle: FileHandle,
  file: string,
  size: number,
  head: Uint8Array,
  opts: LoadOptions,
): Promise<FileRead> {
  const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
  const maxHeap = getHeapStatistics().heap_size_limit * (opts.maxHeapShare ?? MAX_HEAP_SHARE);
  const problem = notReadableInParts(head, size, '`-f` is repeatable, or give a directory');
  if (problem) return { error: problem };
  const reader = snapshotListReader(head);
  // One buffer for every chunk (the reader copies what it keeps); a Buffer, whose indexOf the reader's search for
  // an element's closing line uses (Node's native search: half the time of Uint8Array's on the 1.5 GiB file).
  const buffer = Buffer.alloc(Math.min(chunkBytes, size));
  for (let at = 0; at < size;) {
    const chunk = buffer.subarray(0, Math.min(chunkBytes, size - at));
    const read = await readInto(handle, chunk, at);
    if (read === 0) break;
    reader.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    at += read;
    opts.onBytes?.(at, size);
    // Checked as the objects accumulate: past the limit V8 aborts the process, with no word of which file.
    if (getHeapStatistics().used_heap_size > maxHeap)
      return {
        error: `the snapshot needs more memory than this process may use (${mibUp(at)} of ${mibUp(size)} MiB read; the heap limit is ${mibUp(getHeapStatistics().heap_size_limit)} MiB): set a higher limit with NODE_OPTIONS=--max-old-space-size=<MiB>, or split the file`,
      };
  }
  return { parsed: readerSnapshot(reader.end(), file) };
}

function fileType(info: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Snapshot files under dir, depth-first with entries sorted by name; hidden entries and symlink loops skipped. */
async function listSnapshotFiles(dir: string, visited: Set<string>, errors: SnapshotIssue[]): Promise<string[]> {
  let names: string[];
  try {
    const real = await realpath(dir);
    if (visited.has(real)) return [];
    visited.add(real);
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort(byCodeUnit);
  } catch (e) {
    errors.push({ file: dir, message: `cannot read ${dir}: ${reason(e)}` });
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined); // follows symlinks; dangling links are skipped
    if (info?.isDirectory()) found.push(...(await listSnapshotFiles(path, visited, errors)));
    else if (info?.isFile() && (SNAPSHOT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
      found.push(path);
  }
  return found;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "no such file or directory" instead of an ENOENT message with a stack. */
function reason(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ERR_STRING_TOO_LONG':
      return 'file is too large to read as text';
  }
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0];
}
