import { describe, expect, it } from 'vitest';
import { manyNodesFixture } from '../fixtures';
import { buildDiagramView } from '../service-view';
import { boxNodeNames, filterNames } from './hop-names';

describe('boxNodeNames', () => {
  it('lists every node a view group folded (no "+N more")', () => {
    const v = buildDiagramView(manyNodesFixture(40, 4), 'Cluster', { group: 5 });
    const groups = v.nodes.filter((n) => n.kind === 'nodeGroup');
    const all = groups.flatMap((g) => boxNodeNames(g).names);
    expect(all).toHaveLength(35);
    expect(groups.every((g) => boxNodeNames(g).unnamed === 0)).toBe(true);
  });

  it('says how many nodes of an engine aggregate the data does not name', () => {
    const v = buildDiagramView(manyNodesFixture(316, 4), 'Local', { group: 12 });
    const agg = v.nodes.find((n) => n.kind === 'nodeGroup')!;
    const { names, unnamed } = boxNodeNames(agg);
    expect(names.length + unnamed).toBe(agg.count);
  });
});

describe('filterNames', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `node-${String(i).padStart(4, '0')}`);
  it('finds one node among 5,000 and caps what it shows', () => {
    expect(filterNames(names, 'NODE-4711', 50)).toEqual({ shown: ['node-4711'], matches: 1 });
    const all = filterNames(names, '', 200);
    expect(all.shown).toHaveLength(200);
    expect(all.matches).toBe(5000);
  });
});
