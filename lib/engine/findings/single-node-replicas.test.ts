import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { webObjects, type WebOptions } from '../testing/scenarios';
import { singleNodeReplicas } from './single-node-replicas';
import { runOn } from './testing';

// The web scenario (3 nodes, LoadBalancer) with its replicas placed by the test.
const onNodes = (nodes: string[], service: NonNullable<WebOptions['service']> = {}) =>
  webObjects({
    service,
    endpoints: nodes.map((node, i) => ({ ip: `10.244.9.${i + 2}`, node, pod: `web-${i}` })),
  });

describe('single-node-replicas (create-external-load-balancer.md; topology spread constraints)', () => {
  it('LoadBalancer, Cluster: three ready replicas on node-a; warning with the numbers, evidence and a spread fix', () => {
    const f = runOn(singleNodeReplicas, onNodes(['node-a', 'node-a', 'node-a']), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ id: 'single-node-replicas/default/web', severity: 'warning', service: 'default/web' });
    expect(f[0].message).toBe(
      'All 3 ready replicas of web (LoadBalancer) run on node node-a: one node failure or drain takes the Service down, and under externalTrafficPolicy Cluster every node forwards to node-a (the load balancer spreads over 3 nodes, all of which send the traffic on to that one node).',
    );
    expect(f[0].evidence).toEqual([
      { kind: 'Service', name: 'default/web' },
      { kind: 'Node', name: 'node-a' },
      { kind: 'Pod', name: 'default/web-0' },
      { kind: 'Pod', name: 'default/web-1' },
      { kind: 'Pod', name: 'default/web-2' },
    ]);
    // The YAML is valid and spreads by hostname with the Service's selector.
    const doc = parseYaml(f[0].fixYaml!) as {
      spec: { template: { spec: { topologySpreadConstraints: unknown[]; affinity: { podAntiAffinity: unknown } } } };
    };
    expect(doc.spec.template.spec.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ]);
    expect(JSON.stringify(doc.spec.template.spec.affinity.podAntiAffinity)).toContain('kubernetes.io/hostname');
  });

  it('under Local the one node carries all external traffic', () => {
    const f = runOn(
      singleNodeReplicas,
      onNodes(['node-b', 'node-b'], { externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('All 2 ready replicas of web (LoadBalancer) run on node node-b');
    expect(f[0].message).toContain('under externalTrafficPolicy Local only node-b passes the health check');
  });

  it('NodePort Services count too; ClusterIP Services do not', () => {
    expect(runOn(singleNodeReplicas, onNodes(['node-a', 'node-a'], { type: 'NodePort' }), 'default/web')).toHaveLength(
      1,
    );
    expect(runOn(singleNodeReplicas, onNodes(['node-a', 'node-a'], { type: 'ClusterIP' }), 'default/web')).toEqual([]);
  });

  it('no finding when replicas span two nodes, for a single replica, or when not-ready replicas are elsewhere', () => {
    expect(runOn(singleNodeReplicas, onNodes(['node-a', 'node-b']), 'default/web')).toEqual([]);
    expect(runOn(singleNodeReplicas, onNodes(['node-a']), 'default/web')).toEqual([]);
    // Two ready on node-a and one not ready on node-b: the ready ones share node-a, so it is raised with 2.
    const objs = webObjects({
      endpoints: [
        { ip: '10.244.9.2', node: 'node-a', pod: 'web-0' },
        { ip: '10.244.9.3', node: 'node-a', pod: 'web-1' },
        { ip: '10.244.9.4', node: 'node-b', pod: 'web-2', ready: false },
      ],
    });
    const f = runOn(singleNodeReplicas, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('All 2 ready replicas');
  });

  it('an endpoint without a node name cannot be placed: no finding', () => {
    const objs = webObjects({
      endpoints: [
        { ip: '10.244.9.2', node: 'node-a', pod: 'web-0' },
        { ip: '10.244.9.3', pod: 'web-1' },
      ],
    });
    expect(runOn(singleNodeReplicas, objs, 'default/web')).toEqual([]);
  });
});
