// Reads snapshot files and directories from disk (Node only) and merges them into one ParsedSnapshot.
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { decodeSnapshotBytes } from './decode';
import { mergeSnapshots, parseSnapshotText, type ParsedSnapshot, type SnapshotIssue } from './parse';

/** Largest snapshot file read (bytes); V8 cannot hold a much larger string anyway. */
export const MAX_SNAPSHOT_FILE_BYTES = 512 * 1024 * 1024;

/** File extensions picked up when a directory is given. */
export const SNAPSHOT_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/**
 * Loads files and directories (recursively, sorted) of kubectl JSON/YAML output; never throws. `onFile` hears
 * of each file before it is read and parsed (the CLI shows it at a terminal).
 */
export async function loadSnapshotPaths(
  paths: string[],
  onFile?: (file: string, index: number, count: number) => void,
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
    parts.push(await loadFile(unique[i]));
  }
  return mergeSnapshots(parts);
}

async function loadFile(file: string): Promise<ParsedSnapshot> {
  const fail = (message: string): ParsedSnapshot => ({
    objects: [],
    errors: [{ file, message }],
    warnings: [],
    ignoredKinds: {},
  });
  try {
    const text = await readRegularFile(file);
    return typeof text === 'string' ? parseSnapshotText(text, file) : fail(text.error);
  } catch (e) {
    return fail(`cannot read ${file}: ${reason(e)}`);
  }
}

/**
 * A regular file's text, or why it is not read. Opened non-blocking (a FIFO without a writer would
 * otherwise hang the open) and checked with fstat on the open handle, so a device (/dev/urandom), FIFO or
 * socket fails at once, and the size limit holds for what is actually read.
 */
export async function readRegularFile(file: string): Promise<string | { error: string }> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { error: `${file} is not a regular file (${fileType(info)}); only files are read` };
    if (info.size > MAX_SNAPSHOT_FILE_BYTES) {
      return {
        error: `file is too large (${Math.ceil(info.size / 1024 / 1024)} MiB; the limit is ${MAX_SNAPSHOT_FILE_BYTES / 1024 / 1024} MiB)`,
      };
    }
    const bytes = new Uint8Array(info.size);
    let read = 0;
    while (read < info.size) {
      const { bytesRead } = await handle.read(bytes, read, info.size - read, read);
      if (bytesRead === 0) break; // the file shrank while being read: what is there is parsed
      read += bytesRead;
    }
    return decodeSnapshotBytes(bytes.subarray(0, read));
  } finally {
    await handle.close();
  }
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
