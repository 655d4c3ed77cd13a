import { describe, expect, it } from 'vitest';
import { visiblePolicies } from './visible-policies';

describe('visiblePolicies', () => {
  it('shows Cluster then Local for "both", and only the named policy otherwise', () => {
    expect(visiblePolicies('both')).toEqual(['Cluster', 'Local']);
    expect(visiblePolicies('Local')).toEqual(['Local']);
    expect(visiblePolicies('Cluster')).toEqual(['Cluster']);
  });
});
