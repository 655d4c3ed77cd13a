import { describe, expect, it } from 'vitest';
import { describeSnapshotIssues } from './compute';

describe('describeSnapshotIssues', () => {
  it('formats errors with their place and summarises ignored kinds', () => {
    const out = describeSnapshotIssues({
      objects: [],
      errors: [{ file: 'snap.json', line: 3, column: 7, message: 'Unexpected token' }],
      warnings: [],
      ignoredKinds: { Deployment: 3, Ingress: 1 },
    });
    expect(out.errors).toEqual(['snap.json:3:7: Unexpected token']);
    expect(out.warnings).toEqual(['Ignored objects kubepath does not read: Deployment ×3, Ingress ×1.']);
  });

  it('caps a flood of issues with a count of the rest', () => {
    const errors = Array.from({ length: 120 }, (_, i) => ({ file: 'f.yaml', document: i + 1, message: 'bad' }));
    const out = describeSnapshotIssues({ objects: [], errors, warnings: [], ignoredKinds: {} });
    expect(out.errors).toHaveLength(51);
    expect(out.errors[50]).toBe('… and 70 more errors.');
  });
});
