import { describe, expect, it } from 'vitest';
import { formatIssue } from './format';
import { parseSnapshotText } from './parse';

describe('formatIssue', () => {
  it('formats JSON positions as file:line:column', () => {
    expect(formatIssue({ file: 'snap.json', line: 12, column: 5, message: 'Unexpected end of JSON input' })).toBe(
      'snap.json:12:5: Unexpected end of JSON input',
    );
    expect(formatIssue({ file: 'snap.json', line: 12, message: 'x' })).toBe('snap.json:12: x');
  });

  it('formats YAML documents with their number and line', () => {
    expect(
      formatIssue({ file: 'cluster.yaml', document: 3, line: 40, column: 7, message: 'Map keys must be unique' }),
    ).toBe('cluster.yaml (document 3, line 40): Map keys must be unique');
    expect(formatIssue({ file: 'c.yaml', document: 2, line: 4, object: 'items[1]', message: 'm' })).toBe(
      'c.yaml (document 2, line 4, items[1]): m',
    );
  });

  it('formats object-level and file-level issues', () => {
    expect(formatIssue({ file: 'a.json', object: 'items[0]', message: 'object has no kind; skipped' })).toBe(
      'a.json (items[0]): object has no kind; skipped',
    );
    expect(formatIssue({ file: 'e.json', message: 'file is empty' })).toBe('e.json: file is empty');
  });

  it('does not repeat a file name the message already contains', () => {
    expect(formatIssue({ file: 'missing.json', message: 'cannot read missing.json: no such file or directory' })).toBe(
      'cannot read missing.json: no such file or directory',
    );
  });

  it('formats a real parse error', () => {
    const [e] = parseSnapshotText('{\n  "items": [\n    {"kind": "Pod"', 'snap.json').errors;
    expect(formatIssue(e)).toBe("snap.json:3:19: Expected ',' or '}' after property value");
  });
});
