import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../demo/index';
import { analyzeObjects } from '../engine/facade';
import { buildServicePageData, findServiceAnalysis, proxyTitle } from './service-page-data';

// The demo cluster's Local-imbalance Service (lib/demo/SCENARIOS.md rows 2 and 3).
const run = analyzeObjects(DEMO_CLUSTERS[0].load());
const analysis = findServiceAnalysis(run.analysis, 'storefront', 'storefront-web')!;

describe('buildServicePageData on the demo cluster', () => {
  it('finds the Service and only that Service', () => {
    expect(analysis.service).toBe('storefront/storefront-web');
    expect(findServiceAnalysis(run.analysis, 'storefront', 'nope')).toBeNull();
  });

  it('lays out both policies, the actual one marked, with the node addresses on the node hops', () => {
    const d = buildServicePageData(run.model, run.analysis, analysis, { group: 12 });
    expect(d.panels.Local.view.actual).toBe(true);
    expect(d.panels.Cluster.view.actual).toBe(false);
    expect(d.proxyTitle).toBe(proxyTitle(run.dataplane));
    const w3 = d.panels.Local.view.nodes.find((n) => n.nodeName === 'prod-worker-03' && n.column === 'node')!;
    expect(w3.hop.dst).toBe(`${run.model.nodes.get('prod-worker-03')!.internalIPs[0]}:32513`);
    const shares = d.panels.Local.view.nodes
      .filter((n) => n.column === 'pod')
      .map((n) => Math.round(n.share * 1000) / 1000)
      .sort();
    expect(shares).toEqual([0.167, 0.167, 0.167, 0.5]);
    expect(d.panels.Local.layout.nodes).toHaveLength(d.panels.Local.view.nodes.length);
  });

  it('carries the findings of this Service only, and trace defaults to its LB address', () => {
    const d = buildServicePageData(run.model, run.analysis, analysis, { group: 12 });
    expect(d.findings.length).toBeGreaterThan(0);
    expect(d.findings.every((f) => f.service === 'storefront/storefront-web')).toBe(true);
    expect(d.findings.map((f) => f.rule)).toContain('local-imbalance');
    expect(d.traceDefaults).toEqual({ from: '203.0.113.10', to: '192.0.2.21', port: '80', proto: 'tcp', node: '' });
    expect(d.nodeNames).toContain('prod-worker-03');
    expect(d.facts.ports.map((p) => p.port)).toEqual([80, 443]);
  });

  it('uses the URL grouping threshold', () => {
    const d = buildServicePageData(run.model, run.analysis, analysis, { group: 1 });
    expect(d.panels.Local.view.nodes.filter((n) => n.kind === 'node')).toHaveLength(1);
  });
});
