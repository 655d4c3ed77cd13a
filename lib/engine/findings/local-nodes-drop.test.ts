import { describe, expect, it } from 'vitest';
import { svc } from '../testing/fixtures';
import { webObjects, WEB } from '../testing/scenarios';
import { localNodesDrop } from './local-nodes-drop';
import { runOn } from './testing';

const local = { externalTrafficPolicy: 'Local' as const, healthCheckNodePort: 31437 };

describe('local-nodes-drop (TestTerminatingEndpointsTrafficPolicyLocal; healthcheck TestServer)', () => {
  it('LoadBalancer + Local: the node without a local endpoint answers 503 and drops what still reaches it', () => {
    const f = runOn(localNodesDrop, webObjects({ service: local }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('local-nodes-drop/default/web');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      'The healthCheckNodePort (31437) of web answers 503 on 1 node without a local ready endpoint (node-c) and 200 on node-a (1) and node-b (1); the load balancer takes the 503 nodes out, and traffic that still reaches them (before the probe fails, or from a load balancer that does not probe) is dropped.',
    );
    expect(f[0].evidence).toContainEqual({ kind: 'Node', name: 'node-c' });
  });

  it('excluded nodes are named as excluded, not as failing the health check', () => {
    const objs = webObjects({
      service: local,
      nodeExtras: { 'node-c': { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } } },
    });
    // node-c is excluded and every other node has an endpoint: nothing fails the probe.
    expect(runOn(localNodesDrop, objs, 'default/web')).toEqual([]);
    const two = webObjects({
      service: local,
      endpoints: [WEB.endpoints[0]],
      nodeExtras: { 'node-c': { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } } },
    });
    const f = runOn(localNodesDrop, two, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(
      'answers 503 on 1 node without a local ready endpoint (node-b) and 200 on node-a (1)',
    );
    expect(f[0].message).toContain('node-c is excluded from load balancers');
  });

  it('a node with only a serving+terminating endpoint answers 503 yet still forwards (TestHealthCheckNodePortWhenTerminating)', () => {
    const objs = webObjects({
      service: local,
      endpoints: [
        WEB.endpoints[0],
        { ...WEB.endpoints[1], ready: false, serving: true, terminating: true },
        { ip: '10.244.2.5', node: 'node-c', pod: 'web-c' },
      ],
    });
    const f = runOn(localNodesDrop, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe(
      'node-b answers 503 with only serving-but-terminating endpoints, yet still forwards what arrives (TestHealthCheckNodePortWhenTerminating).',
    );
  });

  it('externalIP under Local: nothing health-checks the nodes, so the drop is a black hole (error, with the share)', () => {
    const objs = webObjects({
      service: { type: 'ClusterIP', externalTrafficPolicy: 'Local', externalIPs: [WEB.externalIP] },
    });
    const f = runOn(localNodesDrop, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toBe(
      `1 node of 3 has no local endpoint and drops traffic to externalIP ${WEB.externalIP} (node-c); nothing health-checks them, so 33.3% of the traffic is black-holed.`,
    );
    expect(f[0].fixYaml).toContain('externalTrafficPolicy: Cluster');
  });

  it('no finding under Cluster, when every node has an endpoint, or for NodePort Services (nodeport-local-no-endpoint)', () => {
    expect(runOn(localNodesDrop, webObjects({ service: { externalTrafficPolicy: 'Cluster' } }), 'default/web')).toEqual(
      [],
    );
    const everywhere = webObjects({
      service: local,
      endpoints: [...WEB.endpoints, { ip: '10.244.2.5', node: 'node-c', pod: 'web-c' }],
    });
    expect(runOn(localNodesDrop, everywhere, 'default/web')).toEqual([]);
    expect(
      runOn(
        localNodesDrop,
        webObjects({ service: { type: 'NodePort', externalTrafficPolicy: 'Local' } }),
        'default/web',
      ),
    ).toEqual([]);
  });

  it('a ClusterIP-only Service is not externally reachable: no finding', () => {
    expect(runOn(localNodesDrop, [svc({ name: 'plain', externalTrafficPolicy: 'Local' })], 'default/plain')).toEqual(
      [],
    );
  });
});
