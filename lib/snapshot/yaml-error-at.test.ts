import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseSnapshotText } from './parse';
import { parseClean, YAML_OPTIONS } from './yaml-list';
import { yamlErrorAt } from './yaml-error-at';

// A list of seven lines, ending in a line break, whose fifth line opens a quote that is never closed.
const UNCLOSED = [
  'apiVersion: v1',
  'items:',
  '- kind: Pod',
  '  metadata:',
  '    name: "unterminated',
  '- kind: Node',
  'kind: List',
  '',
].join('\n');

describe('yamlErrorAt', () => {
  it('points an unclosed double quote at the quote, not past the last line', () => {
    const doc = parseAllDocuments(UNCLOSED, YAML_OPTIONS)[0];
    // Where the yaml package itself puts it: the end of the text, line 8 of a 7-line file.
    expect(doc.errors[0].pos[0]).toBe(UNCLOSED.length);
    const e = yamlErrorAt(doc, doc.errors[0]);
    expect(e.offset).toBe(UNCLOSED.indexOf('"unterminated'));
    expect(e.message).toBe('Missing closing "quote: the quoted value that starts on this line is never closed');
  });

  it('points an unclosed single quote at the quote', () => {
    const text = "kind: Pod\nmetadata:\n  name: 'a\n  namespace: b\n";
    const doc = parseAllDocuments(text, YAML_OPTIONS)[0];
    expect(yamlErrorAt(doc, doc.errors[0]).offset).toBe(text.indexOf("'a"));
  });

  it('keeps the position and message of any other error', () => {
    const text = 'items:\n- a: [1, 2\nkind: List\n';
    const doc = parseAllDocuments(text, YAML_OPTIONS)[0];
    expect(doc.errors[0].code).not.toBe('MISSING_CHAR');
    expect(yamlErrorAt(doc, doc.errors[0])).toEqual({ offset: doc.errors[0].pos[0], message: doc.errors[0].message });
  });
});

describe('an unclosed quote, as a user sees it', () => {
  it('the whole parse reports the line of the quote', () => {
    const s = parseSnapshotText(UNCLOSED, 'bad.yaml');
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ file: 'bad.yaml', document: 1, line: 5, column: 11 });
    expect(s.errors[0].message).toMatch(
      /^Missing closing "quote: the quoted value that starts on this line is never closed/,
    );
  });

  it('in the second document of a stream, the line in the file', () => {
    const text = `kind: Node\nmetadata:\n  name: n1\n---\n${UNCLOSED}`;
    const s = parseSnapshotText(text, 'two.yaml');
    expect(s.errors[0]).toMatchObject({ document: 2, line: 9 });
  });

  it('a part parsed on its own reports the quote', () => {
    const failed = parseClean(UNCLOSED, 100);
    expect(failed).toMatchObject({ failedAt: 100 + UNCLOSED.indexOf('"unterminated') });
  });
});
