// A YAML snapshot's list parsed a part at a time. The `yaml` package builds a node for every key and scalar before
// any value exists (≈ 46 bytes of heap per character of kubectl's YAML: lib/snapshot/yaml-size.ts), so the whole
// parse of `kubectl get … -o yaml` of a large cluster did not fit the heap (the benchmark's cluster at 10% scale,
// 81 MB of YAML: 3.7 GiB and 60 s, then refused; in parts 0.7 GiB and 36 s, the yaml package's own pace).
//
// kubectl's layout makes the parts easy to find: one document, a mapping whose `items:` key holds a block sequence,
// each entry a line `- ` at the sequence's column, every other line of the entry more indented. In YAML 1.2.2
// (https://yaml.org/spec/1.2.2/) a block sequence entry's content is indented more than its `-` (§8.2.1), so is a
// block scalar's content (§8.1.1.1) and a flow scalar's continuation lines (§7.3), and a line starting `---` or
// `...` ends any scalar (c-forbidden, §9.1.2). So a line at the sequence's column starting with `- ` starts an entry,
// and a line at column 0 that does not ends the sequence.
//
// Only that layout is cut (or a document that is such a sequence itself), after at most a `---` line; anything else
// — directives, other document markers, a top-level line other than a plain key — leaves the file to the whole parse. The parts are checked, not
// trusted: each part (whole entries, about a set number of characters) must parse with no error or warning into
// exactly its entries, and the document around them into a mapping whose `items` is empty, or the caller parses the
// file whole (its errors then come from the whole parse). Pure.
import { parseAllDocuments } from 'yaml';
import { yamlErrorAt } from './yaml-error-at';
import { parseYamlEntriesFast } from './yaml-fast';

/** Where the entries of a YAML snapshot's list lie in its text. */
export interface YamlListLayout {
  /** Offset of each entry's first line; an entry ends where the next starts, the last at `end`. */
  starts: number[];
  /** Offset just past the sequence: its last entry's last line (with its line break). */
  end: number;
  /** The document is the sequence itself (no `items:` key). */
  topLevel: boolean;
}

/** The layout of a YAML text that is one list, or null when it is not plainly that. O(length). */
export function yamlListLayout(text: string): YamlListLayout | null {
  const scanner = new YamlListScanner();
  const starts: number[] = [];
  let end = -1;
  for (let at = 0; at < text.length;) {
    let next = text.indexOf('\n', at);
    next = next < 0 ? text.length : next + 1;
    const role = scanner.line(text, at, next);
    if (role === null) return null;
    if (role === 'entry') starts.push(at);
    else if (role === 'end') end = at;
    at = next;
  }
  if (scanner.inList) end = text.length;
  if (starts.length === 0) return null;
  return { starts, end, topLevel: scanner.topLevel };
}

/**
 * What a line is in a YAML list's layout: the first line of an entry, a line inside the current entry, a line of
 * the document around the list, the first line after the list (which is around it too), or null when the text is
 * not plainly one list. yamlListLayout asks it of every line of a text, yaml-list-reader.ts of every line of a file
 * read a chunk at a time.
 */
export type YamlLineRole = 'entry' | 'inside' | 'around' | 'end' | null;

/** Tells the role of each line of a YAML text, given in order (see yamlListLayout above for the layout). */
export class YamlListScanner {
  /** The sequence's column, once its first entry is found. */
  private column = -1;
  private state: 'top' | 'afterKey' | 'entries' | 'done' = 'top';
  private sawKey = false;
  private leadingMarker = false;
  private sawEntry = false;
  /** The document is the sequence itself (no `items:` key). */
  topLevel = false;

  /** Whether the last line given was inside the list (its end is then the text's). */
  get inList(): boolean {
    return this.state === 'entries';
  }

  /** The role of the line from `at` to `next` (just past its line break, or the text's end). */
  line(text: string, at: number, next: number): YamlLineRole {
    // Inside the list most lines are indented past its column: told by its first column + 1 characters alone.
    if (this.state === 'entries' && at + this.column < next - 1) {
      let k = at;
      while (k <= at + this.column && text.charCodeAt(k) === 32) k++;
      if (k > at + this.column) return 'inside';
    }
    let k = at;
    while (k < next && text.charCodeAt(k) === 32) k++;
    const c = text.charCodeAt(k); // NaN at the end of the text
    const blank = k >= next || c === 10 || c === 13 || c === 35; /* '#' */
    const indent = k - at;
    let role: YamlLineRole = 'around';
    if (this.state === 'entries') {
      if (blank || indent > this.column) return 'inside';
      if (indent === this.column && isEntry(text, k)) return 'entry';
      if (indent !== 0 || this.topLevel) return null;
      this.state = 'done';
      role = 'end';
      // falls through to the top-level line below
    }
    if (blank) return role;
    // A document start marker alone on the first line (`yq` and Helm write one) opens the one document; any other
    // marker or directive means several documents.
    if (indent === 0 && isMarker(text, at)) {
      if (this.leadingMarker || this.sawKey || this.sawEntry || text.slice(at, next).trim() !== '---') return null;
      this.leadingMarker = true;
      return role;
    }
    if (this.state === 'afterKey') {
      if (!isEntry(text, k)) return null; // `items:` holding something else
      this.column = indent;
      this.state = 'entries';
      this.sawEntry = true;
      return 'entry';
    }
    if (indent > 0) {
      if (!this.sawKey) return null; // an indented first line
    } else if (isEntry(text, k)) {
      if (this.sawKey) return null;
      this.topLevel = true;
      this.column = 0;
      this.state = 'entries';
      this.sawEntry = true;
      return 'entry';
    } else {
      if (!isPlainKeyStart(c)) return null;
      this.sawKey = true;
      if (isItemsKey(text, at, next)) {
        if (this.state === 'done') return null; // a second `items`: the whole parse reports it
        this.state = 'afterKey';
      }
    }
    return role;
  }
}

/** `-` followed by a space or the line's end. */
function isEntry(text: string, k: number): boolean {
  if (text.charCodeAt(k) !== 45) return false;
  const n = text.charCodeAt(k + 1);
  return n === 32 || n === 10 || n === 13 || Number.isNaN(n);
}

/** `%…`, `---` or `...` at a line's start. */
export function isMarker(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 37) return true;
  if (!text.startsWith('---', at) && !text.startsWith('...', at)) return false;
  const n = text.charCodeAt(at + 3);
  return n === 32 || n === 9 || n === 10 || n === 13 || Number.isNaN(n);
}

/** A letter, digit or `_` (what kubectl's keys start with); anything else is left to the whole parse. */
function isPlainKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `items:` with nothing after it but spaces and a comment. */
function isItemsKey(text: string, at: number, next: number): boolean {
  if (!text.startsWith('items:', at)) return false;
  const rest = text.slice(at + 6, next).trim();
  return rest === '' || rest.startsWith('#');
}

/** The options of every YAML parse: the parts here and parse.ts's whole parse. */
export const YAML_OPTIONS = { prettyErrors: false, merge: true } as const;

/** What parsing a list in parts gave: the document's value, or where a part did not parse cleanly and why. */
export type YamlListResult = { value: unknown; contentsAt: number } | { failedAt: number; message: string };

/**
 * The document's value, its list parsed in parts of about `partChars` characters (whole entries), each entry
 * passed through `onEntry` as it is parsed; a step after each part (a server answers other requests there), when
 * `onParsed` hears the characters parsed. `contentsAt`: where the document's contents start (the whole parse's
 * place for warnings).
 */
export function* parseYamlList(
  text: string,
  layout: YamlListLayout,
  onEntry: (value: unknown) => unknown,
  partChars: number,
  onParsed?: (chars: number, total: number) => void,
): Generator<void, YamlListResult, void> {
  const items: unknown[] = [];
  const { starts, end } = layout;
  for (let i = 0; i < starts.length;) {
    let j = i + 1;
    while (j < starts.length && starts[j] - starts[i] < partChars) j++;
    const to = j < starts.length ? starts[j] : end;
    const part = parseYamlPart(text.slice(starts[i], to), starts[i]);
    if ('failedAt' in part) return part;
    if (!Array.isArray(part.value) || part.value.length !== j - i)
      return { failedAt: starts[i], message: 'its entries did not parse as a list on their own' };
    for (const v of part.value) items.push(onEntry(v));
    onParsed?.(to, text.length);
    yield;
    i = j;
  }
  if (layout.topLevel) return { value: items, contentsAt: starts[0] };
  // The rest of the document, with the entries cut out: the `items:` key is then null, and every offset before the
  // first entry (the contents' start among them) is the whole text's.
  const rest = parseClean(text.slice(0, starts[0]) + text.slice(end), 0);
  if ('failedAt' in rest)
    return rest.failedAt < starts[0] ? rest : { ...rest, failedAt: rest.failedAt + (end - starts[0]) };
  const top = rest.value as Record<string, unknown> | null;
  if (top === null || typeof top !== 'object' || Array.isArray(top) || top.items !== null)
    return { failedAt: 0, message: 'the document around its items did not parse as a mapping with them' };
  top.items = items;
  return { value: top, contentsAt: rest.contentsAt };
}

/**
 * The value of a part of a list (whole entries, as yamlListLayout cuts them): kubectl's block YAML read directly
 * (yaml-fast.ts, ≈ 25× the `yaml` package's pace), anything else by the `yaml` package (parseClean). `at`: the part's
 * offset in the text.
 */
export function parseYamlPart(
  part: string,
  at: number,
): { value: unknown; contentsAt?: number } | { failedAt: number; message: string } {
  const fast = parseYamlEntriesFast(part);
  return fast ? { value: fast } : parseClean(part, at);
}

/** One document's value when `part` parses as one with no error or warning; `at`: the part's offset in the text. */
export function parseClean(
  part: string,
  at: number,
): { value: unknown; contentsAt: number } | { failedAt: number; message: string } {
  const docs = parseAllDocuments(part, YAML_OPTIONS);
  if (!Array.isArray(docs) || docs.length !== 1)
    return { failedAt: at, message: 'it did not parse as one document on its own' };
  const doc = docs[0];
  if (doc.errors.length > 0) {
    const e = yamlErrorAt(doc, doc.errors[0]);
    return { failedAt: at + e.offset, message: e.message };
  }
  const warning = doc.warnings[0];
  if (warning) return { failedAt: at + warning.pos[0], message: warning.message };
  try {
    return { value: doc.toJS(), contentsAt: at + (doc.contents?.range?.[0] ?? doc.range[0]) };
  } catch (e) {
    // An alias whose anchor is in another part (or an alias bomb): the whole parse decides.
    return { failedAt: at, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Where to cut a YAML stream of several documents into parts of about `partChars` characters: before lines `---`
 * at column 0, which start a document (§9.2) and end any scalar (c-forbidden, §9.1.2). An alias names an anchor of
 * its own document (§7.1), so each part parses as the whole stream would. Null when there is nothing to cut
 * or a directive (`%`, which belongs to the document after it) could be separated from its document. O(length).
 */
export function yamlDocumentCuts(text: string, partChars: number): number[] | null {
  if (/^%/m.test(text)) return null;
  const cuts: number[] = [];
  let last = 0;
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index - last < partChars) continue;
    cuts.push(m.index);
    last = m.index;
  }
  return cuts.length ? cuts : null;
}
