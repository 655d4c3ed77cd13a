import { describe, expect, it } from 'vitest';
import { webObjects } from '../testing/scenarios';
import { overlayTunnelSnat } from './overlay-tunnel-snat';
import { allowWeb, CALICO_BGP, CALICO_IPIP } from './policy-fixtures';
import { netpol, pod, slice, svc } from '../testing/fixtures';
import { prepareService } from './service-facts';
import { factsOf, runOn } from './testing';

const nodesOnly = allowWeb('web-allow-nodes', ['192.168.0.0/24']);

describe('overlay-tunnel-snat (../shared/reference/netpol-semantics.md §2, §4, §5 rule 2)', () => {
  it('Calico IPIP: an InternalIP allow-list misses the tunl0 addresses nodes masquerade cross-node traffic to', () => {
    const f = runOn(overlayTunnelSnat, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [nodesOnly] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('overlay-tunnel-snat/default/web');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      'web-allow-nodes admits the InternalIPs of 3 nodes (192.168.0.0/24), but with Calico IPIP a node masquerades traffic for a pod on another node to its tunl0 address (e.g. node-a → 10.244.0.0), which the allow-list does not contain: for 3 of those 3 nodes the node allow-list does not match cross-node traffic, so clients entering there are denied.',
    );
    expect(f[0].fixYaml).toContain('cidr: 10.244.0.0/32   # tunl0 of node-a');
    expect(f[0].fixYaml).toContain('cidr: 10.244.2.0/32   # tunl0 of node-c');
    expect(f[0].source).toMatch(/projectcalico\.org\/IPv4IPIPTunnelAddr/);
  });

  it('tunnel addresses allow-listed too: no gap', () => {
    const both = allowWeb('web-allow-nodes', ['192.168.0.0/24', '10.244.0.0/32', '10.244.1.0/32', '10.244.2.0/32']);
    expect(
      runOn(overlayTunnelSnat, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [both] }), 'default/web'),
    ).toEqual([]);
  });

  it('only the nodes whose tunnel address is missing are counted', () => {
    const partly = allowWeb('web-allow-nodes', ['192.168.0.0/24', '10.244.0.0/32']);
    const f = runOn(overlayTunnelSnat, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [partly] }), 'default/web');
    expect(f[0].message).toContain('(e.g. node-b → 10.244.1.0)');
    expect(f[0].message).toContain('for 2 of those 3 nodes');
  });

  it('no encapsulation, Local policy, or no node addresses in the allow-list: no finding', () => {
    expect(
      runOn(overlayTunnelSnat, webObjects({ nodeAnnotations: CALICO_BGP, extra: [nodesOnly] }), 'default/web'),
    ).toEqual([]);
    expect(
      runOn(
        overlayTunnelSnat,
        webObjects({ service: { externalTrafficPolicy: 'Local' }, nodeAnnotations: CALICO_IPIP, extra: [nodesOnly] }),
        'default/web',
      ),
    ).toEqual([]);
    expect(
      runOn(
        overlayTunnelSnat,
        webObjects({ nodeAnnotations: CALICO_IPIP, extra: [allowWeb('p', ['203.0.113.0/26'])] }),
        'default/web',
      ),
    ).toEqual([]);
    const world = allowWeb('world', [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }]);
    expect(
      runOn(overlayTunnelSnat, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [world] }), 'default/web'),
    ).toEqual([]);
  });

  it('Services whose policies hold the same block each name their own policy (the per-node work is shared)', () => {
    const api = [
      svc({
        name: 'api',
        type: 'LoadBalancer',
        clusterIP: '10.96.0.20',
        ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30081 }],
        lbIngress: [{ ip: '198.51.100.20' }],
      }),
      slice({
        service: 'api',
        ports: [{ name: 'http', port: 8080 }],
        endpoints: [{ ip: '10.244.1.20', node: 'node-b', pod: 'api-1' }],
      }),
      pod({
        name: 'api-1',
        ip: '10.244.1.20',
        node: 'node-b',
        labels: { app: 'api' },
        ports: [{ name: 'http', containerPort: 8080 }],
      }),
      netpol({
        name: 'api-allow-nodes',
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/24' } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      }),
    ];
    const cluster = factsOf(webObjects({ nodeAnnotations: CALICO_IPIP, extra: [nodesOnly, ...api] }));
    const run = (key: string) =>
      overlayTunnelSnat({ cluster, svc: prepareService(cluster, cluster.model.services.get(key)!) });
    const web = run('default/web');
    const apiFindings = run('default/api');
    expect(web[0].message).toMatch(/^web-allow-nodes admits the InternalIPs of 3 nodes/);
    expect(apiFindings).toHaveLength(1);
    expect(apiFindings[0].message).toMatch(/^api-allow-nodes admits the InternalIPs of 3 nodes \(192\.168\.0\.0\/24\)/);
    expect(apiFindings[0].message).toContain('for 3 of those 3 nodes');
    expect(apiFindings[0].evidence).toContainEqual(
      expect.objectContaining({ kind: 'NetworkPolicy', name: 'default/api-allow-nodes' }),
    );
    expect(apiFindings[0].evidence).not.toContainEqual(expect.objectContaining({ name: 'default/web-allow-nodes' }));
  });
});
