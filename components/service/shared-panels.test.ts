// The diagram panels and hop details shared by the Service page and the local view: what they render
// from plain data (both callers pass the same props, so both draw this markup).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TraceResult, TrafficPolicy } from '@/lib/engine/types';
import { localImbalanceFixture, manyNodesFixture } from '@/lib/view/fixtures';
import { layoutDiagram } from '@/lib/view/layout';
import { layoutPodChart } from '@/lib/view/pod-chart';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import { buildDiagramView } from '@/lib/view/service-view';
import { HopDetails } from './HopDetails';
import { traceView } from '@/lib/view/trace-endpoints';
import { PolicyPanels, type PolicyTraces } from './PolicyPanels';

const analysis = localImbalanceFixture();
const panel = (policy: TrafficPolicy): PolicyPanel => {
  const view = buildDiagramView(analysis, policy, { group: 12 });
  return { view, layout: layoutDiagram(view), chart: layoutPodChart(analysis.paths[policy]) };
};
const panels = { Cluster: panel('Cluster'), Local: panel('Local') };
const noop = () => {};

const traced: TraceResult = {
  service: 'shop/checkout',
  entry: 'loadBalancerIP',
  node: 'worker-b',
  verdict: 'forwarded',
  masqueraded: false,
  snatSource: null,
  endpoints: [
    {
      ip: '10.244.2.11',
      port: 8443,
      pod: 'shop/checkout-7d9f-b1',
      node: 'worker-b',
      share: 1,
      sourceIP: '203.0.113.7',
      clientIPPreserved: true,
      policy: 'allowed',
      policyReason: '',
    },
  ],
  policy: null,
  policyReason: null,
  reason: 'eTP=Local: local endpoint',
  rules: [],
  hops: [],
};

/** Static markup of an element (effects do not run). */
const html = (el: ReturnType<typeof createElement>) => renderToStaticMarkup(el);

describe('PolicyPanels', () => {
  it('draws one panel per visible policy with its badge, summary and diagram', () => {
    const out = html(
      createElement(PolicyPanels, {
        field: 'externalTrafficPolicy',
        mode: 'both',
        actualPolicy: 'Local',
        panels,
        traces: null,
        hop: null,
        onSelectHop: noop,
      }),
    );
    expect(out).toContain('data-testid="diagrams" data-view="both"');
    expect(out.match(/data-testid="policy-panel"/g)).toHaveLength(2);
    expect(out).toMatch(/data-policy="Cluster" data-actual="false"[^>]*>.*?data-testid="policy-badge"[^>]*>what if</);
    expect(out).toMatch(/data-policy="Local" data-actual="true"[^>]*>.*?data-testid="policy-badge"[^>]*>actual</);
    expect(out).toContain(`data-testid="policy-summary">${panels.Local.view.summary}<`);
    expect(out.match(/data-testid="path-diagram-svg"/g)).toHaveLength(2);
    expect(out).not.toContain('data-highlighted');
    expect(out).not.toContain('hop-missing');
  });

  it("lights the traced packet's path in its policy's diagram only", () => {
    const traces: PolicyTraces = {
      Local: { ok: true, result: traceView(traced), sourceKind: 'external', arrival: null },
    };
    const out = html(
      createElement(PolicyPanels, {
        field: 'externalTrafficPolicy',
        mode: 'Local',
        actualPolicy: 'Local',
        panels,
        traces,
        hop: null,
        onSelectHop: noop,
      }),
    );
    expect(out.match(/data-testid="policy-panel"/g)).toHaveLength(1);
    expect(out).toMatch(/data-hop="Local:node:worker-b"[^>]*data-highlighted="true"/);
    expect(out).toMatch(/data-hop="Local:pod:shop\/checkout-7d9f-b1"[^>]*data-highlighted="true"/);
    expect(out).not.toMatch(/data-hop="Local:node:worker-a"[^>]*data-highlighted="true"/);
  });

  it('says so when the selected hop is in a diagram that is not shown', () => {
    const out = html(
      createElement(PolicyPanels, {
        field: 'externalTrafficPolicy',
        mode: 'Cluster',
        actualPolicy: 'Local',
        panels,
        traces: null,
        hop: 'Local:lb',
        onSelectHop: noop,
      }),
    );
    expect(out).toContain('data-testid="hop-missing"');
  });
});

describe('HopDetails', () => {
  it("shows the selected hop's addresses and note", () => {
    const out = html(createElement(HopDetails, { mode: 'both', panels, hop: 'Local:lb', onClear: noop }));
    const lb = panels.Local.view.nodes.find((n) => n.id === 'Local:lb')!;
    expect(out).toContain('data-testid="hop-details" data-hop="Local:lb"');
    expect(out).toContain('Selected hop (Local)');
    expect(out).toContain(`src ${lb.hop.src} → dst ${lb.hop.dst}`);
    expect(out).toContain('Clear selection');
  });

  it('renders nothing without a selection or when the hop is not shown', () => {
    expect(html(createElement(HopDetails, { mode: 'both', panels, hop: null, onClear: noop }))).toBe('');
    expect(html(createElement(HopDetails, { mode: 'Cluster', panels, hop: 'Local:lb', onClear: noop }))).toBe('');
  });
});

describe('HopDetails of a grouped node row', () => {
  const fx = manyNodesFixture(20, 4);
  const grouped = (policy: TrafficPolicy): PolicyPanel => {
    const view = buildDiagramView(fx, policy, { group: 5 });
    return { view, layout: layoutDiagram(view), chart: layoutPodChart(fx.paths[policy]) };
  };
  const many = { Cluster: grouped('Cluster'), Local: grouped('Local') };
  const group = many.Cluster.view.nodes.find((n) => n.kind === 'nodeGroup' && n.members.length > 0)!;

  it('lists every node of the row (no "+N more") and offers to draw them one by one', () => {
    const out = html(
      createElement(HopDetails, { mode: 'both', panels: many, hop: group.id, onClear: noop, onExpand: noop }),
    );
    for (const name of group.members) expect(out).toContain(`<li>${name}</li>`);
    expect(out).toContain(`Draw these ${group.members.length} nodes one by one`);
    expect(out).not.toMatch(/\+\d+ more/);
  });

  it('offers no expansion where the caller cannot redraw', () => {
    const out = html(createElement(HopDetails, { mode: 'both', panels: many, hop: group.id, onClear: noop }));
    expect(out).not.toContain('one by one');
  });
});
