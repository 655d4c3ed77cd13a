// Stable ids of the diagram's boxes and edges: `<policy>:<local id>`, so `hop=` links survive
// re-renders and cluster changes that keep the same names.
import type { TrafficPolicy } from '../../engine/types';

/** Diagram-wide id of a box or edge: `<policy>:<local id>`. */
export function hopId(policy: TrafficPolicy, local: string): string {
  return `${policy}:${local}`;
}

/** The policy a hop id belongs to, or null when the id is not one of ours. */
export function hopPolicy(id: string | null): TrafficPolicy | null {
  if (!id) return null;
  const p = id.slice(0, id.indexOf(':'));
  return p === 'Cluster' || p === 'Local' ? p : null;
}

/** Id of the edge between two boxes. */
export function edgeId(source: string, target: string): string {
  return `${source}>${target.slice(target.indexOf(':') + 1)}`;
}

/** Local id of a node row's kube-proxy box (node row `node:x` → `proxy:node:x`). */
export function proxyLocalId(rowLocalId: string): string {
  return `proxy:${rowLocalId}`;
}
