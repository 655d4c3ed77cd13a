import { describe, expect, it } from 'vitest';
import { configMap } from '../testing/fixtures';
import { ingress, ingressClass, proxiedWeb } from '../frontdoor/testing';
import { forwardedHeadersUntrusted } from './forwarded-headers-untrusted';
import { runOn } from './testing';

const alb = [
  ingressClass('alb', 'ingress.k8s.aws/alb'),
  ingress({
    name: 'edge',
    className: 'alb',
    host: 'api.example.com',
    service: 'web',
    port: 80,
    annotations: { 'alb.ingress.kubernetes.io/target-type': 'ip' },
  }),
];

describe('forwarded-headers-untrusted', () => {
  it('an ALB Ingress sends to Kong, which trusts no forwarded hop', () => {
    const f = runOn(
      forwardedHeadersUntrusted,
      proxiedWeb({ pod: { env: { KONG_PROXY_LISTEN: '0.0.0.0:8000' } }, providerID: 'aws:///x/i-', extra: alb }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/AWS ALB .* aws-alb-ingress.*Kong|kong trusts no forwarded hop/);
    expect(f[0].evidence).toContainEqual({ kind: 'Ingress', name: 'default/edge' });
  });

  it('KONG_TRUSTED_IPS naming the VPC fixes it', () => {
    const pod = { env: { KONG_PROXY_LISTEN: '0.0.0.0:8000', KONG_TRUSTED_IPS: '10.0.0.0/16' } };
    expect(
      runOn(forwardedHeadersUntrusted, proxiedWeb({ pod, providerID: 'aws:///x/i-', extra: alb }), 'default/web'),
    ).toEqual([]);
  });

  it('PROXY accepted only from a CIDR without any node address, under Cluster', () => {
    const pod = { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, args: ['--configmap=default/nginx'] };
    const cm = configMap('nginx', 'default', { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '172.16.0.0/12' });
    const f = runOn(forwardedHeadersUntrusted, proxiedWeb({ pod, extra: [cm] }), 'default/web');
    expect(f[0].message).toContain('contains none of the 3 node addresses');
  });
});
