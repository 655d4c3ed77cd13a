// Terminal safety: strings from cluster objects (names, labels, addresses, API server messages) may hold
// escape sequences that recolour, retitle or rewrite a terminal. Human output shows every C0/C1 control
// character and DEL as a visible escape; JSON output escapes the C1 range and DEL too (JSON.stringify
// leaves them raw), which keeps the same JSON value.

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** `s` with every control character shown as an escape (`\e`, `\n`, `\x9b`…). */
export function escapeControl(s: string): string {
  // Tested first: a replace with a callback costs far more than a test, and almost no string needs it.
  if (!HAS_CONTROL.test(s)) return s;
  return s.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * `value` with every string passed through escapeControl (for the human-readable formatters). Copied only
 * along the paths to strings that change: at Kubernetes' scale limits a deep copy of the analysis cost a
 * second and a few hundred MB, and cluster strings almost never hold a control character.
 */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControl(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const e = escapeStrings(v);
      if (copy) copy.push(e);
      else if (e !== v) (copy = value.slice(0, i)).push(e);
    }
    return (copy ?? value) as T;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const k in record) {
      if (!Object.prototype.hasOwnProperty.call(record, k)) continue;
      const v = record[k];
      const e = escapeStrings(v);
      if (e !== v) (copy ??= { ...record })[k] = e;
    }
    return (copy ?? value) as T;
  }
  return value;
}

const JSON_UNSAFE = /[\u007f-\u009f]/g;

/** A piece of JSON text with the C1 controls and DEL escaped (JSON.stringify leaves them raw). */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON text (2-space indent, or one line) in which no control character appears raw. */
export function safeJson(value: unknown, indent = true): string {
  return escapeJsonText(indent ? JSON.stringify(value, null, 2) : JSON.stringify(value));
}

const DEL = 0x7f;
/** The UTF-8 lead byte of U+0080–U+00BF; U+0080–U+009F (the C1 controls) continue with 0x80–0x9F. */
const C2 = 0xc2;

/**
 * escapeJsonText on UTF-8 bytes: DEL (7F) and the C1 controls (C2 80–C2 9F) become `\u007f`, `\u0080`…
 * The same bytes come back when there is none, found by two memchr-speed scans (a regular expression over
 * the text took a quarter of a second per 300 MB). `bytes` must hold whole UTF-8 sequences.
 */
export function escapeJsonBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.indexOf(DEL) < 0 && bytes.indexOf(C2) < 0) return bytes;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes[i] === DEL ? DEL : bytes[i] === C2 && bytes[i + 1] <= 0x9f ? bytes[i + 1] : -1;
    if (code < 0) continue;
    parts.push(bytes.subarray(from, i), Buffer.from(`\\u${code.toString(16).padStart(4, '0')}`));
    if (code !== DEL) i++; // the C1 control's second byte
    from = i + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}
