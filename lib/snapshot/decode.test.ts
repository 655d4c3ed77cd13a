import { describe, expect, it } from 'vitest';
import { decodeSnapshotBytes, detectEncoding } from './decode';

const text = '{"kind":"Namespace","metadata":{"name":"shop-ü"}}';
const le = new Uint8Array(Buffer.from(text, 'utf16le'));
const be = new Uint8Array(Buffer.from(le).swap16());
const bytes = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe('decodeSnapshotBytes', () => {
  it.each([
    ['UTF-8', new Uint8Array(Buffer.from(text)), 'utf-8'],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], Buffer.from(text)), 'utf-8'],
    ['UTF-16 LE with BOM (PowerShell 5.1 >)', bytes([0xff, 0xfe], le), 'utf-16le'],
    ['UTF-16 LE without BOM', le, 'utf-16le'],
    ['UTF-16 BE with BOM', bytes([0xfe, 0xff], be), 'utf-16be'],
    ['UTF-16 BE without BOM', be, 'utf-16be'],
  ])('%s', (_, input, encoding) => {
    expect(detectEncoding(input)).toBe(encoding);
    expect(decodeSnapshotBytes(input)).toBe(text);
  });
  it('empty input is empty text', () => {
    expect(decodeSnapshotBytes(new Uint8Array())).toBe('');
  });
});
