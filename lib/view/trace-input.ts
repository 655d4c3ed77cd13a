// The "trace a packet" form's inputs (as typed, kept in the URL) → a validated trace plan, with the
// Service's first external entry as the default destination. Pure: runs in the route handler, the
// page and the browser alike.
import { canonicalIP, isIP } from '../net/ip';
import { parseSourceInput, type SourceInput } from '../engine/facade';
import type { ServiceAnalysis, ServiceEntry, TraceRequest, TrafficPolicy } from '../engine/types';
import type { Protocol } from '../model/cluster';
import type { TraceInputs } from './url-state';

const UNSPECIFIED = new Set(['0.0.0.0', '::']);

/** Entries in the order a trace should default to: what an outside client would use first. */
const DEFAULT_ENTRY_ORDER: ServiceEntry['kind'][] = ['loadBalancerIP', 'externalIP', 'nodePort', 'clusterIP'];

/** The Service entry a trace goes to by default (the first one with a concrete address), or null. */
export function defaultTraceEntry(entries: ServiceEntry[]): ServiceEntry | null {
  for (const kind of DEFAULT_ENTRY_ORDER) {
    const e = entries.find((x) => x.kind === kind && isIP(x.address) && !UNSPECIFIED.has(canonicalIP(x.address)));
    if (e) return e;
  }
  return null;
}

/** Form defaults for a Service: the sample client to its first entry (empty strings = "use the default"). */
export function defaultTraceInputs(analysis: ServiceAnalysis, clientIP: string): TraceInputs {
  const e = defaultTraceEntry(analysis.entries);
  return {
    from: clientIP,
    to: e?.address ?? '',
    port: e ? String(e.port) : '',
    proto: e ? (e.protocol.toLowerCase() as TraceInputs['proto']) : 'tcp',
    node: '',
  };
}

/**
 * Parses the source field: an IP, `pod:namespace/name`, `node:NAME` or `localhost` (a process on the
 * arrival node itself). Which pod or node an IP is gets decided against the model (resolveTraceSource).
 */
export function parseTraceSource(
  from: string,
  arrivalNode: string,
): { ok: true; source: SourceInput } | { ok: false; error: string } {
  const s = from.trim();
  if (s === '')
    return { ok: false, error: 'Enter a source: an IP address, pod:namespace/name, node:NAME or localhost.' };
  if (s.startsWith('pod:') && !/^[^/\s]+\/[^/\s]+$/.test(s.slice(4).trim()))
    return { ok: false, error: `"${s.slice(4, 64)}" is not a pod as namespace/name.` };
  const source = parseSourceInput(s);
  if (!source)
    return {
      ok: false,
      error: `"${s.slice(0, 60)}" is not an IP address, pod:namespace/name, node:NAME or localhost.`,
    };
  if (source.kind === 'localhost' && !arrivalNode.trim())
    return { ok: false, error: 'A localhost source needs the node it runs on: fill in the arrival node.' };
  return { ok: true, source };
}

/** What to trace, before the source is resolved against the model. */
export interface TracePlan {
  source: SourceInput;
  destination: TraceRequest['destination'];
  atNode: string | null;
  policy: TrafficPolicy | null;
}

/** Result of turning form inputs into a plan: the plan, or one sentence saying what is wrong. */
export type TracePlanResult = { ok: true; plan: TracePlan } | { ok: false; error: string };

/**
 * Validates form inputs into a trace plan; empty destination/port default to the Service's
 * `entries`; `policy` overrides externalTrafficPolicy (what-if).
 */
export function tracePlanFromInputs(
  inputs: TraceInputs,
  entries: ServiceEntry[],
  policy: TrafficPolicy | null,
): TracePlanResult {
  const source = parseTraceSource(inputs.from, inputs.node);
  if (!source.ok) return source;
  const entry = defaultTraceEntry(entries);
  const to = inputs.to.trim() || entry?.address || '';
  if (!isIP(to))
    return {
      ok: false,
      error: to
        ? `Destination "${to.slice(0, 60)}" is not an IP address.`
        : 'This Service has no address to send to; enter a destination.',
    };
  const port = inputs.port ? Number(inputs.port) : (entry?.port ?? NaN);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { ok: false, error: 'Enter a destination port between 1 and 65535.' };
  return {
    ok: true,
    plan: {
      source: source.source,
      destination: { ip: canonicalIP(to), port, protocol: inputs.proto.toUpperCase() as Protocol },
      atNode: inputs.node.trim() || null,
      policy,
    },
  };
}
