// Small text formatters shared by the diagram, the bar chart and the Service page header.
import type { PodShare } from '../engine/types';

/** A share (0..1) as a percentage that never rounds a non-zero share down to "0%". */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  const pct = share * 100;
  if (pct < 0.1) return '<0.1%';
  if (pct < 10) return `${Number(pct.toFixed(1))}%`;
  return `${Math.round(pct)}%`;
}

/** How many pods the rows stand for: an aggregate row (engine/compact-rows.ts) counts all of its pods. */
export function podCount(rows: readonly PodShare[]): number {
  return rows.reduce((n, p) => n + p.count, 0);
}

/** The source address(es) a pod sees, as one short phrase (`203.0.113.10`, `10.0.1.10 +3 more`). */
export function seenSourceText(sourceIPs: PodShare['sourceIPs'], clientIP: string): string {
  const parts: string[] = [];
  if (sourceIPs.client) parts.push(clientIP);
  const shown = sourceIPs.addresses.slice(0, sourceIPs.client ? 1 : 2);
  parts.push(...shown);
  const more = Math.max(0, sourceIPs.total - shown.length);
  if (parts.length === 0) return more > 0 ? `${more} SNAT addresses` : 'nothing (no traffic)';
  return more > 0 ? `${parts.join(', ')} +${more} more` : parts.join(', ');
}

/** The last path segment of a `namespace/name` key. */
export function shortName(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : key.slice(i + 1);
}

/** File name for an exported diagram: `kubepath-<ns>-<name>.<ext>`, limited to safe characters. */
export function exportFileName(namespace: string, name: string, ext: 'svg' | 'png'): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || '_';
  return `kubepath-${safe(namespace)}-${safe(name)}.${ext}`;
}

/** Shortens `text` to at most `max` characters by eliding its middle (keeps a pod's unique suffix). */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(2, max - 1);
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}
