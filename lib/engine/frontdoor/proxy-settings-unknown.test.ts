import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { buildClusterModel } from '../../model/build';
import { proxyConfigMapNames } from '../../model/frontdoor';
import type { Pod } from '../../model/k8s';
import { forwardedHeadersTrustAll } from '../findings/forwarded-headers-trust-all';
import { proxyProtocolInCluster } from '../findings/proxy-protocol-in-cluster';
import { proxyProtocolMismatch } from '../findings/proxy-protocol-mismatch';
import { contextOf, runOn } from '../findings/testing';
import { modelOf } from '../testing/cluster';
import { configMap } from '../testing/fixtures';
import { evaluateProxy } from './proxy-eval';
import { proxyOfService } from './proxy-service';
import { proxySettings } from './proxy-settings';
import { NLB_PP, proxiedWeb, proxyPod, type ProxyPodInput } from './testing';

const withPP = (pod: Partial<ProxyPodInput>, extra: KubeObject[] = []) =>
  proxiedWeb({ pod, providerID: 'aws:///x/i-', service: { annotations: NLB_PP }, extra });

function settingsOf(objs: KubeObject[]) {
  const model = modelOf(...objs);
  const p = proxyOfService(model, model.services.get('default/web')!);
  return { p, s: p ? proxySettings(model, p) : null };
}

const nginxPod = (cm = 'default/nginx-conf'): Partial<ProxyPodInput> => ({
  labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
  args: ['/nginx-ingress-controller', `--configmap=${cm}`],
});

describe('a proxy ConfigMap that is not in the cluster data: unknown, not the defaults', () => {
  it('ingress-nginx --configmap names an absent ConfigMap: PROXY and trust unknown, with the question', () => {
    const { s } = settingsOf(withPP(nginxPod()));
    expect(s).toMatchObject({
      expectsProxyProtocol: null,
      proxyProtocolTrust: { mode: 'unknown' },
      forwardedTrust: { mode: 'unknown' },
    });
    expect(s!.question).toMatch(
      /^Is ConfigMap default\/nginx-conf \(named by --configmap\) present, and what are its use-proxy-protocol, use-forwarded-headers, proxy-real-ip-cidr, compute-full-forwarded-for\?/,
    );
    // The connection's outcome is unknown, not "400 from an unexpected PROXY header".
    const out = evaluateProxy(s!, {
      peerIP: '192.168.0.1',
      proxyProtocol: { version: 'v2', source: '203.0.113.7' },
      xForwardedFor: null,
    });
    expect(out).toMatchObject({ broken: null, clientIP: null, trusted: null, unknown: s!.question });
  });

  it('no finding claims certainty on the unknown setting; the app answer is unknown with the question', () => {
    const objs = withPP(nginxPod());
    expect(runOn(proxyProtocolMismatch, objs, 'default/web')).toEqual([]);
    expect(runOn(proxyProtocolInCluster, objs, 'default/web')).toEqual([]);
    expect(runOn(forwardedHeadersTrustAll, objs, 'default/web')).toEqual([]);
    const app = contextOf(objs, 'default/web').svc.analysis.paths.Local.app!;
    expect(app.clientIP).toBe('unknown');
    expect(app.note).toMatch(/^ingress-nginx: Is ConfigMap default\/nginx-conf/);
  });

  it('a live source that could not read it (403): the question gives the reason', () => {
    const model = buildClusterModel(withPP(nginxPod()), {
      unreadableConfigMaps: { 'default/nginx-conf': '403 Forbidden: cannot list configmaps (nginx-conf in default)' },
    });
    const s = proxySettings(model, proxyOfService(model, model.services.get('default/web')!)!);
    expect(s.expectsProxyProtocol).toBeNull();
    expect(s.question).toMatch(
      /^ConfigMap default\/nginx-conf \(named by --configmap\) could not be read \(403 Forbidden: cannot list configmaps \(nginx-conf in default\)\): what are its use-proxy-protocol/,
    );
  });

  it('the named ConfigMap exists and lacks the keys: the documented defaults apply (and the mismatch is certain)', () => {
    const objs = withPP(nginxPod(), [configMap('nginx-conf', 'default', { 'worker-processes': '4' })]);
    const { s } = settingsOf(objs);
    expect(s).toMatchObject({
      expectsProxyProtocol: false,
      forwardedTrust: { mode: 'none' },
      question: null,
    });
    expect(s!.evidence).toEqual([
      'ConfigMap default/nginx-conf: use-proxy-protocol=false (default)',
      'use-forwarded-headers=false (default)',
      'proxy-real-ip-cidr=0.0.0.0/0 (default)',
    ]);
    expect(runOn(proxyProtocolMismatch, objs, 'default/web').map((f) => f.severity)).toEqual(['error']);
  });

  it('no --configmap at all: the defaults apply', () => {
    const { s } = settingsOf(withPP({ labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }));
    expect(s).toMatchObject({ expectsProxyProtocol: false, question: null });
  });

  it('HAProxy (jcmoraisjr) reads use-proxy-protocol from its ConfigMap; absent ConfigMap is unknown', () => {
    const pod = { image: 'quay.io/jcmoraisjr/haproxy-ingress:v0.14', args: ['--configmap=default/haproxy'] };
    expect(settingsOf(withPP(pod)).s).toMatchObject({ expectsProxyProtocol: null });
    expect(
      settingsOf(withPP(pod, [configMap('haproxy', 'default', { 'use-proxy-protocol': 'true' })])).s,
    ).toMatchObject({ expectsProxyProtocol: true, question: null });
  });

  it("Istio gateway without gatewayTopology on the pod and no mesh config: unknown; the mesh config's absence of keys = defaults", () => {
    const gw = { labels: { istio: 'ingressgateway' } };
    expect(settingsOf(withPP(gw)).s!.question).toMatch(/Is Istio's mesh config ConfigMap istio-system\/istio present/);
    const mesh = configMap('istio', 'istio-system', { mesh: 'defaultConfig:\n  discoveryAddress: istiod:15012\n' });
    expect(settingsOf(withPP(gw, [mesh])).s).toMatchObject({
      expectsProxyProtocol: false,
      forwardedTrust: { mode: 'none' },
      question: null,
    });
  });

  it("a revisioned Istio gateway (istio.io/rev) reads its revision's mesh config istio-<rev>, not the default's", () => {
    const gw = { labels: { istio: 'ingressgateway', 'istio.io/rev': '1-24' } };
    const defaultMesh = configMap('istio', 'istio-system', {
      mesh: 'defaultConfig:\n  gatewayTopology:\n    numTrustedProxies: 2\n',
    });
    // Only the default revision's mesh config exists: this gateway's settings are unknown, the question names istio-1-24.
    expect(settingsOf(withPP(gw, [defaultMesh])).s!.question).toMatch(/ConfigMap istio-system\/istio-1-24 present/);
    const revMesh = configMap('istio-1-24', 'istio-system', {
      mesh: 'defaultConfig:\n  discoveryAddress: istiod-1-24:15012\n',
    });
    expect(settingsOf(withPP(gw, [defaultMesh, revMesh])).s).toMatchObject({
      expectsProxyProtocol: false,
      forwardedTrust: { mode: 'none' },
      question: null,
    });
    expect([...proxyConfigMapNames([{ metadata: { namespace: 'istio-system', labels: gw.labels } } as Pod])]).toEqual([
      'istio-system/istio-1-24',
    ]);
  });

  it('Traefik with --configFile: entry points live in the file, so unknown', () => {
    const { s } = settingsOf(
      withPP({ labels: { 'app.kubernetes.io/name': 'traefik' }, args: ['--configFile=/etc/traefik/traefik.yml'] }),
    );
    expect(s).toMatchObject({ expectsProxyProtocol: null });
    expect(s!.question).toMatch(/--configFile/);
  });
});

describe('proxy variables the pod does not show (valueFrom, envFrom): unknown', () => {
  /** A Kong pod whose container env is given raw (valueFrom) and with envFrom sources. */
  const kongWith = (env: unknown[], envFrom: unknown[] = []) =>
    withPP({ image: 'kong/kong-gateway:3.9' }).map((o) => {
      if (o.kind !== 'Pod' || !['web-a', 'web-b'].includes(o.metadata!.name!)) return o;
      const spec = o.spec as { containers: Record<string, unknown>[] };
      return { ...o, spec: { ...spec, containers: [{ ...spec.containers[0], env, envFrom }] } };
    });

  it('KONG_TRUSTED_IPS from a Secret key: trust unknown, the question names it', () => {
    const { p, s } = settingsOf(
      kongWith([
        { name: 'KONG_PROXY_LISTEN', value: '0.0.0.0:8000 proxy_protocol' },
        { name: 'KONG_TRUSTED_IPS', valueFrom: { secretKeyRef: { name: 'kong', key: 'trusted' } } },
      ]),
    );
    expect(p!.id).toBe('kong');
    expect(s).toMatchObject({ expectsProxyProtocol: null, forwardedTrust: { mode: 'unknown' } });
    expect(s!.question).toMatch(
      /^What are KONG_TRUSTED_IPS of Kong in namespace default\? They come from valueFrom \(a ConfigMap or Secret key\)/,
    );
  });

  it('envFrom may set the variables that are not literal; all literal = known', () => {
    const viaEnvFrom = settingsOf(
      kongWith([{ name: 'KONG_PROXY_LISTEN', value: '0.0.0.0:8000' }], [{ configMapRef: { name: 'kong-env' } }]),
    ).s!;
    expect(viaEnvFrom.question).toMatch(/KONG_TRUSTED_IPS, KONG_REAL_IP_HEADER .* envFrom ConfigMap kong-env/);
    const literal = settingsOf(
      kongWith(
        [
          { name: 'KONG_PROXY_LISTEN', value: '0.0.0.0:8000' },
          { name: 'KONG_TRUSTED_IPS', value: '10.0.0.0/16' },
          { name: 'KONG_REAL_IP_HEADER', value: 'X-Forwarded-For' },
        ],
        [{ configMapRef: { name: 'kong-env' } }],
      ),
    ).s!;
    expect(literal).toMatchObject({ question: null, forwardedTrust: { mode: 'cidrs', cidrs: ['10.0.0.0/16'] } });
  });
});

describe('Envoy Gateway: ClientTrafficPolicy is not read', () => {
  const eg = {
    image: 'docker.io/envoyproxy/envoy:distroless-v1.31.0',
    labels: {
      'gateway.envoyproxy.io/owning-gateway-name': 'eg',
      'gateway.envoyproxy.io/owning-gateway-namespace': 'edge',
    },
  };

  it('PROXY and trusted hops are unknown, and the question names the Gateway', () => {
    const { p, s } = settingsOf(withPP(eg));
    expect(p!.id).toBe('envoy-gateway');
    expect(s).toMatchObject({
      expectsProxyProtocol: null,
      forwardedTrust: { mode: 'unknown' },
      envoy: true,
      carrier: 'x-envoy-external-address',
    });
    expect(s!.question).toMatch(
      /^Does a ClientTrafficPolicy targeting Gateway edge\/eg set clientIPDetection .* or proxyProtocol \/ enableProxyProtocol\?/,
    );
  });

  it('behind an NLB sending PROXY: no mismatch finding, app unknown', () => {
    const objs = withPP(eg);
    expect(runOn(proxyProtocolMismatch, objs, 'default/web')).toEqual([]);
    expect(contextOf(objs, 'default/web').svc.analysis.paths.Cluster.app!.clientIP).toBe('unknown');
  });
});

describe('Contour: PROXY from the contour serve flags, trusted hops from its config file', () => {
  const envoy: Partial<ProxyPodInput> = { image: 'docker.io/envoyproxy/envoy:v1.31.0', labels: { app: 'envoy' } };
  const controller = (args: string[]) =>
    proxyPod({
      name: 'contour-1',
      ip: '10.244.2.30',
      node: 'node-c',
      labels: { app: 'contour' },
      image: 'ghcr.io/projectcontour/contour:v1.30.0',
      args: ['contour', 'serve', '--incluster', ...args],
    });
  const contourYaml = (hops: number) =>
    configMap('contour', 'default', { 'contour.yaml': `network:\n  num-trusted-hops: ${hops}\n` });

  it('--use-proxy-protocol and network.num-trusted-hops 1 from ConfigMap contour', () => {
    const { p, s } = settingsOf(
      withPP(envoy, [controller(['--use-proxy-protocol', '--config-path=/config/contour.yaml']), contourYaml(1)]),
    );
    expect(p!.id).toBe('contour');
    expect(s).toMatchObject({
      expectsProxyProtocol: true,
      forwardedTrust: { mode: 'hops', hops: 1 },
      question: null,
    });
    expect(s!.evidence).toEqual([
      'Contour controller default/contour-1: --use-proxy-protocol',
      'ConfigMap default/contour: network.num-trusted-hops=1',
    ]);
  });

  it('no flag and no config file: the defaults (no PROXY, 0 hops); a certain mismatch with the PROXY-sending NLB', () => {
    const objs = withPP(envoy, [controller([])]);
    expect(settingsOf(objs).s).toMatchObject({ expectsProxyProtocol: false, forwardedTrust: { mode: 'none' } });
    expect(runOn(proxyProtocolMismatch, objs, 'default/web')).toHaveLength(1);
  });

  it('the config file ConfigMap is not in the data: hops unknown (PROXY still known from the flag)', () => {
    const { s } = settingsOf(withPP(envoy, [controller(['--config-path=/config/contour.yaml'])]));
    expect(s).toMatchObject({ expectsProxyProtocol: false, forwardedTrust: { mode: 'unknown' } });
    expect(s!.question).toMatch(/Is ConfigMap default\/contour \(the file Contour reads at --config-path/);
    const pp = settingsOf(
      withPP(envoy, [controller(['--use-proxy-protocol', '--config-path=/config/contour.yaml'])]),
    ).s!;
    const proxied = { peerIP: '192.168.0.1', proxyProtocol: { version: 'v2', source: '203.0.113.7' } };
    // PROXY decides the client; whether a client-written X-Forwarded-For could override it is unknown.
    expect(evaluateProxy(pp, { ...proxied, xForwardedFor: null })).toMatchObject({
      clientIP: '203.0.113.7',
      carrier: 'proxy-protocol',
      trusted: null,
      unknown: null,
    });
    expect(evaluateProxy(pp, { ...proxied, xForwardedFor: '198.51.100.9' }).unknown).toBe(pp.question);
  });

  it('ContourConfiguration (--contour-config-name) or no controller pod: unknown with the question', () => {
    const crd = settingsOf(withPP(envoy, [controller(['--contour-config-name=contour'])])).s!;
    expect(crd.expectsProxyProtocol).toBeNull();
    expect(crd.question).toMatch(/ContourConfiguration default\/contour/);
    const none = settingsOf(withPP(envoy)).s!;
    expect(none.expectsProxyProtocol).toBeNull();
    expect(none.question).toMatch(/No contour serve pod is in namespace default/);
    expect(runOn(proxyProtocolMismatch, withPP(envoy), 'default/web')).toEqual([]);
  });

  it('the ConfigMap Contour mounts is one a recognised proxy names (read in snapshots and live)', () => {
    const pod = controller(['--config-path=/config/contour.yaml']) as Pod;
    expect([...proxyConfigMapNames([pod])]).toEqual(['default/contour']);
    expect([...proxyConfigMapNames([controller([]) as Pod])]).toEqual([]);
  });
});
