import { describe, expect, it } from 'vitest';
import { snapshotSyntax } from './parse';
import { YAML_HEAP_PER_CHAR, yamlTooLarge } from './yaml-size';

describe('yamlTooLarge', () => {
  const GiB = 1024 ** 3;

  it('lets YAML through while its estimate fits the budget, and says why not, with what to do, once it does not', () => {
    expect(yamlTooLarge(GiB / YAML_HEAP_PER_CHAR, GiB, 'here', 'or else')).toBeNull();
    expect(yamlTooLarge(81_000_000, 2.8 * GiB, 'this process may use', 'or raise the limit')).toBe(
      'YAML this large needs about 3.5 GiB of memory to parse (46 bytes for each character), more than this process may use (2.8 GiB): write the snapshot as JSON (`kubectl get … -o json`), which needs a fraction of that, or raise the limit',
    );
  });
});

describe('snapshotSyntax', () => {
  it('is JSON for an object, an array or a string, YAML otherwise, empty for whitespace and a BOM alone', () => {
    expect(['{}', ' [1]', '\uFEFF\n"x"'].map(snapshotSyntax)).toEqual(['json', 'json', 'json']);
    expect(['kind: List', '---\n{}', '# comment\n{}'].map(snapshotSyntax)).toEqual(['yaml', 'yaml', 'yaml']);
    expect(['', ' \n\t', '\uFEFF'].map(snapshotSyntax)).toEqual(['empty', 'empty', 'empty']);
  });
});
