import { describe, expect, it } from 'vitest';
import type { TraceResult } from '../engine/types';
import { localImbalanceFixture, manyNodesFixture, nodePath } from './fixtures';
import { buildDiagramView } from './service-view';
import { traceHighlight } from './trace-highlight';

function trace(p: Partial<TraceResult>): TraceResult {
  return {
    service: 'shop/checkout',
    entry: 'loadBalancerIP',
    node: 'worker-b',
    verdict: 'forwarded',
    masqueraded: false,
    snatSource: null,
    endpoints: [],
    policy: null,
    policyReason: null,
    reason: 'eTP=Local: local endpoint',
    rules: [],
    hops: [{ kind: 'client', label: 'client', src: '203.0.113.7', dst: '198.51.100.20:443', detail: '' }],
    ...p,
  };
}
const ep = (pod: string, ip: string, share = 1) => ({
  ip,
  port: 8443,
  pod,
  node: null,
  share,
  sourceIP: '203.0.113.7',
  clientIPPreserved: true,
  policy: 'allowed' as const,
  policyReason: '',
});

describe('traceHighlight', () => {
  it('follows client → LB → node → kube-proxy → pod for an external packet', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    const h = traceHighlight(v, trace({ endpoints: [ep('shop/checkout-7d9f-b1', '10.244.2.11')] }), { external: true });
    expect(h.ids).toEqual([
      'Local:client',
      'Local:lb',
      'Local:client>lb',
      'Local:node:worker-b',
      'Local:lb>node:worker-b',
      'Local:proxy:node:worker-b',
      'Local:node:worker-b>proxy:node:worker-b',
      'Local:pod:shop/checkout-7d9f-b1',
      'Local:proxy:node:worker-b>pod:shop/checkout-7d9f-b1',
    ]);
    expect(h.rowId).toBe('Local:node:worker-b');
    expect(h.summary).toBe('forwarded at worker-b → shop/checkout-7d9f-b1: eTP=Local: local endpoint');
  });

  it('finds a node folded into an engine aggregate by what happened to the packet (drop)', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    const h = traceHighlight(v, trace({ node: 'worker-z', verdict: 'dropped', reason: 'no local endpoint' }), {
      external: true,
      arrival: { name: 'worker-z', zone: 'eu-west-1c', excludedFromLB: null, beingDeleted: null },
    });
    expect(h.rowId).toBe('Local:nodes:dropped.hc-503.not-in-lb.no-local');
    expect(h.ids).toContain('Local:proxy:nodes:dropped.hc-503.not-in-lb.no-local');
    expect(h.ids.some((id) => id.includes(':pod:'))).toBe(false);
  });

  it('finds a node folded into a view group by its name', () => {
    const v = buildDiagramView(manyNodesFixture(30, 3), 'Cluster', { group: 5 });
    const h = traceHighlight(
      v,
      trace({ service: 'web/frontend', node: 'node-029', endpoints: [ep('web/frontend-1', '10.244.1.5')] }),
      { external: true },
    );
    expect(h.rowId).toMatch(/^Cluster:nodes:/);
    expect(h.ids).toContain('Cluster:pod:web/frontend-1');
  });

  it('does not light the client box for an in-cluster source', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Cluster', { group: 12 });
    const h = traceHighlight(
      v,
      trace({
        entry: 'clusterIP',
        node: 'worker-a',
        hops: [{ kind: 'node', label: 'pod', src: '10.244.1.11', dst: '10.96.12.7:443', detail: '' }],
        endpoints: [ep('shop/checkout-7d9f-a2', '10.244.1.12')],
      }),
      { external: false },
    );
    expect(h.ids).not.toContain('Cluster:client');
    expect(h.ids).not.toContain('Cluster:lb');
    expect(h.ids).toContain('Cluster:pod:shop/checkout-7d9f-a2');
  });

  it('tells an LB-excluded node from one failing the health check when both drop', () => {
    const fx = localImbalanceFixture();
    fx.paths.Local.nodes.push(
      nodePath({
        node: null,
        count: 3,
        healthCheck: 503,
        verdict: 'dropped',
        inLoadBalancer: false,
        lbExcludedReason:
          'excluded from load balancers: labelled node.kubernetes.io/exclude-from-external-load-balancers',
      }),
    );
    const v = buildDiagramView(fx, 'Local', { group: 12 });
    expect(v.nodes.filter((n) => n.kind === 'nodeGroup')).toHaveLength(2);
    const drop = trace({ node: 'cp-1', verdict: 'dropped', reason: 'no local endpoint' });
    const cp = traceHighlight(v, drop, {
      external: true,
      arrival: {
        name: 'cp-1',
        zone: null,
        excludedFromLB: 'labelled node.kubernetes.io/exclude-from-external-load-balancers',
        beingDeleted: null,
      },
    });
    expect(cp.rowId).toBe('Local:nodes:dropped.hc-503.not-in-lb.no-local.lb-excluded');
    const worker = traceHighlight(
      v,
      { ...drop, node: 'w-9' },
      { external: true, arrival: { name: 'w-9', zone: 'eu-west-1c', excludedFromLB: null, beingDeleted: null } },
    );
    expect(worker.rowId).toBe('Local:nodes:dropped.hc-503.not-in-lb.no-local');
    // Without facts about the node, an ambiguous match lights no row rather than a wrong one.
    expect(traceHighlight(v, drop, { external: true }).rowId).toBeNull();
  });

  describe('placing a node in a group row by its sample names', () => {
    const DROP = { verdict: 'dropped' as const, healthCheck: 503 as const };
    const NOT_IN_LB = { ...DROP, inLoadBalancer: false, lbExcludedReason: 'health check 503: no local endpoint' };
    const OUT = 'Local:nodes:dropped.hc-503.not-in-lb.no-local';
    const STALE = 'Local:nodes:dropped.hc-503.in-lb.no-local';
    const drop = trace({ node: 'worker-h', verdict: 'dropped', reason: 'no local endpoint' });
    const facts = (name: string) => ({ name, zone: 'eu-west-1c', excludedFromLB: null, beingDeleted: null });
    /** localImbalanceFixture with its dropping aggregate naming `samples`, plus a second dropping aggregate (still in the LB) naming worker-h and worker-i. */
    function twoDroppingAggregates(samples: string[], count = 5) {
      const fx = localImbalanceFixture();
      const nodes = fx.paths.Local.nodes.filter((n) => n.node !== null);
      nodes.push(nodePath({ node: null, count, sampleNodes: samples, zone: 'eu-west-1c', ...NOT_IN_LB }));
      nodes.push(
        nodePath({
          node: null,
          count: 2,
          sampleNodes: ['worker-h', 'worker-i'],
          zone: null,
          ...DROP,
          inLoadBalancer: true,
        }),
      );
      fx.paths.Local.nodes = nodes;
      return buildDiagramView(fx, 'Local', { group: 12 });
    }

    it('carries the engine sample names onto the node and kube-proxy boxes', () => {
      const v = twoDroppingAggregates(['worker-c', 'worker-d']);
      expect(v.nodes.find((n) => n.id === STALE)?.sampleNodes).toEqual(['worker-h', 'worker-i']);
      expect(v.nodes.find((n) => n.id === 'Local:proxy:nodes:dropped.hc-503.in-lb.no-local')?.sampleNodes).toEqual([
        'worker-h',
        'worker-i',
      ]);
      expect(v.nodes.find((n) => n.id === 'Local:client')?.sampleNodes).toEqual([]);
    });

    it('uses the row that names the node, even where the traits and zone point elsewhere', () => {
      const v = twoDroppingAggregates(['worker-c', 'worker-d']);
      // Both aggregates drop with the same traits; only the first shares the node's zone, so a guess would pick it.
      const h = traceHighlight(v, drop, { external: true, arrival: facts('worker-h') });
      expect(h.rowId).toBe(STALE);
      expect(h.ids).toContain('Local:proxy:nodes:dropped.hc-503.in-lb.no-local');
      expect(h.ids).not.toContain(OUT);
      // Named: no facts about the node are needed, though the two rows are otherwise ambiguous.
      expect(traceHighlight(v, drop, { external: true }).rowId).toBe(STALE);
      expect(traceHighlight(v, { ...drop, node: 'worker-d' }, { external: true }).rowId).toBe(OUT);
    });

    it('falls back to behaviour and traits for a node no row names, among rows that stand for more nodes than they name', () => {
      // The first aggregate names 2 of its 5 nodes; the second names both of its 2, so worker-z cannot be there.
      const v = twoDroppingAggregates(['worker-c', 'worker-d']);
      const h = traceHighlight(v, { ...drop, node: 'worker-z' }, { external: true, arrival: facts('worker-z') });
      expect(h.rowId).toBe(OUT);
      // Without facts the only open row is still the only candidate.
      expect(traceHighlight(v, { ...drop, node: 'worker-z' }, { external: true }).rowId).toBe(OUT);
    });

    it('lights no row for a node no row names when every group names all its nodes', () => {
      const v = twoDroppingAggregates(['worker-c', 'worker-d', 'worker-e'], 3);
      const h = traceHighlight(v, { ...drop, node: 'worker-z' }, { external: true, arrival: facts('worker-z') });
      expect(h.rowId).toBeNull();
      expect(h.ids).toEqual(['Local:client', 'Local:lb', 'Local:client>lb']);
    });

    it('finds a node named by an engine aggregate inside a view group, and guesses into such a group for an unnamed one', () => {
      const fx = localImbalanceFixture();
      const nodes = fx.paths.Local.nodes.filter((n) => n.node !== null);
      nodes.push(nodePath({ node: 'worker-x', lbShare: 0, ...NOT_IN_LB }));
      nodes.push(nodePath({ node: null, count: 5, sampleNodes: ['worker-c', 'worker-d'], ...NOT_IN_LB }));
      fx.paths.Local.nodes = nodes;
      const v = buildDiagramView(fx, 'Local', { group: 2 });
      const group = v.nodes.find((n) => n.id === OUT)!;
      expect(group.members).toEqual(['worker-x']);
      expect(group.count).toBe(6);
      expect(group.sampleNodes).toEqual(['worker-c', 'worker-d', 'worker-x']);
      expect(traceHighlight(v, { ...drop, node: 'worker-d' }, { external: true }).rowId).toBe(OUT);
      expect(traceHighlight(v, { ...drop, node: 'worker-x' }, { external: true }).rowId).toBe(OUT);
      // worker-z is one of the 3 nodes the group does not name.
      expect(
        traceHighlight(v, { ...drop, node: 'worker-z' }, { external: true, arrival: facts('worker-z') }).rowId,
      ).toBe(OUT);
    });
  });
});
