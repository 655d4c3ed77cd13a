// Re-analysis of a live cluster after a change. When only Services and EndpointSlices changed (the
// common case: pods scaling, endpoints turning ready), only the Services they touch are rebuilt in the
// model and analysed again; everything else of the previous analysis is reused. A Service's analysis
// reads its own Service object and endpoints plus cluster-wide facts (nodes, pods, namespaces, policies,
// dataplane ConfigMaps — lib/engine/findings/service-facts.ts), none of which such a change touches, so
// the result equals a full analysis of the same objects (incremental.test.ts checks exactly that). Any
// other kind → a full rebuild. Full and incremental runs both analyse a Service with
// lib/engine/analyze.ts analyzeService, the one per-Service step; the equivalence test checks the result.
import { buildClusterModel, isReferenceWarning, referenceWarnings, type BuildOptions } from '../model/build';
import type { AddressEntry, ClusterModel, ModelWarning, ServiceModel } from '../model/cluster';
import type { KnownKind, KubeObject } from '../model/k8s';
import { detectDataplane } from '../engine/dataplane';
import { policyIndexFor } from '../engine/facade';
import { analyzeClusterRun, analyzeService, assembleAnalysis } from '../engine/analyze';
import { createClusterFacts, type ClusterFacts, type ServiceFacts } from '../engine/findings';
import type { AnalysisResult, Dataplane, Finding } from '../engine/types';
import type { StoreChanges } from './store';

/** An analysis with what a later incremental run needs. */
export interface LiveAnalysis {
  model: ClusterModel;
  dataplane: Dataplane;
  analysis: AnalysisResult;
  facts: ClusterFacts;
  /** Prepared facts per Service key (the cluster-wide finding stages read them all). */
  prepared: Map<string, ServiceFacts>;
  /** Findings each Service's stages raised, before de-duplication. */
  serviceFindings: Map<string, Finding[]>;
  /** Incremental runs since the last full build (bounded: each retains its facts through reused Services). */
  generation: number;
  /** The full build saw two Services claim one nodePort (order-dependent "first one wins"): never patch. */
  nodePortClash: boolean;
}

/** Options of a live analysis. */
export interface LiveAnalyzeOptions {
  unavailableKinds?: BuildOptions['unavailableKinds'];
  unreadableConfigMaps?: BuildOptions['unreadableConfigMaps'];
  clientIP?: string;
}

/** Where incremental.ts reads current objects from (the live ObjectStore). */
export interface ObjectLookup {
  get(kind: KnownKind, key: string): KubeObject | undefined;
  slicesOf(serviceKey: string): KubeObject[];
  has(kind: KnownKind): boolean;
}

/** Most incremental runs before a full rebuild drops the facts reused Services retain. */
export const MAX_INCREMENTAL_GENERATIONS = 50;

/** Above this share of all Services touched, a full analysis costs about the same: do that. */
const MAX_INCREMENTAL_SHARE = 0.25;

const KIND_RANK: Record<string, number> = {
  Namespace: 0,
  Node: 1,
  Pod: 2,
  ConfigMap: 3,
  Service: 4,
  EndpointSlice: 5,
  Endpoints: 6,
  NetworkPolicy: 7,
};

/**
 * Warnings in the order a full build emits them: by kind in build.ts's processing order, then by object
 * key (objects are built in key order); stable, so one object's messages keep their order.
 */
export function canonicalWarnings(warnings: readonly ModelWarning[]): ModelWarning[] {
  return warnings
    .map((w, i) => ({ w, i }))
    .sort(
      (a, b) =>
        (KIND_RANK[a.w.kind] ?? 99) - (KIND_RANK[b.w.kind] ?? 99) ||
        ((a.w.object ?? '') < (b.w.object ?? '') ? -1 : (a.w.object ?? '') > (b.w.object ?? '') ? 1 : 0) ||
        a.i - b.i,
    )
    .map((x) => x.w);
}

function nodePortCount(services: Iterable<ServiceModel>): number {
  let n = 0;
  for (const s of services) {
    if (s.type !== 'NodePort' && s.type !== 'LoadBalancer') continue;
    for (const p of s.ports) if (p.nodePort !== null) n++;
  }
  return n;
}

/** True when a Service takes part in a front door (is a proxy, has routes, or sits behind a proxy). */
function hasFrontDoor(svc: ServiceFacts | undefined): boolean {
  const fd = svc?.analysis.frontDoor;
  return !!fd && (fd.proxy !== null || fd.routes.length > 0 || fd.behind.length > 0);
}

/** Builds, detects and analyses everything (what analyzeObjects does, keeping the per-Service facts). */
export function analyzeFull(objects: KubeObject[], opts: LiveAnalyzeOptions = {}): LiveAnalysis {
  const built = buildClusterModel(objects, {
    unavailableKinds: opts.unavailableKinds,
    unreadableConfigMaps: opts.unreadableConfigMaps,
  });
  const model: ClusterModel = { ...built, warnings: canonicalWarnings(built.warnings) };
  const dataplane = detectDataplane(model);
  // The facade's per-model policy index: traces of this model reuse it.
  const run = analyzeClusterRun(model, dataplane, { policies: policyIndexFor(model), clientIP: opts.clientIP });
  return {
    model,
    dataplane,
    ...run,
    generation: 0,
    nodePortClash: nodePortCount(model.services.values()) !== model.nodePortIndex.size,
  };
}

function sameUnavailable(a: Partial<Record<string, string>>, b: Partial<Record<string, string>> = {}): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** Why an incremental run is not possible, or null when it is. */
export function incrementalBlocker(
  prev: LiveAnalysis | null,
  lookup: ObjectLookup,
  changes: StoreChanges,
  opts: LiveAnalyzeOptions,
): string | null {
  if (!prev) return 'first analysis';
  for (const k of changes.kinds) if (k !== 'Service' && k !== 'EndpointSlice') return `${k} changed`;
  if (!sameUnavailable(prev.model.unavailableKinds, opts.unavailableKinds)) return 'readable kinds changed';
  const unreadable = prev.model.frontDoor?.unreadableConfigMaps ?? new Map<string, string>();
  if (!sameUnavailable(Object.fromEntries(unreadable), opts.unreadableConfigMaps))
    return 'readable proxy ConfigMaps changed';
  // Without any EndpointSlice, build.ts derives endpoints from selectors and pods: a cluster-wide step.
  if (!lookup.has('EndpointSlice') || prev.model.endpointsByService.size === 0) return 'no EndpointSlices';
  if (prev.nodePortClash) return 'nodePort clash';
  if (prev.generation >= MAX_INCREMENTAL_GENERATIONS) return 'periodic full rebuild';
  if (changes.services.size > Math.max(8, prev.model.services.size * MAX_INCREMENTAL_SHARE))
    return 'too many Services changed';
  return null;
}

/**
 * Re-analyses only the Services in `changes.services` on top of `prev`; returns a string (the reason)
 * when the change cannot be patched in and a full analysis is needed.
 */
export function analyzeIncremental(
  prev: LiveAnalysis,
  lookup: ObjectLookup,
  changes: StoreChanges,
  opts: LiveAnalyzeOptions = {},
): LiveAnalysis | string {
  const blocker = incrementalBlocker(prev, lookup, changes, opts);
  if (blocker) return blocker;
  const affected = changes.services;
  const old = prev.model;
  const model: ClusterModel = {
    ...old,
    services: new Map(old.services),
    endpointsByService: new Map(old.endpointsByService),
    addressIndex: new Map(old.addressIndex),
    nodePortIndex: new Map(old.nodePortIndex),
  };

  // 1. Take the affected Services out of the model's indexes.
  for (const key of affected) {
    const svc = old.services.get(key);
    if (svc) {
      for (const ip of [
        ...svc.clusterIPs,
        ...svc.externalIPs,
        ...svc.loadBalancerIngress.flatMap((i) => (i.ip ? [i.ip] : [])),
      ]) {
        const entries = model.addressIndex.get(ip);
        if (!entries) continue;
        // An address shared with another Service: its entry order would depend on object order.
        if (entries.some((e) => e.serviceKey !== key)) return 'address shared by several Services';
        model.addressIndex.delete(ip);
      }
      svc.ports.forEach((p) => {
        const np = p.nodePort === null ? null : model.nodePortIndex.get(`${p.protocol}/${p.nodePort}`);
        if (np?.serviceKey === key) model.nodePortIndex.delete(`${p.protocol}/${p.nodePort}`);
      });
    }
    model.services.delete(key);
    model.endpointsByService.delete(key);
  }

  // 2. Build the affected Services and their EndpointSlices alone, with the same builder.
  const objects: KubeObject[] = [];
  for (const key of affected) {
    const svc = lookup.get('Service', key);
    if (svc) objects.push(svc);
    objects.push(...lookup.slicesOf(key));
  }
  // Changed slices that belong to no Service still produce their warning.
  for (const key of changes.slices) {
    const s = lookup.get('EndpointSlice', key);
    if (s && !s.metadata?.labels?.['kubernetes.io/service-name']) objects.push(s);
  }
  const hasSlices = objects.some((o) => o.kind === 'EndpointSlice');
  const mini = buildClusterModel(objects, { unavailableKinds: old.unavailableKinds, skipReferenceChecks: true });
  if (nodePortCount(mini.services.values()) !== mini.nodePortIndex.size) return 'nodePort clash';

  // 3. Put them back (keys that still exist keep their map position; new ones are appended).
  for (const [k, s] of mini.services) model.services.set(k, s);
  // Without slices the mini build derived endpoints from selectors; the full build (which has slices) would not.
  if (hasSlices) for (const [k, eps] of mini.endpointsByService) model.endpointsByService.set(k, eps);
  for (const [ip, entries] of mini.addressIndex) {
    if (model.addressIndex.has(ip)) return 'address shared by several Services';
    model.addressIndex.set(ip, entries as AddressEntry[]);
  }
  for (const [np, v] of mini.nodePortIndex) {
    if (model.nodePortIndex.has(np)) return 'nodePort clash';
    model.nodePortIndex.set(np, v);
  }
  const sliceKeys = new Set(changes.slices);
  for (const o of objects)
    if (o.kind === 'EndpointSlice') sliceKeys.add(`${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`);
  const kept = old.warnings.filter(
    (w) =>
      !isReferenceWarning(w) && // recomputed below for the merged model
      !(
        (w.kind === 'Service' && w.object !== null && affected.has(w.object)) ||
        (w.kind === 'EndpointSlice' && w.object !== null && sliceKeys.has(w.object))
      ),
  );
  const added = mini.warnings.filter((w) => hasSlices || !(w.kind === 'EndpointSlice' && w.object === null));
  model.warnings = canonicalWarnings([...kept, ...added, ...referenceWarnings(model)]);

  // 4. Analyse the affected Services against fresh cluster facts (same dataplane and compiled policies).
  const facts = createClusterFacts(model, prev.dataplane, prev.facts.policies);
  const prepared = new Map(prev.prepared);
  const serviceFindings = new Map(prev.serviceFindings);
  for (const key of affected) {
    // A proxy's Service, a Service behind a proxy or one a route names: other Services' front doors (`behind`,
    // `paths[P].app`, proxy findings) read it, so patching this one alone would leave theirs stale.
    if (hasFrontDoor(prev.prepared.get(key))) return 'a front door changed';
    const svc = model.services.get(key);
    if (!svc) {
      prepared.delete(key);
      serviceFindings.delete(key);
      continue;
    }
    const r = analyzeService(facts, svc, opts.clientIP);
    if (hasFrontDoor(r.prepared)) return 'a front door changed';
    prepared.set(key, r.prepared);
    serviceFindings.set(key, r.found);
  }
  return {
    model,
    dataplane: prev.dataplane,
    analysis: assembleAnalysis(model, prev.dataplane, facts, prepared, serviceFindings),
    facts,
    prepared,
    serviceFindings,
    generation: prev.generation + 1,
    nodePortClash: false,
  };
}

/** Incremental when possible, else full; says which it did and why. */
export function reanalyze(
  prev: LiveAnalysis | null,
  objects: () => KubeObject[],
  lookup: ObjectLookup,
  changes: StoreChanges,
  opts: LiveAnalyzeOptions = {},
): { result: LiveAnalysis; mode: 'incremental' | 'full'; reason: string | null } {
  if (prev) {
    const r = analyzeIncremental(prev, lookup, changes, opts);
    if (typeof r !== 'string') return { result: r, mode: 'incremental', reason: null };
    return { result: analyzeFull(objects(), opts), mode: 'full', reason: r };
  }
  return { result: analyzeFull(objects(), opts), mode: 'full', reason: 'first analysis' };
}
