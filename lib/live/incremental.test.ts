import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../demo';
import pomerium from '../demo/stories/pomerium-gke.json';
import { analyzeCluster } from '../engine/analyze';
import { detectDataplane } from '../engine/dataplane';
import { buildClusterModel } from '../model/build';
import type { KubeObject } from '../model/k8s';
import {
  analyzeFull,
  analyzeIncremental,
  canonicalWarnings,
  MAX_INCREMENTAL_GENERATIONS,
  reanalyze,
  type LiveAnalysis,
} from './incremental';
import { ObjectStore } from './store';
import { stripObject } from './strip';
import { storeOf } from './testing/store-of';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Asserts the incremental result equals a full analysis of the store's current objects. */
function expectSameAsFull(store: ObjectStore, inc: LiveAnalysis) {
  const full = analyzeFull(store.objects());
  expect(json(inc.analysis)).toEqual(json(full.analysis));
  expect([...inc.model.services.keys()].sort()).toEqual([...full.model.services.keys()].sort());
  for (const [k, eps] of full.model.endpointsByService) expect(inc.model.endpointsByService.get(k)).toEqual(eps);
  expect(inc.model.endpointsByService.size).toBe(full.model.endpointsByService.size);
  expect(new Map([...inc.model.addressIndex].sort())).toEqual(new Map([...full.model.addressIndex].sort()));
  expect(new Map([...inc.model.nodePortIndex].sort())).toEqual(new Map([...full.model.nodePortIndex].sort()));
  expect(inc.model.warnings).toEqual(full.model.warnings);
}

const demo = DEMO_CLUSTERS[0].load();
const sliceOf = (svc: string) =>
  demo.find(
    (o) =>
      o.kind === 'EndpointSlice' &&
      `${o.metadata?.namespace}/${o.metadata?.labels?.['kubernetes.io/service-name']}` === svc,
  )!;

describe('analyzeFull', () => {
  it('equals analyzeCluster on the same model (the steps mirror lib/engine/analyze.ts)', () => {
    const store = storeOf(demo);
    const live = analyzeFull(store.objects());
    const model = buildClusterModel(store.objects());
    const expected = analyzeCluster(model, detectDataplane(model));
    expect(json(live.analysis)).toEqual(
      json({
        ...expected,
        warnings: [...canonicalWarnings(model.warnings), ...expected.warnings.slice(model.warnings.length)],
      }),
    );
    // A full build's warnings are already in canonical order: sorting is only needed after a patch.
    expect(canonicalWarnings(model.warnings)).toEqual(model.warnings);
  });
});

describe('analyzeIncremental', () => {
  it('re-analyses only the Service whose EndpointSlice changed, and matches a full analysis', () => {
    const store = storeOf(demo);
    const prev = analyzeFull(store.objects());
    const raw = sliceOf('storefront/storefront-web') as KubeObject & {
      endpoints: { conditions: { ready: boolean } }[];
    };
    // Two of its endpoints stop being ready (a scale-down in progress).
    const changed = json(raw);
    changed.endpoints.slice(0, 2).forEach((e) => {
      e.conditions = { ready: false, serving: false, terminating: true } as never;
    });
    store.upsert('EndpointSlice', stripObject('EndpointSlice', changed));
    const changes = store.takeChanges();
    expect([...changes.services]).toEqual(['storefront/storefront-web']);
    const inc = analyzeIncremental(prev, store, changes);
    if (typeof inc === 'string') throw new Error(inc);
    expect(inc.generation).toBe(1);
    // Every other Service's analysis object is reused as is.
    const reused = inc.analysis.services.filter((s) => prev.analysis.services.includes(s));
    expect(reused).toHaveLength(prev.analysis.services.length - 1);
    expect(inc.analysis.services.find((s) => s.service === 'storefront/storefront-web')!.endpoints.ready).toBe(
      prev.analysis.services.find((s) => s.service === 'storefront/storefront-web')!.endpoints.ready - 2,
    );
    expectSameAsFull(store, inc);
  });

  it('keeps ghost-node warnings equal to a full analysis when a slice moves onto an unknown node and back', () => {
    const store = storeOf(demo);
    let prev = analyzeFull(store.objects());
    const raw = sliceOf('storefront/storefront-web') as KubeObject & { endpoints: { nodeName?: string }[] };
    for (const nodeName of ['ghost-node', raw.endpoints[0].nodeName]) {
      const changed = json(raw);
      changed.endpoints[0].nodeName = nodeName;
      store.upsert('EndpointSlice', stripObject('EndpointSlice', changed));
      const inc = analyzeIncremental(prev, store, store.takeChanges());
      if (typeof inc === 'string') throw new Error(inc);
      expectSameAsFull(store, inc);
      const ghostWarning = inc.model.warnings.some((w) => w.message.includes('(ghost-node)'));
      expect(ghostWarning).toBe(nodeName === 'ghost-node');
      prev = inc;
    }
  });

  it('handles a new Service with its slice, a deleted slice, a deleted Service and a changed traffic policy', () => {
    const store = storeOf(demo);
    let prev = analyzeFull(store.objects());
    const steps: ((s: ObjectStore) => void)[] = [
      (s) => {
        s.upsert(
          'Service',
          stripObject('Service', {
            metadata: { name: 'newsvc', namespace: 'storefront' },
            spec: {
              type: 'NodePort',
              clusterIP: '10.96.200.1',
              clusterIPs: ['10.96.200.1'],
              selector: { app: 'storefront-web' },
              externalTrafficPolicy: 'Local',
              ports: [{ port: 80, targetPort: 8080, nodePort: 31999, protocol: 'TCP' }],
            },
          }),
        );
        s.upsert(
          'EndpointSlice',
          stripObject('EndpointSlice', {
            ...json(sliceOf('storefront/storefront-web')),
            metadata: {
              name: 'newsvc-abcde',
              namespace: 'storefront',
              labels: { 'kubernetes.io/service-name': 'newsvc' },
            },
          }),
        );
      },
      (s) => {
        s.remove('EndpointSlice', stripObject('EndpointSlice', sliceOf('catalog/catalog-api')));
      },
      (s) => {
        s.remove(
          'Service',
          stripObject(
            'Service',
            demo.find((o) => o.kind === 'Service' && o.metadata?.name === 'invoice-service')!,
          ),
        );
      },
      (s) => {
        const svc = json(
          demo.find((o) => o.kind === 'Service' && o.metadata?.name === 'storefront-web')!,
        ) as KubeObject & { spec: Record<string, unknown> };
        svc.spec.externalTrafficPolicy = 'Cluster';
        s.upsert('Service', stripObject('Service', svc));
      },
      // A slice that names no Service: only its warning changes.
      (s) => {
        s.upsert(
          'EndpointSlice',
          stripObject('EndpointSlice', {
            metadata: { name: 'orphan', namespace: 'billing' },
            addressType: 'IPv4',
            endpoints: [],
          }),
        );
      },
    ];
    for (const step of steps) {
      step(store);
      const inc = analyzeIncremental(prev, store, store.takeChanges());
      if (typeof inc === 'string') throw new Error(inc);
      expectSameAsFull(store, inc);
      prev = inc;
    }
    expect(prev.generation).toBe(steps.length);
    expect(prev.model.warnings.some((w) => w.object === 'billing/orphan')).toBe(true);
  });

  it('falls back to a full analysis for other kinds, shared addresses, and after too many generations', () => {
    const store = storeOf(demo);
    const prev = analyzeFull(store.objects());
    const pod = demo.find((o) => o.kind === 'Pod')!;
    store.upsert('Pod', stripObject('Pod', { ...json(pod), metadata: { ...pod.metadata, labels: { moved: 'yes' } } }));
    const podChange = store.takeChanges();
    expect(analyzeIncremental(prev, store, podChange)).toBe('Pod changed');
    const r = reanalyze(prev, () => store.objects(), store, podChange);
    expect(r).toMatchObject({ mode: 'full', reason: 'Pod changed' });

    // Two Services claiming one external IP: the address index order depends on object order.
    const web = json(demo.find((o) => o.kind === 'Service' && o.metadata?.name === 'storefront-web')!) as KubeObject & {
      spec: Record<string, unknown>;
    };
    const other = demo.find((o) => o.kind === 'Service' && o.metadata?.name === 'catalog-api')! as KubeObject & {
      spec: { clusterIP: string };
    };
    web.spec.externalIPs = [other.spec.clusterIP];
    store.upsert('Service', stripObject('Service', web));
    expect(analyzeIncremental(r.result, store, store.takeChanges())).toBe('address shared by several Services');

    expect(
      analyzeIncremental({ ...r.result, generation: MAX_INCREMENTAL_GENERATIONS }, store, {
        kinds: new Set(['Service']),
        services: new Set(['storefront/storefront-web']),
        slices: new Set(),
      }),
    ).toBe('periodic full rebuild');
  });

  it('a proxy ConfigMap that became readable or unreadable makes a full analysis (its settings change)', () => {
    const store = storeOf(demo);
    const prev = analyzeFull(store.objects());
    const change = {
      kinds: new Set(['Service'] as const),
      services: new Set(['storefront/storefront-web']),
      slices: new Set<string>(),
    };
    const denied = { unreadableConfigMaps: { 'ingress-nginx/ingress-nginx-controller': '403 Forbidden' } };
    expect(analyzeIncremental(prev, store, change, denied)).toBe('readable proxy ConfigMaps changed');
    const full = reanalyze(prev, () => store.objects(), store, change, denied).result;
    expect(full.model.frontDoor!.unreadableConfigMaps.get('ingress-nginx/ingress-nginx-controller')).toBe(
      '403 Forbidden',
    );
    // Unchanged since: patched incrementally again.
    expect(typeof analyzeIncremental(full, store, change, denied)).toBe('object');
  });

  it('does not patch when the cluster has no EndpointSlices (endpoints are derived from selectors cluster-wide)', () => {
    const store = storeOf(demo.filter((o) => o.kind !== 'EndpointSlice'));
    const prev = analyzeFull(store.objects());
    store.upsert(
      'Service',
      stripObject('Service', {
        metadata: { name: 'x', namespace: 'billing' },
        spec: { clusterIP: '10.96.99.9', ports: [{ port: 1 }] },
      }),
    );
    expect(analyzeIncremental(prev, store, store.takeChanges())).toBe('no EndpointSlices');
  });

  it('re-analyses everything when a proxy Service or a Service behind a proxy changes (their front doors depend on each other)', () => {
    const objects = ((pomerium as { items?: KubeObject[] }).items ??
      (pomerium as unknown as KubeObject[])) as KubeObject[];
    const store = storeOf(objects);
    const prev = analyzeFull(store.objects());
    const backend = () => prev.analysis.services.find((s) => s.service === 'monitoring/grafana')!;
    expect(backend().frontDoor?.behind.map((b) => b.proxyService)).toEqual(['pomerium/pomerium-proxy']);
    // The proxy's Service goes away: nothing stands in front of the backend any more.
    const proxySvc = objects.find((o) => o.kind === 'Service' && o.metadata?.name === 'pomerium-proxy')!;
    store.remove('Service', stripObject('Service', proxySvc));
    const r = reanalyze(prev, () => store.objects(), store, store.takeChanges(), {});
    expect(r.mode).toBe('full');
    expect(r.reason).toBe('a front door changed');
    expectSameAsFull(store, r.result);
    expect(r.result.analysis.services.find((s) => s.service === 'monitoring/grafana')?.frontDoor?.behind).toEqual([]);
    // And back: a Service that becomes a proxy's is a front-door change too.
    store.upsert('Service', stripObject('Service', proxySvc));
    const back = reanalyze(r.result, () => store.objects(), store, store.takeChanges(), {});
    expect(back.reason).toBe('a front door changed');
    expectSameAsFull(store, back.result);
  });
});
