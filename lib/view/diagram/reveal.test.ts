import { describe, expect, it } from 'vitest';
import { EDGE_CHUNK, NODE_CHUNK, revealAt, revealSteps } from './reveal';

describe('drawing diagrams a step at a time', () => {
  // A large diagram (boxes and edges over several chunks) and a small one.
  const big = { nodes: NODE_CHUNK * 2 + 5, edges: EDGE_CHUNK * 2 + 1 };
  const small = { nodes: 7, edges: 9 };

  it('takes one step per chunk of boxes and of edges, at least one per diagram', () => {
    expect(revealSteps([big, small])).toBe(3 + 3 + 1 + 1);
    expect(revealSteps([{ nodes: 0, edges: 0 }])).toBe(1);
    expect(revealSteps([])).toBe(0);
  });

  it('draws the first diagram box chunk by box chunk, then its edges, before beginning the second', () => {
    expect(revealAt([big, small], 1)).toEqual([{ nodes: NODE_CHUNK, edges: 0 }, null]);
    expect(revealAt([big, small], 3)).toEqual([{ nodes: big.nodes, edges: 0 }, null]);
    expect(revealAt([big, small], 4)).toEqual([{ nodes: big.nodes, edges: EDGE_CHUNK }, null]);
    expect(revealAt([big, small], 6)).toEqual([big, null]);
    expect(revealAt([big, small], 7)).toEqual([big, { nodes: small.nodes, edges: 0 }]);
  });

  it('draws everything from the last step on', () => {
    const last = revealSteps([big, small]);
    expect(revealAt([big, small], last)).toEqual([big, small]);
    expect(revealAt([big, small], last + 5)).toEqual([big, small]);
    expect(revealAt([big, small], last - 1)).not.toEqual([big, small]);
  });

  it('begins a diagram without boxes or edges with its panel alone', () => {
    expect(revealAt([{ nodes: 0, edges: 0 }, small], 1)).toEqual([{ nodes: 0, edges: 0 }, null]);
    expect(revealAt([{ nodes: 0, edges: 0 }, small], 0)).toEqual([null, null]);
  });
});
