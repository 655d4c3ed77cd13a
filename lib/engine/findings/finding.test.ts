import { describe, expect, it } from 'vitest';
import type { Finding } from '../types';
import { compareFindings, finding, fraction, idPart, listText, percent, plural } from './finding';

const base = {
  severity: 'warning' as const,
  service: 'ns/svc',
  title: 't',
  message: 'm',
  evidence: [],
  fix: 'f',
  source: 's',
};

describe('finding ids and text helpers', () => {
  it('ids are rule/namespace/name[/detail…] with "/" and spaces in details replaced', () => {
    expect(
      finding({
        ...base,
        rule: 'node-allowlist',
        namespace: 'payments',
        name: 'psp',
        detail: ['allow-psp', '10.20.0.0/16'],
      }).id,
    ).toBe('node-allowlist/payments/psp/allow-psp/10.20.0.0-16');
    expect(finding({ ...base, rule: 'no-endpoints', namespace: 'a', name: 'b' }).id).toBe('no-endpoints/a/b');
    expect(idPart('TCP /80')).toBe('TCP-80');
    expect(finding({ ...base, rule: 'r', namespace: 'a', name: 'b' }).fixYaml).toBeNull();
  });

  it('sorts errors, then warnings, then info; ties by id', () => {
    const mk = (id: string, severity: Finding['severity']) => ({
      ...finding({ ...base, rule: 'r', namespace: 'a', name: id }),
      severity,
    });
    const sorted = [mk('b', 'info'), mk('c', 'warning'), mk('a', 'warning'), mk('z', 'error')]
      .sort(compareFindings)
      .map((f) => `${f.severity}:${f.id}`);
    expect(sorted).toEqual(['error:r/a/z', 'warning:r/a/a', 'warning:r/a/c', 'info:r/a/b']);
  });

  it('fractions are small fractions when exact, else percentages', () => {
    expect(fraction(1 / 6)).toBe('1/6');
    expect(fraction(0.5)).toBe('1/2');
    expect(fraction(2 / 3)).toBe('2/3');
    expect(fraction(1)).toBe('all');
    expect(fraction(0)).toBe('0');
    expect(fraction(1 / 97)).toBe('1%');
    expect(percent(1 / 3)).toBe('33.3%');
  });

  it('lists and plurals', () => {
    expect(listText([])).toBe('none');
    expect(listText(['a'])).toBe('a');
    expect(listText(['a', 'b'])).toBe('a and b');
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listText(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(3, 'node')).toBe('3 nodes');
  });
});
