// One-call entry points over the engine for the CLI, route handlers and the browser:
// objects → model → dataplane → analysis, and trace with NetworkPolicy answers wired in.
import { buildClusterModel, type BuildOptions } from '../model/build';
import type { ClusterModel } from '../model/cluster';
import type { KubeObject } from '../model/k8s';
import { canonicalIP } from '../net/ip';
import { analyzeCluster, analyzeClusterStream, type AnalysisWithoutServices, type AnalyzeOptions } from './analyze';
import { detectDataplane } from './dataplane';
import { compilePolicies, createPolicyHook } from './netpol';
import type { PolicyIndex } from './netpol/types';
import { traceFrontDoor, type FrontDoorOptions } from './frontdoor/trace-frontdoor';
import type { SourceInput } from './source-input';
import type { AnalysisResult, Dataplane, ServiceAnalysis, TraceRequest, TraceResult, TraceSource } from './types';

export { parseSourceInput, type SourceInput } from './source-input';
export { frontDoorTargetError } from './frontdoor/trace-frontdoor-target';
// For the CLI's warnings and --fail-on, loaded with the engine (not at start-up: `--version` stays cheap).
export { objectsLeftOut } from '../model/build';
export { warningLines } from '../model/warning-lines';

/** Everything one analysis run produces. */
export interface EngineRun {
  model: ClusterModel;
  dataplane: Dataplane;
  analysis: AnalysisResult;
}

/** Builds the model, detects the dataplane and analyses every Service. */
export function analyzeObjects(
  objects: KubeObject[],
  opts: BuildOptions & AnalyzeOptions & { skipAnalysis?: boolean } = {},
): EngineRun {
  const model = buildClusterModel(objects, opts);
  const dataplane = detectDataplane(model);
  // One compiled policy index serves the analysis and every later trace of this model.
  const analysis = opts.skipAnalysis
    ? emptyAnalysis(model, dataplane)
    : analyzeCluster(model, dataplane, { ...opts, policies: policyIndexFor(model) });
  return { model, dataplane, analysis };
}

/**
 * analyzeObjects for output written as it goes (the CLI): each Service's analysis goes to `onService` in
 * key order, with the model (for what the analysis of one Service refers to), and is not kept; the rest of
 * the result comes back at the end.
 */
export function analyzeObjectsStream(
  objects: KubeObject[],
  opts: BuildOptions & AnalyzeOptions,
  onService: (analysis: ServiceAnalysis, model: ClusterModel) => void,
): { model: ClusterModel; dataplane: Dataplane; analysis: AnalysisWithoutServices } {
  const model = buildClusterModel(objects, opts);
  const dataplane = detectDataplane(model);
  const analysis = analyzeClusterStream(model, dataplane, { ...opts, policies: policyIndexFor(model) }, (a) =>
    onService(a, model),
  );
  return { model, dataplane, analysis };
}

function emptyAnalysis(model: ClusterModel, dataplane: Dataplane): AnalysisResult {
  return {
    dataplane,
    services: [],
    findings: [],
    warnings: model.warnings,
    summary: {
      nodes: model.nodes.size,
      pods: model.pods.size,
      services: model.services.size,
      networkPolicies: 0,
      findings: { info: 0, warning: 0, error: 0 },
    },
  };
}

// Compiled policies are reused across traces of the same model (a dashboard traces many times).
const policyIndexes = new WeakMap<ClusterModel, PolicyIndex>();

/** The compiled NetworkPolicies of a model, built once per model. */
export function policyIndexFor(model: ClusterModel): PolicyIndex {
  let index = policyIndexes.get(model);
  if (!index) policyIndexes.set(model, (index = compilePolicies(model)));
  return index;
}

/** Traces one packet with NetworkPolicy verdicts, through load balancers, proxies and sidecars. */
export function traceInModel(
  model: ClusterModel,
  dataplane: Dataplane,
  req: TraceRequest,
  frontDoor: FrontDoorOptions = {},
): TraceResult {
  return traceFrontDoor(model, dataplane, req, createPolicyHook(model, dataplane, policyIndexFor(model)), frontDoor);
}

/** The pod's node as a default atNode, only when the snapshot has that Node (a pod still traces without it). */
const knownNode = (model: ClusterModel, name: string | null) => (name && model.nodes.has(name) ? name : null);

const sample = (names: Iterable<string>) => [...names].slice(0, 5).join(', ');

/**
 * Turns a user's source into an engine TraceSource: an IP the snapshot knows as a pod or node address
 * becomes that pod or node; anything else is an outside client. Errors name what was not found.
 */
export function resolveTraceSource(
  model: ClusterModel,
  from: SourceInput,
  atNode: string | null,
): { source: TraceSource; atNode: string | null } | { error: string } {
  if (atNode && !model.nodes.has(atNode)) {
    return {
      error: `--at-node ${atNode}: no such node in the cluster data (nodes: ${sample(model.nodes.keys()) || 'none'}${model.nodes.size > 5 ? ', …' : ''})`,
    };
  }
  switch (from.kind) {
    case 'pod': {
      const pod = model.pods.get(from.pod);
      if (!pod) return { error: `pod ${from.pod} is not in the cluster data` };
      return { source: { kind: 'pod', pod: pod.key }, atNode: atNode ?? knownNode(model, pod.nodeName) };
    }
    case 'node':
      if (!model.nodes.has(from.node))
        return {
          error: `node ${from.node} is not in the cluster data (nodes: ${sample(model.nodes.keys()) || 'none'})`,
        };
      return { source: { kind: 'node', node: from.node }, atNode: atNode ?? from.node };
    case 'localhost':
      if (!atNode)
        return { error: 'a localhost source needs --at-node NODE (the node whose 127.0.0.1 sends the packet)' };
      return { source: { kind: 'localhost', node: atNode }, atNode };
    case 'ip': {
      const ip = canonicalIP(from.ip);
      const pod = model.podsByIP.get(ip);
      if (pod) return { source: { kind: 'pod', pod: pod.key }, atNode: atNode ?? knownNode(model, pod.nodeName) };
      const node = model.nodeByAddress.get(ip);
      if (node) return { source: { kind: 'node', node: node.name }, atNode: atNode ?? node.name };
      return { source: { kind: 'external', ip }, atNode };
    }
  }
}
