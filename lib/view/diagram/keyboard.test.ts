import { describe, expect, it } from 'vitest';
import { localImbalanceFixture } from '../fixtures';
import { layoutDiagram } from '../layout';
import { buildDiagramView } from '../service-view';
import { walkTarget } from './keyboard';

const layout = layoutDiagram(buildDiagramView(localImbalanceFixture(), 'Local', { group: 12 }));

describe('walkTarget', () => {
  it('steps from the client box onto its edge, then to the load balancer', () => {
    const edge = walkTarget(layout, 'Local:client', 'ArrowRight');
    expect(edge).toBe('Local:client>lb');
    expect(walkTarget(layout, edge!, 'ArrowRight')).toBe('Local:lb');
    expect(walkTarget(layout, edge!, 'ArrowLeft')).toBe('Local:client');
  });

  it('cycles through the edges leaving the load balancer, top to bottom', () => {
    const out = layout.edges.filter((e) => e.source === 'Local:lb');
    expect(out.length).toBeGreaterThan(1);
    const first = walkTarget(layout, 'Local:lb', 'ArrowRight')!;
    const seen = [first];
    let at = first;
    for (let i = 1; i < out.length; i++) seen.push((at = walkTarget(layout, at, 'ArrowDown')!));
    expect(new Set(seen).size).toBe(out.length);
    expect(walkTarget(layout, at, 'ArrowDown')).toBe(first);
    expect(walkTarget(layout, first, 'ArrowUp')).toBe(at);
  });

  it('the boxes come in path order: client, load balancer, node rows with their proxies, pods', () => {
    const columns = layout.nodes.map((n) => n.column);
    expect(columns.slice(0, 2)).toEqual(['client', 'loadBalancer']);
    expect(columns.lastIndexOf('proxy')).toBeLessThan(columns.indexOf('pod'));
    expect(walkTarget(layout, 'Local:client', 'ArrowLeft')).toBeNull();
  });
});
