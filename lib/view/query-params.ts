// Reading one query parameter at a time with a zod schema, so a garbled value falls back to its
// default on its own (the rest of the URL still applies) and leaves a notice the page can show.
import type { z } from 'zod';

/** What pages receive as query state: Next's `searchParams` object or a URLSearchParams. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined> | null | undefined;

/** Longest value quoted back in a notice (the rest is elided so a huge URL cannot flood the page). */
const MAX_QUOTED = 60;

/** Quotes a user-supplied value for a notice, shortened. Rendered as a React text node, never HTML. */
export function quoteValue(value: string): string {
  const short = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  return JSON.stringify(short);
}

/** Reads the raw string of `key`; repeated keys keep the first value and add a notice. */
export function rawParam(params: SearchParamsInput, key: string, notices: string[]): string | undefined {
  if (!params) return undefined;
  if (params instanceof URLSearchParams) {
    const all = params.getAll(key);
    if (all.length > 1) notices.push(`"${key}" was given ${all.length} times; using the first value.`);
    return all.length > 0 ? all[0] : undefined;
  }
  const v = params[key];
  if (Array.isArray(v)) {
    if (v.length > 1) notices.push(`"${key}" was given ${v.length} times; using the first value.`);
    return v[0];
  }
  return v;
}

/**
 * Decodes one field: absent or empty → `fallback` silently; present but rejected by `schema` →
 * `fallback` plus a notice naming the parameter, the bad value and what is used instead.
 */
export function decodeField<T>(
  params: SearchParamsInput,
  key: string,
  schema: z.ZodType<T>,
  fallback: T,
  notices: string[],
  describeFallback: string = fallback === null ? 'the default' : JSON.stringify(fallback),
): T {
  const raw = rawParam(params, key, notices);
  if (raw === undefined || raw === '') return fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  notices.push(`Ignored invalid "${key}" value ${quoteValue(raw)}; using ${describeFallback}.`);
  return fallback;
}

/** Builds a query string (with leading `?`, or '' when empty) from entries, skipping null/empty values. */
export function toQueryString(entries: [string, string | number | null | undefined][]): string {
  const out = new URLSearchParams();
  for (const [k, v] of entries) {
    if (v === null || v === undefined || v === '') continue;
    out.set(k, String(v));
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}
