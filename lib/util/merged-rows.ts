// What every list of rows that merges alike rows shares (the analysis's node and pod rows,
// lib/engine/compact-rows.ts; a dashboard trace's endpoints, lib/view/trace-endpoints.ts). No imports: the CLI's
// trace report uses it, and its start-up loads no engine code (cli/build.test.ts).

/** Up to this many rows a list shows every row individually; above it, rows that behave identically merge. */
export const MAX_INDIVIDUAL_ROWS = 32;

/** `reason` with a pod's own name and address masked: reasons that differ only there are one answer. */
export function maskOwnNames(reason: string, name: string, ip: string): string {
  // replaceAll with a string pattern is split(x).join(y); most reasons name neither, so test first.
  if (reason.includes(name)) reason = reason.replaceAll(name, '<pod>');
  if (reason.includes(ip)) reason = reason.replaceAll(ip, '<ip>');
  return reason;
}
