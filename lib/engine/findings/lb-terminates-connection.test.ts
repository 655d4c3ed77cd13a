import { describe, expect, it } from 'vitest';
import { proxiedWeb } from '../frontdoor/testing';
import { lbTerminatesConnection } from './lb-terminates-connection';
import { runOn } from './testing';

describe('lb-terminates-connection', () => {
  it('a Classic ELB under Local: client lost, Local only saves a hop; fix adds the PROXY annotation', () => {
    const f = runOn(
      lbTerminatesConnection,
      proxiedWeb({ providerID: 'aws:///x/i-', service: { externalTrafficPolicy: 'Local' } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('(Local only saves the second hop)');
    expect(f[0].fixYaml).toContain('aws-load-balancer-proxy-protocol: "*"');
  });

  it('with PROXY, or a pass-through LB: no finding', () => {
    const pp = { 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' };
    expect(
      runOn(
        lbTerminatesConnection,
        proxiedWeb({ providerID: 'aws:///x/i-', service: { annotations: pp } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(runOn(lbTerminatesConnection, proxiedWeb({ providerID: 'gce://p/z/' }), 'default/web')).toEqual([]);
  });
});
