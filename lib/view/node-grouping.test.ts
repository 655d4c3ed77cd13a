import { describe, expect, it } from 'vitest';
import { nodePath } from './fixtures';
import { groupNodeRows, MAX_INDIVIDUAL_NODES, nodeBehaviourKey } from './node-grouping';

const forwarding = (name: string, lbShare: number, local = 0) =>
  nodePath({ node: name, lbShare, localEndpoints: local, localUsableEndpoints: local, healthCheck: 200 });

describe('groupNodeRows', () => {
  it('keeps every node when there are no more than the threshold', () => {
    const rows = [forwarding('b', 0.5, 1), forwarding('a', 0.5, 1)];
    const { rows: out } = groupNodeRows(rows, 2);
    expect(out.map((r) => r.id)).toEqual(['node:a', 'node:b']);
    expect(out.every((r) => r.node !== null)).toBe(true);
  });

  it('keeps the threshold busiest nodes and folds the rest by behaviour', () => {
    const rows = [
      forwarding('n1', 0.4, 2),
      forwarding('n2', 0.3, 1),
      forwarding('n3', 0.2, 1),
      forwarding('n4', 0.1, 1),
    ];
    const { rows: out } = groupNodeRows(rows, 2);
    expect(out.map((r) => r.id)).toEqual(['node:n1', 'node:n2', 'nodes:forwarded.hc-200.in-lb.local']);
    const group = out[2];
    expect(group.node).toBeNull();
    expect(group.path.count).toBe(2);
    expect(group.path.lbShare).toBeCloseTo(0.3);
    expect(group.path.localUsableEndpoints).toBe(2);
    expect(group.members).toEqual(['n3', 'n4']);
  });

  it('is one past the threshold that starts grouping (threshold 12 → 13 nodes make a group)', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => forwarding(`w${String(i).padStart(2, '0')}`, 1 / 12, 1));
    expect(groupNodeRows(twelve, 12).rows.every((r) => r.node !== null)).toBe(true);
    const thirteen = [...twelve, forwarding('w12', 0, 1)];
    const out = groupNodeRows(thirteen, 12).rows;
    expect(out.filter((r) => r.node !== null)).toHaveLength(12);
    expect(out.find((r) => r.node === null)?.members).toEqual(['w12']);
  });

  it('merges folded nodes into an engine aggregate of the same behaviour', () => {
    const dropA = nodePath({ node: 'd1', verdict: 'dropped', healthCheck: 503, inLoadBalancer: false });
    const dropB = nodePath({ node: 'd2', verdict: 'dropped', healthCheck: 503, inLoadBalancer: false });
    const agg = nodePath({ node: null, count: 310, verdict: 'dropped', healthCheck: 503, inLoadBalancer: false });
    const keep = forwarding('k', 1, 1);
    const out = groupNodeRows([dropA, agg, keep, dropB], 1).rows;
    expect(out).toHaveLength(2);
    expect(out[0].id).toBe('node:k');
    expect(out[1].path.count).toBe(312);
    expect(out[1].path.verdict).toBe('dropped');
  });

  it("gives a merged row's 16 sample names to the engine aggregate's nodes before folded ones (those are members)", () => {
    const drop = { verdict: 'dropped' as const, healthCheck: 503 as const, inLoadBalancer: false };
    const folded = Array.from({ length: 20 }, (_, i) => nodePath({ node: `a${String(i).padStart(2, '0')}`, ...drop }));
    const aggSamples = ['z1', 'z2', 'z3'];
    const agg = nodePath({ node: null, count: 300, sampleNodes: aggSamples, ...drop });
    const out = groupNodeRows([forwarding('k', 1, 1), ...folded, agg], 1).rows;
    const group = out.find((r) => r.node === null)!;
    expect(group.members).toHaveLength(20);
    expect(group.path.sampleNodes).toHaveLength(16);
    expect(group.path.sampleNodes).toEqual(expect.arrayContaining(aggSamples));
    expect(group.path.sampleNodes).toEqual([...group.path.sampleNodes].sort());
    expect(group.path.sampleNodes.slice(0, 13)).toEqual(folded.slice(0, 13).map((r) => r.node));
  });

  it('orders forwarded before dropped before rejected, individual nodes before groups', () => {
    const rows = [
      nodePath({ node: null, count: 3, verdict: 'rejected' }),
      nodePath({ node: 'z', verdict: 'dropped' }),
      nodePath({ node: null, count: 4, verdict: 'dropped' }),
      forwarding('y', 1, 1),
    ];
    const out = groupNodeRows(rows, 12).rows;
    expect(out.map((r) => [r.node, r.path.verdict])).toEqual([
      ['y', 'forwarded'],
      ['z', 'dropped'],
      [null, 'dropped'],
      [null, 'rejected'],
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const rows = Array.from({ length: 30 }, (_, i) => forwarding(`m${i}`, i % 3 === 0 ? 0.05 : 0.02, i % 2));
    const a = groupNodeRows(rows, 5).rows;
    const b = groupNodeRows([...rows].reverse(), 5).rows;
    expect(b).toEqual(a);
  });

  it('caps individual nodes at MAX_INDIVIDUAL_NODES and says so', () => {
    const rows = Array.from({ length: MAX_INDIVIDUAL_NODES + 50 }, (_, i) => forwarding(`c${i}`, 0.001));
    const { rows: out, capped } = groupNodeRows(rows, 10_000);
    expect(capped).toBe(true);
    expect(out.filter((r) => r.node !== null)).toHaveLength(MAX_INDIVIDUAL_NODES);
    expect(out.find((r) => r.node === null)?.path.count).toBe(50);
  });

  it('groups nodes that differ only in share under one key, and not nodes that behave differently', () => {
    expect(nodeBehaviourKey(forwarding('a', 0.1, 1))).toBe(nodeBehaviourKey(forwarding('b', 0.9, 4)));
    expect(nodeBehaviourKey(forwarding('a', 0.1, 1))).not.toBe(nodeBehaviourKey(forwarding('b', 0.1, 0)));
    expect(nodeBehaviourKey(nodePath({ node: 'x', proxyHealthz: 503 }))).toContain('healthz-503');
    // Left out of the LB by label vs by a failed probe: different rows.
    const failed = nodePath({
      node: 'a',
      verdict: 'dropped',
      healthCheck: 503,
      inLoadBalancer: false,
      lbExcludedReason: 'fails the healthCheckNodePort probe (503: no local ready endpoint)',
    });
    const labelled = {
      ...failed,
      lbExcludedReason:
        'excluded from load balancers: labelled node.kubernetes.io/exclude-from-external-load-balancers',
    };
    expect(nodeBehaviourKey(labelled)).not.toBe(nodeBehaviourKey(failed));
  });
});
