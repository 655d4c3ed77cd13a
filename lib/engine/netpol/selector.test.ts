import { describe, expect, it } from 'vitest';
import { compileSelector, selectorMatches, selectorMatchesPartial } from './selector';

describe('label selectors', () => {
  it('ANDs matchLabels with matchExpressions', () => {
    const s = compileSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }],
    });
    expect(selectorMatches(s, { app: 'web', tier: 'edge' })).toBe('yes');
    expect(selectorMatches(s, { app: 'web', tier: 'back' })).toBe('no');
    expect(selectorMatches(s, { app: 'api', tier: 'front' })).toBe('no');
    expect(s.text).toBe('{app=web, tier in (front,edge)}');
  });

  it('implements In, NotIn, Exists and DoesNotExist', () => {
    const m = (operator: string, values: string[] | undefined, labels: Record<string, string>) =>
      selectorMatches(compileSelector({ matchExpressions: [{ key: 'env', operator, values }] }), labels);
    expect(m('In', ['prod'], { env: 'prod' })).toBe('yes');
    expect(m('In', ['prod'], { env: 'dev' })).toBe('no');
    expect(m('In', ['prod'], {})).toBe('no');
    expect(m('NotIn', ['prod'], { env: 'dev' })).toBe('yes');
    expect(m('NotIn', ['prod'], { env: 'prod' })).toBe('no');
    expect(m('Exists', undefined, { env: '' })).toBe('yes');
    expect(m('Exists', undefined, {})).toBe('no');
    expect(m('DoesNotExist', undefined, {})).toBe('yes');
    expect(m('DoesNotExist', undefined, { env: 'x' })).toBe('no');
  });

  it('NotIn matches objects that lack the key', () => {
    const s = compileSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] });
    expect(selectorMatches(s, { app: 'web' })).toBe('yes');
  });

  it('an empty selector selects everything', () => {
    const s = compileSelector({});
    expect(s.empty).toBe(true);
    expect(selectorMatches(s, {})).toBe('yes');
    expect(selectorMatches(compileSelector(null), { a: 'b' })).toBe('yes');
  });

  it('an unknown operator or malformed requirement makes the selector invalid, which matches maybe', () => {
    for (const bad of [
      { key: 'env', operator: 'Gt', values: ['1'] },
      { key: 'env', operator: 'in', values: ['prod'] },
      { key: 'env', operator: 'In', values: [] },
      { key: 'env', operator: 'Exists', values: ['x'] },
    ]) {
      const s = compileSelector({ matchExpressions: [bad] });
      expect(s.invalid).not.toBeNull();
      expect(selectorMatches(s, { env: 'prod' })).toBe('maybe');
      expect(selectorMatches(s, {})).toBe('maybe');
    }
  });

  it('partial label sets decide only requirements on known keys', () => {
    const known = { 'kubernetes.io/metadata.name': 'monitoring' };
    expect(
      selectorMatchesPartial(compileSelector({ matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }), known),
    ).toBe('yes');
    expect(
      selectorMatchesPartial(compileSelector({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }), known),
    ).toBe('no');
    expect(selectorMatchesPartial(compileSelector({ matchLabels: { team: 'ops' } }), known)).toBe('maybe');
    // a decided "no" wins over an unknown key
    expect(
      selectorMatchesPartial(
        compileSelector({ matchLabels: { team: 'ops', 'kubernetes.io/metadata.name': 'shop' } }),
        known,
      ),
    ).toBe('no');
    expect(selectorMatchesPartial(compileSelector({}), known)).toBe('yes');
  });
});
