import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../../demo/index';
import { analyzeObjects } from '../../engine/facade';
import { buildServicePageData, defaultPathOf, findServiceAnalysis } from '../service-page-data';
import { layoutDiagram } from '../layout';
import { layoutInClusterChart } from '../pod-chart';

// checkout/checkout-api (lib/demo/SCENARIOS.md #7): the policy meant to let storefront in allows the
// Service port 80, not the target port 8080, so every client workload is denied.
const run = analyzeObjects(DEMO_CLUSTERS[0].load());
const page = (ns: string, name: string, clientPod: string | null = null) =>
  buildServicePageData(run.model, run.analysis, findServiceAnalysis(run.analysis, ns, name)!, { group: 12, clientPod });

describe('in-cluster diagram on the demo cluster', () => {
  it('a ClusterIP Service defaults to its in-cluster path; a LoadBalancer to the external one', () => {
    expect(defaultPathOf(findServiceAnalysis(run.analysis, 'checkout', 'checkout-api')!)).toBe('in-cluster');
    expect(defaultPathOf(findServiceAnalysis(run.analysis, 'partner-api', 'partner-gateway')!)).toBe('external');
  });

  it('checkout-api: client pods → ClusterIP → kube-proxy → pods; every client workload denied', () => {
    const d = page('checkout', 'checkout-api');
    const v = d.paths['in-cluster'].panels.Cluster.view;
    expect(v.columns.map((c) => c.column)).toEqual(['clients', 'clusterIP', 'proxy', 'pod']);
    expect(v.actual).toBe(true);
    const pods = v.nodes.filter((n) => n.column === 'pod');
    expect(pods).toHaveLength(3);
    // Each pod denies every client; the traced checkout-api pod reaching itself is `unknown` (kubernetes#95879).
    expect(
      pods.every(
        (p) => p.verdict === 'denied' || (p.verdict === 'mixed' && /^denied for \d+ of \d+/.test(p.verdictText)),
      ),
    ).toBe(true);
    expect(pods.filter((p) => p.verdict === 'denied').length).toBeGreaterThanOrEqual(2);
    const storefront = v.nodes.find((n) => n.column === 'clients' && n.label.startsWith('storefront'))!;
    expect(storefront.verdict).toBe('denied');
    expect(storefront.sublabel).toMatch(/4 workloads/);
    expect(v.summary).toMatch(/NetworkPolicy blocks every client workload/);
    // Shares of the pods add up to every client pod's flows.
    expect(pods.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 6);
    expect(layoutDiagram(v).nodes).toHaveLength(v.nodes.length);
  });

  it('the pod-share chart of a ClusterIP Service shows the in-cluster shares, not "0% · sees nothing"', () => {
    const v = page('checkout', 'checkout-api').paths['in-cluster'].panels.Cluster.view;
    const chart = layoutInClusterChart(v);
    expect(chart.bars).toHaveLength(3);
    expect(chart.bars.every((b) => b.share > 0 && b.shareText !== '0%')).toBe(true);
    expect(chart.bars[0].seen).toContain('NetworkPolicy denied');
  });

  it('one client pod chosen in the URL: only that pod is traced', () => {
    const pod = [...run.model.pods.keys()].find((k) => k.startsWith('storefront/storefront-api-'))!;
    const v = page('checkout', 'checkout-api', pod).paths['in-cluster'].panels.Cluster.view;
    const clients = v.nodes.filter((n) => n.column === 'clients');
    expect(clients.map((c) => c.label)).toEqual([pod]);
    expect(clients[0].verdict).toBe('denied');
    expect(v.summary).toBe(`${pod}: NetworkPolicy denied`);
    // For this storefront client every pod is denied, and the edges into them are drawn blocked.
    const pods = v.nodes.filter((n) => n.column === 'pod');
    expect(pods.map((p) => p.verdict)).toEqual(['denied', 'denied', 'denied']);
    expect(pods[0].verdictText).toMatch(/^denied by checkout\//);
    expect(v.edges.filter((e) => e.target.includes(':pod:')).every((e) => e.kind === 'blocked')).toBe(true);
  });

  it('otel-agent (internalTrafficPolicy Local): clients on prod-worker-04 are dropped there', () => {
    const v = page('monitoring', 'otel-agent').paths['in-cluster'].panels.Local.view;
    expect(v.actual).toBe(true);
    const drop = v.nodes.find((n) => n.column === 'proxy' && n.kind === 'drop');
    expect(drop?.members).toContain('prod-worker-04');
    expect(v.summary).toMatch(/dropped on 4 nodes/);
  });
});

describe('trace defaults of a Service reached from pods', () => {
  it('checkout-api: the trace form starts from a client pod of another namespace, to the ClusterIP', () => {
    const d = page('checkout', 'checkout-api');
    expect(d.traceDefaults.from).toMatch(/^pod:(?!checkout\/)[^/]+\/.+/);
    expect(d.traceDefaults.to).toBe('10.111.101.48');
  });
});
