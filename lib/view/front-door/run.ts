// Builds the Service page's front-door panel from the analysis, running a sample trace through the engine
// facade (the same tracer as `kubepath trace` and the trace form) only where the analysis cannot answer.
// Pure: the model and analysis are inputs.
import { traceInModel } from '../../engine/facade';
import { loadBalancerWithProxy } from '../../engine/frontdoor/lb-proxy-pairing';
import { sidecarOfPod } from '../../engine/frontdoor/sidecar';
import type { AnalysisResult, ServiceAnalysis, TrafficPolicy } from '../../engine/types';
import type { ClusterModel } from '../../model/cluster';
import { busiestPod } from './analysis-hops';
import { chooseSample, sampleOptions, type FrontDoorSample } from './samples';
import type { FrontDoorView } from './types';
import { buildFrontDoorView, hasFrontDoor, type TracedSample } from './view';

/**
 * Whether the sample needs the tracer. The analysis gives the load balancer (identified per policy and cached
 * per model), whether the app learns the client (`paths[policy].app`) and what kube-proxy leaves at the pods;
 * it does not give the header values a proxy writes, the proxy pod and route a packet takes, or the peer an
 * Istio sidecar shows the app. So: trace when a proxy is on the path (this Service's pods are one, a proxy
 * routes to it, or an Ingress's cloud L7 LB does) or when the pod the sample lands on has a sidecar.
 */
export function needsTrace(model: ClusterModel, analysis: ServiceAnalysis, policy: TrafficPolicy): boolean {
  const fd = analysis.frontDoor;
  if (!fd) return false;
  if (fd.proxy !== null || fd.behind.length > 0 || fd.routes.some((r) => r.loadBalancer !== null)) return true;
  const pod = busiestPod(analysis.paths[policy].pods)?.pod;
  return !!pod && sidecarOfPod(model, pod) !== null;
}

/** The backend Service a route (`Kind namespace/name`) of a proxy Service sends to, from the analysis. */
function backendResolver(result: AnalysisResult, sample: FrontDoorSample, self: ServiceAnalysis) {
  return (route: string): string | null => {
    if (sample.viaProxy) return self.service;
    const owner = result.services.find((s) => s.service === sample.lbService) ?? self;
    const r = [...(owner.frontDoor?.routes ?? []), ...(self.frontDoor?.routes ?? [])].find(
      (x) => `${x.kind} ${x.object}` === route,
    );
    return r?.backends[0] ?? null;
  };
}

/** The Service page's front-door panel, or null when nothing stands in front of its application. */
export function frontDoorPanel(
  model: ClusterModel,
  result: AnalysisResult,
  analysis: ServiceAnalysis,
): FrontDoorView | null {
  if (!hasFrontDoor(analysis)) return null;
  const sampled = (policy: TrafficPolicy): TracedSample | null => {
    const sample = chooseSample(result, analysis, policy);
    if (!sample) return null;
    if (!needsTrace(model, analysis, policy)) {
      const svc = model.services.get(sample.lbService);
      return { sample, trace: null, loadBalancer: svc ? loadBalancerWithProxy(model, svc, policy) : null };
    }
    const trace = traceInModel(
      model,
      result.dataplane,
      {
        source: { kind: 'external', ip: sample.clientIP },
        // Ignored for `lb:` targets (the engine takes the LB's address and port).
        destination: { ip: '0.0.0.0', port: 0, protocol: 'TCP' },
        atNode: sample.atNode || null,
        policy,
      },
      sampleOptions(sample),
    );
    return { sample, trace, backendOf: backendResolver(result, sample, analysis) };
  };
  return buildFrontDoorView(analysis, { Cluster: sampled('Cluster'), Local: sampled('Local') });
}
