import { describe, expect, it } from 'vitest';
import { localImbalanceFixture } from '../fixtures';
import { buildDiagramView } from '../service-view';
import { combineVerdicts, isolatingPolicies, verdictText } from './verdict';

const DENY =
  'ingress: shop/a is isolated for ingress by shop/default-deny, shop/allow-partners and no rule admits client 10.244.1.0 on TCP/8443';

describe('verdict words', () => {
  it('reads the isolating policies out of a denial', () => {
    expect(isolatingPolicies(DENY)).toEqual(['shop/default-deny', 'shop/allow-partners']);
    expect(isolatingPolicies('ingress: client is allowed by shop/allow ingress[0]')).toEqual([]);
  });

  it.each([
    ['denied', DENY, 'denied by shop/default-deny +1'],
    ['denied', 'no reason given', 'denied'],
    ['allowed', DENY, 'allowed'],
    ['unknown', '', 'unknown'],
  ] as const)('%s → %s', (verdict, reason, text) => {
    expect(verdictText(verdict, reason)).toBe(text);
  });

  it('combines answers: the common one, else mixed; nothing to judge is null', () => {
    expect(combineVerdicts(['denied', 'denied'])).toBe('denied');
    expect(combineVerdicts(['denied', 'allowed'])).toBe('mixed');
    expect(combineVerdicts([])).toBeNull();
  });
});

describe('verdicts drawn on the external diagram', () => {
  const fx = localImbalanceFixture();
  for (const p of fx.paths.Cluster.pods) Object.assign(p, { policy: 'denied', policyReason: DENY });

  it('a pod that denies the traffic it receives is marked denied, and the edges into it are blocked', () => {
    const v = buildDiagramView(fx, 'Cluster', { group: 12 });
    const pods = v.nodes.filter((n) => n.column === 'pod' && n.share > 0);
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.verdict === 'denied' && p.verdictText === 'denied by shop/default-deny +1')).toBe(true);
    const into = v.edges.filter((e) => e.target.includes(':pod:') && e.share > 0);
    expect(into.every((e) => e.kind === 'blocked' && e.verdict === 'denied')).toBe(true);
    expect(v.summary).toMatch(/^NetworkPolicy blocks it at every pod \(\d+\)/);
  });

  it('pods that allow it keep traffic edges, with the verdict on them', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    const into = v.edges.filter((e) => e.target.includes(':pod:') && e.share > 0);
    expect(into.every((e) => e.kind === 'traffic' && e.verdict === 'allowed')).toBe(true);
    expect(v.summary).not.toMatch(/NetworkPolicy/);
  });
});
