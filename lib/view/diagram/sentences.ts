// The words of the packet-path diagram: labels, sublabels, summaries and the phrases the accessible
// names are built from. Kept apart from the column builders so wording changes in one place.
import type { AppPath, NodePath, PodShare, PolicyPaths } from '../../engine/types';
import type { ClientIPState } from '../diagram-types';
import { formatShare, podCount } from '../format';
import { carriersText } from '../front-door/words';
import type { NodeRow } from '../node-grouping';

const CLIENT_IP_WORDS: Record<ClientIPState, string> = {
  preserved: 'client IP preserved',
  snat: 'client IP lost (SNAT)',
  partial: 'client IP preserved for some flows',
  unknown: 'client IP not certain',
  none: 'no traffic',
};

/** Words for a client-IP state, for labels and accessible names. */
export function clientIPWords(s: ClientIPState): string {
  return CLIENT_IP_WORDS[s];
}

/** `N node(s)`. */
export function nodesText(n: number): string {
  return `${n} node${n === 1 ? '' : 's'}`;
}

/** Label of a node row: its name, or "N nodes without a local endpoint — health check 503". */
export function nodeRowLabel(row: NodeRow): string {
  const p = row.path;
  if (row.node !== null) return row.node;
  let what: string;
  if (p.verdict === 'rejected') what = 'with no endpoint to send to';
  else if (p.localUsableEndpoints > 0) what = 'with local endpoints';
  else what = 'without a local endpoint';
  const hc =
    p.healthCheck !== null
      ? ` — health check ${p.healthCheck}`
      : p.proxyHealthz === 503
        ? ' — kube-proxy healthz 503'
        : '';
  return `${nodesText(p.count)} ${what}${hc}`;
}

/** Sublabel of a node row: zone, local endpoints, health check and its share of the traffic. */
export function nodeRowSublabel(row: NodeRow): string {
  const p = row.path;
  const parts: string[] = [];
  if (row.node !== null) {
    if (p.zone) parts.push(p.zone);
    parts.push(`${p.localUsableEndpoints} local`);
    if (p.healthCheck !== null) parts.push(`HC ${p.healthCheck}`);
    else if (p.proxyHealthz === 503) parts.push('healthz 503');
  } else {
    // Name the row's nodes right in the box (the details list all of them).
    const names = [...new Set([...row.members, ...p.sampleNodes])].sort();
    if (names.length > 0) parts.push(names.slice(0, 3).join(', ') + (p.count > 3 ? ` +${p.count - 3}` : ''));
  }
  parts.push(
    p.inLoadBalancer
      ? `${formatShare(p.lbShare)} of traffic`
      : `not in LB${p.lbExcludedReason ? `: ${p.lbExcludedReason}` : ''}`,
  );
  return parts.join(' · ');
}

/** Why a node drops external traffic, in a few words. */
export function dropWhy(policyIsLocal: boolean, p: NodePath): string {
  return policyIsLocal && p.localUsableEndpoints === 0 ? 'no local endpoint' : 'dropped by the node';
}

/** Short verdict words for the diagram summary: how many receiving pods NetworkPolicy lets the client reach. */
export function policySummary(pods: PodShare[]): string | null {
  const receiving = pods.filter((p) => p.share > 0);
  if (receiving.length === 0) return null;
  const denied = podCount(receiving.filter((p) => p.policy === 'denied'));
  const unknown = podCount(receiving.filter((p) => p.policy === 'unknown'));
  const n = podCount(receiving);
  if (denied === n)
    return n === 1 ? 'NetworkPolicy blocks it at the pod' : `NetworkPolicy blocks it at every pod (${n})`;
  if (denied > 0) return `NetworkPolicy blocks it at ${denied} of ${n} pods`;
  if (unknown > 0) return `NetworkPolicy verdict unknown at ${unknown} of ${n} pods`;
  return null;
}

/** One-line summary of a policy's outcome. */
export function summaryText(paths: PolicyPaths): string {
  const parts: string[] = [];
  const blocked = policySummary(paths.pods);
  if (blocked) parts.push(blocked);
  parts.push(
    paths.clientIPPreserved === 'yes'
      ? 'Pods see the client IP'
      : paths.clientIPPreserved === 'no'
        ? 'Pods see SNAT addresses, not the client IP'
        : 'Some pods see the client IP',
  );
  const app = appSentence(paths);
  if (app) parts.push(app);
  if (paths.droppedShare > 0) parts.push(`${formatShare(paths.droppedShare)} of traffic dropped`);
  if (paths.skew !== null && paths.skew > 1.01)
    parts.push(`busiest pod gets ${Number(paths.skew.toFixed(1))}× the least busy`);
  return parts.join(' · ');
}

/**
 * What the application learns, when it differs from what the pods see at L3: the line above is about the
 * packet kube-proxy delivers, while PROXY protocol or an L7 header may still carry the client on (or a
 * terminating load balancer may have replaced it before kube-proxy). Null when the two agree or the app's
 * answer is unknown.
 */
function appSentence(paths: PolicyPaths): string | null {
  const app: AppPath | undefined = paths.app;
  if (!app || app.clientIP === paths.clientIPPreserved) return null;
  const how = carriersText(app.carriers.filter((c) => c !== 'l3'));
  switch (app.clientIP) {
    case 'yes':
      return how ? `the app gets the client IP from ${how}` : 'the app gets the client IP';
    case 'partial':
      return how ? `the app gets the client IP on some paths (${how})` : 'the app gets the client IP on some paths';
    case 'no':
      return 'the app does not get the client IP';
    default:
      // Unknown (an LB kubepath cannot identify, a setting it could not read, no external entry): the
      // front-door summary and section say why; the headline stays with what is certain.
      return null;
  }
}
