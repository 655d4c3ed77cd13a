import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { analyzeObjects, traceInModel } from '../facade';
import { forwardedHeadersTrustAll } from '../findings/forwarded-headers-trust-all';
import { runOn } from '../findings/testing';
import { clusterOf, modelOf } from '../testing/cluster';
import { ciliumConfig, slice, svc } from '../testing/fixtures';
import { WEB, webObjects } from '../testing/scenarios';
import { proxyOfService } from './proxy-service';
import { proxySettings } from './proxy-settings';
import { ingress, ingressClass } from './testing';

const CILIUM_LB = '198.51.100.50';

/** Cilium's Ingress Service as the operator creates it: no selector, the synthetic endpoint 192.192.192.192:9999. */
function ciliumService(name: string, namespace: string, labels: Record<string, string>, lbIP = CILIUM_LB) {
  return [
    svc({
      name,
      namespace,
      type: 'LoadBalancer',
      selector: null,
      labels,
      clusterIP: '10.96.0.50',
      ports: [{ name: 'http', port: 80, nodePort: 31080 }],
      lbIngress: [{ ip: lbIP }],
    }),
    slice({ service: name, namespace, ports: [{ name: 'http', port: 9999 }], endpoints: [{ ip: '192.192.192.192' }] }),
  ];
}

/** The web scenario plus Cilium's shared Ingress Service, an IngressClass cilium and an Ingress to web. */
function ciliumIngress(cfg: Record<string, string> | null, annotations: Record<string, string> = {}): KubeObject[] {
  return webObjects({
    service: { type: 'ClusterIP' },
    extra: [
      ...ciliumService('cilium-ingress', 'kube-system', { 'cilium.io/ingress': 'true' }),
      ...(cfg ? [ciliumConfig({ 'enable-ingress-controller': 'true', ...cfg })] : []),
      ingressClass('cilium', 'cilium.io/ingress-controller'),
      ingress({ name: 'web-ing', className: 'cilium', annotations, host: 'web.example.com', service: 'web', port: 80 }),
    ],
  });
}

const settingsOf = (objs: KubeObject[], key = 'kube-system/cilium-ingress') => {
  const model = modelOf(...objs);
  const p = proxyOfService(model, model.services.get(key)!);
  return { p, s: p ? proxySettings(model, p) : null };
};

describe('Cilium Ingress / Gateway: the agents’ Envoy behind a selector-less Service', () => {
  it('the labelled Service is the cilium-ingress-gateway proxy, with no pod', () => {
    const { p, s } = settingsOf(ciliumIngress({ 'ingress-default-lb-mode': 'shared' }));
    expect(p).toMatchObject({ id: 'cilium-ingress-gateway', pod: null });
    expect(p!.evidence.slice(0, 2)).toEqual([
      'Service label cilium.io/ingress=true',
      'kube-system/cilium-config enable-ingress-controller=true',
    ]);
    // cilium-config present without the keys: the operator defaults (no PROXY, 0 trusted hops, use_remote_address).
    expect(s).toMatchObject({
      expectsProxyProtocol: false,
      forwardedTrust: { mode: 'none' },
      envoy: true,
      question: null,
    });
  });

  it('without the label: a selector-less cilium-ingress* Service with the placeholder endpoint; other names are not', () => {
    const model = modelOf(
      ...ciliumService('cilium-ingress', 'kube-system', {}),
      ...ciliumService('cilium-gateway-gw', 'default', {}),
      ...ciliumService('ingress-lookalike', 'default', {}),
    );
    const id = (k: string) => proxyOfService(model, model.services.get(k)!)?.id ?? null;
    expect(id('kube-system/cilium-ingress')).toBe('cilium-ingress-gateway');
    expect(id('default/cilium-gateway-gw')).toBe('cilium-ingress-gateway');
    expect(id('default/ingress-lookalike')).toBeNull();
  });

  it('cilium-config keys: enable-ingress-proxy-protocol, ingress-default-xff-num-trusted-hops, ingress-use-remote-address', () => {
    expect(
      settingsOf(
        ciliumIngress({ 'enable-ingress-proxy-protocol': 'true', 'ingress-default-xff-num-trusted-hops': '2' }),
      ).s,
    ).toMatchObject({ expectsProxyProtocol: true, forwardedTrust: { mode: 'hops', hops: 2 } });
    // use_remote_address false: Envoy believes the rightmost X-Forwarded-For entry, which any client writes.
    const spoofable = ciliumIngress({ 'ingress-use-remote-address': 'false' });
    expect(settingsOf(spoofable).s!.forwardedTrust).toMatchObject({ mode: 'hops', hops: 1 });
    expect(runOn(forwardedHeadersTrustAll, spoofable, 'kube-system/cilium-ingress')).toHaveLength(1);
  });

  it('cilium-config not in the cluster data: unknown, with the question naming its keys', () => {
    const { s } = settingsOf(ciliumIngress(null));
    expect(s!.expectsProxyProtocol).toBeNull();
    expect(s!.question).toMatch(
      /^Is ConfigMap kube-system\/cilium-config present, and what are its enable-ingress-proxy-protocol, ingress-default-xff-num-trusted-hops and ingress-use-remote-address\?/,
    );
  });

  it('analyze: shared mode links the Ingress to cilium-ingress, and web is behind it', () => {
    const { analysis } = analyzeObjects(ciliumIngress({ 'ingress-default-lb-mode': 'shared' }));
    const ing = analysis.services.find((s) => s.service === 'kube-system/cilium-ingress')!;
    expect(ing.frontDoor!.proxy).toBe('cilium-ingress-gateway');
    expect(ing.frontDoor!.routes).toEqual([
      {
        kind: 'Ingress',
        object: 'default/web-ing',
        hosts: ['web.example.com'],
        backends: ['default/web'],
        loadBalancer: null,
      },
    ]);
    const web = analysis.services.find((s) => s.service === 'default/web')!;
    expect(web.frontDoor!.behind).toEqual([
      { proxyService: 'kube-system/cilium-ingress', route: 'Ingress default/web-ing' },
    ]);
    expect(web.paths.Local.app!.note).toMatch(
      /^reached through kube-system\/cilium-ingress \(Ingress default\/web-ing\)/,
    );
  });

  it('dedicated mode: the Ingress links only to its own cilium-ingress-<name> Service', () => {
    const objs = [
      ...ciliumIngress({ 'ingress-default-lb-mode': 'dedicated' }),
      ...ciliumService('cilium-ingress-web-ing', 'default', { 'cilium.io/ingress': 'true' }, '198.51.100.51'),
    ];
    const { analysis } = analyzeObjects(objs);
    const routesOf = (k: string) => analysis.services.find((s) => s.service === k)!.frontDoor!.routes;
    expect(routesOf('default/cilium-ingress-web-ing').map((r) => r.object)).toEqual(['default/web-ing']);
    expect(routesOf('kube-system/cilium-ingress')).toEqual([]);
    // The annotation overrides the cluster default.
    const shared = analyzeObjects([
      ...ciliumIngress({ 'ingress-default-lb-mode': 'dedicated' }, { 'ingress.cilium.io/loadbalancer-mode': 'shared' }),
      ...ciliumService('cilium-ingress-web-ing', 'default', { 'cilium.io/ingress': 'true' }, '198.51.100.51'),
    ]).analysis;
    expect(shared.services.find((s) => s.service === 'kube-system/cilium-ingress')!.frontDoor!.routes).toHaveLength(1);
  });

  it('Gateway API: cilium-gateway-<gw> reads the gateway-api keys and serves its HTTPRoutes', () => {
    const objs = webObjects({
      service: { type: 'ClusterIP' },
      extra: [
        ...ciliumService('cilium-gateway-gw', 'default', { 'io.cilium.gateway/owning-gateway': 'gw' }),
        ciliumConfig({ 'enable-gateway-api': 'true', 'enable-gateway-api-proxy-protocol': 'true' }),
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'GatewayClass',
          metadata: { name: 'cilium' },
          spec: { controllerName: 'io.cilium/gateway-controller' },
        },
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: 'gw', namespace: 'default' },
          spec: { gatewayClassName: 'cilium', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
        },
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'web', namespace: 'default' },
          spec: {
            parentRefs: [{ name: 'gw' }],
            hostnames: ['web.example.com'],
            rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
          },
        },
      ],
    });
    expect(settingsOf(objs, 'default/cilium-gateway-gw').s).toMatchObject({ expectsProxyProtocol: true });
    const { analysis } = analyzeObjects(objs);
    const gw = analysis.services.find((s) => s.service === 'default/cilium-gateway-gw')!;
    expect(gw.frontDoor).toMatchObject({
      proxy: 'cilium-ingress-gateway',
      routes: [{ kind: 'HTTPRoute', object: 'default/web' }],
    });
  });

  it('trace: the client enters the Cilium Ingress LB; the endpoint is the node’s Envoy, then --host reaches web', () => {
    const { model, dataplane } = clusterOf(...ciliumIngress({ 'ingress-default-lb-mode': 'shared' }));
    const ext = { kind: 'external' as const, ip: WEB.externalClient };
    const to = { ip: CILIUM_LB, port: 80, protocol: 'TCP' as const };
    const r = traceInModel(model, dataplane, { source: ext, destination: to, atNode: 'node-a', policy: 'Cluster' });
    expect(r.endpoints.map((e) => e.ip)).toEqual(['192.192.192.192']);
    expect(r.endpoints[0].app).toMatchObject({ proxy: 'cilium-ingress-gateway', carrier: 'l3' });
    expect(r.hops.at(-1)).toMatchObject({ kind: 'pod', label: 'Envoy of the cilium agent on node node-a' });
    const through = traceInModel(
      model,
      dataplane,
      { source: ext, destination: to, atNode: 'node-a', policy: 'Cluster' },
      { host: 'web.example.com', path: '/' },
    );
    expect(through.proxy).toEqual({
      kind: 'cilium-ingress-gateway',
      pod: null,
      service: 'kube-system/cilium-ingress',
      route: 'Ingress default/web-ing',
    });
    expect(through.endpoints.map((e) => e.pod)).toEqual(['default/web-a', 'default/web-b']);
    const proxyHop = through.hops.find((h) => h.kind === 'proxy')!;
    expect(proxyHop.label).toMatch(/^Cilium Ingress .* on node node-a$/);
    expect(proxyHop.headers!['x-envoy-external-address']).toBe(r.endpoints[0].sourceIP);
    expect(through.endpoints[0].app).toMatchObject({ carrier: 'x-envoy-external-address', trusted: true });
    expect(through.endpoints[0].policy).toBe('unknown');
  });
});
