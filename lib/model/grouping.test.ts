import { describe, expect, it } from 'vitest';
import { pushTo, runPusher } from './grouping';

describe('runPusher', () => {
  it('builds the same lists as pushTo, runs of one key or keys interleaved', () => {
    const input: [string, number][] = [
      ['a', 1],
      ['a', 2],
      ['b', 3],
      ['a', 4],
      ['b', 5],
      ['b', 6],
      ['c', 7],
    ];
    const expected = new Map<string, number[]>();
    for (const [k, v] of input) pushTo(expected, k, v);
    const got = new Map<string, number[]>();
    const push = runPusher(got);
    for (const [k, v] of input) push(k, v);
    expect([...got]).toEqual([...expected]);
    expect([...got]).toEqual([
      ['a', [1, 2, 4]],
      ['b', [3, 5, 6]],
      ['c', [7]],
    ]);
  });

  it('appends to lists the map already holds, and never reuses a list another key was given', () => {
    const map = new Map<string, string[]>([['x', ['old']]]);
    const push = runPusher(map);
    push('x', 'new');
    push('y', 'first');
    map.delete('y'); // a list removed behind its back is made again for the next run of that key
    push('x', 'again');
    push('y', 'second');
    expect(map.get('x')).toEqual(['old', 'new', 'again']);
    expect(map.get('y')).toEqual(['second']);
  });
});
