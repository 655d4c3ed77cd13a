// Names and counts of nodes for finding messages without looping over every node per Service: nodes
// that host no endpoint are counted from the cluster-wide node classes (count minus the endpoint
// nodes in each class) and named from each class's samples. O(endpoint nodes + classes).
import { classSamplesExcept, type NodeClass } from '../node-classes';
import type { ClusterFacts } from './types';

/** Nodes without endpoints, optionally restricted to some classes: how many, and up to `max` names. */
export function nodesWithoutEndpoints(
  facts: ClusterFacts,
  endpointNodes: ReadonlySet<string>,
  max = 5,
  include: (c: NodeClass) => boolean = () => true,
): { count: number; names: string[] } {
  const { classes, classOf } = facts.nodeClasses;
  const taken = new Map<NodeClass, number>();
  for (const n of endpointNodes) {
    const c = classOf.get(n);
    if (c) taken.set(c, (taken.get(c) ?? 0) + 1);
  }
  let count = 0;
  const names: string[] = [];
  for (const c of classes) {
    if (!include(c)) continue;
    const left = c.count - (taken.get(c) ?? 0);
    count += left;
    names.push(...classSamplesExcept(c, endpointNodes, left, max));
  }
  return { count, names: names.sort().slice(0, max) };
}

/** Node names of endpoints (non-null), as a set. */
export function endpointNodeSet(endpoints: readonly { nodeName: string | null }[]): Set<string> {
  const s = new Set<string>();
  for (const ep of endpoints) if (ep.nodeName) s.add(ep.nodeName);
  return s;
}
