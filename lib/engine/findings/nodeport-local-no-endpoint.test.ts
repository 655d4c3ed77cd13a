import { describe, expect, it } from 'vitest';
import { webObjects, WEB } from '../testing/scenarios';
import { nodePortLocalNoEndpoint } from './nodeport-local-no-endpoint';
import { runOn } from './testing';

const nodePortLocal = { type: 'NodePort' as const, externalTrafficPolicy: 'Local' as const };

describe('nodeport-local-no-endpoint (TestExternalTrafficPolicyLocal, external to NodePort; TestTracePacket DROP)', () => {
  it('one replica on node-b: only node-b serves the NodePort, the other 2 of 3 nodes drop it; examples prefer nodes with an ExternalIP', () => {
    const objs = webObjects({
      service: nodePortLocal,
      endpoints: [WEB.endpoints[1]],
      nodeExtras: { 'node-c': { externalIP: '192.0.2.43' } },
    });
    const f = runOn(nodePortLocalNoEndpoint, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('nodeport-local-no-endpoint/default/web');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      `NodePort ${WEB.nodePort} of web (externalTrafficPolicy Local): only node-b (192.168.0.2) serves it (its only ready endpoint runs there); the other 2 of 3 nodes drop connections to it (e.g. node-c at 192.0.2.43 and node-a at 192.168.0.1), and nothing health-checks the nodes, so clients must be given the address of a node that hosts a pod.`,
    );
    expect(f[0].evidence).toEqual([
      { kind: 'Service', name: 'default/web' },
      { kind: 'Node', name: 'node-b' },
      { kind: 'Node', name: 'node-c' },
      { kind: 'Node', name: 'node-a' },
    ]);
  });

  it('no usable endpoint at all (every node rejects): left to no-endpoints', () => {
    const objs = webObjects({
      service: nodePortLocal,
      endpoints: [{ ...WEB.endpoints[1], ready: false, serving: false }],
    });
    expect(runOn(nodePortLocalNoEndpoint, objs, 'default/web')).toEqual([]);
  });

  it('endpoints on every node, Cluster policy, or a LoadBalancer: no finding', () => {
    const everywhere = webObjects({
      service: nodePortLocal,
      endpoints: [...WEB.endpoints, { ip: '10.244.2.5', node: 'node-c', pod: 'web-c' }],
    });
    expect(runOn(nodePortLocalNoEndpoint, everywhere, 'default/web')).toEqual([]);
    expect(
      runOn(
        nodePortLocalNoEndpoint,
        webObjects({ service: { type: 'NodePort', externalTrafficPolicy: 'Cluster' } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(
      runOn(nodePortLocalNoEndpoint, webObjects({ service: { externalTrafficPolicy: 'Local' } }), 'default/web'),
    ).toEqual([]);
  });

  it('a ready endpoint whose node is not published (no nodeName): no node has it locally, every node drops, error', () => {
    const objs = webObjects({ service: nodePortLocal, endpoints: [{ ip: '10.244.9.5' }] });
    const f = runOn(nodePortLocalNoEndpoint, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toMatch(/no node forwards it; the other 3 of 3 nodes drop connections to it/);
  });
});
