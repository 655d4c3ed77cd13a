import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import { node } from './testing/fixtures';
import { buildNodeClasses, classSamplesExcept, NODE_CLASS_SAMPLES } from './node-classes';

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${String(i).padStart(2, '0')}`);
const classesOf = (n: number) =>
  buildNodeClasses(buildClusterModel(names(n).map((name, i) => node({ name, internalIP: `192.168.0.${i + 1}` }))));

describe('node classes', () => {
  it('groups nodes that answer alike, keeping the first names as samples and every name as members', () => {
    const { classes, total } = classesOf(40);
    expect(total).toBe(40);
    expect(classes).toHaveLength(1);
    expect(classes[0].samples).toEqual(names(NODE_CLASS_SAMPLES));
    expect(classes[0].members).toEqual(names(40));
  });

  it('names nodes a Service does not show one by one, past the first samples when it shows those', () => {
    const [c] = classesOf(40).classes;
    const shownFew = new Set(['node-01', 'node-03']);
    expect(classSamplesExcept(c, shownFew, 38)).toEqual(names(16).filter((n) => !shownFew.has(n)));
    // Endpoints on the first 20 nodes (a large Deployment, a DaemonSet that is not everywhere): the next 16.
    const shownFirst = new Set(names(20));
    expect(classSamplesExcept(c, shownFirst, 20)).toEqual(names(36).slice(20));
    expect(classSamplesExcept(c, shownFirst, 20, 3)).toEqual(['node-20', 'node-21', 'node-22']);
    // All but the last two shown: those two.
    expect(classSamplesExcept(c, new Set(names(38)), 2)).toEqual(['node-38', 'node-39']);
    expect(classSamplesExcept(c, new Set(names(40)), 0)).toEqual([]);
  });
});
