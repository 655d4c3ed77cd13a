import { describe, expect, it } from 'vitest';
import { buildClusterModel } from './build';
import type { ModelWarning } from './cluster';
import type { KubeObject } from './k8s';
import { formatModelWarning, warningLines } from './warning-lines';

const w = (kind: string, object: string | null, message: string): ModelWarning => ({ kind, object, message });

describe('warningLines', () => {
  it('writes a lone warning as formatModelWarning does', () => {
    const one = w('Pod', 'a/p', 'pod IP "x" is not a valid IP address; ignored');
    expect(warningLines([one])).toEqual([formatModelWarning(one)]);
    expect(formatModelWarning(one)).toBe('Pod a/p: pod IP "x" is not a valid IP address; ignored');
    expect(formatModelWarning(w('Node', null, 'none'))).toBe('Node: none');
  });

  it('groups warnings of one kind with the same message, naming three objects and counting the rest', () => {
    const same = 'no EndpointSlice for this Service; using the legacy Endpoints object';
    const warnings = [
      w('Endpoints', 'a/s1', same),
      w('Pod', 'a/p', 'pod IP "x" is not a valid IP address; ignored'),
      w('Endpoints', 'a/s2', same),
      w('Endpoints', 'a/s3', same),
      w('Service', 'a/s9', same), // another kind: its own line
      w('Endpoints', 'a/s4', same),
      w('Endpoints', 'a/s5', same),
    ];
    expect(warningLines(warnings)).toEqual([
      `Endpoints a/s1, a/s2, a/s3 and 2 more: ${same}`,
      'Pod a/p: pod IP "x" is not a valid IP address; ignored',
      `Service a/s9: ${same}`,
    ]);
    expect(warningLines(warnings.slice(0, 4))).toEqual([
      `Endpoints a/s1, a/s2, a/s3: ${same}`,
      'Pod a/p: pod IP "x" is not a valid IP address; ignored',
    ]);
  });

  it('counts warnings without an object, and stops at maxLines saying how many warnings are left out', () => {
    expect(warningLines([w('Node', null, 'm'), w('Node', null, 'm')])).toEqual(['Node: m (2 times)']);
    const many = Array.from({ length: 10 }, (_, i) => w('Pod', `a/p${i}`, `message ${i % 4}`));
    expect(warningLines(many, 2)).toEqual([
      'Pod a/p0, a/p4, a/p8: message 0',
      'Pod a/p1, a/p5, a/p9: message 1',
      '… and 4 more warnings.',
    ]);
    expect(warningLines([], 2)).toEqual([]);
  });

  it("turns a snapshot of 2,000 Services read from legacy Endpoints into one line, the model's warnings kept", () => {
    const objects: KubeObject[] = [
      {
        kind: 'Node',
        metadata: { name: 'n1' },
        status: { addresses: [{ type: 'InternalIP', address: '172.16.0.1' }] },
      },
    ];
    for (let i = 0; i < 2000; i++) {
      objects.push({ kind: 'Service', metadata: { namespace: 'a', name: `s${i}` }, spec: { ports: [{ port: 80 }] } });
      objects.push({
        kind: 'Endpoints',
        metadata: { namespace: 'a', name: `s${i}` },
        subsets: [{ addresses: [{ ip: `10.0.${i >> 8}.${i & 255}` }], ports: [{ port: 80 }] }],
      });
    }
    const model = buildClusterModel(objects);
    expect(model.warnings).toHaveLength(2000);
    expect(warningLines(model.warnings)).toEqual([
      'Endpoints a/s0, a/s1, a/s2 and 1997 more: no EndpointSlice for this Service; using the legacy Endpoints object',
    ]);
  });
});
