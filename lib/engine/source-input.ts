// A trace source as a user writes it (CLI `--from`, dashboard form). Its own small module so the CLI's
// argument parser does not load the engine (`kubepath --version` starts without it).
import { isIP } from '../net/ip';

/** A trace source as a user writes it (CLI `--from`, dashboard form). */
export type SourceInput =
  { kind: 'ip'; ip: string } | { kind: 'pod'; pod: string } | { kind: 'node'; node: string } | { kind: 'localhost' };

/** Parses `1.2.3.4`, `pod:ns/name`, `node:NAME` or `localhost`; null when it is none of them. */
export function parseSourceInput(text: string): SourceInput | null {
  const t = text.trim();
  if (t === 'localhost' || t === '127.0.0.1') return { kind: 'localhost' };
  if (t.startsWith('pod:') && /^[^/\s]+\/[^/\s]+$/.test(t.slice(4))) return { kind: 'pod', pod: t.slice(4) };
  if (t.startsWith('node:') && t.length > 5) return { kind: 'node', node: t.slice(5) };
  if (isIP(t)) return { kind: 'ip', ip: t };
  return null;
}
