// Runs the engine's packet tracer for the dashboard: the trace form's inputs → validated plan →
// source resolved against the model (an IP that is a pod or node becomes that pod or node) → the
// engine facade's traceInModel (tracer + NetworkPolicy hook, policies compiled once per model) → its endpoints
// in rows (trace-endpoints.ts). Pure.
import type { ClusterModel } from '../model/cluster';
import type { Dataplane, ServiceEntry, TrafficPolicy } from '../engine/types';
import { resolveTraceSource, traceInModel } from '../engine/facade';
import type { TraceOutcome } from './trace-api';
import { traceView } from './trace-endpoints';
import { tracePlanFromInputs } from './trace-input';
import type { TraceInputs } from './url-state';

/**
 * Traces the form's inputs; `entries` are the Service's (the default destination), `policy` the
 * what-if externalTrafficPolicy (null = the Service's own).
 */
export function runTrace(
  cluster: { model: ClusterModel; dataplane: Dataplane },
  entries: ServiceEntry[],
  inputs: TraceInputs,
  policy: TrafficPolicy | null,
): TraceOutcome {
  const planned = tracePlanFromInputs(inputs, entries, policy);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const resolved = resolveTraceSource(cluster.model, plan.source, plan.atNode);
  if ('error' in resolved) return { ok: false, error: resolved.error.replace('--at-node', 'arrival node') };
  const result = traceInModel(cluster.model, cluster.dataplane, {
    source: resolved.source,
    destination: plan.destination,
    atNode: resolved.atNode,
    policy: plan.policy,
  });
  const node = result.node ? cluster.model.nodes.get(result.node) : undefined;
  const arrival = node
    ? { name: node.name, zone: node.zone, excludedFromLB: node.excludedFromLB, beingDeleted: node.beingDeleted }
    : null;
  return { ok: true, result: traceView(result), sourceKind: resolved.source.kind, arrival };
}
