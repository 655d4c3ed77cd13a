// Reads the files picked in the browser as text, setting aside those too large to read.
import { MAX_LOCAL_FILE_BYTES, type LocalFile } from '@/lib/source/local-files';

/** The picked files' text, and the ones skipped for size. */
export async function readPickedFiles(
  list: FileList | File[],
): Promise<{ files: LocalFile[]; tooLarge: { name: string; size: number }[] }> {
  const files: LocalFile[] = [];
  const tooLarge: { name: string; size: number }[] = [];
  for (const file of Array.from(list)) {
    if (file.size > MAX_LOCAL_FILE_BYTES) tooLarge.push({ name: file.name, size: file.size });
    else files.push({ name: file.name, text: await file.text() });
  }
  return { files, tooLarge };
}
