// The entries of one part of a YAML list (lib/snapshot/yaml-list.ts) read directly, for the block YAML that
// `kubectl get … -o yaml` writes: the `yaml` package builds a node for every key and scalar before any value exists
// and reads kubectl's YAML at ≈ 2 MB/s: the benchmark's cluster at 10% scale as kubectl writes it (71 MB) took 43 s
// of CPU, 4 s with this reader (≈ 50 MB/s). It covers what kubectl's emitter (go-yaml through sigs.k8s.io/yaml)
// writes, and gives the values the `yaml` package gives with the options every parse here uses (YAML 1.2 core
// schema, merge keys):
// - block mappings and sequences, the sequences indented or not (`key:` then `- …` at the key's column), and
//   sequences in sequences (`- - x`);
// - plain, single- and double-quoted scalars, on one line or folded over several (YAML 1.2.2 §7.3, §6.5);
// - literal block scalars with their chomping and indentation indicators (§8.1.2);
// - the empty flow collections `{}` and `[]`.
// Anything else — comments, anchors, aliases, tags, folded block scalars, flow collections with content, merge keys,
// explicit `? ` keys (go-yaml's for a key over several lines), tabs where they could be indentation, CR line breaks,
// duplicate or non-string keys — makes it give up (null), and the part is parsed by the `yaml` package as before,
// which also reports every error. yaml-fast.test.ts compares the two on kubectl's layouts, on random values and on
// go-yaml's own output. Pure.

/** Thrown inside the reader when the text leaves the subset it reads; never escapes parseYamlEntriesFast. */
const GIVE_UP = Symbol('give up');

function giveUp(): never {
  throw GIVE_UP;
}

/** A part's lines: where each starts and ends (without its line break) and its indentation in spaces. */
interface Lines {
  text: string;
  start: number[];
  end: number[];
  indent: number[];
  /** The next line to read. */
  at: number;
}

/**
 * The values of the block sequence entries `part` holds (every entry a line `- ` at the same column, as
 * yamlListLayout cuts them), as the `yaml` package's toJS gives them; null when the part is not in the subset above.
 */
export function parseYamlEntriesFast(part: string): unknown[] | null {
  if (part.indexOf('\r') >= 0) return null;
  const lines = splitLines(part);
  try {
    const first = nextContent(lines, 0);
    if (first >= lines.start.length) return null;
    const column = lines.indent[first];
    if (!isEntryAt(lines, first, lines.start[first] + column)) return null;
    lines.at = first;
    const value = readSequence(lines, column);
    // Nothing may follow the entries but blank lines.
    if (nextContent(lines, lines.at) < lines.start.length) return null;
    return value;
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

function splitLines(text: string): Lines {
  const start: number[] = [];
  const end: number[] = [];
  const indent: number[] = [];
  for (let at = 0; at < text.length;) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = text.length;
    let k = at;
    while (k < next && text.charCodeAt(k) === 32) k++;
    start.push(at);
    end.push(next);
    indent.push(k - at);
    at = next + 1;
  }
  return { text, start, end, indent, at: 0 };
}

/** Whether line `i` holds nothing but spaces; a comment or a tab where indentation could be gives up. */
function isBlank(lines: Lines, i: number): boolean {
  const k = lines.start[i] + lines.indent[i];
  if (k >= lines.end[i]) return true;
  const c = lines.text.charCodeAt(k);
  if (c === 35 /* # */ || c === 9 /* tab */) giveUp();
  return false;
}

/** The first line from `i` that is not blank (the line count when none is). */
function nextContent(lines: Lines, i: number): number {
  while (i < lines.start.length && isBlank(lines, i)) i++;
  return i;
}

/** `-` at `pos`, followed by a space or the line's end. */
function isEntryAt(lines: Lines, line: number, pos: number): boolean {
  if (lines.text.charCodeAt(pos) !== 45) return false;
  return pos + 1 >= lines.end[line] || lines.text.charCodeAt(pos + 1) === 32;
}

/** The first position from `pos` on the line that is not a space (the line's end when none is). */
function skipSpaces(lines: Lines, line: number, pos: number): number {
  const end = lines.end[line];
  while (pos < end && lines.text.charCodeAt(pos) === 32) pos++;
  if (pos < end && lines.text.charCodeAt(pos) === 9) giveUp();
  return pos;
}

/** A block node starting on line `lines.at`, indented more than its parent's `parentColumn`. */
function readBlockNode(lines: Lines, parentColumn: number): unknown {
  const i = lines.at;
  const column = lines.indent[i];
  if (column <= parentColumn) giveUp();
  const pos = lines.start[i] + column;
  if (isEntryAt(lines, i, pos)) return readSequence(lines, column);
  if (keyAt(lines, i, pos) === null) giveUp(); // a scalar on a line of its own: not kubectl's layout
  return readMapping(lines, column, pos);
}

/**
 * The block sequence whose entries are lines `- ` at `column`, from line `lines.at`; its first `-` at `firstDash`
 * on that line when it is a sequence in a sequence's entry (`- - x`).
 */
function readSequence(lines: Lines, column: number, firstDash = -1): unknown[] {
  const items: unknown[] = [];
  for (let first = firstDash >= 0; ; first = false) {
    const i = first ? lines.at : nextContent(lines, lines.at);
    if (!first && (i >= lines.start.length || lines.indent[i] !== column)) {
      if (i < lines.start.length && lines.indent[i] > column) giveUp();
      break;
    }
    const dash = first ? firstDash : lines.start[i] + column;
    if (!isEntryAt(lines, i, dash)) break; // a key of the mapping around an unindented sequence
    const pos = skipSpaces(lines, i, dash + 1);
    if (pos >= lines.end[i]) {
      // `-` alone: the entry's node is on the lines below it, or it is null.
      lines.at = i + 1;
      const j = nextContent(lines, i + 1);
      if (j < lines.start.length && lines.indent[j] > column) {
        lines.at = j;
        items.push(readBlockNode(lines, column));
      } else items.push(null);
      continue;
    }
    lines.at = i;
    if (isEntryAt(lines, i, pos)) {
      items.push(readSequence(lines, pos - lines.start[i], pos));
      continue;
    }
    // `- key: value`: a mapping whose column is the key's.
    if (keyAt(lines, i, pos) !== null) items.push(readMapping(lines, pos - lines.start[i], pos));
    else items.push(readInlineValue(lines, i, pos, column));
  }
  return items;
}

/** A key at `pos` on line `i`: the key and where its value starts, or null when the line holds no `key:`. */
function keyAt(lines: Lines, i: number, pos: number): { key: string; value: number } | null {
  const { text } = lines;
  const end = lines.end[i];
  const c = text.charCodeAt(pos);
  let key: string;
  let colon: number;
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const close = c === 39 ? singleQuotedEnd(text, pos, end) : doubleQuotedEnd(text, pos, end);
    if (close < 0) return null; // unterminated on this line: a multi-line quoted scalar, not a key
    colon = skipSpaces(lines, i, close + 1);
    if (text.charCodeAt(colon) !== 58 || !(colon + 1 >= end || text.charCodeAt(colon + 1) === 32)) return null;
    key = c === 39 ? readSingleQuoted(lines, i, pos, 0).value : readDoubleQuoted(lines, i, pos, 0).value;
  } else {
    colon = text.indexOf(':', pos);
    while (colon >= 0 && colon < end && !(colon + 1 >= end || text.charCodeAt(colon + 1) === 32))
      colon = text.indexOf(':', colon + 1);
    if (colon < 0 || colon >= end) return null;
    let last = colon;
    while (last > pos && text.charCodeAt(last - 1) === 32) last--;
    key = text.slice(pos, last);
    // A tab before the colon is white space the `yaml` package trims; one inside is left to it too.
    if (!isPlainStart(text, pos, end) || key.includes(' #') || key.includes('\t') || resolvePlain(key) !== key)
      giveUp();
  }
  // The `yaml` package refuses implicit keys over 1,024 characters; `<<` is a merge key; `__proto__` is set
  // differently on a plain object.
  if (colon - pos > 1000 || key === '<<' || key === '__proto__') giveUp();
  return { key, value: skipSpaces(lines, i, colon + 1) };
}

/** The block mapping whose keys are at `column`, its first key at `firstPos` on line `lines.at`. */
function readMapping(lines: Lines, column: number, firstPos: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  let pos = firstPos;
  for (let first = true; ; first = false) {
    let i = lines.at;
    if (!first) {
      i = nextContent(lines, i);
      if (i >= lines.start.length || lines.indent[i] < column) break;
      if (lines.indent[i] > column) giveUp();
      pos = lines.start[i] + column;
      if (isEntryAt(lines, i, pos)) break; // the next entry of the sequence this mapping is in
    }
    const k = keyAt(lines, i, pos);
    if (k === null) giveUp();
    if (Object.prototype.hasOwnProperty.call(map, k.key)) giveUp(); // the `yaml` package's error
    if (k.value < lines.end[i]) {
      map[k.key] = readInlineValue(lines, i, k.value, column);
      continue;
    }
    // `key:` alone: a block node on the lines below, an unindented sequence at the key's column, or null.
    const j = nextContent(lines, i + 1);
    lines.at = i + 1;
    if (j < lines.start.length && lines.indent[j] > column) {
      lines.at = j;
      map[k.key] = readBlockNode(lines, column);
    } else if (j < lines.start.length && lines.indent[j] === column && isEntryAt(lines, j, lines.start[j] + column)) {
      lines.at = j;
      map[k.key] = readSequence(lines, column);
    } else map[k.key] = null;
  }
  return map;
}

/**
 * A value starting at `pos` on line `i` (after `key: ` or `- `) whose parent's column is `column`: a scalar, a
 * literal block scalar or an empty flow collection. Leaves `lines.at` on the line after it.
 */
function readInlineValue(lines: Lines, i: number, pos: number, column: number): unknown {
  const { text } = lines;
  const c = text.charCodeAt(pos);
  if (c === 34 || c === 39) {
    const r = c === 39 ? readSingleQuoted(lines, i, pos, column) : readDoubleQuoted(lines, i, pos, column);
    // Nothing but spaces after the closing quote.
    if (skipSpaces(lines, r.line, r.after) < lines.end[r.line]) giveUp();
    lines.at = r.line + 1;
    return r.value;
  }
  if (c === 124 /* | */) return readLiteral(lines, i, pos, column);
  if (c === 123 /* { */ || c === 91 /* [ */) {
    const close = c === 123 ? 125 : 93;
    if (text.charCodeAt(pos + 1) !== close || skipSpaces(lines, i, pos + 2) < lines.end[i]) giveUp();
    lines.at = i + 1;
    return c === 123 ? {} : [];
  }
  if (!isPlainStart(text, pos, lines.end[i])) giveUp();
  return readPlain(lines, i, pos, column);
}

/**
 * Whether a plain scalar may start at `pos` (YAML 1.2.2 §7.3.3 ns-plain-first): not an indicator, except `-`, `?`
 * and `:` followed by a character.
 */
function isPlainStart(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(pos);
  if (pos >= end) return false;
  switch (c) {
    case 45: // -
    case 63: // ?
    case 58: // :
      // Plain when a character follows (`-a`, `:4244`), an indicator when a space or the line's end does.
      return pos + 1 < end && text.charCodeAt(pos + 1) !== 32 && text.charCodeAt(pos + 1) !== 9;
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 9: // tab
      return false;
    default:
      return true;
  }
}

/** A plain scalar, folded over the lines below that are indented more than `column` (§7.3.3, §6.5). */
function readPlain(lines: Lines, i: number, pos: number, column: number): unknown {
  let value = plainLine(lines, i, pos);
  let line = i + 1;
  let breaks = 0;
  for (; line < lines.start.length; line++) {
    if (isBlank(lines, line)) {
      breaks++;
      continue;
    }
    if (lines.indent[line] <= column) break;
    const piece = plainLine(lines, line, lines.start[line] + lines.indent[line]);
    const p0 = piece.charCodeAt(0);
    if (p0 === 35 || p0 === 9) giveUp();
    value += breaks === 0 ? ' ' + piece : '\n'.repeat(breaks) + piece;
    breaks = 0;
  }
  // Blank lines after the scalar are not part of it.
  lines.at = line;
  return resolvePlain(value);
}

/** One line's piece of a plain scalar, its trailing spaces removed; gives up on what would end or break it. */
function plainLine(lines: Lines, i: number, pos: number): string {
  const { text } = lines;
  let end = lines.end[i];
  while (end > pos && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  const piece = text.slice(pos, end);
  // `: ` or a final `:` is a mapping, ` #` a comment (white space is a space or a tab).
  if (
    text.charCodeAt(end - 1) === 58 ||
    piece.includes(': ') ||
    piece.includes(' #') ||
    (piece.includes('\t') && (piece.includes(':\t') || piece.includes('\t#')))
  )
    giveUp();
  return piece;
}

/** The closing quote of a single-quoted scalar opened at `pos`, on the same line, or -1. */
function singleQuotedEnd(text: string, pos: number, end: number): number {
  for (let k = pos + 1; k < end; k++) {
    if (text.charCodeAt(k) !== 39) continue;
    if (text.charCodeAt(k + 1) === 39 && k + 1 < end) k++;
    else return k;
  }
  return -1;
}

/** The closing quote of a double-quoted scalar opened at `pos`, on the same line, or -1. */
function doubleQuotedEnd(text: string, pos: number, end: number): number {
  for (let k = pos + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 34) return k;
  }
  return -1;
}

interface Quoted {
  value: string;
  /** The line of the closing quote, and the position after it. */
  line: number;
  after: number;
}

/**
 * The line break inside a quoted scalar after line `line` (§7.3.1–2, §6.5): one break folds to a space, each empty
 * line after it is a newline; the next line's leading white space is not content. Continuation lines are indented
 * more than `column`.
 */
function foldBreak(lines: Lines, line: number, column: number): { text: string; line: number; pos: number } {
  let next = line + 1;
  let empties = 0;
  for (; next < lines.start.length; next++) {
    const s = lines.start[next];
    let k = s;
    while (k < lines.end[next] && (lines.text.charCodeAt(k) === 32 || lines.text.charCodeAt(k) === 9)) k++;
    if (k < lines.end[next]) break;
    empties++;
  }
  if (next >= lines.start.length || lines.indent[next] <= column) giveUp(); // unterminated, or not indented
  let pos = lines.start[next];
  while (lines.text.charCodeAt(pos) === 32 || lines.text.charCodeAt(pos) === 9) pos++;
  return { text: empties === 0 ? ' ' : '\n'.repeat(empties), line: next, pos };
}

/** Removes the trailing spaces and tabs of `s` from index `from` on (white space before a line break). */
function trimFrom(s: string, from: number): string {
  let end = s.length;
  while (end > from && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return end === s.length ? s : s.slice(0, end);
}

function readSingleQuoted(lines: Lines, i: number, pos: number, column: number): Quoted {
  const { text } = lines;
  let value = '';
  let line = i;
  let k = pos + 1;
  for (;;) {
    const end = lines.end[line];
    const q = text.indexOf("'", k);
    if (q >= 0 && q < end) {
      value += text.slice(k, q);
      if (text.charCodeAt(q + 1) === 39 && q + 1 < end) {
        value += "'";
        k = q + 2;
        continue;
      }
      return { value, line, after: q + 1 };
    }
    value = trimFrom(value + text.slice(k, end), 0);
    const f = foldBreak(lines, line, column);
    value += f.text;
    line = f.line;
    k = f.pos;
  }
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '\t': '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

function readDoubleQuoted(lines: Lines, i: number, pos: number, column: number): Quoted {
  const { text } = lines;
  let value = '';
  // Where the white space written from the text (not from escapes) at the value's end starts: only that is removed
  // before a line break.
  let keep = 0;
  let line = i;
  let k = pos + 1;
  for (;;) {
    const end = lines.end[line];
    let run = k;
    while (run < end) {
      const c = text.charCodeAt(run);
      if (c === 34 || c === 92) break;
      run++;
    }
    value += text.slice(k, run);
    if (run < end && text.charCodeAt(run) === 34) return { value, line, after: run + 1 };
    if (run < end) {
      // An escape.
      const e = text[run + 1];
      if (run + 1 >= end) {
        // `\` at the line's end: the break is not content, nor is the next line's leading white space.
        const f = foldBreak(lines, line, column);
        line = f.line;
        k = f.pos;
        keep = value.length;
        continue;
      }
      const digits = HEX_DIGITS[e];
      if (digits !== undefined) {
        const hex = text.slice(run + 2, run + 2 + digits);
        if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) giveUp();
        value += String.fromCodePoint(code);
        k = run + 2 + digits;
      } else {
        const ch = ESCAPES[e];
        if (ch === undefined) giveUp();
        value += ch;
        k = run + 2;
      }
      keep = value.length;
      continue;
    }
    // A line break inside the quotes: the white space before it is not content.
    value = trimFrom(value, keep);
    const f = foldBreak(lines, line, column);
    value += f.text;
    keep = value.length;
    line = f.line;
    k = f.pos;
  }
}

/**
 * A literal block scalar whose header `|…` is at `pos` on line `i`, in a node whose parent is at `column`
 * (§8.1.1–8.1.2): its content lines are those indented at least as much as the first non-empty one (or
 * `column` + the indentation indicator). Leaves `lines.at` after its last content line.
 */
function readLiteral(lines: Lines, i: number, pos: number, column: number): string {
  const { text } = lines;
  let k = pos + 1;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  let indicator = 0;
  for (let n = 0; n < 2 && k < lines.end[i]; n++, k++) {
    const c = text.charCodeAt(k);
    if (c === 45 && chomp === 'clip') chomp = 'strip';
    else if (c === 43 && chomp === 'clip') chomp = 'keep';
    else if (c >= 49 && c <= 57 && indicator === 0) indicator = c - 48;
    else break;
  }
  if (skipSpaces(lines, i, k) < lines.end[i]) giveUp(); // a comment or anything else after the header
  let contentIndent = indicator ? column + indicator : -1;
  const pieces: string[] = [];
  let trailing = 0; // empty lines not yet known to be inside the content
  let line = i + 1;
  for (; line < lines.start.length; line++) {
    const s = lines.start[line];
    const e = lines.end[line];
    const spaces = lines.indent[line];
    const empty = s + spaces >= e;
    if (contentIndent < 0) {
      if (empty) {
        trailing++;
        continue;
      }
      if (spaces <= column) break;
      contentIndent = spaces;
      // Leading empty lines longer than the content's indentation are an error in YAML.
      for (let b = i + 1; b < line; b++) if (lines.indent[b] > contentIndent) giveUp();
    }
    if (empty && spaces <= contentIndent) {
      trailing++;
      continue;
    }
    if (spaces < contentIndent) break;
    for (; trailing > 0; trailing--) pieces.push('');
    pieces.push(text.slice(s + contentIndent, e));
  }
  lines.at = line;
  // No content: the empty string, or the kept line breaks of its empty lines.
  if (pieces.length === 0) return chomp === 'keep' ? '\n'.repeat(trailing) : '';
  const body = pieces.join('\n');
  return chomp === 'strip' ? body : chomp === 'clip' ? body + '\n' : body + '\n' + '\n'.repeat(trailing);
}

const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * A plain scalar's value under the YAML 1.2 core schema, in the `yaml` package's order and with its conversions
 * (node_modules/yaml/dist/schema/core/*.js: null, bool, int 0o/decimal/0x, .inf/.nan, float with and without an
 * exponent); anything else is the string itself.
 */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most scalars are names and words. A letter can start only null and the booleans, the whole words of the
  // package's patterns /^(?:~|[Nn]ull|NULL)?$/ and /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, compared here as words;
  // `~` and the empty string only null; a digit, a sign or `.` a number (the patterns below).
  if (s === '') return null;
  switch (c) {
    case 110: // n
    case 78: // N
      return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
    case 116: // t
    case 84: // T
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 102: // f
    case 70: // F
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case 126: // ~
      return s === '~' ? null : s;
  }
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return s;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}
