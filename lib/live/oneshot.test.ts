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
