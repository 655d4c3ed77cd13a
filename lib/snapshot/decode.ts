// Bytes of a snapshot file → text, for every reader (CLI, server, the browser's /local page): UTF-8 with or
// without a byte-order mark, and UTF-16 LE/BE (what Windows PowerShell 5.1's `>` writes), told apart by the
// BOM or, without one, by the zero bytes ASCII leaves in UTF-16 (a snapshot starts with `{`, `[`, `-`, `a`…).
// Pure: runs in the browser too.

/** The encoding a snapshot's bytes are in. */
export type SnapshotEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Detects the encoding from the first bytes (BOM first, then the zero-byte pattern of UTF-16). */
export function detectEncoding(bytes: Uint8Array): SnapshotEncoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return 'utf-16be';
  return 'utf-8';
}

/** The text of a snapshot file, its byte-order mark removed. Invalid sequences become U+FFFD (the parser reports them). */
export function decodeSnapshotBytes(bytes: Uint8Array): string {
  const text = new TextDecoder(detectEncoding(bytes)).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
