import { describe, expect, it } from 'vitest';
import type { CatalogCondition } from './catalog';
import { conditionHolds } from './conditions';

describe('conditionHolds', () => {
  // One condition object asked about several subjects: its entries are listed once, the answer is per subject.
  const cond = {
    podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
    podArgsContain: '--configmap=',
  } as unknown as CatalogCondition;

  it('answers each subject on its own when the same condition object is asked again', () => {
    const nginx = { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, podArgs: ['--configmap=ns/cm'] };
    const other = { podLabels: { 'app.kubernetes.io/name': 'traefik' }, podArgs: ['--configmap=ns/cm'] };
    const noArgs = { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, podArgs: [] };
    expect(conditionHolds(cond, nginx)).toBe(true);
    expect(conditionHolds(cond, other)).toBe(false);
    expect(conditionHolds(cond, noArgs)).toBe(false);
    expect(conditionHolds(cond, nginx)).toBe(true);
  });

  it('annotation alternatives, any-value keys and substring keys', () => {
    const annotations = {
      annotations: { 'a/type': ['nlb', 'external'], 'a/any': null },
      annotationContains: { 'a/extra': 'proxy_protocol' },
    } as unknown as CatalogCondition;
    const yes = { annotations: { 'a/type': 'external', 'a/any': 'x', 'a/extra': 'enable proxy_protocol v2' } };
    expect(conditionHolds(annotations, yes)).toBe(true);
    expect(conditionHolds(annotations, { annotations: { ...yes.annotations, 'a/type': 'clb' } })).toBe(false);
    expect(conditionHolds(annotations, { annotations: { 'a/type': 'nlb', 'a/extra': 'proxy_protocol' } })).toBe(false);
    expect(conditionHolds(annotations, { annotations: { ...yes.annotations, 'a/extra': 'none' } })).toBe(false);
  });
});
