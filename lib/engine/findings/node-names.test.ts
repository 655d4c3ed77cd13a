import { describe, expect, it } from 'vitest';
import { node } from '../testing/fixtures';
import { nodesWithoutEndpoints } from './node-names';
import { factsOf } from './testing';

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${String(i).padStart(2, '0')}`);
const facts = factsOf([
  ...names(40).map((name, i) => node({ name, internalIP: `192.168.0.${i + 1}`, zone: 'zone-1' })),
  ...names(3).map((name, i) => node({ name: `edge-${name}`, internalIP: `192.168.1.${i + 1}`, zone: 'zone-2' })),
]);

describe('nodesWithoutEndpoints', () => {
  it('counts the nodes without endpoints by class and names the first ones', () => {
    expect(nodesWithoutEndpoints(facts, new Set(['node-00', 'node-02']))).toEqual({
      count: 41,
      names: ['edge-node-00', 'edge-node-01', 'edge-node-02', 'node-01', 'node-03'],
    });
  });

  it("names nodes past a class's first samples when endpoints are on all of those", () => {
    const r = nodesWithoutEndpoints(facts, new Set(names(30)), 5, (c) => c.zone === 'zone-1');
    expect(r).toEqual({ count: 10, names: ['node-30', 'node-31', 'node-32', 'node-33', 'node-34'] });
  });
});
