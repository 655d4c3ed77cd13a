// Small printing helpers shared by the benchmark's stages (bench/run.ts, bench/dashboard.ts).
import { loadavg } from 'node:os';

/** Bytes as whole MiB. */
export const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;

/** The 1, 5 and 15 minute load averages: what else the machine was doing while a figure was taken. */
export const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
