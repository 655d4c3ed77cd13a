// The application's hop read from the analysis alone, for a load balancer in front of plain pods (no proxy,
// no sidecar): the L3 peer is what kube-proxy leaves in the packet (`paths[policy].pods[].sourceIPs`) and
// whether the app learns the client is `paths[policy].app`. No trace is needed for it. Pure.
import { podCount } from '../format';
import type { PodShare, PolicyPaths } from '../../engine/types';
import type { FrontDoorFact, FrontDoorHop } from './types';
import { carriersText } from './words';

/** The pod with the largest share of the traffic (by name on ties), or undefined when none gets any. */
export function busiestPod(pods: readonly PodShare[]): PodShare | undefined {
  return [...pods]
    .filter((p) => p.share > 0)
    .sort((a, b) => b.share - a.share || (a.pod ?? a.ip).localeCompare(b.pod ?? b.ip))[0];
}

/** The L3 source the pod sees: the client, else the first SNAT address the analysis lists. */
function peerOf(p: PodShare, clientIP: string): string {
  if (p.sourceIPs.client) return clientIP;
  return p.sourceIPs.addresses[0] ?? 'the load balancer or a node address';
}

/**
 * The app's box from the analysis, or null when no pod receives traffic. With several receiving pods the box
 * stands for all of them: the peer is named only when every one sees the same source.
 */
export function analysisAppHop(id: string, paths: PolicyPaths, service: string): FrontDoorHop | null {
  const pod = busiestPod(paths.pods);
  if (!pod) return null;
  const receiving = paths.pods.filter((p) => p.share > 0);
  const count = podCount(receiving);
  const peers = new Set(receiving.map((p) => peerOf(p, paths.clientIP)));
  const peer = peers.size === 1 ? [...peers][0] : `differs per pod (${peerOf(pod, paths.clientIP)}, …)`;
  const answer = paths.app?.clientIP ?? 'unknown';
  const how = carriersText(paths.app?.carriers ?? []);
  const takes =
    answer === 'yes'
      ? paths.clientIP
      : answer === 'no'
        ? peers.size === 1
          ? [...peers][0]
          : 'a node or LB address'
        : answer === 'partial'
          ? `${paths.clientIP} on some paths`
          : 'unknown';
  const clientText = `${takes}${how ? ` (${how})` : ''}`;
  const real = answer === 'yes' ? 'yes' : answer === 'no' ? 'no' : answer;
  const facts: FrontDoorFact[] = [
    { label: 'Peer (L3)', value: peer },
    {
      label: 'Client IP at the app',
      // Without a header or PROXY protocol the app has only its connection's source ("via nothing" said so badly).
      value: `${takes} (${how ? `via ${how}` : "its connection's source address"}; ${answer === 'yes' ? 'the real client' : answer === 'no' ? 'not the client' : answer})`,
    },
  ];
  return {
    id: `${id}:app`,
    kind: 'app',
    title: 'Application',
    subtitle: count > 1 ? `${count} pods of ${service}` : (pod.pod ?? pod.ip),
    facts,
    summary: [
      { label: 'Peer', value: peer },
      { label: 'Client', value: clientText },
      { label: 'Real client', value: real },
    ],
    headers: [],
    backend: null,
    alert: answer === 'no',
  };
}
