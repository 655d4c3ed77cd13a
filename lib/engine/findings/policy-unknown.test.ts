import { describe, expect, it } from 'vitest';
import { netpol } from '../testing/fixtures';
import { webObjects } from '../testing/scenarios';
import { policyUnknown } from './policy-unknown';
import { clusterContextOf } from './testing';

describe('policy-unknown', () => {
  it('NetworkPolicies that could not be read: one cluster-wide warning', () => {
    const f = policyUnknown(
      clusterContextOf(webObjects(), { unavailableKinds: { NetworkPolicy: 'networkpolicies is forbidden (403)' } }),
    );
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('policy-unknown/cluster/networkpolicies');
    expect(f[0].severity).toBe('warning');
    expect(f[0].service).toBeNull();
    expect(f[0].message).toMatch(
      /^NetworkPolicies could not be read \(networkpolicies is forbidden \(403\)\), so every NetworkPolicy verdict is unknown/,
    );
  });

  it('a policy with parts the API server would reject: info on that policy', () => {
    const bad = netpol({
      name: 'bad-cidr',
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }],
    });
    const f = policyUnknown(clusterContextOf(webObjects({ extra: [bad] })));
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('policy-unknown/default/bad-cidr');
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toMatch(
      /^bad-cidr has 1 invalid part the API server would reject \(.*10\.0\.0\.0\/33.*\), so verdicts that depend on it are reported as unknown\.$/,
    );
  });

  it('readable, valid policies: nothing', () => {
    const ok = netpol({ name: 'ok', podSelector: {}, policyTypes: ['Ingress'] });
    expect(policyUnknown(clusterContextOf(webObjects({ extra: [ok] })))).toEqual([]);
  });
});
