import { describe, expect, it } from 'vitest';
import type { EndpointInput } from '../testing/fixtures';
import { webObjects } from '../testing/scenarios';
import { IMBALANCE_THRESHOLD, localImbalance } from './local-imbalance';
import { runOn } from './testing';

const on = (node: string, n: number, base: number): EndpointInput[] =>
  Array.from({ length: n }, (_, i) => ({ ip: `10.244.${base}.${10 + i}`, node, pod: `web-${node}-${i}` }));

describe('local-imbalance (load balancers balance per node, not per pod)', () => {
  it('3 pods on node-a and 1 on node-b under Local: 1/6 each vs 1/2, skew 3.0, with the Cluster what-if', () => {
    const objs = webObjects({
      service: { externalTrafficPolicy: 'Local', healthCheckNodePort: 31437 },
      endpoints: [...on('node-a', 3, 0), ...on('node-b', 1, 1)],
    });
    const f = runOn(localImbalance, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('local-imbalance/default/web');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      'The load balancer spreads over the 2 nodes that pass the health check, not over pods: the 3 pods on node-a get 1/6 each and the single pod on node-b gets 1/2 (skew 3.0); under Cluster (what-if) each of the 4 pods would get 1/4.',
    );
    expect(f[0].evidence).toEqual([
      { kind: 'Service', name: 'default/web' },
      { kind: 'Node', name: 'node-a' },
      { kind: 'Node', name: 'node-b' },
    ]);
    expect(f[0].fixYaml).toContain('topologyKey: kubernetes.io/hostname');
  });

  it(`skew exactly ${IMBALANCE_THRESHOLD} is reported, below it is not`, () => {
    const at = webObjects({
      service: { externalTrafficPolicy: 'Local' },
      endpoints: [...on('node-a', 3, 0), ...on('node-b', 2, 1)],
    });
    expect(runOn(localImbalance, at, 'default/web')[0]?.message).toMatch(/skew 1\.5/);
    const below = webObjects({
      service: { externalTrafficPolicy: 'Local' },
      endpoints: [...on('node-a', 4, 0), ...on('node-b', 3, 1)],
    });
    expect(runOn(localImbalance, below, 'default/web')).toEqual([]);
  });

  it('one pod per node is balanced; the Cluster policy spreads per pod: no finding', () => {
    expect(runOn(localImbalance, webObjects({ service: { externalTrafficPolicy: 'Local' } }), 'default/web')).toEqual(
      [],
    );
    const packed = webObjects({
      service: { externalTrafficPolicy: 'Cluster' },
      endpoints: [...on('node-a', 3, 0), ...on('node-b', 1, 1)],
    });
    expect(runOn(localImbalance, packed, 'default/web')).toEqual([]);
  });

  it('a NodePort Service without a load balancer: clients spread over the nodes, only those with a pod forward', () => {
    const objs = webObjects({
      service: { type: 'NodePort', externalTrafficPolicy: 'Local' },
      endpoints: [...on('node-a', 3, 0), ...on('node-b', 1, 1)],
    });
    const f = runOn(localImbalance, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(
      /^Clients spread over the nodes, and only the 2 nodes with a local endpoint forward: the 3 pods on node-a get 1\/9 each and the single pod on node-b gets 1\/3 \(skew 3\.0\)/,
    );
  });

  it('a ClusterIP-only Service has no external path: no finding', () => {
    const objs = webObjects({
      service: { type: 'ClusterIP', externalTrafficPolicy: 'Local' },
      endpoints: [...on('node-a', 3, 0), ...on('node-b', 1, 1)],
    });
    expect(runOn(localImbalance, objs, 'default/web')).toEqual([]);
  });
});
