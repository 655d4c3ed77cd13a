import { describe, expect, it } from 'vitest';
import { buildClusterModel } from './build';
import type { KubeObject, Pod } from './k8s';
import { RawPods } from './raw-pods';

describe('RawPods', () => {
  it("finds each model pod's raw object by its position in its namespace's list, repeated keys included", () => {
    const raw = (ns: string, name: string, mark: string): Pod => ({
      kind: 'Pod',
      metadata: { namespace: ns, name, annotations: { mark } },
    });
    const objects = [raw('a', 'x', '1'), raw('b', 'x', '2'), raw('a', 'y', '3'), raw('a', 'x', '4')];
    const m = buildClusterModel(objects as KubeObject[]);
    // The same pods, pushed as addPod pushes them: each namespace's raw list beside its podsByNamespace list.
    const raws = new RawPods();
    for (const o of objects) raws.push(o.metadata!.namespace!, o);
    const rawOf = (key: string) => {
      const pod = m.pods.get(key)!;
      return raws.rawOf(pod, m.podsByNamespace.get(pod.namespace)!);
    };
    expect(rawOf('a/x')).toBe(objects[3]); // the model keeps the later pod of a/x: its raw object
    expect(rawOf('a/y')).toBe(objects[2]);
    expect(rawOf('b/x')).toBe(objects[1]);
    const earlier = m.podsByNamespace.get('a')![0]; // the replaced pod of a/x still has its own
    expect(raws.rawOf(earlier, m.podsByNamespace.get('a')!)).toBe(objects[0]);
    const stranger = buildClusterModel([raw('c', 'z', '5')] as KubeObject[]).pods.get('c/z')!;
    expect(raws.rawOf(stranger, [stranger])).toBeUndefined(); // a namespace with no raw pods pushed
  });
});
