import { describe, expect, it } from 'vitest';
import { localImbalanceFixture, manyNodesFixture, noEndpointsFixture, clusterIPFixture } from './fixtures';
import {
  COLUMN_WIDTHS,
  LABEL_LINE,
  layoutDiagram,
  wrapText,
  MAX_EDGE_WIDTH,
  MIN_BOX_HEIGHT,
  MIN_EDGE_WIDTH,
  shareToWidth,
  ZERO_EDGE_WIDTH,
} from './layout';
import { buildDiagramView } from './service-view';

const laid = (policy: 'Cluster' | 'Local', fx = localImbalanceFixture(), group = 12) =>
  layoutDiagram(buildDiagramView(fx, policy, { group }));

describe('shareToWidth', () => {
  it('is proportional to the share', () => {
    expect(shareToWidth(1)).toBe(MAX_EDGE_WIDTH);
    expect(shareToWidth(0.5)).toBe(MAX_EDGE_WIDTH / 2);
    expect(shareToWidth(0.25) * 2).toBe(shareToWidth(0.5));
  });

  it('keeps tiny shares visible and draws zero shares hairline', () => {
    expect(shareToWidth(0.001)).toBe(MIN_EDGE_WIDTH);
    expect(shareToWidth(0)).toBe(ZERO_EDGE_WIDTH);
    expect(shareToWidth(Number.NaN)).toBe(ZERO_EDGE_WIDTH);
    expect(shareToWidth(3)).toBe(MAX_EDGE_WIDTH);
  });
});

describe('layoutDiagram', () => {
  it('places columns left to right without overlap', () => {
    const l = laid('Local');
    const xs = l.columns.map((c) => c.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    for (let i = 1; i < l.columns.length; i++)
      expect(l.columns[i].x).toBeGreaterThan(l.columns[i - 1].x + l.columns[i - 1].width);
    expect(l.width).toBeGreaterThan(l.columns.at(-1)!.x + COLUMN_WIDTHS.pod - 1);
  });

  it('keeps boxes of one column from overlapping and inside the canvas', () => {
    const l = laid('Cluster', manyNodesFixture(30, 20), 12);
    for (const col of l.columns) {
      const boxes = l.nodes.filter((n) => n.column === col.column).sort((a, b) => a.y - b.y);
      for (let i = 1; i < boxes.length; i++)
        expect(boxes[i].y).toBeGreaterThanOrEqual(boxes[i - 1].y + boxes[i - 1].height);
      for (const b of boxes) {
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.y + b.height).toBeLessThanOrEqual(l.height);
        expect(b.height).toBeGreaterThanOrEqual(MIN_BOX_HEIGHT);
      }
    }
  });

  it('aligns each node with its kube-proxy box so the node → proxy edge is straight', () => {
    const l = laid('Local');
    const node = l.nodes.find((n) => n.id === 'Local:node:worker-b')!;
    const proxy = l.nodes.find((n) => n.id === 'Local:proxy:node:worker-b')!;
    expect(proxy.y).toBe(node.y);
    expect(proxy.height).toBe(node.height);
  });

  it('puts each Local pod next to its node (barycentre order)', () => {
    const l = laid('Local');
    const y = (id: string) => l.nodes.find((n) => n.id === id)!.y;
    expect(y('Local:pod:shop/checkout-7d9f-a3')).toBeLessThan(y('Local:pod:shop/checkout-7d9f-b1'));
    expect(y('Local:pod:shop/checkout-7d9f-a1')).toBeLessThan(y('Local:pod:shop/checkout-7d9f-a2'));
  });

  it('gives edges widths by share and paths that start at the source box and end at the target box', () => {
    const l = laid('Local');
    const e = l.edges.find((x) => x.id === 'Local:proxy:node:worker-b>pod:shop/checkout-7d9f-b1')!;
    expect(e.width).toBe(14);
    const s = l.nodes.find((n) => n.id === e.source)!;
    const t = l.nodes.find((n) => n.id === e.target)!;
    expect(e.path.startsWith(`M${s.x + s.width},`)).toBe(true);
    expect(e.path).toMatch(new RegExp(`,${t.x},[\\d.]+$`));
    const excluded = l.edges.find((x) => x.kind === 'excluded')!;
    expect(excluded.width).toBe(ZERO_EDGE_WIDTH);
  });

  it('stacks edges at a box so their widths add up within the box', () => {
    const l = laid('Local');
    const lb = l.nodes.find((n) => n.id === 'Local:lb')!;
    const out = l.edges.filter((e) => e.source === lb.id);
    const total = out.reduce((s, e) => s + e.width, 0);
    expect(lb.height).toBeGreaterThanOrEqual(total);
    const ys = out.map((e) => Number(/^M[\d.]+,([\d.]+)/.exec(e.path)![1])).sort((a, b) => a - b);
    expect(ys[ys.length - 1] - ys[0]).toBeLessThanOrEqual(total);
  });

  it('is deterministic', () => {
    expect(laid('Cluster', manyNodesFixture(50, 20))).toEqual(laid('Cluster', manyNodesFixture(50, 20)));
  });

  it('lays out an empty diagram (ClusterIP) and a reject-only diagram', () => {
    expect(layoutDiagram(buildDiagramView(clusterIPFixture(), 'Cluster', { group: 12 })).nodes).toEqual([]);
    const r = laid('Cluster', noEndpointsFixture());
    expect(r.nodes.some((n) => n.kind === 'reject')).toBe(true);
    expect(r.height).toBeGreaterThan(MIN_BOX_HEIGHT);
  });
});

describe('wrapText', () => {
  it('wraps on words and keeps every word', () => {
    expect(wrapText('312 nodes without a local endpoint — health check 503', 24, 3)).toEqual([
      '312 nodes without a',
      'local endpoint — health',
      'check 503',
    ]);
  });

  it('cuts words longer than a line and ends overflowing text with an ellipsis', () => {
    expect(wrapText('abcdefghij', 4, 5)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('storefront-web-6d6498549d-8qv27', 20, 3)).toEqual(['storefront-web-', '6d6498549d-8qv27']);
    expect(wrapText('one two three four five six', 7, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('', 10, 2)).toEqual([]);
  });

  it('makes boxes tall enough for wrapped labels', () => {
    const l = laid('Local', manyNodesFixture(316, 4));
    const group = l.nodes.find((n) => n.kind === 'nodeGroup')!;
    expect(group.labelLines.length).toBeGreaterThan(1);
    expect(group.height).toBeGreaterThanOrEqual(
      group.labelLines.length * LABEL_LINE.height + group.sublabelLines.length * 14,
    );
    expect(group.labelLines.join(' ')).toBe(group.label);
  });
});
