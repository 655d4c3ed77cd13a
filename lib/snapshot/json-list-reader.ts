// A JSON document read a chunk of UTF-8 bytes at a time, for snapshot files too large to be one string.
// `kubectl get pods -A -o json` of a cluster at Kubernetes' limit of 150,000 pods (each a few KB of indented
// JSON) is larger than V8's longest string (2^29 − 24 UTF-16 units, ~512 MiB of ASCII: String::kMaxLength in
// https://github.com/v8/v8/blob/main/include/v8-primitive.h), so JSON.parse of the whole file cannot even start.
// The elements of the document's `items` array (or of a top-level array) are cut out at the array's commas (or,
// in an indented file, at each element's closing line, checked by JSON.parse) and parsed one at a time; the
// rest of the document (`apiVersion`, `kind`, `metadata`: the skeleton) is parsed once with `items: []`, and the
// parsed elements take the empty array's place. The value is JSON.parse's for every
// valid document; an invalid one gives one error at the line and column JSON.parse of the whole text reports.
// Pure (no node: imports).
import { describeJsonError, findJsonErrorOffset, lineColumnAt, type JsonProblem } from './json-error';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SPACE = 0x20;
/** Deepest indentation (in spaces) of an element cut at its closing line; kubectl's items sit at 8. */
const MAX_INDENT = 64;
/** Candidates that JSON.parse rejected before cutting at closing lines is given up for the file. */
const MAX_INDENT_MISSES = 16;
/** JSON's whitespace, alone: what may lie between an element and its separator. */
const JSON_WHITESPACE = /^[ \t\n\r]*$/;
/** The key `items` as written (a key spelled with escapes is an ordinary member: read whole, not streamed). */
const ITEMS = 'items';

/** A place in the file as JSON.parse's errors count it: 1-based line, 1-based column in UTF-16 units. */
interface Place {
  line: number;
  column: number;
}

/** The result of reading a whole document: its value, or its first syntax problem. */
export type JsonReadResult = { value: unknown } | { error: JsonProblem };

/** A run of skeleton bytes between two cuts, and where in the file it starts. */
interface SkeletonSegment {
  parts: Uint8Array[];
  /** Where its first byte is in the file (null for the first segment, which starts the file). */
  start: Place | null;
}

/**
 * Reads one JSON document from UTF-8 chunks: `push` each chunk in order, then `end`. A BOM at the start is
 * skipped when the first chunk holds it whole (load.ts reads 8 MiB at a time). The caller may reuse a chunk's
 * buffer once push returns (what is kept of it is copied). An element is parsed as soon as its closing line, comma
 * or bracket is read, so besides the parsed values only one element's bytes and the skeleton's are held.
 */
export class JsonListReader {
  /** `onElement`: applied to each element of the streamed array as it is parsed (load.ts drops unread pod and node fields). */
  constructor(private readonly onElement: (value: unknown) => unknown = (v) => v) {}

  private top: 'unknown' | 'object' | 'array' | 'other' = 'unknown';
  private depth = 0;
  private inString = false;
  private escaped = false;
  // Line and column bookkeeping: `consumed` bytes before the current chunk; the current line started at
  // byte `lineStart`; `unitsAdjust` is UTF-16 units minus bytes on the line so far.
  private consumed = 0;
  private chunkOffset = 0;
  private line = 1;
  private lineStart = 0;
  private unitsAdjust = 0;
  // The top-level object's members: whether the next string at depth 1 is a key, the key being read, the
  // last key read, and whether a colon was the last token at depth 1.
  private expectKey = false;
  private key: number[] | null = null;
  private lastKey = '';
  private afterColon = false;
  /** Depth of the array whose elements are streamed (they sit at depth + 1), or 0 outside it. */
  private streamDepth = 0;
  private element: Uint8Array[] = [];
  private elementStart: Place = { line: 1, column: 1 };
  private elementHasContent = false;
  private afterComma = false;
  private elements: unknown[] = [];
  /** The elements of the last streamed array (JSON.parse keeps the last of repeated `items` keys). */
  private streamed: unknown[] | null = null;
  private segments: SkeletonSegment[] = [{ parts: [], start: null }];
  private problem: JsonProblem | null = null;
  private started = false;
  // An element cut at its closing line (cutAtClosingLine): its value, and its text in case bytes other than
  // whitespace follow it before the separator (then the element is parsed the ordinary way, for the error).
  private pending: unknown = undefined;
  private pendingText: string | null = null;
  private indentMisses = 0;
  /** chunkOffset of a chunk in which no closing line was found: none is looked for again in it. */
  private noClosingLineIn = Number.NaN;
  /** Elements cut at their closing line instead of scanned byte by byte (tests check the shortcut is taken). */
  cutAtClosingLines = 0;

  /** Reads the next bytes of the document (nothing more is read after a syntax problem). */
  push(chunk: Uint8Array): void {
    if (this.problem) return;
    let from = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) from = 3;
    }
    this.chunkOffset = this.consumed - from;
    this.scan(chunk, from);
    this.consumed += chunk.length - from;
  }

  /** The document's value, or its first syntax problem with its place. */
  end(): JsonReadResult {
    if (this.problem) return { error: this.problem };
    if (this.streamDepth > 0) {
      // The file ends inside the streamed array: JSON.parse of the last element's bytes finds its first error
      // (a mismatched bracket before the end is one); a well-formed start ends early, where the file does.
      if (this.elementHasContent && !this.parseElement()) return { error: this.problem! };
      return { error: { message: 'Unexpected end of JSON input', ...this.placeOf(this.consumed) } };
    }
    const texts = this.segments.map((s) => new TextDecoder().decode(concat(s.parts)));
    const skeleton = texts.join('');
    let value: unknown;
    try {
      value = JSON.parse(skeleton);
    } catch (e) {
      return { error: this.skeletonProblem(texts, skeleton, e) };
    }
    if (this.streamed === null) return { value };
    if (this.top === 'array') return { value: this.streamed };
    (value as { items: unknown }).items = this.streamed; // the last `items` key is an array: JSON.parse's choice
    return { value };
  }

  private scan(chunk: Uint8Array, from: number): void {
    const n = chunk.length;
    let runStart = from; // first byte of the current run of skeleton or element bytes in this chunk
    // The per-byte state in locals, written back before any method reads it (with the whitespace loop below, the
    // 1.5 GiB file of bench/NOTES.md was scanned in 4.0 s of CPU instead of 5.8 s).
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let adjust = this.unitsAdjust;
    let hasContent = this.elementHasContent;
    for (let i = from; i < n; i++) {
      let b = chunk[i];
      if (inString) {
        if (!escaped && this.key === null) {
          // Most bytes of a snapshot are inside strings: skip the plain ones in a tight loop.
          while (b !== QUOTE && b !== BACKSLASH && b !== NEWLINE) {
            // A continuation byte adds no UTF-16 unit; a 4-byte sequence's lead byte adds a second (a surrogate).
            if (b >= 0x80) adjust += b < 0xc0 ? -1 : b >= 0xf0 ? 1 : 0;
            if (++i === n) break;
            b = chunk[i];
          }
          if (i === n) break;
        }
        if (b === NEWLINE) {
          // Not JSON inside a string (JSON.parse of the element says so), but counted: it is a line of the file.
          this.line++;
          this.lineStart = this.chunkOffset + i + 1;
          adjust = 0;
        }
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (this.key) this.endKey();
          continue;
        } else if (b >= 0x80) adjust += b < 0xc0 ? -1 : b >= 0xf0 ? 1 : 0;
        if (this.key && this.key.length <= ITEMS.length) this.key.push(b); // longer keys are not `items`
        continue;
      }
      if (b === 0x20 || b === 0x0d || b === 0x09) {
        // Indentation: kubectl's JSON is indented by 4 spaces a level, a third of a file's bytes.
        while (i + 1 < n && chunk[i + 1] === 0x20) i++;
        continue;
      }
      if (b === NEWLINE) {
        this.line++;
        this.lineStart = this.chunkOffset + i + 1;
        adjust = 0;
        continue;
      }
      if (this.top === 'unknown') this.top = b === OPEN_BRACE ? 'object' : b === OPEN_BRACKET ? 'array' : 'other';
      if (depth === this.streamDepth && depth > 0 && (b === COMMA || b === CLOSE_BRACKET || b === CLOSE_BRACE)) {
        // At the streamed array's own level: a comma ends an element, a closing bracket the array.
        if (runStart < i) this.element.push(chunk.subarray(runStart, i));
        this.save(depth, inString, escaped, adjust, hasContent);
        if (!this.endElement(b, i)) return;
        depth = this.depth;
        hasContent = this.elementHasContent;
        runStart = b === COMMA ? i + 1 : i; // the closing bracket belongs to the skeleton
        continue;
      }
      if (!hasContent && b === OPEN_BRACE && depth === this.streamDepth && depth > 0) {
        const close = this.cutAtClosingLine(chunk, i);
        if (close >= 0) {
          i = close;
          runStart = close + 1;
          hasContent = true;
          adjust = 0; // the closing line is indentation and '}'
          continue;
        }
      }
      hasContent = true;
      if (b === QUOTE) {
        inString = true;
        if (depth === 1 && this.expectKey && this.top === 'object') this.key = [];
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        depth++;
        if (b === OPEN_BRACKET && this.streamDepth === 0 && this.startsStream(depth)) {
          this.addSkeleton(copyOf(chunk, runStart, i + 1)); // the '[' stays in the skeleton: `items: []`
          this.save(depth, inString, escaped, adjust, hasContent);
          if (!this.checkSkeletonSoFar()) return;
          runStart = i + 1;
          this.streamDepth = depth;
          this.beginElement(i + 1);
          hasContent = false;
        } else if (depth === 1 && this.top === 'object') this.expectKey = true;
        this.afterColon = false;
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
      } else if (depth === 1 && this.top === 'object') {
        this.expectKey = b === COMMA;
        this.afterColon = b === COLON;
      }
    }
    this.save(depth, inString, escaped, adjust, hasContent);
    // The rest of the chunk is copied, so that the caller may reuse its buffer (and no chunk is kept alive by a
    // few bytes of it: a file read in parts allocates no buffer per chunk).
    if (runStart < n) {
      if (this.streamDepth > 0) this.element.push(copyOf(chunk, runStart, chunk.length));
      else this.addSkeleton(copyOf(chunk, runStart, chunk.length));
    }
  }

  /**
   * Writes scan's locals back. A method, not a closure made in scan: a new closure per chunk is a new call target,
   * and V8 threw away scan's optimised code at every chunk (188 "wrong call target" deoptimisations for the
   * 1.5 GiB file in --trace-deopt, 4 deoptimisations now; on-stack replacement recovered each quickly, so the
   * CPU time did not measurably change).
   */
  private save(depth: number, inString: boolean, escaped: boolean, adjust: number, hasContent: boolean): void {
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.unitsAdjust = adjust;
    this.elementHasContent = hasContent;
  }

  /**
   * An element that opens with '{' after nothing but spaces on its line, in an indented file such as kubectl's,
   * ends at the first later line holding the same spaces and '}': a JSON string cannot hold a raw line break, so
   * such a line is structure, and in a consistently indented file it closes this element. The cut is checked, not
   * trusted: JSON.parse of the text from '{' to that '}' succeeds only if that brace matches the opening one (a
   * complete JSON text ends at its last byte), and then the value is the element's. Otherwise the element is
   * scanned byte by byte as before. Finding the closing line is a native search for '}' (Buffer's indexOf when
   * load.ts reads a file) instead of a JavaScript step per byte: reading the 1.5 GiB file of bench/NOTES.md took
   * 11.2 s of CPU with every byte scanned, 7.3–7.6 s with its elements cut so. Returns the index of the closing
   * brace in the chunk, or -1.
   */
  private cutAtClosingLine(chunk: Uint8Array, i: number): number {
    if (this.indentMisses >= MAX_INDENT_MISSES || this.noClosingLineIn === this.chunkOffset) return -1;
    const lineAt = this.lineStart - this.chunkOffset;
    const indent = i - lineAt;
    if (lineAt < 0 || indent > MAX_INDENT || !spaces(chunk, lineAt, i)) return -1; // spaces: ASCII, no column adjust
    const close = closingLine(chunk, i, indent);
    if (close < 0) {
      this.noClosingLineIn = this.chunkOffset; // none further on either (at this indentation): scan the chunk's rest
      return -1;
    }
    const text = new TextDecoder().decode(chunk.subarray(i, close + 1));
    try {
      this.pending = JSON.parse(text);
    } catch {
      this.indentMisses++;
      return -1;
    }
    this.pendingText = text;
    this.element = []; // whitespace only, before the '{'
    this.elementStart = { line: this.line, column: indent + 1 };
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.line++;
    this.lineStart = this.chunkOffset + close - indent;
    this.cutAtClosingLines++;
    return close;
  }

  /** Whether an opening bracket just counted starts the array whose elements are streamed. */
  private startsStream(depth: number): boolean {
    if (this.top === 'array') return depth === 1;
    return this.top === 'object' && depth === 2 && this.afterColon && this.lastKey === ITEMS;
  }

  private endKey(): void {
    this.lastKey = this.key!.length === ITEMS.length ? String.fromCharCode(...this.key!) : '';
    this.key = null;
    // A repeated `items` key replaces the earlier value, as in JSON.parse: streamed again if it is an array.
    if (this.lastKey === ITEMS) this.streamed = null;
  }

  private beginElement(i: number): void {
    this.element = [];
    this.pendingText = null;
    this.pending = undefined;
    this.elementHasContent = false;
    this.elementStart = this.placeOf(this.chunkOffset + i);
  }

  /** Ends the element at the separator at chunk index `i`; false after recording a syntax problem. */
  private endElement(separator: number, i: number): boolean {
    const place = this.placeOf(this.chunkOffset + i);
    if (separator === CLOSE_BRACE) {
      // The array closed with a brace: an error inside the element (a bracket of the wrong kind that brought
      // the depth back here) comes first; a complete element leaves the brace itself as the error.
      if (this.elementHasContent && !this.parseElement(separator)) return false;
      return this.fail({ message: "Unexpected token '}'", ...place });
    }
    if (!this.elementHasContent) {
      // `[]` is an empty array; `[,`, `,,` and `,]` are not JSON.
      const emptyArray = separator === CLOSE_BRACKET && !this.afterComma && this.elements.length === 0;
      if (!emptyArray) return this.fail({ message: `Unexpected token '${String.fromCharCode(separator)}'`, ...place });
    } else if (!this.parseElement(separator)) return false;
    this.afterComma = separator === COMMA;
    if (separator === COMMA) {
      this.beginElement(i + 1);
      return true;
    }
    this.streamed = this.elements;
    this.elements = [];
    this.element = [];
    this.depth--;
    this.streamDepth = 0;
    this.afterColon = false;
    this.segments.push({ parts: [], start: place });
    return true;
  }

  /** Parses the element's bytes; `separator`: the byte after them (none at the end of the file). */
  private parseElement(separator?: number): boolean {
    // Invalid UTF-8 becomes U+FFFD, as decodeSnapshotBytes does for a whole file.
    let text = new TextDecoder().decode(concat(this.element));
    this.element = [];
    if (this.pendingText !== null) {
      // Cut at its closing line: what follows the '}' must be whitespace, or the whole is parsed for the error.
      const value = this.pending;
      const cut = this.pendingText;
      this.pendingText = null;
      this.pending = undefined;
      if (JSON_WHITESPACE.test(text)) {
        this.elements.push(this.onElement(value));
        return true;
      }
      text = cut + text;
    }
    try {
      this.elements.push(this.onElement(JSON.parse(text)));
      return true;
    } catch {
      // Placed as in the whole document, where the separator follows: `tr` then `]` is an error at the `t`
      // there, while `tr` alone would be one at its end.
      const context = separator === undefined ? text : text + String.fromCharCode(separator);
      let error: unknown;
      try {
        JSON.parse(context);
      } catch (e) {
        error = e;
      }
      const p = describeJsonError(context, error);
      return this.fail({ message: p.message, ...shift(this.elementStart, p) });
    }
  }

  private fail(p: JsonProblem): false {
    this.problem = p;
    this.pending = undefined;
    this.pendingText = null;
    this.element = [];
    this.elements = [];
    this.segments = [];
    return false;
  }

  private addSkeleton(bytes: Uint8Array): void {
    if (bytes.length > 0) this.segments[this.segments.length - 1].parts.push(bytes);
  }

  /**
   * Whether the skeleton read so far (up to the streamed array's '[') is the valid start of a document: an
   * error before the array is the first one JSON.parse of the whole text reports, before any element's.
   */
  private checkSkeletonSoFar(): boolean {
    const texts = this.segments.map((s) => new TextDecoder().decode(concat(s.parts)));
    const skeleton = texts.join('');
    if (findJsonErrorOffset(skeleton) >= skeleton.length) return true; // valid so far: it only ends early
    try {
      JSON.parse(skeleton);
    } catch (e) {
      return this.fail(this.skeletonProblem(texts, skeleton, e));
    }
    return true;
  }

  /** A skeleton parse failure, placed in the file: a segment after a cut starts where the cut ended. */
  private skeletonProblem(texts: string[], skeleton: string, e: unknown): JsonProblem {
    const p = describeJsonError(skeleton, e);
    const offset = offsetOf(skeleton, p);
    let start = 0;
    let k = 0;
    while (k + 1 < texts.length && start + texts[k].length <= offset) start += texts[k++].length;
    const segment = this.segments[k];
    if (!segment.start) return p; // the first segment is the file's own beginning
    return { message: p.message, ...shift(segment.start, lineColumnAt(texts[k], offset - start)) };
  }

  /** The place of the byte at absolute offset `at`, which must be on the current line. */
  private placeOf(at: number): Place {
    return { line: this.line, column: at - this.lineStart + this.unitsAdjust + 1 };
  }
}

/** A copy of chunk[from, to): Buffer's own slice is a view (Node's Buffer.prototype.slice), Uint8Array's a copy. */
function copyOf(chunk: Uint8Array, from: number, to: number): Uint8Array {
  return Uint8Array.prototype.slice.call(chunk, from, to);
}

/** Whether chunk[from, to) is spaces only. */
function spaces(chunk: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (chunk[k] !== SPACE) return false;
  return true;
}

/** The first '}' after `from` that is alone on its line after `indent` spaces, or -1. */
function closingLine(chunk: Uint8Array, from: number, indent: number): number {
  for (let p = chunk.indexOf(CLOSE_BRACE, from + 1); p >= 0; p = chunk.indexOf(CLOSE_BRACE, p + 1)) {
    const lineAt = p - indent;
    if (lineAt - 1 > from && chunk[lineAt - 1] === NEWLINE && spaces(chunk, lineAt, p)) return p;
  }
  return -1;
}

/** Place `rel`, counted from `start` (its line 1 is start's line), in the file. */
function shift(start: Place, rel: Place): Place {
  return rel.line === 1
    ? { line: start.line, column: start.column + rel.column - 1 }
    : { line: start.line + rel.line - 1, column: rel.column };
}

/** The character offset of a 1-based line and column in text. */
function offsetOf(text: string, p: Place): number {
  let at = 0;
  for (let line = 1; line < p.line; line++) {
    const next = text.indexOf('\n', at);
    if (next < 0) break;
    at = next + 1;
  }
  return at + p.column - 1;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
