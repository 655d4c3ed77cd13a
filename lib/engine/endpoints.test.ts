import { describe, expect, it } from 'vitest';
import {
  buildEndpointIndex,
  categorizeEndpoints,
  endpointPortFor,
  endpointUsage,
  endpointsForServicePort,
} from './endpoints';
import { modelOf } from './testing/cluster';
import { pod, slice, svc, type EndpointInput } from './testing/fixtures';

function endpoints(eps: EndpointInput[]) {
  const model = modelOf(svc({ name: 'web' }), slice({ service: 'web', endpoints: eps }));
  return model.endpointsByService.get('default/web')!;
}
const both = { usesClusterEndpoints: true, usesLocalEndpoints: true };
const ips = (l: { ip: string }[]) => l.map((e) => e.ip).sort();

describe('categorizeEndpoints (pkg/proxy/topology.go::CategorizeEndpoints)', () => {
  it('ready endpoints: cluster = all ready, local = ready on this node', () => {
    const eps = endpoints([
      { ip: '10.0.0.1', node: 'a' },
      { ip: '10.0.0.2', node: 'b' },
      { ip: '10.0.0.3', node: 'a', ready: false, serving: false },
    ]);
    const c = categorizeEndpoints(eps, both, { name: 'a', zone: null });
    expect(ips(c.cluster)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(ips(c.local)).toEqual(['10.0.0.1']);
    expect(c.hasAnyEndpoints).toBe(true);
  });

  it('local fallback is per node: only terminating locally → local serving+terminating, even though a remote ready endpoint exists (TestTerminatingEndpointsTrafficPolicyLocal)', () => {
    const eps = endpoints([
      { ip: '10.0.1.2', node: 'a', ready: false, serving: true, terminating: true },
      { ip: '10.0.1.3', node: 'a', ready: false, serving: true, terminating: true },
      { ip: '10.0.1.4', node: 'a', ready: false, serving: false, terminating: true },
      { ip: '10.0.1.5', node: 'b' },
    ]);
    const c = categorizeEndpoints(eps, both, { name: 'a', zone: null });
    expect(ips(c.local)).toEqual(['10.0.1.2', '10.0.1.3']);
    expect(c.localUsesTerminating).toBe(true);
    expect(ips(c.cluster)).toEqual(['10.0.1.5']); // cluster set ignores terminating while something is ready
    expect(ips(c.allReachable)).toEqual(['10.0.1.2', '10.0.1.3', '10.0.1.5']);
  });

  it('cluster fallback is cluster-wide: nothing ready anywhere → serving+terminating (TestTerminatingEndpointsTrafficPolicyCluster)', () => {
    const eps = endpoints([
      { ip: '10.0.1.2', node: 'a', ready: false, serving: true, terminating: true },
      { ip: '10.0.1.3', node: 'b', ready: false, serving: true, terminating: true },
      { ip: '10.0.1.4', node: 'b', ready: false, serving: false, terminating: true },
    ]);
    const c = categorizeEndpoints(
      eps,
      { usesClusterEndpoints: true, usesLocalEndpoints: false },
      { name: 'a', zone: null },
    );
    expect(ips(c.cluster)).toEqual(['10.0.1.2', '10.0.1.3']);
    expect(c.clusterUsesTerminating).toBe(true);
    expect(c.hasAnyEndpoints).toBe(true);
    expect(c.local).toEqual([]);
  });

  it('ready endpoints exist → terminating ones ignored', () => {
    const eps = endpoints([
      { ip: '10.0.1.1', node: 'a' },
      { ip: '10.0.1.2', node: 'a', ready: false, serving: true, terminating: true },
    ]);
    const c = categorizeEndpoints(eps, both, { name: 'a', zone: null });
    expect(ips(c.cluster)).toEqual(['10.0.1.1']);
    expect(ips(c.local)).toEqual(['10.0.1.1']);
  });

  it('not ready and not serving anywhere → hasAnyEndpoints false (REJECT)', () => {
    const eps = endpoints([{ ip: '10.0.1.1', node: 'a', ready: false, serving: false, terminating: true }]);
    const c = categorizeEndpoints(eps, both, { name: 'a', zone: null });
    expect(c.hasAnyEndpoints).toBe(false);
    expect(c.cluster).toEqual([]);
    expect(c.local).toEqual([]);
  });

  it('Local policy with no local endpoint but some elsewhere: empty local set, hasAnyEndpoints true (DROP)', () => {
    const eps = endpoints([{ ip: '10.0.1.1', node: 'b' }]);
    const c = categorizeEndpoints(
      eps,
      { usesClusterEndpoints: false, usesLocalEndpoints: true },
      { name: 'a', zone: null },
    );
    expect(c.local).toEqual([]);
    expect(c.hasAnyEndpoints).toBe(true);
    expect(c.cluster).toEqual([]); // not computed when only Local is used
  });

  it('zone hints are used only when every ready endpoint has them', () => {
    const hinted = endpoints([
      { ip: '10.0.0.1', node: 'a', zone: 'z1', hints: { zones: ['z1'] } },
      { ip: '10.0.0.2', node: 'b', zone: 'z2', hints: { zones: ['z2'] } },
    ]);
    const c = categorizeEndpoints(hinted, both, { name: 'c', zone: 'z2' });
    expect(c.topologyMode).toBe('PreferSameZone');
    expect(ips(c.cluster)).toEqual(['10.0.0.2']);
    const partial = endpoints([
      { ip: '10.0.0.1', node: 'a', zone: 'z1', hints: { zones: ['z1'] } },
      { ip: '10.0.0.2', node: 'b', zone: 'z2' },
    ]);
    const p = categorizeEndpoints(partial, both, { name: 'c', zone: 'z2' });
    expect(p.topologyMode).toBe(null);
    expect(ips(p.cluster)).toEqual(['10.0.0.1', '10.0.0.2']);
    // A zone no endpoint is hinted for ignores hints.
    expect(categorizeEndpoints(hinted, both, { name: 'c', zone: 'z9' }).topologyMode).toBe(null);
  });

  it('node hints (PreferSameNode) win over zone hints; ignored for the local set', () => {
    const eps = endpoints([
      { ip: '10.0.0.1', node: 'a', zone: 'z1', hints: { zones: ['z1'], nodes: ['a'] } },
      { ip: '10.0.0.2', node: 'b', zone: 'z1', hints: { zones: ['z1'], nodes: ['b'] } },
    ]);
    const c = categorizeEndpoints(eps, both, { name: 'b', zone: 'z1' });
    expect(c.topologyMode).toBe('PreferSameNode');
    expect(ips(c.cluster)).toEqual(['10.0.0.2']);
    const onA = categorizeEndpoints(eps, both, { name: 'a', zone: 'z1' });
    expect(ips(onA.local)).toEqual(['10.0.0.1']);
  });
});

describe('endpointUsage', () => {
  it('eTP=Local is ignored on a Service that is not externally accessible (TestCategorizeEndpoints)', () => {
    const model = modelOf(svc({ name: 'a', externalTrafficPolicy: 'Local' }));
    expect(endpointUsage(model.services.get('default/a')!)).toEqual({
      usesClusterEndpoints: true,
      usesLocalEndpoints: false,
    });
  });
  it('iTP=Local and eTP=Local are honoured together', () => {
    const model = modelOf(
      svc({
        name: 'a',
        type: 'NodePort',
        ports: [{ port: 80, nodePort: 30001 }],
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Local',
      }),
    );
    expect(endpointUsage(model.services.get('default/a')!)).toEqual({
      usesClusterEndpoints: false,
      usesLocalEndpoints: true,
    });
  });
  it('an LB IP with ipMode Proxy does not make a Service externally accessible by itself', () => {
    const model = modelOf(
      svc({
        name: 'a',
        type: 'LoadBalancer',
        ports: [{ port: 80 }],
        allocateLoadBalancerNodePorts: false,
        externalTrafficPolicy: 'Local',
        lbIngress: [{ ip: '1.2.3.4', ipMode: 'Proxy' }],
      }),
    );
    expect(endpointUsage(model.services.get('default/a')!).usesLocalEndpoints).toBe(false);
  });
});

describe('endpointsForServicePort and targetPort resolution', () => {
  it('matches slice ports by Service port name and protocol; a named targetPort resolves through the slice', () => {
    const model = modelOf(
      svc({
        name: 'web',
        ports: [
          { name: 'http', port: 80, targetPort: 'web' },
          { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' },
        ],
      }),
      slice({ service: 'web', ports: [{ name: 'http', port: 8080 }], endpoints: [{ ip: '10.0.0.1', node: 'a' }] }),
      slice({
        service: 'web',
        ports: [
          { name: 'http', port: 9090 },
          { name: 'dns', port: 5353, protocol: 'UDP' },
        ],
        endpoints: [{ ip: '10.0.0.2', node: 'b' }],
      }),
    );
    const s = model.services.get('default/web')!;
    expect(ips(endpointsForServicePort(model, s, 0))).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(ips(endpointsForServicePort(model, s, 1))).toEqual(['10.0.0.2']);
    const [e1, e2] = model.endpointsByService.get('default/web')!;
    // Named targetPort "web" differs per pod: 8080 on one, 9090 on the other.
    expect(endpointPortFor(model, e1, s.ports[0])).toBe(8080);
    expect(endpointPortFor(model, e2, s.ports[0])).toBe(9090);
    expect(endpointPortFor(model, e1, s.ports[1])).toBe(null);
  });

  it('selector-derived endpoints (no slices in the snapshot) resolve a named targetPort from the pod', () => {
    const model = modelOf(
      svc({ name: 'web', ports: [{ name: 'http', port: 80, targetPort: 'web' }] }),
      pod({
        name: 'p',
        ip: '10.0.0.9',
        node: 'a',
        labels: { app: 'web' },
        ports: [{ name: 'web', containerPort: 8443 }],
      }),
    );
    const s = model.services.get('default/web')!;
    const eps = endpointsForServicePort(model, s, 0);
    expect(eps).toHaveLength(1);
    expect(endpointPortFor(model, eps[0], s.ports[0])).toBe(8443);
  });

  it('family filter keeps one IP family', () => {
    const model = modelOf(
      svc({ name: 'web' }),
      slice({ service: 'web', endpoints: [{ ip: '10.0.0.1' }] }),
      slice({ service: 'web', endpoints: [{ ip: 'fd00::1' }] }),
    );
    const s = model.services.get('default/web')!;
    expect(ips(endpointsForServicePort(model, s, 0, 6))).toEqual(['fd00::1']);
  });
});

describe('buildEndpointIndex agrees with categorizeEndpoints', () => {
  const eps = endpoints([
    { ip: '10.0.0.1', node: 'a', zone: 'z1', hints: { zones: ['z1'] } },
    { ip: '10.0.0.2', node: 'b', zone: 'z2', hints: { zones: ['z2'] } },
    { ip: '10.0.0.3', node: 'b', zone: 'z2', ready: false, serving: true, terminating: true },
    { ip: '10.0.0.4', node: 'c', zone: 'z1', ready: false, serving: true, terminating: true },
  ]);
  const idx = buildEndpointIndex(eps);
  it.each([
    ['a', 'z1'],
    ['b', 'z2'],
    ['c', 'z1'],
    ['d', 'z3'],
    ['e', null],
  ] as const)('node %s zone %s', (name, zone) => {
    const c = categorizeEndpoints(eps, both, { name, zone });
    expect(ips(idx.cluster(name, zone).endpoints)).toEqual(ips(c.cluster));
    expect(ips(idx.local(name).endpoints)).toEqual(ips(c.local));
    expect(idx.hasAnyEndpoints).toBe(c.hasAnyEndpoints);
  });
  it('topology is active', () => expect(idx.topologyActive).toBe(true));
});
