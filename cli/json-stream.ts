// `analyze --json` written piece by piece: the same text as JSON.stringify(value, null, 2), but the
// top-level arrays (services, findings, warnings) are serialised one element at a time, so no string
// ever holds the whole output. At Kubernetes' scale limits the output is hundreds of MB, past V8's
// maximum string length (2^29 characters) when pods back two Services.

/** Pieces of JSON.stringify(value, null, 2) for a plain object; each top-level array is split per element. */
export function* jsonChunks(value: object): Generator<string> {
  const keys = Object.keys(value).filter((k) => isSerialisable((value as Record<string, unknown>)[k]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]];
    yield `\n  ${JSON.stringify(keys[i])}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield '[';
      for (let j = 0; j < v.length; j++) {
        yield `${j ? ',' : ''}\n    ${indent(JSON.stringify(v[j] ?? null, null, 2), '    ')}`;
      }
      yield '\n  ]';
    } else {
      yield indent(JSON.stringify(v, null, 2), '  ');
    }
    if (i < keys.length - 1) yield ',';
  }
  yield '\n}';
}

/** JSON.stringify leaves out undefined, functions and symbols as object members. */
const isSerialisable = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/** Indents every line after the first (JSON strings never contain a raw newline). */
const indent = (text: string, by: string) => (text.includes('\n') ? text.replace(/\n/g, `\n${by}`) : text);

/** Where chunks go; may return a promise to apply backpressure. */
export type ChunkSink = (chunk: string) => void | Promise<void>;

/** Writes `chunks` to `sink` in batches of about `batchChars` characters (fewer, larger writes). */
export async function writeChunks(chunks: Iterable<string>, sink: ChunkSink, batchChars = 1 << 20): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  for (const c of chunks) {
    batch.push(c);
    size += c.length;
    if (size >= batchChars) {
      await sink(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (batch.length) await sink(batch.join(''));
}
