import { describe, expect, it } from 'vitest';
import { node, pod, slice, svc } from '../testing/fixtures';
import { noEndpoints } from './no-endpoints';
import { runOn } from './testing';

const nodes = [node({ name: 'n1', internalIP: '192.168.0.1', podCIDR: '10.244.0.0/24' })];
const importer = svc({
  name: 'catalog-importer',
  namespace: 'catalog',
  clusterIP: '10.96.5.5',
  selector: { 'app.kubernetes.io/name': 'catalog-importer' },
});
const renamedPod = pod({
  name: 'catalog-import-7d9f-abc12',
  namespace: 'catalog',
  ip: '10.244.0.9',
  node: 'n1',
  labels: { 'app.kubernetes.io/name': 'catalog-import' },
});

describe('no-endpoints (TestNoEndpointsReject)', () => {
  it('a selector that matches no pod: error, rejected not dropped, names the closest pod and proposes its label', () => {
    const f = runOn(
      noEndpoints,
      [...nodes, importer, renamedPod, slice({ service: 'catalog-importer', namespace: 'catalog', endpoints: [] })],
      'catalog/catalog-importer',
    );
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('no-endpoints/catalog/catalog-importer');
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('app.kubernetes.io/name=catalog-importer matches no pod in namespace catalog');
    expect(f[0].message).toContain('closest: catalog-import-7d9f-abc12 with app.kubernetes.io/name=catalog-import');
    expect(f[0].message).toContain('rejects every packet to 10.96.5.5 on 80/TCP');
    expect(f[0].fixYaml).toContain('app.kubernetes.io/name: catalog-import\n');
    expect(f[0].evidence).toContainEqual({ kind: 'Pod', name: 'catalog/catalog-import-7d9f-abc12' });
    expect(f[0].source).toMatch(/TestNoEndpointsReject/);
  });

  it('pods that match but are not ready: the finding says so', () => {
    const p = pod({ name: 'web-1', ip: '10.244.0.5', node: 'n1', labels: { app: 'web' }, ready: false });
    const f = runOn(
      noEndpoints,
      [
        ...nodes,
        svc({ name: 'web' }),
        p,
        slice({
          service: 'web',
          endpoints: [{ ip: '10.244.0.5', node: 'n1', pod: 'web-1', ready: false, serving: false }],
        }),
      ],
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(
      /matches 1 pod \(web-1\), none of them ready, and none of its 1 endpoint is ready or serving/,
    );
    expect(f[0].fixYaml).toBeNull();
  });

  it('a ready endpoint, or a serving+terminating one (still usable), means no finding', () => {
    const ready = runOn(
      noEndpoints,
      [...nodes, svc({ name: 'web' }), slice({ service: 'web', endpoints: [{ ip: '10.244.0.5', node: 'n1' }] })],
      'default/web',
    );
    expect(ready).toEqual([]);
    const terminating = runOn(
      noEndpoints,
      [
        ...nodes,
        svc({ name: 'web' }),
        slice({
          service: 'web',
          endpoints: [{ ip: '10.244.0.5', node: 'n1', ready: false, serving: true, terminating: true }],
        }),
      ],
      'default/web',
    );
    expect(terminating).toEqual([]);
  });

  it('ExternalName Services are not judged (no endpoints, no kube-proxy rule)', () => {
    expect(
      runOn(noEndpoints, [...nodes, svc({ name: 'dns', type: 'ExternalName', clusterIP: undefined })], 'default/dns'),
    ).toEqual([]);
  });

  it('a selector-less Service without a hand-made EndpointSlice is rejected too; the fix is an EndpointSlice', () => {
    const [f] = runOn(
      noEndpoints,
      [...nodes, svc({ name: 'legacy-db', clusterIP: '10.96.7.7', selector: null })],
      'default/legacy-db',
    );
    expect(f.severity).toBe('error');
    expect(f.message).toContain('it has no selector and no EndpointSlice');
    expect(f.message).toContain('rejects every packet to 10.96.7.7 on 80/TCP');
    expect(f.fixYaml).toContain('kubernetes.io/service-name: legacy-db');
    expect(f.fixYaml).toContain('kind: EndpointSlice');
  });

  it('a selector-less Service with a ready hand-made endpoint is fine; with only unready ones it is flagged', () => {
    const ext = svc({ name: 'ext', selector: null });
    expect(
      runOn(
        noEndpoints,
        [...nodes, ext, slice({ service: 'ext', endpoints: [{ ip: '192.0.2.50', ready: true }] })],
        'default/ext',
      ),
    ).toEqual([]);
    const [f] = runOn(
      noEndpoints,
      [...nodes, ext, slice({ service: 'ext', endpoints: [{ ip: '192.0.2.50', ready: false }] })],
      'default/ext',
    );
    expect(f.message).toContain('none of the 1 endpoint in its hand-managed EndpointSlices is ready or serving');
  });

  it('no finding when neither EndpointSlices nor Endpoints could be read', () => {
    const f = runOn(noEndpoints, [...nodes, importer], 'catalog/catalog-importer', {
      unavailableKinds: { EndpointSlice: '403', Endpoints: '403' },
    });
    expect(f).toEqual([]);
  });

  it('a headless Service says DNS answers with no address instead of reject', () => {
    const f = runOn(
      noEndpoints,
      [...nodes, svc({ name: 'db-hl', clusterIP: 'None', selector: { app: 'db' } })],
      'default/db-hl',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('DNS for this headless Service returns no address');
    expect(f[0].message).not.toContain('rejects');
  });
});
