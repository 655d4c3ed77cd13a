// Whole-cluster analysis — the one entry point the CLI (`kubepath analyze`), route handlers and the
// browser call: every Service's entries, endpoint counts and paths under both traffic policies (with
// the cluster-wide node classes computed once), then the findings stages. Linear in cluster size:
// each Service costs O(its endpoints + the policies selecting its pods + node classes).
import type { ClusterModel, ServiceModel } from '../model/cluster';
import type { PolicyIndex } from './netpol';
import {
  compareFindings,
  createClusterFacts,
  prepareService,
  runClusterRules,
  runServiceRules,
  type AnalysedServices,
  type ClusterFacts,
  type ServiceFacts,
} from './findings';
import { compactServiceAnalysis } from './compact-rows';
import type { AnalysisResult, Dataplane, Finding, ServiceAnalysis, Severity } from './types';

/** Options for analyzeCluster. */
export interface AnalyzeOptions {
  /**
   * Sample external client for source-IP / NetworkPolicy answers of Services whose policies name no
   * client ipBlock and whose LB has no source ranges (those get a client from inside the block / range,
   * so findings do not depend on this option). Default: 203.0.113.10 / 2001:db8::10.
   */
  clientIP?: string;
  /** Compiled NetworkPolicies to reuse (e.g. facade policyIndexFor(model)); compiled here when absent. */
  policies?: PolicyIndex;
  /** Called with (Services analysed, all Services) about every 1% of the way (the browser shows it). */
  onProgress?: (done: number, total: number) => void;
}

/** One Service's analysis: its prepared facts (paths included) and the findings its stages raised. */
export interface ServiceRun {
  prepared: ServiceFacts;
  /** Before de-duplication; `prepared.analysis.findings` holds their sorted distinct ids. */
  found: Finding[];
}

/**
 * Analyses one Service against the cluster facts: paths, then the per-Service finding stages. The one
 * per-Service step of every path — analyzeCluster and the live source's incremental re-analysis.
 */
export function analyzeService(facts: ClusterFacts, service: ServiceModel, clientIP?: string): ServiceRun {
  const prepared = prepareService(facts, service, { clientIP });
  const found = runServiceRules({ cluster: facts, svc: prepared });
  // Most Services raise nothing: no set and arrays for them.
  prepared.analysis.findings = found.length === 0 ? [] : [...new Set(found.map((f) => f.id))].sort();
  return { prepared, found };
}

/** Everything analyzeCluster computed, with the per-Service facts a later incremental run reuses. */
export interface ClusterRun {
  analysis: AnalysisResult;
  facts: ClusterFacts;
  prepared: Map<string, ServiceFacts>;
  serviceFindings: Map<string, Finding[]>;
}

/** Where analyzeClusterSteps is: Services analysed of all (0 after the cluster facts, all before assembling). */
export interface AnalyzeStep {
  done: number;
  total: number;
}

/**
 * The one per-Service loop: analyses every Service (in analysisOrder), hands each result to `visit` in key
 * order, yields about every 1% of the Services analysed, and returns the keys. analyzeClusterSteps keeps the
 * results; analyzeClusterStream keeps none. What was analysed ahead of its turn waits in `ahead` (at most
 * WARM_UP_SERVICES small Services).
 */
function* serviceSteps(
  model: ClusterModel,
  facts: ClusterFacts,
  clientIP: string | undefined,
  visit: (key: string, run: ServiceRun) => void,
): Generator<AnalyzeStep, string[], void> {
  const keys = [...model.services.keys()].sort();
  yield { done: 0, total: keys.length };
  const step = Math.max(1, Math.ceil(keys.length / 100));
  const order = serviceAnalysisOrder(model, keys);
  const ahead = new Map<number, ServiceRun>();
  let next = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    ahead.set(i, analyzeService(facts, model.services.get(keys[i])!, clientIP));
    for (let run = ahead.get(next); run; run = ahead.get(next)) {
      ahead.delete(next);
      visit(keys[next++], run);
    }
    if ((j + 1) % step === 0 || j + 1 === keys.length) yield { done: j + 1, total: keys.length };
  }
  return keys;
}

/** Endpoints from which a Service is analysed after WARM_UP_SERVICES smaller ones (see analysisOrder). */
export const LARGE_SERVICE_ENDPOINTS = 500;
/** How many smaller Services a large one waits for (see analysisOrder). */
export const WARM_UP_SERVICES = 20;

/**
 * The indexes of `keys` in the order to analyse them: key order, except that a Service with
 * LARGE_SERVICE_ENDPOINTS endpoints or more waits until WARM_UP_SERVICES smaller Services were analysed.
 * Why: V8 compiles the per-row code once it has run for a while, with what it saw. The benchmark's
 * 5,000-endpoint DaemonSet Service comes first in key order (kube-system/…) and ran its rows in unoptimised
 * code: 340–490 ms of CPU, against 110–140 ms after other Services. Waiting for 20 (or 50) made the whole
 * process 0.1–0.2 s shorter (medians of eight interleaved pairs). Waiting for 100 made it 0.4 s longer than
 * waiting for 50, and waiting for 200 no shorter than not waiting, both with a peak RSS 70–80 MiB higher: the
 * analyses waiting in serviceSteps' `ahead` for the large one survive, and lengthen, every scavenge meanwhile
 * (bench/NOTES.md, "More tries at the DaemonSet"; handing them on at once saved nothing either).
 * The results are the same in any order (analyze.test.ts; bench/same-output.mjs).
 */
export function analysisOrder(keys: readonly string[], endpointsOf: (key: string) => number): number[] {
  const order: number[] = [];
  const waiting: number[] = [];
  let small = 0;
  for (let i = 0; i < keys.length; i++) {
    const large = endpointsOf(keys[i]) >= LARGE_SERVICE_ENDPOINTS;
    if (large && small < WARM_UP_SERVICES) {
      waiting.push(i);
      continue;
    }
    order.push(i);
    if (!large && ++small === WARM_UP_SERVICES) order.push(...waiting.splice(0));
  }
  order.push(...waiting);
  return order;
}

/** analysisOrder of the model's Services (`keys`, sorted), sized by their endpoints: the CLI's and the benchmark's order. */
export function serviceAnalysisOrder(model: ClusterModel, keys: readonly string[]): number[] {
  return analysisOrder(keys, (k) => model.endpointsByService.get(k)?.length ?? 0);
}

/** Runs `steps` to the end at once, telling `onProgress` of each step after the first (nothing analysed yet). */
function runSteps<T>(steps: Generator<AnalyzeStep, T, void>, onProgress: AnalyzeOptions['onProgress']): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (onProgress && next.value.done > 0) onProgress(next.value.done, next.value.total);
  }
}

/**
 * analyzeClusterRun one slice at a time: yields after the cluster facts and about every 1% of the Services, and
 * returns the run. analyzeClusterRun drives it at once; the dashboard's snapshot load drives it between other
 * requests (lib/source/sliced.ts), so a page can show progress meanwhile.
 */
export function* analyzeClusterSteps(
  model: ClusterModel,
  dataplane: Dataplane,
  opts: AnalyzeOptions = {},
): Generator<AnalyzeStep, ClusterRun, void> {
  const facts = createClusterFacts(model, dataplane, opts.policies);
  const prepared = new Map<string, ServiceFacts>();
  const serviceFindings = new Map<string, Finding[]>();
  yield* serviceSteps(model, facts, opts.clientIP, (key, r) => {
    prepared.set(key, r.prepared);
    serviceFindings.set(key, r.found);
  });
  return {
    analysis: assembleAnalysis(model, dataplane, facts, prepared, serviceFindings),
    facts,
    prepared,
    serviceFindings,
  };
}

/** analyzeCluster, keeping the cluster facts and per-Service results. */
export function analyzeClusterRun(model: ClusterModel, dataplane: Dataplane, opts: AnalyzeOptions = {}): ClusterRun {
  return runSteps(analyzeClusterSteps(model, dataplane, opts), opts.onProgress);
}

/** Analyses every Service of the cluster and collects findings (sorted by severity, then id). */
export function analyzeCluster(model: ClusterModel, dataplane: Dataplane, opts: AnalyzeOptions = {}): AnalysisResult {
  return analyzeClusterRun(model, dataplane, opts).analysis;
}

/** An AnalysisResult without its Services (they went to analyzeClusterStream's `onService`). */
export type AnalysisWithoutServices = Omit<AnalysisResult, 'services'>;

/**
 * The same analysis as analyzeCluster, handing each Service's (compacted) analysis to `onService` in key
 * order as soon as it is done and keeping nothing of it: at Kubernetes' scale limits the retained
 * per-Service facts were hundreds of MB that every young-generation collection copied. The CLI formats
 * or serialises each Service on the spot. Cluster-wide rules only ask which Services were analysed.
 */
export function analyzeClusterStream(
  model: ClusterModel,
  dataplane: Dataplane,
  opts: AnalyzeOptions,
  onService: (analysis: ServiceAnalysis) => void,
): AnalysisWithoutServices {
  const facts = createClusterFacts(model, dataplane, opts.policies);
  const serviceFindings = new Map<string, Finding[]>();
  const visit = (key: string, r: ServiceRun) => {
    serviceFindings.set(key, r.found);
    onService(compactServiceAnalysis(r.prepared.analysis));
  };
  const keys = runSteps(serviceSteps(model, facts, opts.clientIP, visit), opts.onProgress);
  return assembleTail(model, dataplane, facts, { keys, analysed: serviceFindings }, serviceFindings);
}

/** Assembles the AnalysisResult from per-Service results: cluster-wide rules, de-duplicated sorted findings, summary. */
export function assembleAnalysis(
  model: ClusterModel,
  dataplane: Dataplane,
  facts: ClusterFacts,
  prepared: Map<string, ServiceFacts>,
  serviceFindings: Map<string, Finding[]>,
): AnalysisResult {
  const keys = [...model.services.keys()].sort();
  const { summary, findings, warnings } = assembleTail(
    model,
    dataplane,
    facts,
    { keys, analysed: prepared },
    serviceFindings,
  );
  return {
    dataplane,
    summary,
    // Findings above read every row; the output merges identical rows of large Services.
    services: keys.map((k) => compactServiceAnalysis(prepared.get(k)!.analysis)),
    findings,
    warnings,
  };
}

/** Everything of the result but the Services: cluster-wide rules, de-duplicated sorted findings, summary. */
function assembleTail(
  model: ClusterModel,
  dataplane: Dataplane,
  facts: ClusterFacts,
  services: { keys: readonly string[]; analysed: AnalysedServices },
  serviceFindings: Map<string, Finding[]>,
): AnalysisWithoutServices {
  const byId = new Map<string, Finding>();
  const add = (f: Finding) => {
    if (!byId.has(f.id)) byId.set(f.id, f);
  };
  for (const k of services.keys) for (const f of serviceFindings.get(k) ?? []) add(f);
  for (const f of runClusterRules({ cluster: facts, services: services.analysed })) add(f);
  const findings = [...byId.values()].sort(compareFindings);
  const counts: Record<Severity, number> = { info: 0, warning: 0, error: 0 };
  for (const f of findings) counts[f.severity]++;
  let networkPolicies = 0;
  for (const l of model.policiesByNamespace.values()) networkPolicies += l.length;
  return {
    dataplane,
    summary: {
      nodes: model.nodes.size,
      pods: model.pods.size,
      services: model.services.size,
      networkPolicies: model.unavailableKinds.NetworkPolicy ? null : networkPolicies,
      findings: counts,
    },
    findings,
    warnings: [...model.warnings, ...facts.policies.warnings],
  };
}
