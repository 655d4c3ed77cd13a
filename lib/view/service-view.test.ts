import { describe, expect, it } from 'vitest';
import {
  clusterIPFixture,
  localImbalanceFixture,
  manyNodesFixture,
  nodePortLocalFixture,
  noEndpointsFixture,
  podShare,
} from './fixtures';
import { buildDiagramView, edgeId, findHop, groupPodRows, hopPolicy, summaryText } from './service-view';

const byId = <T extends { id: string }>(list: T[], id: string) => {
  const hit = list.find((x) => x.id === id);
  if (!hit) throw new Error(`no ${id} in ${list.map((x) => x.id).join(', ')}`);
  return hit;
};

describe('buildDiagramView: columns and boxes', () => {
  it('draws Client → Load balancer → Nodes → kube-proxy → Pods for a LoadBalancer Service', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12, proxyTitle: 'kube-proxy (iptables)' });
    expect(v.columns.map((c) => c.column)).toEqual(['client', 'loadBalancer', 'node', 'proxy', 'pod']);
    expect(v.columns[3].title).toBe('kube-proxy (iptables)');
    expect(v.actual).toBe(true);
    expect(v.nodes.filter((n) => n.column === 'pod').map((n) => n.pod)).toEqual([
      'shop/checkout-7d9f-b1',
      'shop/checkout-7d9f-a1',
      'shop/checkout-7d9f-a2',
      'shop/checkout-7d9f-a3',
    ]);
    expect(byId(v.nodes, 'Local:lb').sublabel).toBe('198.51.100.20:443');
  });

  it('has no load-balancer column for a NodePort Service: clients reach the nodes directly', () => {
    const v = buildDiagramView(nodePortLocalFixture(), 'Local', { group: 12 });
    expect(v.columns.map((c) => c.column)).toEqual(['client', 'node', 'proxy', 'pod']);
    expect(v.edges.some((e) => e.source === 'Local:client' && e.target === 'Local:node:edge-1')).toBe(true);
  });

  it('labels engine aggregates as "N nodes without a local endpoint — health check 503"', () => {
    const v = buildDiagramView(manyNodesFixture(316, 4), 'Local', { group: 12 });
    const group = v.nodes.find((n) => n.kind === 'nodeGroup');
    expect(group?.label).toBe('312 nodes without a local endpoint — health check 503');
    expect(group?.count).toBe(312);
  });

  it('groups nodes past the URL threshold and keeps them individual below it', () => {
    const fx = manyNodesFixture(20, 4);
    const wide = buildDiagramView(fx, 'Cluster', { group: 20 });
    expect(wide.nodes.filter((n) => n.kind === 'node')).toHaveLength(20);
    const narrow = buildDiagramView(fx, 'Cluster', { group: 5 });
    expect(narrow.nodes.filter((n) => n.kind === 'node')).toHaveLength(5);
    const groups = narrow.nodes.filter((n) => n.kind === 'nodeGroup');
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(15);
    expect(groups.flatMap((g) => g.members)).toHaveLength(15);
  });

  it('says why a ClusterIP Service has no external diagram', () => {
    const v = buildDiagramView(clusterIPFixture(), 'Cluster', { group: 12 });
    expect(v.nodes).toEqual([]);
    expect(v.notices[0]).toMatch(/ClusterIP Service is not reachable from outside/);
  });
});

describe('buildDiagramView: shares', () => {
  it('gives each LB → node edge the node share and each pod edge the pod share (Local)', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    expect(byId(v.edges, 'Local:lb>node:worker-b').share).toBe(0.5);
    expect(byId(v.edges, 'Local:proxy:node:worker-b>pod:shop/checkout-7d9f-b1').share).toBe(0.5);
    expect(byId(v.edges, 'Local:proxy:node:worker-a>pod:shop/checkout-7d9f-a1').share).toBeCloseTo(1 / 6);
    // Local: a node forwards only to its own pods.
    expect(v.edges.some((e) => e.id === 'Local:proxy:node:worker-a>pod:shop/checkout-7d9f-b1')).toBe(false);
  });

  it('spreads every Cluster node over all pods, and the pod edges add up to the pod shares', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Cluster', { group: 12 });
    const into = (pod: string) => v.edges.filter((e) => e.target === `Cluster:pod:${pod}`);
    expect(into('shop/checkout-7d9f-b1')).toHaveLength(3);
    expect(into('shop/checkout-7d9f-b1').reduce((s, e) => s + e.share, 0)).toBeCloseTo(0.25);
    const out = v.edges.filter((e) => e.source === 'Cluster:proxy:node:worker-a');
    expect(out.reduce((s, e) => s + e.share, 0)).toBeCloseTo(1 / 7);
  });

  it('folds pods past the limit into one "N more pods" box that keeps their share', () => {
    const fx = manyNodesFixture(40, 30);
    const v = buildDiagramView(fx, 'Cluster', { group: 12 });
    const pods = v.nodes.filter((n) => n.column === 'pod');
    expect(pods).toHaveLength(17);
    const rest = byId(v.nodes, 'Cluster:pods:rest');
    expect(rest.label).toBe('14 more pods');
    expect(rest.share).toBeCloseTo(14 / 30);
  });
});

describe('buildDiagramView: dropped and rejected paths', () => {
  it('draws nodes without local endpoints as excluded by the LB and dropping at kube-proxy', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    const row = 'Local:nodes:dropped.hc-503.not-in-lb.no-local';
    const inEdge = byId(v.edges, edgeId('Local:lb', row));
    expect(inEdge.kind).toBe('excluded');
    expect(inEdge.label).toBe('HC 503');
    const drop = byId(v.nodes, 'Local:proxy:nodes:dropped.hc-503.not-in-lb.no-local');
    expect(drop.kind).toBe('drop');
    expect(drop.sublabel).toBe('no local endpoint');
    expect(byId(v.edges, edgeId(row, drop.id))).toMatchObject({ kind: 'dropped', label: 'would drop', share: 0 });
  });

  it('labels the share actually dropped when clients pick nodes without the pod (NodePort + Local)', () => {
    const v = buildDiagramView(nodePortLocalFixture(), 'Local', { group: 12 });
    const row = v.nodes.find((n) => n.kind === 'nodeGroup')!;
    const e = v.edges.find((x) => x.source === row.id && x.target.includes(':proxy:'))!;
    expect(e).toMatchObject({ kind: 'dropped', label: '75% dropped', share: 0.75 });
    expect(v.summary).toContain('75% of traffic dropped');
  });

  it('draws REJECT when the Service has no endpoints', () => {
    const v = buildDiagramView(noEndpointsFixture(), 'Cluster', { group: 12 });
    const reject = v.nodes.find((n) => n.kind === 'reject');
    expect(reject?.label).toBe('REJECT');
    expect(v.edges.find((e) => e.target === reject?.id)).toMatchObject({
      kind: 'rejected',
      label: 'rejected',
      share: 1,
    });
    expect(v.nodes.filter((n) => n.column === 'pod')).toEqual([]);
  });
});

describe('buildDiagramView: client IP colouring', () => {
  it('Local keeps the client IP on every hop up to the pod', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    const traffic = v.edges.filter((e) => e.kind === 'traffic');
    expect(traffic.length).toBeGreaterThan(0);
    expect(new Set(traffic.map((e) => e.clientIP))).toEqual(new Set(['preserved']));
    const pod = byId(v.nodes, 'Local:pod:shop/checkout-7d9f-b1');
    expect(pod.sublabel).toBe('50% · sees 203.0.113.10');
    expect(pod.clientIP).toBe('preserved');
  });

  it('Cluster keeps it to the node, then SNATs: kube-proxy → pod edges carry the SNAT source', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Cluster', { group: 12 });
    expect(byId(v.edges, 'Cluster:lb>node:worker-a').clientIP).toBe('preserved');
    const toPod = byId(v.edges, 'Cluster:proxy:node:worker-a>pod:shop/checkout-7d9f-a1');
    expect(toPod.clientIP).toBe('snat');
    expect(toPod.hop.src).toBe('10.0.1.10');
    expect(byId(v.nodes, 'Cluster:proxy:node:worker-a')).toMatchObject({
      label: 'DNAT + SNAT',
      sublabel: 'SNAT → 10.0.1.10',
    });
    expect(byId(v.nodes, 'Cluster:pod:shop/checkout-7d9f-b1').sublabel).toBe('25% · sees 10.0.2.10');
  });

  it('marks the LB hop as rewriting the source when the LB proxies (ipMode: Proxy)', () => {
    const fx = localImbalanceFixture();
    fx.entries = fx.entries.map((e) => (e.kind === 'loadBalancerIP' ? { ...e, ipMode: 'Proxy' as const } : e));
    const v = buildDiagramView(fx, 'Local', { group: 12 });
    expect(byId(v.edges, 'Local:lb>node:worker-a').clientIP).toBe('snat');
    expect(byId(v.edges, 'Local:lb>node:worker-a').hop.src).toBe('198.51.100.20');
  });

  it('dropped and excluded edges are coloured "none": no packet survives there', () => {
    const v = buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 });
    for (const e of v.edges.filter((x) => x.kind !== 'traffic')) expect(e.clientIP).toBe('none');
  });
});

describe('hop ids', () => {
  it('are the same whatever the order of the engine rows, and name the policy', () => {
    const a = localImbalanceFixture();
    const b = localImbalanceFixture();
    b.paths.Local.nodes.reverse();
    b.paths.Local.pods.reverse();
    const va = buildDiagramView(a, 'Local', { group: 12 });
    const vb = buildDiagramView(b, 'Local', { group: 12 });
    expect(vb.nodes.map((n) => n.id).sort()).toEqual(va.nodes.map((n) => n.id).sort());
    expect(vb.edges.map((e) => e.id).sort()).toEqual(va.edges.map((e) => e.id).sort());
    expect(new Set(va.nodes.map((n) => n.id)).size).toBe(va.nodes.length);
    expect(new Set(va.edges.map((e) => e.id)).size).toBe(va.edges.length);
    expect(hopPolicy('Local:pod:shop/x')).toBe('Local');
    expect(hopPolicy('bogus')).toBeNull();
  });

  it('do not depend on shares, so a link stays valid when traffic moves', () => {
    const a = localImbalanceFixture();
    const b = localImbalanceFixture();
    b.paths.Local.nodes[0].lbShare = 0.9;
    b.paths.Local.pods[0].share = 0.9;
    const ids = (fx: typeof a) =>
      buildDiagramView(fx, 'Local', { group: 12 })
        .nodes.map((n) => n.id)
        .sort();
    expect(ids(b)).toEqual(ids(a));
  });

  it('findHop finds boxes and edges across views, with their addresses', () => {
    const fx = localImbalanceFixture();
    const views = [buildDiagramView(fx, 'Cluster', { group: 12 }), buildDiagramView(fx, 'Local', { group: 12 })];
    const hit = findHop(views, 'Local:pod:shop/checkout-7d9f-b1');
    expect(hit?.view.policy).toBe('Local');
    expect(hit?.node?.hop).toMatchObject({ src: '203.0.113.10', dst: '10.244.2.11' });
    expect(findHop(views, 'Cluster:client>lb')?.edge?.hop).toMatchObject({
      src: '203.0.113.10',
      dst: '198.51.100.20:443',
    });
    expect(findHop(views, 'Cluster:lb')?.node?.hop).toMatchObject({ src: '203.0.113.10', dst: '198.51.100.20:443' });
    expect(findHop(views, 'Local:nope')).toBeNull();
  });
});

describe('summaryText', () => {
  it('says whether pods see the client, how much is dropped and the skew', () => {
    const fx = localImbalanceFixture();
    expect(summaryText(fx.paths.Local)).toBe('Pods see the client IP · busiest pod gets 3× the least busy');
    expect(summaryText(fx.paths.Cluster)).toBe('Pods see SNAT addresses, not the client IP');
  });
});

describe('groupPodRows with aggregate pod rows', () => {
  it("ranks and sizes an aggregate by its pods' total share, as one row", () => {
    const group = podShare({ pod: null, ip: '10.1.0.9', count: 10, samplePods: ['shop/edge-1'], share: 0.05 });
    const single = podShare({ pod: 'shop/big', ip: '10.1.0.2', share: 0.3 });
    const small = podShare({ pod: 'shop/small', ip: '10.1.0.3', share: 0.2 });
    const rows = groupPodRows([single, small, group], 2);
    expect(rows.map((r) => [r.id, Number(r.share.toFixed(2))])).toEqual([
      ['pod:group:shop/edge-1', 0.5],
      ['pod:shop/big', 0.3],
      ['pods:rest', 0.2],
    ]);
  });

  it('counts the pods of aggregates folded into "N more pods", and its verdict in pods', () => {
    const fx = manyNodesFixture(40, 30);
    const pods = fx.paths.Cluster.pods;
    // The last pods become one aggregate of 100 denied pods and one of 50 allowed, with little traffic each.
    const tail = (p: (typeof pods)[number], count: number, policy: 'denied' | 'allowed', name: string) => ({
      ...p,
      pod: null,
      count,
      samplePods: [name],
      policy,
      share: 0.0001,
    });
    fx.paths.Cluster.pods = [
      ...pods.slice(0, 28),
      tail(pods[28], 100, 'denied', 'shop/agg-a'),
      tail(pods[29], 50, 'allowed', 'shop/agg-b'),
    ];
    const v = buildDiagramView(fx, 'Cluster', { group: 12 });
    const rest = byId(v.nodes, 'Cluster:pods:rest');
    expect(rest.label).toBe('162 more pods'); // 12 pods and the two aggregates' 150
    expect(rest.count).toBe(162);
    expect(rest.verdictText).toBe('denied at 100 of 162');
    const into = v.edges.filter((e) => e.target === 'Cluster:pods:rest');
    expect(into.length).toBeGreaterThan(0);
    for (const e of into) {
      expect(e.hop?.note).toMatch(/ to 162 more pods; NetworkPolicy: denied at 100 of 162\.$/);
      expect(e.hop?.dst).toBe('162 pod IPs');
    }
    // An aggregate with much traffic keeps a box of its own: its flows name its pods, not one address.
    fx.paths.Cluster.pods = [...pods.slice(0, 29), { ...tail(pods[29], 40, 'denied', 'shop/agg-c'), share: 0.05 }];
    const kept = buildDiagramView(fx, 'Cluster', { group: 12 });
    const intoGroup = kept.edges.filter((e) => e.target === 'Cluster:pod:group:shop/agg-c');
    expect(intoGroup.length).toBeGreaterThan(0);
    for (const e of intoGroup) {
      expect(e.hop?.dst).toBe('40 pod IPs');
      expect(e.hop?.note).toContain(' to 40 pods (shop/agg-c, …); NetworkPolicy: denied');
    }
  });
});
