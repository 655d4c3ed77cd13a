import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/cluster';
import { pod, slice, svc } from '../testing/fixtures';
import { endpointPod } from '../paths';
import { indexEndpointPods } from './service-facts';

// Two pods behind web; one endpoint names a pod that is not in the snapshot, one has no targetRef (found by
// address), one repeats a pod (a second slice listing it again).
const objects = [
  svc({ name: 'web' }),
  pod({ name: 'web-1', ip: '10.0.1.10', labels: { app: 'web' } }),
  pod({ name: 'web-2', ip: '10.0.2.10', labels: { app: 'web' } }),
  slice({
    service: 'web',
    endpoints: [{ ip: '10.0.1.10', pod: 'web-1' }, { ip: '10.0.3.10', pod: 'web-gone' }, { ip: '10.0.2.10' }],
  }),
  slice({ service: 'web', endpoints: [{ ip: '10.0.1.10', pod: 'web-1' }] }),
];

describe('indexEndpointPods', () => {
  it("looks up every endpoint's pod once: by endpoint, and the distinct pods in endpoint order", () => {
    const model = modelOf(...objects);
    const endpoints = model.endpointsByService.get('default/web')!;
    expect(endpoints.length).toBe(4);
    const index = indexEndpointPods(model, endpoints);
    // The same answers as a lookup in the model, endpoint by endpoint (a missing pod is null).
    for (const ep of endpoints) expect(index.byEndpoint!.get(ep)).toBe(endpointPod(model, ep));
    expect(endpoints.map((ep) => index.byEndpoint!.get(ep)?.key ?? null).sort()).toEqual([
      'default/web-1',
      'default/web-1',
      'default/web-2',
      null,
    ]);
    expect(index.pods.map((p) => p.key).sort()).toEqual(['default/web-1', 'default/web-2']);
    // Without the by-endpoint map: the same distinct pods.
    const podsOnly = indexEndpointPods(model, endpoints, false);
    expect(podsOnly.byEndpoint).toBeNull();
    expect(podsOnly.pods).toEqual(index.pods);
  });

  it('finds a pod by its address when the endpoint has no targetRef, and by key otherwise', () => {
    const model = modelOf(...objects);
    const endpoints = model.endpointsByService.get('default/web')!;
    const byAddress = endpoints.find((ep) => ep.ip === '10.0.2.10')!;
    expect(byAddress.podKey).toBeNull();
    expect(endpointPod(model, byAddress)?.key).toBe('default/web-2');
    const gone = endpoints.find((ep) => ep.ip === '10.0.3.10')!;
    expect(endpointPod(model, gone)).toBeNull();
  });
});
