// Sizes in MiB as the product writes them, in one place (CLI progress, the dashboard's loading view, file limits).

const MIB = 1024 * 1024;

/** Whole MiB, rounded: how far a read is ("312 of 1,508 MiB"). */
export function mib(bytes: number): number {
  return Math.round(bytes / MIB);
}

/** Whole MiB, rounded up: a size against a limit, so that a file 1 byte over 512 MiB reads "513 MiB". */
export function mibUp(bytes: number): number {
  return Math.ceil(bytes / MIB);
}

/** `mib` with thousands separators: "1,508". */
export function mibText(bytes: number): string {
  return mib(bytes).toLocaleString('en-US');
}
