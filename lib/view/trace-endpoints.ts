// A trace's endpoints as the dashboard lists them. Up to MAX_INDIVIDUAL_ROWS endpoints each is its own row; above
// it, endpoints the packet treats alike — same port, share, address seen, client IP kept or not, NetworkPolicy
// verdict and reason but for the pod's own name and address, and what the app learns — are one row with a count
// and the names of its pods, as the analysis's pod rows are merged (lib/engine/compact-rows.ts). A DaemonSet
// Service under Cluster on 5,000 nodes traced to 5,000 endpoints: a 2 MB answer from /api/trace (each endpoint
// with its reason) and a page 183,000 px tall; in rows, 0.15 MB (the names, which the diagram's highlight needs to
// light every pod box the packet may reach) and a handful of lines. `kubepath trace --json` keeps every endpoint
// (its documented contract). Pure, O(endpoints).
import { MAX_INDIVIDUAL_ROWS, maskOwnNames } from '../util/merged-rows';
import type { TraceEndpoint, TraceResult } from '../engine/types';

/** One listed endpoint, or `count` endpoints alike (then `pod` is null, `node` null unless they share it). */
export interface TraceEndpointRow extends TraceEndpoint {
  count: number;
  /** The pods (or addresses, for endpoints without a pod) the row stands for, in the engine's order. */
  members: string[];
}

/** A trace as the dashboard holds it: the engine's answer with its endpoints in rows. */
export interface TraceView extends Omit<TraceResult, 'endpoints'> {
  endpoints: TraceEndpointRow[];
}

/** An endpoint of either form (the engine's, or a row): what the headline and the highlights read. */
export type TraceEndpointLike = TraceEndpoint & Partial<Pick<TraceEndpointRow, 'count' | 'members'>>;

/** A trace of either form: what the headline and the highlights read. */
export type TraceLike = Omit<TraceResult, 'endpoints'> & { endpoints: readonly TraceEndpointLike[] };

/** The endpoints an endpoint or row stands for. */
export const endpointCount = (e: TraceEndpointLike): number => e.count ?? 1;

/** The pods (or addresses) an endpoint or row stands for. */
export const endpointNames = (e: TraceEndpointLike): readonly string[] => e.members ?? [e.pod ?? e.ip];

/** The engine's trace with its endpoints in rows. */
export function traceView(result: TraceResult): TraceView {
  return { ...result, endpoints: endpointRows(result.endpoints) };
}

/** The endpoints in rows, in the engine's order (a merged row where its first endpoint was). */
export function endpointRows(endpoints: readonly TraceEndpoint[]): TraceEndpointRow[] {
  const single = (e: TraceEndpoint): TraceEndpointRow => ({ ...e, count: 1, members: [e.pod ?? e.ip] });
  if (endpoints.length <= MAX_INDIVIDUAL_ROWS) return endpoints.map(single);
  const rows = new Map<string, TraceEndpointRow>();
  for (const e of endpoints) {
    const name = e.pod ?? e.ip;
    const key = [
      e.port,
      e.share,
      e.sourceIP,
      e.clientIPPreserved,
      e.policy,
      maskOwnNames(e.policyReason, name, e.ip),
      JSON.stringify(e.app ?? null),
    ].join('\u0000');
    const row = rows.get(key);
    if (!row) {
      rows.set(key, single(e));
      continue;
    }
    row.count++;
    row.pod = null;
    if (row.node !== e.node) row.node = null;
    row.members.push(name);
  }
  return [...rows.values()];
}
