import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { modelOf } from '../testing/cluster';
import { configMap } from '../testing/fixtures';
import { proxyOfPod } from './proxy-detect';
import { evaluateProxy } from './proxy-eval';
import { proxySettings } from './proxy-settings';
import { sidecarOfPod } from './sidecar';
import { proxyPod, type ProxyPodInput } from './testing';
import { buildClusterModel } from '../../model/build';

const base = { name: 'p', namespace: 'edge', ip: '10.244.1.9', node: 'node-a' };

function settingsOf(pod: Partial<ProxyPodInput>, extra: KubeObject[] = []) {
  const model = modelOf(proxyPod({ ...base, ...pod }), ...extra);
  const id = proxyOfPod(model, 'edge/p');
  return { id, settings: id ? proxySettings(model, id) : null };
}

const fromLB = { peerIP: '192.168.0.1', proxyProtocol: null, xForwardedFor: null };

describe('proxy detection', () => {
  it('catalog pod rules: ingress-nginx label, Kong env, Istio gateway label, Envoy Gateway owner label', () => {
    expect(settingsOf({ labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }).id?.id).toBe('ingress-nginx');
    expect(settingsOf({ env: { KONG_PROXY_LISTEN: '0.0.0.0:8000' } }).id?.id).toBe('kong');
    expect(settingsOf({ labels: { istio: 'ingressgateway' } }).id?.id).toBe('istio-ingressgateway');
    expect(settingsOf({ labels: { 'gateway.envoyproxy.io/owning-gateway-name': 'eg' } }).id?.id).toBe('envoy-gateway');
    expect(settingsOf({ labels: { 'app.kubernetes.io/name': 'traefik' } }).id?.id).toBe('traefik');
  });

  it('images identify the controllers the catalog detects only by class: Pomerium, HAProxy, Contour Envoy', () => {
    expect(settingsOf({ image: 'pomerium/ingress-controller:v0.28' }).id?.id).toBe('pomerium');
    expect(settingsOf({ image: 'haproxytech/kubernetes-ingress:3.0' }).id?.id).toBe('haproxy-ingress-haproxytech');
    const m = modelOf(proxyPod({ ...base, namespace: 'projectcontour', image: 'envoyproxy/envoy:v1.31' }));
    expect(proxyOfPod(m, 'projectcontour/p')?.id).toBe('contour');
    expect(settingsOf({ image: 'example/app:1' }).id).toBeNull();
  });
});

describe('proxy settings and their effect', () => {
  it('ingress-nginx defaults: no PROXY, forwarded headers ignored, writes X-Forwarded-For = its peer', () => {
    const { settings } = settingsOf({ labels: { 'app.kubernetes.io/name': 'ingress-nginx' } });
    const out = evaluateProxy(settings!, { ...fromLB, xForwardedFor: '6.6.6.6' });
    expect(out).toMatchObject({ clientIP: '192.168.0.1', carrier: 'l3', broken: null });
    expect(out.headers).toEqual({ 'x-forwarded-for': '192.168.0.1', 'x-real-ip': '192.168.0.1' });
  });

  it('ingress-nginx ConfigMap named by --configmap: use-proxy-protocol with the default 0.0.0.0/0 trusts everyone', () => {
    const { settings } = settingsOf(
      {
        labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        args: ['/nginx-ingress-controller', '--configmap=edge/nginx-conf'],
      },
      [configMap('nginx-conf', 'edge', { 'use-proxy-protocol': 'true' })],
    );
    expect(settings!.expectsProxyProtocol).toBe(true);
    const ok = evaluateProxy(settings!, { ...fromLB, proxyProtocol: { version: 'v2', source: '203.0.113.7' } });
    expect(ok).toMatchObject({ clientIP: '203.0.113.7', carrier: 'proxy-protocol', trusted: false, broken: null });
    expect(evaluateProxy(settings!, fromLB).broken).toMatch(/broken header/);
  });

  it('Kong: KONG_TRUSTED_IPS limited to the ALB subnet believes its X-Forwarded-For; 0.0.0.0/0 trusts anyone', () => {
    const alb = settingsOf({
      env: {
        KONG_PROXY_LISTEN: '0.0.0.0:8000',
        KONG_TRUSTED_IPS: '10.0.0.0/16',
        KONG_REAL_IP_HEADER: 'X-Forwarded-For',
      },
    });
    const out = evaluateProxy(alb.settings!, { peerIP: '10.0.3.4', proxyProtocol: null, xForwardedFor: '203.0.113.7' });
    expect(out).toMatchObject({ clientIP: '203.0.113.7', carrier: 'x-forwarded-for', trusted: true });
    expect(out.headers['x-forwarded-for']).toBe('203.0.113.7, 10.0.3.4');
    const all = settingsOf({ env: { KONG_PROXY_LISTEN: '0.0.0.0:8000', KONG_TRUSTED_IPS: '0.0.0.0/0,::/0' } });
    expect(all.settings!.forwardedTrust.mode).toBe('all');
    const pp = settingsOf({
      env: {
        KONG_PROXY_LISTEN: '0.0.0.0:8000 proxy_protocol',
        KONG_REAL_IP_HEADER: 'proxy_protocol',
        KONG_TRUSTED_IPS: '192.168.0.0/16',
      },
    });
    expect(pp.settings!.expectsProxyProtocol).toBe(true);
    expect(
      evaluateProxy(pp.settings!, { ...fromLB, proxyProtocol: { version: 'v2', source: '203.0.113.7' } }),
    ).toMatchObject({
      clientIP: '203.0.113.7',
      trusted: true,
    });
  });

  it('Istio gateway: numTrustedProxies from proxy.istio.io/config picks the client from XFF; PROXY from gatewayTopology', () => {
    const { settings } = settingsOf({
      labels: { istio: 'ingressgateway' },
      annotations: { 'proxy.istio.io/config': '{"gatewayTopology":{"numTrustedProxies":1,"proxyProtocol":{}}}' },
    });
    expect(settings!.expectsProxyProtocol).toBe(true);
    const out = evaluateProxy(settings!, {
      peerIP: '10.0.0.9',
      proxyProtocol: { version: 'v1', source: '10.0.0.5' },
      xForwardedFor: '203.0.113.7',
    });
    expect(out.clientIP).toBe('203.0.113.7');
    expect(out.headers).toEqual({
      'x-forwarded-for': '203.0.113.7, 10.0.0.5',
      'x-envoy-external-address': '203.0.113.7',
    });
  });

  it('Istio mesh config istio-system/istio supplies gatewayTopology when the pod does not', () => {
    const mesh = configMap('istio', 'istio-system', {
      mesh: 'defaultConfig:\n  gatewayTopology:\n    proxyProtocol: {}\n',
    });
    const { settings } = settingsOf({ labels: { istio: 'ingressgateway' } }, [mesh]);
    expect(settings!.expectsProxyProtocol).toBe(true);
    expect(settings!.evidence[0]).toMatch(/mesh config/);
  });

  it('Istio gateways of one model: each reads its own proxy.istio.io/config (parsed texts are shared, not the answers)', () => {
    const gw = { ...base, labels: { istio: 'ingressgateway' } };
    const mesh = configMap('istio', 'istio-system', {
      mesh: 'defaultConfig:\n  gatewayTopology:\n    numTrustedProxies: 2\n',
    });
    const model = modelOf(
      proxyPod({
        ...gw,
        name: 'a',
        annotations: { 'proxy.istio.io/config': '{"gatewayTopology":{"proxyProtocol":{}}}' },
      }),
      proxyPod({ ...gw, name: 'b', ip: '10.244.1.10', annotations: { 'proxy.istio.io/config': '{}' } }),
      proxyPod({ ...gw, name: 'c', ip: '10.244.1.11', annotations: { 'proxy.istio.io/config': '{}' } }),
      mesh,
    );
    const settings = (pod: string) => proxySettings(model, proxyOfPod(model, `edge/${pod}`)!);
    expect(settings('a').expectsProxyProtocol).toBe(true);
    expect(settings('a').evidence[0]).toMatch(
      /^pod annotation proxy.istio.io\/config: gatewayTopology.numTrustedProxies=0/,
    );
    // b and c set no gatewayTopology: the mesh config's applies to both.
    for (const pod of ['b', 'c']) {
      expect(settings(pod).expectsProxyProtocol).toBe(false);
      expect(settings(pod).evidence[0]).toBe(
        'mesh config istio-system/istio: gatewayTopology.numTrustedProxies=2, proxyProtocol off',
      );
    }
  });

  it('Traefik trustedIPs and insecure; PROXY optional, so a missing header is silent', () => {
    const { settings } = settingsOf({
      labels: { 'app.kubernetes.io/name': 'traefik' },
      args: [
        '--entryPoints.web.forwardedHeaders.insecure',
        '--entryPoints.web.proxyProtocol.trustedIPs=192.168.0.0/16',
      ],
    });
    expect(settings!.forwardedTrust.mode).toBe('all');
    expect(settings!.proxyProtocolTrust).toMatchObject({ mode: 'cidrs', cidrs: ['192.168.0.0/16'] });
    expect(evaluateProxy(settings!, fromLB).broken).toBeNull();
  });

  it('Pomerium uses the remote address: X-Forwarded-For from the client is not believed', () => {
    const { settings } = settingsOf({ image: 'pomerium/pomerium:v0.28' });
    const out = evaluateProxy(settings!, { peerIP: '10.244.2.0', proxyProtocol: null, xForwardedFor: '6.6.6.6' });
    expect(out.clientIP).toBe('10.244.2.0');
    expect(out.headers['x-envoy-external-address']).toBe('10.244.2.0');
  });

  it('a PROXY header the proxy does not expect breaks the request', () => {
    const { settings } = settingsOf({ labels: { 'app.kubernetes.io/name': 'ingress-nginx' } });
    expect(
      evaluateProxy(settings!, { ...fromLB, proxyProtocol: { version: 'v2', source: '203.0.113.7' } }).broken,
    ).toMatch(/400/);
  });
});

describe('Istio sidecars', () => {
  it('REDIRECT by default, TPROXY by annotation, none without injection', () => {
    const m = buildClusterModel([
      proxyPod({ ...base, name: 'r', annotations: { 'sidecar.istio.io/status': '{}' } }),
      proxyPod({
        ...base,
        name: 't',
        annotations: { 'sidecar.istio.io/status': '{}', 'sidecar.istio.io/interceptionMode': 'TPROXY' },
      }),
      proxyPod({ ...base, name: 'n' }),
    ]);
    expect(sidecarOfPod(m, 'edge/r')).toBe('istio-redirect');
    expect(sidecarOfPod(m, 'edge/t')).toBe('istio-tproxy');
    expect(sidecarOfPod(m, 'edge/n')).toBeNull();
  });
});
