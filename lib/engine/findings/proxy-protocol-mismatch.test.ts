import { describe, expect, it } from 'vitest';
import { configMap } from '../testing/fixtures';
import { proxiedWeb } from '../frontdoor/testing';
import { proxyProtocolMismatch } from './proxy-protocol-mismatch';
import { runOn } from './testing';

const nginx = (cm?: string) => ({
  labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
  args: ['/nginx-ingress-controller', ...(cm ? [`--configmap=default/${cm}`] : [])],
});
const nlbPP = {
  'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
  'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
};

describe('proxy-protocol-mismatch', () => {
  it('the NLB sends PROXY v2 and ingress-nginx does not expect it: error, 400', () => {
    const f = runOn(
      proxyProtocolMismatch,
      proxiedWeb({ pod: nginx(), providerID: 'aws:///x/i-', service: { annotations: nlbPP } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toMatch(/sends PROXY v2 .* does not expect it .*400/);
  });

  it('ingress-nginx expects PROXY and the NLB does not send it: every connection rejected', () => {
    const cm = configMap('nginx', 'default', { 'use-proxy-protocol': 'true' });
    const f = runOn(
      proxyProtocolMismatch,
      proxiedWeb({
        pod: nginx('nginx'),
        providerID: 'aws:///x/i-',
        service: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' } },
        extra: [cm],
      }),
      'default/web',
    );
    expect(f[0].message).toMatch(/rejects every connection/);
  });

  it('both sides agree: no finding', () => {
    const cm = configMap('nginx', 'default', { 'use-proxy-protocol': 'true' });
    expect(
      runOn(
        proxyProtocolMismatch,
        proxiedWeb({ pod: nginx('nginx'), providerID: 'aws:///x/i-', service: { annotations: nlbPP }, extra: [cm] }),
        'default/web',
      ),
    ).toEqual([]);
  });
});
