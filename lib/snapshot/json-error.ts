// Turns a JSON.parse failure into a short message plus a 1-based line:column. Pure (browser-safe).

/** A JSON syntax problem with its location in the text. */
export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

/** 1-based line and column (UTF-16 units) of a character offset in text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * lineColumnAt for many offsets of one text, mostly rising (a YAML stream's documents, in order): each call counts
 * lines on from the last offset asked, from the start only when it goes back. O(length) for rising offsets, where
 * lineColumnAt for every document was quadratic (8,000 documents of 450 bytes: 3.4 s).
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  let at = 0; // offsets before `at` are counted: `line` lines, the last starting at `lineStart`
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    const end = Math.max(0, Math.min(offset, text.length));
    if (end < at) [at, line, lineStart] = [0, 1, 0];
    for (let i = text.indexOf('\n', at); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    at = end;
    return { line, column: end - lineStart + 1 };
  };
}

/** Describes why JSON.parse(text) failed: cleaned engine message and where. */
export function describeJsonError(text: string, error: unknown): JsonProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const message = cleanMessage(raw);
  // Firefox: "... at line 3 column 7 of the JSON data".
  const lc = /at line (\d+) column (\d+)/.exec(raw);
  if (lc) return { message, line: Number(lc[1]), column: Number(lc[2]) };
  // V8 (Node 20, Chrome): "... in JSON at position 123" (sometimes followed by " (line 4 column 2)").
  const pos = /at position (\d+)/.exec(raw);
  const offset = pos
    ? Number(pos[1])
    : /end of (JSON )?(input|data)|EOF/i.test(raw)
      ? text.trimEnd().length
      : findJsonErrorOffset(text);
  return { message, ...lineColumnAt(text, offset) };
}

/** Strips position and echoed-source suffixes that engines append to JSON errors. */
function cleanMessage(raw: string): string {
  let m = raw.replace(/^JSON\.parse: /, '');
  m = m.replace(/,\s*(\.\.\.)?"[\s\S]*"(\.\.\.)?\s*is not valid JSON\s*$/, '');
  m = m.replace(/\s*(in JSON )?at position \d+(\s*\(line \d+ column \d+\))?\s*$/, '');
  m = m.replace(/\s*at line \d+ column \d+ of the JSON data\s*$/, '');
  return m.trim() || 'invalid JSON';
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset of the first syntax error in text under strict JSON rules; text.length if it ends early. */
export function findJsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < n; i++) {
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
      }
    }
    return false;
  };
  const key = (): boolean => {
    if (!string()) return false;
    skipWs();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  for (;;) {
    skipWs();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skipWs();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c);
        if (c === '{' && !key()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return i;
      i = NUMBER.lastIndex;
    }
    // After a value: close containers or continue with the next element.
    for (;;) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === undefined) return i; // valid text returns its length; trailing garbage returns its offset
      if (text[i] === ',') {
        i++;
        skipWs();
        if (top === '{' && !key()) return i;
        break;
      }
      if (text[i] !== (top === '{' ? '}' : ']')) return i;
      i++;
      stack.pop();
    }
  }
}
