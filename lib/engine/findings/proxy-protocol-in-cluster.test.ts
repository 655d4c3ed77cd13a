import { describe, expect, it } from 'vitest';
import { configMap } from '../testing/fixtures';
import { proxiedWeb } from '../frontdoor/testing';
import { proxyProtocolInCluster } from './proxy-protocol-in-cluster';
import { runOn } from './testing';

const pod = { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, args: ['--configmap=default/nginx'] };
const cm = configMap('nginx', 'default', { 'use-proxy-protocol': 'true' });
const hetzner = { 'load-balancer.hetzner.cloud/uses-proxyprotocol': 'true' };

describe('proxy-protocol-in-cluster', () => {
  it('Hetzner LB with PROXY publishing an IP in ipMode VIP: in-cluster clients skip the LB', () => {
    const f = runOn(
      proxyProtocolInCluster,
      proxiedWeb({ pod, providerID: 'hcloud://', service: { annotations: hetzner }, extra: [cm] }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('publishes 198.51.100.10 with ipMode VIP');
    expect(f[0].fixYaml).toContain('ipMode: Proxy');
  });

  it('ipMode Proxy fixes it', () => {
    const f = runOn(
      proxyProtocolInCluster,
      proxiedWeb({
        pod,
        providerID: 'hcloud://',
        service: { annotations: hetzner, lbIngress: [{ ip: '198.51.100.10', ipMode: 'Proxy' }] },
        extra: [cm],
      }),
      'default/web',
    );
    expect(f).toEqual([]);
  });
});
