import { describe, expect, it } from 'vitest';
import { ingress, ingressClass, proxiedWeb } from '../frontdoor/testing';
import { proxyBehindCluster } from './proxy-behind-cluster';
import { runOn } from './testing';

const kong = { env: { KONG_PROXY_LISTEN: '0.0.0.0:8000' } };
const routes = [
  ingressClass('kong', 'ingress-controllers.konghq.com/kong'),
  ingress({ name: 'shop', className: 'kong', host: 'shop.example.com', service: 'shop', port: 80 }),
];

describe('proxy-behind-cluster', () => {
  it('Kong behind an NLB under Cluster without PROXY: node addresses go into X-Forwarded-For for the Services behind it', () => {
    const objs = proxiedWeb({
      pod: kong,
      providerID: 'aws:///x/i-',
      service: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' } },
      extra: routes,
    });
    const f = runOn(proxyBehindCluster, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('proxy-behind-cluster/default/web');
    expect(f[0].message).toContain('kube-proxy SNATs clients to node addresses');
    expect(f[0].message).toContain('1 Service behind its 1 route (default/shop)');
    expect(f[0].evidence).toContainEqual({ kind: 'Ingress', name: 'default/shop' });
    expect(f[0].fixYaml).toContain('externalTrafficPolicy: Local');
  });

  it('not under Local, not with PROXY from the LB, not for a plain application', () => {
    const nlb = { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' };
    expect(
      runOn(
        proxyBehindCluster,
        proxiedWeb({
          pod: kong,
          providerID: 'aws:///x/i-',
          service: { annotations: nlb, externalTrafficPolicy: 'Local' },
        }),
        'default/web',
      ),
    ).toEqual([]);
    const pp = { ...nlb, 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' };
    expect(
      runOn(
        proxyBehindCluster,
        proxiedWeb({ pod: kong, providerID: 'aws:///x/i-', service: { annotations: pp } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(
      runOn(
        proxyBehindCluster,
        proxiedWeb({ providerID: 'aws:///x/i-', service: { annotations: nlb } }),
        'default/web',
      ),
    ).toEqual([]);
  });
});
