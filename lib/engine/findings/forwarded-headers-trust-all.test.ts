import { describe, expect, it } from 'vitest';
import { configMap } from '../testing/fixtures';
import { proxiedWeb } from '../frontdoor/testing';
import { forwardedHeadersTrustAll } from './forwarded-headers-trust-all';
import { runOn } from './testing';

describe('forwarded-headers-trust-all', () => {
  it('Kong with KONG_TRUSTED_IPS=0.0.0.0/0,::/0', () => {
    const f = runOn(
      forwardedHeadersTrustAll,
      proxiedWeb({ pod: { env: { KONG_PROXY_LISTEN: '0.0.0.0:8000', KONG_TRUSTED_IPS: '0.0.0.0/0,::/0' } } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('X-Forwarded-For / X-Real-IP from any address');
  });

  it('ingress-nginx use-forwarded-headers with the default proxy-real-ip-cidr; a narrowed CIDR is fine', () => {
    const pod = { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, args: ['--configmap=default/nginx'] };
    const wide = configMap('nginx', 'default', { 'use-forwarded-headers': 'true' });
    expect(runOn(forwardedHeadersTrustAll, proxiedWeb({ pod, extra: [wide] }), 'default/web')).toHaveLength(1);
    const narrow = configMap('nginx', 'default', {
      'use-forwarded-headers': 'true',
      'proxy-real-ip-cidr': '10.0.0.0/16',
    });
    expect(runOn(forwardedHeadersTrustAll, proxiedWeb({ pod, extra: [narrow] }), 'default/web')).toEqual([]);
  });

  it('Istio numTrustedProxies 2 with no L7 load balancer in front', () => {
    const pod = {
      labels: { istio: 'ingressgateway' },
      annotations: { 'proxy.istio.io/config': '{"gatewayTopology":{"numTrustedProxies":2}}' },
    };
    expect(runOn(forwardedHeadersTrustAll, proxiedWeb({ pod }), 'default/web')[0].message).toContain(
      '2 trusted X-Forwarded-For hops where 0 stand in front',
    );
  });
});
