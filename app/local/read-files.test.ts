import { describe, expect, it } from 'vitest';
import { readPickedFiles } from './read-files';

describe('readPickedFiles', () => {
  it('decodes UTF-16 LE (PowerShell 5.1) and UTF-8 with a BOM with the decoder the CLI and server use', async () => {
    const json = '{"kind":"Namespace","metadata":{"name":"ü"}}';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
    const { files, tooLarge } = await readPickedFiles([new File([utf16], 'ps.json'), new File([utf8], 'bom.json')]);
    expect(tooLarge).toEqual([]);
    expect(files).toEqual([
      { name: 'ps.json', text: json },
      { name: 'bom.json', text: json },
    ]);
  });
});
