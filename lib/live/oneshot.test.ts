import { describe, expect, it } from 'vitest';
import { ClusterUnreachableError, readClusterOnce } from './oneshot';
import { FakeTransport, raw } from './testing/fake-transport';

function cluster() {
  const t = new FakeTransport('staging', 'https://10.1.2.3:6443');
  t.seed('Namespace', [raw.ns('b'), raw.ns('a')]);
  t.seed(
    'Service',
    Array.from({ length: 5 }, (_, i) =>
      raw.svc('a', `s${i}`, { clusterIP: `10.96.0.${i + 1}`, ports: [{ port: 80 }] }),
    ),
  );
  t.seed('ConfigMap/kube-system/kube-proxy', [
    { metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': 'mode: ipvs' } },
  ]);
  t.seed('NetworkPolicy', [raw.netpol('a', 'p', { podSelector: {} })]);
  return t;
}

describe('readClusterOnce', () => {
  it('lists every stream in pages and returns stripped objects with their kind', async () => {
    const t = cluster();
    const r = await readClusterOnce(t, undefined, 2);
    expect(r.unavailableKinds).toEqual({});
    expect(r.objects.filter((o) => o.kind === 'Service')).toHaveLength(5);
    expect(r.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name)).toEqual(['a', 'b']);
    expect(t.calls.lists.filter((c) => c.streamId === 'Service').map((c) => c.continueToken)).toEqual([null, '2', '4']);
    expect(r.objects.find((o) => o.kind === 'ConfigMap')?.data).toEqual({ 'config.conf': 'mode: ipvs' });
    expect(t.calls.watches).toEqual([]); // one-shot: no watch
  });

  it('reports a forbidden kind as a warning and marks it unavailable, keeping the rest', async () => {
    const t = cluster();
    t.forbidden.add('NetworkPolicy');
    t.forbidden.add('EndpointSlice');
    const r = await readClusterOnce(t);
    expect(r.unavailableKinds.NetworkPolicy).toBe('403 Forbidden: cannot list networkpolicies.networking.k8s.io');
    expect(r.unavailableKinds.Endpoints).toMatch(/^not read \(EndpointSlices are: 403/);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.find((w) => w.includes('networkpolicies'))).toMatch(/NetworkPolicy verdicts are unknown$/);
    expect(r.objects.filter((o) => o.kind === 'Service')).toHaveLength(5);
  });

  it('an absent front-door CRD (404) means none exist: no warning, not unavailable; a 404 on a core kind still is', async () => {
    const t = cluster();
    t.seed('Ingress', [{ metadata: { name: 'shop', namespace: 'a' }, spec: {} }]);
    for (const id of ['IPAddressPool', 'L2Advertisement', 'VirtualService', 'Gateway.networking.istio.io'])
      t.notServed.add(id);
    const r = await readClusterOnce(t);
    expect(r.unavailableKinds).toEqual({});
    expect(r.warnings).toEqual([]);
    expect(r.objects.filter((o) => o.kind === 'Ingress').map((o) => o.metadata?.name)).toEqual(['shop']);
    const core = cluster();
    core.notServed.add('NetworkPolicy');
    expect((await readClusterOnce(core)).unavailableKinds.NetworkPolicy).toMatch(/^404/);
  });

  it('reads only the ConfigMaps a recognised proxy names, each by name, after the pods', async () => {
    const t = cluster();
    t.seed('Pod', [raw.ingressNginxPod(), raw.istioSidecarPod()]);
    t.seed('ConfigMap/ingress-nginx/ingress-nginx-controller', [
      {
        metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
        data: { 'use-proxy-protocol': 'true' },
      },
    ]);
    t.seed('ConfigMap/istio-system/istio', [
      { metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'defaultConfig: {}' } },
    ]);
    const r = await readClusterOnce(t);
    const cms = r.objects
      .filter((o) => o.kind === 'ConfigMap')
      .map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`);
    expect(cms).toEqual(['kube-system/kube-proxy', 'ingress-nginx/ingress-nginx-controller', 'istio-system/istio']);
    expect(
      r.objects.find((o) => o.metadata?.name === 'ingress-nginx-controller' && o.kind === 'ConfigMap')?.data,
    ).toEqual({
      'use-proxy-protocol': 'true',
    });
    // Every ConfigMap request names one ConfigMap: never a list of all (or a namespace's) ConfigMaps.
    const cmRequests = t.listRequests.filter((r) => r.includes('/configmaps'));
    expect(cmRequests).toContain(
      '/api/v1/namespaces/ingress-nginx/configmaps?fieldSelector=metadata.name=ingress-nginx-controller',
    );
    expect(cmRequests).toContain('/api/v1/namespaces/istio-system/configmaps?fieldSelector=metadata.name=istio');
    expect(cmRequests).toHaveLength(6); // the four dataplane ones and the two proxy-named ones
    for (const req of cmRequests)
      expect(req).toMatch(/^\/api\/v1\/namespaces\/[a-z-]+\/configmaps\?fieldSelector=metadata\.name=/);
  });

  it('without proxies no other ConfigMap is read; a proxy ConfigMap it may not read is a warning, not an unknown dataplane', async () => {
    const plain = cluster();
    await readClusterOnce(plain);
    expect(plain.listRequests.filter((r) => r.includes('/configmaps'))).toHaveLength(4);

    const t = cluster();
    t.seed('Pod', [raw.ingressNginxPod()]);
    t.forbidden.add('ConfigMap/ingress-nginx/ingress-nginx-controller');
    const r = await readClusterOnce(t);
    expect(r.unavailableKinds).toEqual({});
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      /^403 Forbidden: cannot list configmaps \(ingress-nginx-controller in ingress-nginx\) .*the proxy settings it holds are unknown$/,
    );
    // Recorded per ConfigMap, so the model can say why the settings it holds are unknown.
    expect(r.unreadableConfigMaps).toEqual({
      'ingress-nginx/ingress-nginx-controller': expect.stringMatching(/^403 Forbidden: cannot list configmaps/),
    });
  });

  it('a forbidden front-door kind is a warning and unavailable, like the core kinds', async () => {
    const t = cluster();
    t.forbidden.add('HTTPRoute');
    const r = await readClusterOnce(t);
    expect(r.unavailableKinds.HTTPRoute).toBe('403 Forbidden: cannot list httproutes.gateway.networking.k8s.io');
    expect(r.warnings).toEqual([expect.stringMatching(/httproutes.*answers that depend on HTTPRoute are unknown$/)]);
  });

  it('keeps the API group of Istio Gateways listed without apiVersion on their items', async () => {
    const t = cluster();
    t.seed('Gateway.networking.istio.io', [
      { metadata: { name: 'gw', namespace: 'istio-system' }, spec: { selector: { istio: 'ingressgateway' } } },
    ]);
    t.seed('Gateway', [{ metadata: { name: 'eg', namespace: 'infra' }, spec: { gatewayClassName: 'eg' } }]);
    const r = await readClusterOnce(t);
    const gws = r.objects.filter((o) => o.kind === 'Gateway').map((o) => `${o.apiVersion} ${o.metadata?.name}`);
    expect(gws.sort()).toEqual(['gateway.networking.k8s.io/v1 eg', 'networking.istio.io/v1 gw']);
  });

  it('fails with the context and the server when the API server cannot be reached', async () => {
    const t = cluster();
    t.down = true;
    const err = await readClusterOnce(t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnreachableError);
    expect((err as Error).message).toMatch(
      /^cannot reach the API server of context "staging" at https:\/\/10\.1\.2\.3:6443: fetch failed: connect ECONNREFUSED/,
    );
  });
});
