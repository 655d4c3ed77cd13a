// Runs the engine's packet tracer for the dashboard: the trace form's inputs → TraceRequest → the
// tracer with the NetworkPolicy hook. Pure (the model and dataplane come in as data); the compiled
// policy index is cached per model object, so repeated traces on one snapshot compile once.
// TODO: switch to the lead's `traceInModel(view, req)` facade when it lands (same behaviour).
import type { ClusterModel } from '../model/cluster';
import type { Dataplane, ServiceEntry, TraceResult, TrafficPolicy } from '../engine/types';
import { tracePacket } from '../engine/trace';
import { compilePolicies, createPolicyHook } from '../engine/netpol';
import type { PolicyHook } from '../engine/policy-hook';
import type { TraceOutcome } from './trace-api';
import { traceRequestFromInputs } from './trace-input';
import type { TraceInputs } from './url-state';

const hooks = new WeakMap<ClusterModel, { dataplane: Dataplane; hook: PolicyHook }>();

function hookFor(model: ClusterModel, dataplane: Dataplane): PolicyHook {
  const cached = hooks.get(model);
  if (cached && cached.dataplane === dataplane) return cached.hook;
  const hook = createPolicyHook(model, dataplane, compilePolicies(model));
  hooks.set(model, { dataplane, hook });
  return hook;
}

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
  const req = traceRequestFromInputs(inputs, entries, policy);
  if (!req.ok) return req;
  const result: TraceResult = tracePacket(cluster.model, cluster.dataplane, req.request, hookFor(cluster.model, cluster.dataplane));
  return { ok: true, result };
}
