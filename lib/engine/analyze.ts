// Whole-cluster analysis: the one entry point the CLI, route handlers and the browser call.
// TEMPORARY: services are listed but paths/findings are filled in once the path engine lands.
import type { ClusterModel } from '../model/cluster';
import type { AnalysisResult, Dataplane, PolicyPaths, ServiceAnalysis, TrafficPolicy } from './types';

/** Options for analyzeCluster. */
export interface AnalyzeOptions {
  /** Sample external client for source-IP / NetworkPolicy answers; default: derived per Service. */
  clientIP?: string;
}

function emptyPaths(policy: TrafficPolicy, actual: boolean): PolicyPaths {
  return { policy, actual, clientIP: '203.0.113.10', nodes: [], pods: [], droppedShare: 0, clientIPPreserved: 'no', skew: null, notes: [] };
}

/** Analyses every Service of the cluster and collects findings. */
export function analyzeCluster(model: ClusterModel, dataplane: Dataplane, _opts: AnalyzeOptions = {}): AnalysisResult {
  const services: ServiceAnalysis[] = [...model.services.values()].map((s) => {
    const eps = model.endpointsByService.get(s.key) ?? [];
    const paths = { Cluster: emptyPaths('Cluster', s.externalTrafficPolicy === 'Cluster'), Local: emptyPaths('Local', s.externalTrafficPolicy === 'Local') };
    return {
      service: s.key, namespace: s.namespace, name: s.name, type: s.type,
      externalTrafficPolicy: s.externalTrafficPolicy, internalTrafficPolicy: s.internalTrafficPolicy,
      entries: [], endpoints: { total: eps.length, ready: eps.filter((e) => e.ready).length, terminating: eps.filter((e) => e.terminating).length, nodes: new Set(eps.map((e) => e.nodeName)).size },
      paths, nodes: paths[s.externalTrafficPolicy].nodes, findings: [],
    };
  });
  return {
    dataplane,
    summary: { nodes: model.nodes.size, pods: model.pods.size, services: model.services.size, networkPolicies: [...model.policiesByNamespace.values()].reduce((n, l) => n + l.length, 0), findings: { info: 0, warning: 0, error: 0 } },
    services, findings: [], warnings: model.warnings,
  };
}
