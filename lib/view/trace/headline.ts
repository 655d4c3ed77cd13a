// The trace headline: what happened to the packet as a whole, in one phrase a user reads first —
// "blocked by NetworkPolicy ns/name at every pod", "reaches 2 of 3 pods", "dropped at node-2 (no
// local endpoint)". The proxy's own verdict ("forwarded") is not the answer when no pod accepts the
// packet, so it is never shown as success then. Pure.
import { endpointCount, endpointNames, type TraceEndpointLike, type TraceLike } from '../trace-endpoints';
import { isolatingPolicies } from '../diagram/verdict';

/** How the headline is drawn: green, red, amber (some pods, or unsure), or grey (no answer). */
export type HeadlineTone = 'reaches' | 'blocked' | 'partial' | 'unknown';

/** The headline of a trace. */
export interface TraceHeadline {
  tone: HeadlineTone;
  text: string;
}

/** A few words for why a proxy dropped or rejected a packet, from the engine's reason. */
export function dropCause(reason: string): string {
  if (/loadBalancerSourceRanges/.test(reason)) return 'outside loadBalancerSourceRanges';
  if (/internalTrafficPolicy Local/.test(reason)) return 'no local endpoint (internalTrafficPolicy Local)';
  if (/no usable local endpoint|no backend on/.test(reason)) return 'no local endpoint';
  if (/no ready or serving (endpoint|backend)/.test(reason)) return 'no endpoint';
  return reason.split(/[;.]/)[0];
}

/** "by NetworkPolicy ns/a" / "by NetworkPolicies ns/a, ns/b" / "by NetworkPolicy" for the denying answers. */
function byPolicies(reasons: string[]): string {
  const keys = [...new Set(reasons.flatMap(isolatingPolicies))];
  if (keys.length === 0) return 'by NetworkPolicy';
  return `by NetworkPolic${keys.length === 1 ? 'y' : 'ies'} ${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ` +${keys.length - 3}` : ''}`;
}

/** The outcome for the packet as a whole; `r`: the engine's trace or the dashboard's (endpoints in rows). */
export function traceHeadline(r: TraceLike): TraceHeadline {
  const at = r.node ? ` at ${r.node}` : '';
  if (r.verdict === 'dropped') return { tone: 'blocked', text: `dropped${at} (${dropCause(r.reason)})` };
  if (r.verdict === 'rejected') return { tone: 'blocked', text: `rejected${at} (${dropCause(r.reason)})` };
  if (r.verdict === 'notHandled') {
    if (r.policy === 'denied') return { tone: 'blocked', text: `blocked ${byPolicies([r.policyReason ?? ''])}` };
    return { tone: 'unknown', text: `not handled by the service proxy${at}` };
  }
  const eps = r.endpoints;
  if (eps.length === 0) return { tone: 'unknown', text: `forwarded${at}, to no known endpoint` };
  // A row of the dashboard's trace stands for `count` endpoints alike (trace-endpoints.ts).
  const count = (list: readonly TraceEndpointLike[]) => list.reduce((n, e) => n + endpointCount(e), 0);
  const denied = eps.filter((e) => e.policy === 'denied');
  const allowed = eps.filter((e) => e.policy === 'allowed');
  const [n, nDenied, nAllowed] = [count(eps), count(denied), count(allowed)];
  const one = n === 1 ? endpointNames(eps[0])[0] : null;
  if (nDenied === n) {
    const where = one ? `at ${one}` : `at every pod (${n})`;
    return { tone: 'blocked', text: `blocked ${byPolicies(denied.map((e) => e.policyReason))} ${where}` };
  }
  if (nAllowed === n) return { tone: 'reaches', text: one ? `reaches ${one}` : `reaches all ${n} pods` };
  const unknown = n - nAllowed - nDenied;
  const parts = nAllowed > 0 ? [`reaches ${nAllowed} of ${n} pods`] : [];
  if (nDenied > 0) parts.push(`blocked ${byPolicies(denied.map((e) => e.policyReason))} at ${nDenied}`);
  if (unknown > 0)
    parts.push(`NetworkPolicy verdict unknown at ${unknown}${nAllowed + nDenied === 0 ? ` of ${n} pods` : ''}`);
  return { tone: nAllowed > 0 ? 'partial' : 'unknown', text: parts.join('; ') };
}
