import { describe, expect, it } from 'vitest';
import { webObjects } from '../testing/scenarios';
import { nodeAllowList } from './node-allowlist';
import { allowWeb, CALICO_BGP, CALICO_IPIP, ciliumWeb } from './policy-fixtures';
import { prepareService } from './service-facts';
import { factsOf, runOn } from './testing';

// A client allow-list plus the node network 192.168.0.0/24 (all three web node InternalIPs).
const withNodes = allowWeb('web-allow', ['203.0.113.0/26', '192.168.0.0/24']);

describe('node-allowlist (../shared/reference/netpol-semantics.md §5 rule 3)', () => {
  it('Calico without encapsulation: cross-node SNAT uses the InternalIP, so every client entering through any node is admitted', () => {
    const f = runOn(nodeAllowList, webObjects({ nodeAnnotations: CALICO_BGP, extra: [withNodes] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('node-allowlist/default/web/web-allow/192.168.0.0-24');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      "web-allow allows 192.168.0.0/24, which contains the InternalIPs of all 3 nodes: it admits every external client entering through any node toward a pod on another node, whatever the client's real address, and every host process and hostNetwork pod on every node, which undermines the 203.0.113.0/26 allow-list.",
    );
    expect(f[0].fixYaml).toContain('cidr: 203.0.113.0/26');
    expect(f[0].fixYaml).toContain('externalTrafficPolicy: Local');
  });

  it('Calico IPIP: cross-node SNAT uses tunl0 addresses outside the block; the finding says what it still admits and points at overlay-tunnel-snat', () => {
    const f = runOn(nodeAllowList, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [withNodes] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe(
      'web-allow allows 192.168.0.0/24, which contains the InternalIPs of all 3 nodes: it admits every host process and hostNetwork pod on every node, and would admit any client a node masquerades to one of these addresses, which undermines the 203.0.113.0/26 allow-list (here cross-node SNAT uses IPIP tunnel addresses outside the block instead: see overlay-tunnel-snat).',
    );
  });

  it("an unknown CNI may run policy after MASQUERADE on the pod's own node: clients entering there are admitted too", () => {
    const f = runOn(nodeAllowList, webObjects({ extra: [withNodes] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(
      "every external client entering through the pod's own node, as an unknown CNI may apply pod policy after the node masquerades it",
    );
  });

  it('a block of one node\'s address names that node; under Local the SNAT admission is "under Cluster"', () => {
    const one = allowWeb('web-allow-node-a', ['192.168.0.1/32']);
    const f = runOn(
      nodeAllowList,
      webObjects({ service: { externalTrafficPolicy: 'Local' }, nodeAnnotations: CALICO_BGP, extra: [one] }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('contains the addresses of 1 node (node-a)');
    expect(f[0].message).toContain(
      'every external client entering through 1 node (node-a) toward a pod on another node (under Cluster)',
    );
  });

  it('"everyone" blocks (0.0.0.0/0 with excepts) contain nodes but are meant for every client: no finding', () => {
    const world = allowWeb('web-allow-world', [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }]);
    expect(runOn(nodeAllowList, webObjects({ nodeAnnotations: CALICO_BGP, extra: [world] }), 'default/web')).toEqual(
      [],
    );
    // A broad internal block is a real allow-list of the nodes.
    const internal = allowWeb('web-allow-internal', ['192.168.0.0/16']);
    expect(
      runOn(nodeAllowList, webObjects({ nodeAnnotations: CALICO_BGP, extra: [internal] }), 'default/web'),
    ).toHaveLength(1);
  });

  it('no node address in the block, a ClusterIP-only Service, or Cilium without nodes match mode: no finding', () => {
    expect(
      runOn(nodeAllowList, webObjects({ extra: [allowWeb('web-allow', ['203.0.113.0/26'])] }), 'default/web'),
    ).toEqual([]);
    expect(
      runOn(nodeAllowList, webObjects({ service: { type: 'ClusterIP' }, extra: [withNodes] }), 'default/web'),
    ).toEqual([]);
    expect(runOn(nodeAllowList, ciliumWeb({ extra: [withNodes] }), 'default/web')).toEqual([]);
  });

  it('Cilium with policy-cidr-match-mode=nodes does match node addresses: reported', () => {
    const f = runOn(
      nodeAllowList,
      ciliumWeb({ extra: [withNodes], cilium: { 'policy-cidr-match-mode': 'nodes' } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].rule).toBe('node-allowlist');
  });

  it('works out what an allow-list admits of the nodes once per ipBlock, not once per Service it applies to', () => {
    const facts = factsOf(webObjects({ nodeAnnotations: CALICO_BGP, extra: [withNodes] }));
    const coverage = facts.nodeCoverage;
    let computed = 0;
    facts.nodeCoverage = (a) => {
      computed++;
      return coverage(a);
    };
    const service = facts.model.services.get('default/web')!;
    const first = nodeAllowList({ cluster: facts, svc: prepareService(facts, service, {}) });
    expect(first).toHaveLength(1);
    const after = computed;
    expect(after).toBeGreaterThan(0);
    // The same allow-list for another Service (here: the Service prepared again) reuses the summary.
    const second = nodeAllowList({ cluster: facts, svc: prepareService(facts, service, {}) });
    expect(computed).toBe(after);
    expect(second).toEqual(first);
  });
});
