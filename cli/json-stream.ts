import { escapeJsonBytes } from './escape';

// `analyze --json` written piece by piece: the same text as JSON.stringify(value, null, 2) (at a terminal,
// or with --pretty) or JSON.stringify(value) (to a file or a pipe: half the bytes), but the top-level
// arrays (services, findings, warnings) are serialised a bounded batch of elements at a time, so no string
// ever holds the whole output. At Kubernetes' scale limits the output is hundreds of MB, past V8's
// maximum string length (2^29 characters) when pods back two Services.

/** What JSON.stringify({ x: [a, b] }, null, 2) puts around `\n    a,\n    b`: the elements at the right indent. */
const ARRAY_HEAD = '{\n  "x": ['.length;
const ARRAY_TAIL = '\n  ]\n}'.length;
/** Around a member value: `{\n  "x": ` … `\n}` (the value indented as a top-level member is). */
const VALUE_HEAD = '{\n  "x": '.length;
const VALUE_TAIL = '\n}'.length;
/** Elements serialised per batch at most (the batch grows towards `targetChars` characters). */
const MAX_BATCH = 1024;

/** How jsonChunks writes: 2-space indentation (for a person at a terminal) or none (for programs and files). */
export interface JsonLayout {
  indent: boolean;
  /** The size a batch of array elements aims at, in characters. */
  targetChars?: number;
}

/**
 * Pieces of JSON.stringify(value, null, 2) — or JSON.stringify(value) with `indent: false` — for a plain
 * object; each top-level array is serialised a batch of elements at a time, batches sized to about
 * `targetChars` characters. Each piece comes straight out of JSON.stringify (indented: wrapped in an
 * object, so that its indentation is already that of the whole document; no re-indenting pass over
 * hundreds of MB).
 */
export function* jsonChunks(value: object, layout: JsonLayout): Generator<string> {
  const { indent } = layout;
  const targetChars = layout.targetChars ?? 1 << 15;
  const keys = Object.keys(value).filter((k) => isSerialisable((value as Record<string, unknown>)[k]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]];
    yield indent ? `\n  ${JSON.stringify(keys[i])}: ` : `${JSON.stringify(keys[i])}:`;
    if (v instanceof SerialisedArray) {
      if (v.indent !== indent) throw new Error('a SerialisedArray written with another layout than it was built for');
      if (v.length === 0) yield '[]';
      else {
        yield '[';
        yield* v.pieces();
        yield indent ? '\n  ]' : ']';
      }
    } else if (Array.isArray(v) && v.length > 0) {
      yield '[';
      let batch = 1;
      for (let j = 0; j < v.length;) {
        const end = Math.min(v.length, j + batch);
        const elements = elementsText(v.slice(j, end), indent);
        if (j > 0) yield ',';
        yield elements;
        // Proportional: the next batch aims at targetChars from this one's size per element.
        const perElement = Math.max(1, elements.length / (end - j));
        batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(targetChars / perElement)));
        j = end;
      }
      yield indent ? '\n  ]' : ']';
    } else if (indent) {
      const text = JSON.stringify({ x: v }, null, 2);
      yield text.slice(VALUE_HEAD, text.length - VALUE_TAIL);
    } else {
      yield JSON.stringify(v);
    }
    if (i < keys.length - 1) yield ',';
  }
  yield indent ? '\n}' : '}';
}

/**
 * A top-level array of the document serialised element by element as the elements arrive — each exactly as
 * jsonChunks would write it — and kept as text in strings of about `pieceChars` characters, which V8 allocates
 * outside the young generation. `analyze --json` hands each Service's analysis here and drops it: keeping
 * 10,000 analyses alive until the summary is known had every scavenge of the analysis copy the newest ones
 * (≈ 0.2 s of the garbage collector's main-thread time at Kubernetes' scale limits). jsonChunks writes the
 * text where the array goes.
 */
export class SerialisedArray {
  private readonly done: string[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  /** How many elements were added. */
  length = 0;

  /** `pieceChars`: at most a third of writeJsonBytes' buffer, so that each piece is encoded into it. */
  constructor(
    readonly indent: boolean,
    private readonly pieceChars = 1 << 18,
  ) {}

  /**
   * Adds an element (serialised now: later changes to it are not seen). `text`: the element's JSON when the
   * caller has it, exactly what elementsText would write for it, as one string or in fragments to be written
   * one after another (cli/service-json.ts): they are joined once, with the rest of their piece.
   */
  push(value: unknown, text: string | readonly string[] = elementsText([value], this.indent)): void {
    if (this.pending.length > 0) this.pending.push(',');
    if (typeof text === 'string') {
      this.pending.push(text);
      this.pendingChars += text.length + 1;
    } else {
      if (text.length === 0) this.pending.push(''); // still an element, as '' is
      for (const t of text) {
        this.pending.push(t);
        this.pendingChars += t.length;
      }
      this.pendingChars += 1;
    }
    this.length++;
    if (this.pendingChars >= this.pieceChars) this.flush();
  }

  /** The elements' text, comma-separated, in pieces (what goes between the array's brackets). */
  *pieces(): Generator<string> {
    this.flush();
    for (let i = 0; i < this.done.length; i++) {
      // The comma apart: `,${piece}` would be a new string of the piece's length to flatten before encoding.
      if (i > 0) yield ',';
      yield this.done[i];
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.done.push(this.pending.join('')); // the commas between elements are entries of their own
    this.pending = [];
    this.pendingChars = 0;
  }
}

/**
 * Array elements as they sit in a top-level member of the document: `a,b`, or indented `\n    a,\n    b`
 * (undefined, functions and symbols become null, as in any array).
 */
function elementsText(elements: unknown[], indent: boolean): string {
  if (!indent) return JSON.stringify(elements).slice(1, -1);
  const text = JSON.stringify({ x: elements }, null, 2);
  return text.slice(ARRAY_HEAD, text.length - ARRAY_TAIL);
}

/** JSON.stringify leaves out undefined, functions and symbols as object members. */
const isSerialisable = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/**
 * Where encoded output goes: a view of a buffer that is reused once the sink returns (or its promise
 * settles), so the sink writes or copies the bytes before that. `false`: the destination has gone (a reader
 * that stopped early, `| head`), so nothing more needs serialising.
 */
export type ByteSink = (bytes: Uint8Array) => void | boolean | Promise<void | boolean>;

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Writes `chunks` as UTF-8 with the C1 controls and DEL escaped (escapeJsonBytes), encoded into one
 * reused buffer of `bufferBytes` that goes to `sink` each time it is full: one encoding pass and no fresh
 * memory per write (a new string or Buffer per MB of output cost page faults for all 300+ MB of it).
 * Stops taking chunks once the sink answers `false`.
 */
export function writeJsonBytes(chunks: Iterable<string>, sink: ByteSink, bufferBytes = 1 << 20): Promise<void> {
  return writeEncoded(chunks, sink, bufferBytes, escapeJsonBytes);
}

/**
 * writeJsonBytes for text already made safe for a terminal (the report escapes every control character it
 * prints): the same buffered UTF-8 encoding, nothing escaped.
 */
export function writeTextBytes(chunks: Iterable<string>, sink: ByteSink, bufferBytes = 1 << 20): Promise<void> {
  return writeEncoded(chunks, sink, bufferBytes, (bytes) => bytes);
}

/** Encodes `chunks` into one reused buffer, each full buffer passed through `finish` to `sink`. */
async function writeEncoded(
  chunks: Iterable<string>,
  sink: ByteSink,
  bufferBytes: number,
  finish: (bytes: Uint8Array) => Uint8Array,
): Promise<void> {
  const buf = Buffer.allocUnsafe(bufferBytes);
  let used = 0;
  for (const c of chunks) {
    if (used + c.length * MAX_UTF8_PER_UNIT > bufferBytes) {
      if (used > 0 && (await sink(finish(buf.subarray(0, used)))) === false) return;
      used = 0;
      if (c.length * MAX_UTF8_PER_UNIT > bufferBytes) {
        // A chunk larger than the buffer (rare): encoded on its own.
        if ((await sink(finish(Buffer.from(c, 'utf8')))) === false) return;
        continue;
      }
    }
    used += buf.write(c, used);
  }
  if (used > 0) await sink(finish(buf.subarray(0, used)));
}
