// Test helpers for the finding stages: build the real model, dataplane and per-Service facts from
// concrete Kubernetes objects (fixture builders in ../testing/fixtures.ts), then run one rule.
import { buildClusterModel } from '../../model/build';
import type { KnownKind, KubeObject } from '../../model/k8s';
import { detectDataplane } from '../dataplane';
import type { Finding } from '../types';
import { createClusterFacts } from './context';
import { prepareService } from './service-facts';
import type { ClusterFacts, ClusterFindingContext, FindingContext, ServiceFacts } from './types';

/** Options for the helpers. */
export interface TestClusterOptions {
  unavailableKinds?: Partial<Record<KnownKind, string>>;
  clientIP?: string;
}

/** Facts for the whole cluster of `objects`. */
export function factsOf(objects: KubeObject[], opts: TestClusterOptions = {}): ClusterFacts {
  const model = buildClusterModel(objects, { unavailableKinds: opts.unavailableKinds });
  return createClusterFacts(model, detectDataplane(model));
}

/** The finding context of one Service (`namespace/name`) of `objects`. */
export function contextOf(objects: KubeObject[], service: string, opts: TestClusterOptions = {}): FindingContext {
  const cluster = factsOf(objects, opts);
  const s = cluster.model.services.get(service);
  if (!s) throw new Error(`no Service ${service} in the test objects`);
  return { cluster, svc: prepareService(cluster, s, { clientIP: opts.clientIP }) };
}

/** Runs a per-Service rule on one Service of `objects`. */
export function runOn(
  rule: (ctx: FindingContext) => Finding[],
  objects: KubeObject[],
  service: string,
  opts: TestClusterOptions = {},
): Finding[] {
  return rule(contextOf(objects, service, opts));
}

/** The cluster-wide context with every Service prepared. */
export function clusterContextOf(objects: KubeObject[], opts: TestClusterOptions = {}): ClusterFindingContext {
  const cluster = factsOf(objects, opts);
  const services = new Map<string, ServiceFacts>();
  for (const s of cluster.model.services.values())
    services.set(s.key, prepareService(cluster, s, { clientIP: opts.clientIP }));
  return { cluster, services };
}
