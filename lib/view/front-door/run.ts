// Runs the front-door panel's sample traces through the engine facade (the same tracer as `kubepath
// trace` and the trace form) and builds the panel. Pure: the model and analysis are inputs.
import { traceInModel } from '../../engine/facade';
import type { AnalysisResult, ServiceAnalysis, TrafficPolicy } from '../../engine/types';
import type { ClusterModel } from '../../model/cluster';
import { chooseSample, sampleOptions } from './samples';
import type { FrontDoorView } from './types';
import { buildFrontDoorView, hasFrontDoor, type TracedSample } from './view';

/** The Service page's front-door panel, or null when nothing stands in front of its application. */
export function frontDoorPanel(
  model: ClusterModel,
  result: AnalysisResult,
  analysis: ServiceAnalysis,
): FrontDoorView | null {
  if (!hasFrontDoor(analysis)) return null;
  const traced = (policy: TrafficPolicy): TracedSample | null => {
    const sample = chooseSample(result, analysis, policy);
    if (!sample) return null;
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
    return { sample, trace };
  };
  return buildFrontDoorView(analysis, { Cluster: traced('Cluster'), Local: traced('Local') });
}
