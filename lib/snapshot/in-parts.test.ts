import { describe, expect, it } from 'vitest';
import { INDENTED_IN_PARTS_BYTES, notReadableInParts, readsInParts, snapshotListReader } from './in-parts';

const bytes = (s: string) => new TextEncoder().encode(s);
const list = { apiVersion: 'v1', kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'a' } }] };
const utf16 = (s: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));

describe('readsInParts', () => {
  const big = INDENTED_IN_PARTS_BYTES + 1;
  const whole = 500 * 1024 * 1024;

  it('reads any file larger than one text in parts', () => {
    expect(readsInParts(bytes(JSON.stringify(list)), whole + 1, whole)).toBe(true);
  });

  it('reads indented JSON (kubectl, jq, tabs) over INDENTED_IN_PARTS_BYTES in parts, and not below it', () => {
    for (const space of [4, 2, '\t']) {
      const head = bytes(JSON.stringify(list, null, space));
      expect(readsInParts(head, big, whole), `indented by ${JSON.stringify(space)}`).toBe(true);
      expect(readsInParts(head, INDENTED_IN_PARTS_BYTES, whole)).toBe(false);
    }
    expect(readsInParts(bytes(`\uFEFF${JSON.stringify(list, null, 4)}`), big, whole), 'after a BOM').toBe(true);
  });

  it('leaves compact JSON, YAML and UTF-16 of that size to one text', () => {
    expect(readsInParts(bytes(JSON.stringify(list)), big, whole), 'compact').toBe(false);
    expect(readsInParts(bytes('[\n{"kind":"Pod"},\n{"kind":"Pod"}\n]'), big, whole), 'lines, no indentation').toBe(
      false,
    );
    expect(readsInParts(bytes('kind: List\nitems:\n  - kind: Pod\n'), big, whole), 'YAML').toBe(false);
    expect(readsInParts(utf16(JSON.stringify(list, null, 4)), big, whole), 'UTF-16').toBe(false);
  });
});

describe('notReadableInParts', () => {
  it('accepts UTF-8 JSON and YAML, also after a BOM or leading whitespace alone', () => {
    expect(notReadableInParts(bytes('{"kind":"List"'), 1)).toBeNull();
    expect(notReadableInParts(bytes('\uFEFF  [ {'), 1)).toBeNull();
    expect(notReadableInParts(bytes('    '), 1)).toBeNull();
    expect(notReadableInParts(bytes('kind: List\n'), 600 * 1024 * 1024)).toBeNull();
  });

  it('says why UTF-16 cannot be, and how to split where the file is read', () => {
    expect(notReadableInParts(utf16('{"kind":"List"}'), 600 * 1024 * 1024, '`-f` is repeatable')).toBe(
      'file is too large to read as one text (600 MiB; it is UTF-16); a file this large must be UTF-8, as kubectl writes it (`kubectl get … -o json` or `-o yaml`), or split it into several files (`-f` is repeatable)',
    );
    expect(notReadableInParts(utf16('kind: List\n'), 600 * 1024 * 1024)).toContain('it is UTF-16');
  });
});

describe('snapshotListReader', () => {
  it('reads JSON and YAML lists by their first bytes, their pods lean', () => {
    const pod = { kind: 'Pod', metadata: { name: 'a' }, spec: { nodeName: 'n1', volumes: [{ name: 'token' }] } };
    const read = (text: string) => {
      const reader = snapshotListReader(bytes(text.slice(0, 100)));
      reader.push(bytes(text));
      return reader.end();
    };
    const json = read(JSON.stringify({ kind: 'List', items: [pod] }, null, 2));
    const yaml = read(
      'kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n  spec:\n    nodeName: n1\n    volumes:\n    - name: token\n',
    );
    expect(json).toEqual({
      value: { kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'a' }, spec: { nodeName: 'n1' } }] },
    });
    expect(yaml).toEqual(json);
  });
});
