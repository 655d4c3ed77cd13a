// Maps a traced packet from a pod onto the in-cluster diagram: the client box holding the pod, the
// ClusterIP, the proxy box of the pod's node and the pods it may reach. Pure.
import type { TraceResult } from '../../engine/types';
import { endpointNames, type TraceLike } from '../trace-endpoints';
import type { DiagramView } from '../diagram-types';
import { edgeId, hopId } from '../diagram/ids';

/** The client pod of a trace, from its first hop (lib/engine/source.ts labels it `pod ns/name (ip)`). */
export function tracedPodOf(trace: Pick<TraceResult, 'hops'>): string | null {
  const first = trace.hops[0];
  return first?.kind === 'client' ? (/^pod (\S+\/\S+) \(/.exec(first.label)?.[1] ?? null) : null;
}

/** Ids lit by a trace from a pod in an in-cluster view; empty when the view is not one or the source is no pod. */
export function inClusterHighlight(view: DiagramView, trace: TraceLike): string[] {
  const pod = tracedPodOf(trace);
  const P = (local: string) => hopId(view.policy, local);
  const cip = P('ic-clusterip');
  if (!pod || !view.nodes.some((n) => n.id === cip)) return [];
  const ns = pod.slice(0, pod.indexOf('/'));
  const clients = view.nodes.filter((n) => n.column === 'clients');
  // The box listing the pod, else its namespace's box, else the folded rest.
  const client =
    clients.find((c) => c.members.includes(pod)) ??
    clients.find((c) => c.label === ns || c.label.startsWith(`${ns}/`)) ??
    clients.find((c) => c.id === P('clients:rest'));
  const ids: string[] = [];
  if (client) ids.push(client.id, edgeId(client.id, cip));
  ids.push(cip);
  const proxy = view.nodes.find((n) => n.column === 'proxy' && trace.node !== null && n.members.includes(trace.node));
  if (!proxy) return ids;
  ids.push(proxy.id, edgeId(cip, proxy.id));
  for (const ep of trace.endpoints)
    for (const name of endpointNames(ep)) {
      const podId = P(`pod:${name}`);
      if (view.nodes.some((n) => n.id === podId)) ids.push(podId, edgeId(proxy.id, podId));
    }
  return ids;
}
