// Reads the files picked in the browser as text, setting aside those too large to read.
import { decodeSnapshotBytes } from '@/lib/snapshot/decode';
import { MAX_LOCAL_FILE_BYTES, type LocalFile } from '@/lib/source/local-files';

/** The picked files' text, and the ones skipped for size. */
export async function readPickedFiles(
  list: FileList | File[],
): Promise<{ files: LocalFile[]; tooLarge: { name: string; size: number }[] }> {
  const files: LocalFile[] = [];
  const tooLarge: { name: string; size: number }[] = [];
  for (const file of Array.from(list)) {
    if (file.size > MAX_LOCAL_FILE_BYTES) tooLarge.push({ name: file.name, size: file.size });
    // The decoder the CLI and the server use: UTF-8 (BOM or not) and UTF-16 LE/BE.
    else files.push({ name: file.name, text: decodeSnapshotBytes(new Uint8Array(await file.arrayBuffer())) });
  }
  return { files, tooLarge };
}
