// Human-readable one-line rendering of snapshot issues. Pure (browser-safe).
import type { SnapshotIssue } from './parse';

/** "snap.json:12:5: msg", "cluster.yaml (document 3, line 40): msg", or the bare message if it already names the file. */
export function formatIssue(i: SnapshotIssue): string {
  const located = i.line !== undefined || i.document !== undefined || i.object !== undefined;
  if (!located && i.file && i.message.includes(i.file)) return i.message;
  let where = i.file || '(unknown file)';
  const details: string[] = [];
  if (i.document !== undefined) {
    details.push(`document ${i.document}`);
    if (i.line !== undefined) details.push(`line ${i.line}`);
  } else if (i.line !== undefined) {
    where += `:${i.line}` + (i.column !== undefined ? `:${i.column}` : '');
  }
  if (i.object) details.push(i.object);
  if (details.length > 0) where += ` (${details.join(', ')})`;
  return `${where}: ${i.message}`;
}
