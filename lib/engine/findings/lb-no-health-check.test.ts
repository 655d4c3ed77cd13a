import { describe, expect, it } from 'vitest';
import { proxiedWeb } from '../frontdoor/testing';
import { lbNoHealthCheck } from './lb-no-health-check';
import { runOn } from './testing';

describe('lb-no-health-check', () => {
  it('Hetzner probes the traffic port: under Local node-c (no pod) is black-holed', () => {
    const f = runOn(
      lbNoHealthCheck,
      proxiedWeb({ providerID: 'hcloud://', service: { externalTrafficPolicy: 'Local', healthCheckNodePort: 31000 } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe(
      'Hetzner Cloud Load Balancer (hcloud-cloud-controller-manager) (hetzner-lb) checks the traffic port, not healthCheckNodePort 31000: 1 of 3 nodes have no local endpoint and drop what it sends them under externalTrafficPolicy Local.',
    );
    expect(f[0].evidence).toContainEqual({ kind: 'Node', name: 'node-c' });
  });

  it('an LB that probes healthCheckNodePort (AKS), or an unknown check, or Cluster: no finding', () => {
    expect(
      runOn(
        lbNoHealthCheck,
        proxiedWeb({ providerID: 'azure:///s/', service: { externalTrafficPolicy: 'Local' } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(
      runOn(
        lbNoHealthCheck,
        proxiedWeb({ providerID: 'qcloud://', service: { externalTrafficPolicy: 'Local' } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(runOn(lbNoHealthCheck, proxiedWeb({ providerID: 'hcloud://' }), 'default/web')).toEqual([]);
  });
});
