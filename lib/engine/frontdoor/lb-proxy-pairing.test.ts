import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/cluster';
import { configMap } from '../testing/fixtures';
import { loadBalancerWithProxy } from './lb-proxy-pairing';
import { proxiedWeb } from './testing';

const nginx = { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, args: ['--configmap=default/nginx'] };

describe('PROXY protocol switched on outside the cluster', () => {
  it('a TKE CLB in front of ingress-nginx expecting PROXY: unknown, with the question', () => {
    const model = modelOf(
      ...proxiedWeb({
        pod: nginx,
        providerID: 'qcloud://',
        extra: [configMap('nginx', 'default', { 'use-proxy-protocol': 'true' })],
      }),
    );
    const lb = loadBalancerWithProxy(model, model.services.get('default/web')!)!;
    expect(lb.kind).toBe('tencent-tke-clb');
    expect(lb.proxyProtocol).toBe('unknown');
    expect(lb.question).toBe(
      'Is PROXY protocol enabled on the Tencent TKE Cloud Load Balancer (node/NodePort mode) listener in front of default/web?',
    );
  });

  it('off when the proxy does not expect it, and never for an LB whose PROXY is an annotation (AWS)', () => {
    const plain = modelOf(...proxiedWeb({ pod: nginx, providerID: 'qcloud://' }));
    expect(loadBalancerWithProxy(plain, plain.services.get('default/web')!)!.proxyProtocol).toBeNull();
    const aws = modelOf(
      ...proxiedWeb({
        pod: nginx,
        providerID: 'aws:///x/i-',
        extra: [configMap('nginx', 'default', { 'use-proxy-protocol': 'true' })],
      }),
    );
    expect(loadBalancerWithProxy(aws, aws.services.get('default/web')!)!.proxyProtocol).toBeNull();
  });
});
