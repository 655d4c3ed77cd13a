// Cluster-wide node aggregates, computed once per model: nodes grouped by everything that can change a
// load balancer's or kube-proxy's answer for a node without local endpoints (zone for topology hints,
// LB exclusion, being deleted). Per-Service paths then cost O(endpoints + classes), not O(nodes).
import type { ClusterModel } from '../model/cluster';

/** How many node names a class keeps as samples (for SNAT address examples). */
export const NODE_CLASS_SAMPLES = 16;

/** A group of nodes that answer identically when they host no endpoint of a Service. */
export interface NodeClass {
  key: string;
  zone: string | null;
  excludedFromLB: string | null;
  beingDeleted: string | null;
  count: number;
  /** The first NODE_CLASS_SAMPLES node names of the class, sorted. */
  samples: string[];
}

/** All node classes of a cluster. */
export interface NodeClasses {
  classes: NodeClass[];
  /** Class of each node by name. */
  classOf: Map<string, NodeClass>;
  total: number;
}

/** Groups every node of the model into classes; O(nodes). Call once and pass to servicePaths. */
export function buildNodeClasses(model: ClusterModel): NodeClasses {
  const byKey = new Map<string, NodeClass>();
  const classOf = new Map<string, NodeClass>();
  const names = [...model.nodes.keys()].sort();
  for (const name of names) {
    const n = model.nodes.get(name)!;
    const key = `${n.zone ?? ''}\u0000${n.excludedFromLB ?? ''}\u0000${n.beingDeleted ?? ''}`;
    let c = byKey.get(key);
    if (!c) {
      c = { key, zone: n.zone, excludedFromLB: n.excludedFromLB, beingDeleted: n.beingDeleted, count: 0, samples: [] };
      byKey.set(key, c);
    }
    c.count++;
    if (c.samples.length < NODE_CLASS_SAMPLES) c.samples.push(name);
    classOf.set(name, c);
  }
  return { classes: [...byKey.values()], classOf, total: names.length };
}
