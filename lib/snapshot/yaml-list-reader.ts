// A YAML list read a chunk of UTF-8 bytes at a time, for files too large to be one string: `kubectl get … -o yaml`
// of a cluster at Kubernetes' scale limits is ≈ 0.7–1.5 GB, past V8's longest string (2^29 − 24 UTF-16 units), so
// such a file could only be refused before. Its lines are given their role by the layout yaml-list.ts cuts whole
// texts by (YamlListScanner: an entry starts at a line `- ` at the list's column), its entries are parsed a part of
// about YAML_PART_CHARS at a time as each part ends (yaml-fast.ts for kubectl's block YAML, the `yaml` package
// otherwise: parseYamlPart), and the document around the list (`apiVersion`, `kind`, `metadata`) is parsed once at
// the end, its `items` then holding the entries. Only such a list is read; anything else is an error at its line.
// Pure (no node: imports).
import type { JsonReadResult } from './json-list-reader';
import { lineColumnAt } from './json-error';
import { YAML_PART_CHARS } from './parse';
import { isMarker, parseClean, parseYamlPart, YamlListScanner } from './yaml-list';

/**
 * Most characters of the document around the list (kubectl writes a few lines): it is parsed whole by the `yaml`
 * package at the end, at ≈ 46 bytes of heap a character (yaml-size.ts).
 */
const MAX_AROUND_CHARS = 4 * 1024 * 1024;

/** What the file must be, said with every layout error. */
const KUBECTL_LIST =
  'a YAML file this large is read a part at a time, and must be one list as `kubectl get … -o yaml` writes it';

/**
 * Reads one YAML list from UTF-8 chunks: `push` each chunk in order, then `end`, which gives the same result type as
 * JsonListReader (the document's value, or its first problem with its line). Besides the values, only the part being
 * read and the lines around the list are held.
 */
export class YamlListReader {
  private readonly decoder = new TextDecoder();
  private readonly scanner = new YamlListScanner();
  /** Text not yet parsed: the open part's lines read so far, then any lines not yet scanned. */
  private pending = '';
  /** Where the lines not yet scanned start in `pending`. */
  private scanFrom = 0;
  /** Whether `pending` starts with an open part (entries not yet parsed). */
  private partOpen = false;
  private partEntries = 0;
  /** The 1-based line of the open part's first line. */
  private partLine = 0;
  /** Lines scanned so far. */
  private lines = 0;
  /** The document's lines around the list. */
  private readonly around: string[] = [];
  private readonly values: unknown[] = [];
  private problem: { message: string; line: number; column: number } | null = null;
  /** Whether an `items:` list was found. */
  private sawList = false;
  /** The file's line of each line around the list, in order. */
  private readonly aroundLines: number[] = [];
  private aroundChars = 0;

  /**
   * `onEntry`: applied to each entry as it is parsed (load.ts drops unread pod and node fields). `partChars`: the
   * size of a part, in characters (whole entries).
   */
  constructor(
    private readonly onEntry: (value: unknown) => unknown = (v) => v,
    private readonly partChars = YAML_PART_CHARS,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.problem) return;
    this.scan(this.pending + this.decoder.decode(chunk, { stream: true }), false);
  }

  end(): JsonReadResult {
    if (!this.problem) this.scan(this.pending + this.decoder.decode(), true);
    if (!this.problem && this.partOpen) this.flush(this.pending);
    if (this.problem) return { error: this.problem };
    if (this.lines === 0 || (!this.scanner.topLevel && !this.sawList))
      return { error: { message: `${KUBECTL_LIST}: it holds no list`, line: 1, column: 1 } };
    if (this.scanner.topLevel) return { value: this.values };
    const rest = parseClean(this.around.join(''), 0);
    if ('failedAt' in rest) {
      // Offsets in the text around the list: its lines are the file's lines before and after it.
      const place = lineColumnAt(this.around.join(''), rest.failedAt);
      return { error: { message: rest.message, line: this.aroundLine(place.line), column: place.column } };
    }
    const top = rest.value as Record<string, unknown> | null;
    if (top === null || typeof top !== 'object' || Array.isArray(top) || top.items !== null)
      return {
        error: { message: `${KUBECTL_LIST}: the document around its items is not a mapping`, line: 1, column: 1 },
      };
    top.items = this.values;
    return { value: top };
  }

  /** The file's line of the `n`-th (1-based) line around the list. */
  private aroundLine(n: number): number {
    return this.aroundLines[Math.min(n, this.aroundLines.length) - 1] ?? 1;
  }

  /** Scans the complete lines of `text` (and its last line too at the end), parsing each part as it ends. */
  private scan(text: string, last: boolean): void {
    let partFrom = this.partOpen ? 0 : -1;
    let at = this.scanFrom;
    while (at < text.length && !this.problem) {
      let next = text.indexOf('\n', at);
      if (next < 0) {
        if (!last) break;
        next = text.length;
      } else next++;
      const role = this.scanner.line(text, at, next);
      this.lines++;
      if (role === null) {
        this.problem = {
          message: `${KUBECTL_LIST}: line ${this.lines} is not where such a list has it${isMarker(text, at) ? ' (a second document: write each `kubectl get` to a file of its own, or use `-o json`)' : ''}`,
          line: this.lines,
          column: 1,
        };
        return;
      }
      if (role === 'entry') {
        this.sawList = true;
        if (partFrom >= 0 && at - partFrom >= this.partChars) {
          this.flush(text.slice(partFrom, at));
          partFrom = -1;
        }
        if (partFrom < 0) {
          partFrom = at;
          this.partLine = this.lines;
          this.partEntries = 0;
        }
        this.partEntries++;
      } else if (role === 'end' || role === 'around') {
        if (role === 'end' && partFrom >= 0) {
          this.flush(text.slice(partFrom, at));
          partFrom = -1;
        }
        this.around.push(text.slice(at, next));
        this.aroundLines.push(this.lines);
        this.aroundChars += next - at;
        if (this.aroundChars > MAX_AROUND_CHARS) {
          const message = `${KUBECTL_LIST}: more than ${MAX_AROUND_CHARS / 2 ** 20} MiB of it is outside the list`;
          this.problem = { message, line: this.lines, column: 1 };
          return;
        }
      }
      at = next;
    }
    // Keep the open part and the lines not scanned yet (a part is a few hundred KB: the rest of the chunk is dropped).
    this.partOpen = partFrom >= 0;
    const keepFrom = this.partOpen ? partFrom : at;
    this.pending = text.slice(keepFrom);
    this.scanFrom = at - keepFrom;
  }

  /** Parses one part (whole entries) and keeps its values; a problem stops the reading. */
  private flush(part: string): void {
    if (this.problem) return;
    const parsed = parseYamlPart(part, 0);
    if ('failedAt' in parsed) {
      const place = lineColumnAt(part, parsed.failedAt);
      this.problem = { message: parsed.message, line: this.partLine + place.line - 1, column: place.column };
      return;
    }
    if (!Array.isArray(parsed.value) || parsed.value.length !== this.partEntries) {
      this.problem = {
        message: `${KUBECTL_LIST}: the entries from line ${this.partLine} did not parse as a list on their own`,
        line: this.partLine,
        column: 1,
      };
      return;
    }
    for (const v of parsed.value) this.values.push(this.onEntry(v));
  }
}
