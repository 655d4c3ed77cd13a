import { describe, expect, it } from 'vitest';
import { localImbalanceFixture, manyNodesFixture, podShare } from './fixtures';
import { layoutPodChart, MAX_BARS } from './pod-chart';

describe('layoutPodChart', () => {
  it('draws one bar per pod, largest first, length proportional to share', () => {
    const c = layoutPodChart(localImbalanceFixture().paths.Local);
    expect(c.bars.map((b) => b.label)).toEqual([
      'checkout-7d9f-b1',
      'checkout-7d9f-a1',
      'checkout-7d9f-a2',
      'checkout-7d9f-a3',
    ]);
    expect(c.bars[0].pod).toBe('shop/checkout-7d9f-b1');
    expect(c.bars[0].width / c.bars[1].width).toBeCloseTo(3, 1);
    expect(c.bars[0]).toMatchObject({ shareText: '50%', seen: '203.0.113.10', clientIP: 'preserved' });
    expect(c.bars.map((b) => b.y)).toEqual([...c.bars.map((b) => b.y)].sort((a, b) => a - b));
    expect(c.even?.share).toBeCloseTo(0.25);
  });

  it('gives the axis length, against which the narrow list draws each bar and the even-share mark', () => {
    const c = layoutPodChart(localImbalanceFixture().paths.Local);
    // Shares 50% and 16.7%: the axis ends at 50% (d3's nice domain), so the bars are the whole axis and a third.
    expect(c.bars[0].width / c.barSpan).toBeCloseTo(1, 2);
    expect(c.bars[1].width / c.barSpan).toBeCloseTo(1 / 3, 2);
    expect((c.even!.x - c.barX) / c.barSpan).toBeCloseTo(0.5, 2);
    expect(c.ticks.at(-1)!.x - c.barX).toBeCloseTo(c.barSpan, 5);
  });

  it('shows the SNAT address under Cluster', () => {
    const c = layoutPodChart(localImbalanceFixture().paths.Cluster);
    expect(c.bars.find((b) => b.pod === 'shop/checkout-7d9f-b1')).toMatchObject({
      seen: '10.0.2.10',
      clientIP: 'snat',
    });
  });

  it('sums pods past MAX_BARS into one bar', () => {
    const c = layoutPodChart(manyNodesFixture(100, 60).paths.Cluster);
    expect(c.bars).toHaveLength(MAX_BARS);
    expect(c.bars.at(-1)).toMatchObject({ key: 'rest', label: `${60 - MAX_BARS + 1} more pods` });
    expect(c.bars.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1);
  });

  it("draws an aggregate pod row as one bar of each pod's share and counts its pods for the even line", () => {
    const paths = localImbalanceFixture().paths.Local;
    const [first] = paths.pods;
    const group = podShare({
      pod: null,
      ip: '10.1.0.9',
      count: 5,
      samplePods: ['shop/edge-1', 'shop/edge-2'],
      share: 0.1,
    });
    const c = layoutPodChart({ ...paths, pods: [{ ...first, share: 0.5 }, group] });
    const bar = c.bars.find((b) => b.key === 'pods:shop/edge-1')!;
    expect(bar).toMatchObject({ label: '5 pods (edge-1, …)', shareText: '10% each', share: 0.1, ip: null });
    expect(c.even?.share).toBeCloseTo(1 / 6); // 0.5 + 5 × 0.1 over 6 pods
  });
});
