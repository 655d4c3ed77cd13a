// Types of the findings stages: what each rule reads (cluster-wide facts computed once, and one
// Service's prepared analysis) and the shape of a rule. Rules are small pure functions run in a fixed
// order, like Kiali's graph "appenders": each adds its findings and never changes another's.
import type { Cidr } from '../../net/ip';
import type { ClusterModel, EndpointModel, PodModel, ServiceModel } from '../../model/cluster';
import type { IpBlockAllowList, NamedPortIssue, PolicyIndex, PolicyTraits, RuleRef } from '../netpol';
import type { NodeClasses } from '../node-classes';
import type { ExternalEntry } from '../paths';
import type { PolicyHook } from '../policy-hook';
import type { Dataplane, Finding, ServiceAnalysis } from '../types';
import type { NodeCoverage } from './node-coverage';

/** Facts about the whole cluster, computed once per analysis (lazy parts are cached on first use). */
export interface ClusterFacts {
  model: ClusterModel;
  dataplane: Dataplane;
  policies: PolicyIndex;
  hook: PolicyHook;
  traits: PolicyTraits;
  nodeClasses: NodeClasses;
  /** Named ports in policies that resolve to nothing (netpol unresolvedNamedPorts), computed on first use. */
  namedPortIssues(): NamedPortIssue[];
  /** Keys of the Services a pod is an endpoint of, from a pod → Services index built on first use. */
  servicesOfPod(podKey: string): readonly string[];
  /** Which node / SNAT addresses an ipBlock admits, cached per ipBlock text. */
  nodeCoverage(allowList: IpBlockAllowList): NodeCoverage;
  /** The pod ranges (dataplane clusterCIDRs), parsed once. */
  podRanges: Cidr[];
  /** True when an ipBlock names outside clients (sample-client.ts isClientAllowList), cached per ipBlock text. */
  isClientAllowList(allowList: IpBlockAllowList): boolean;
  /** Caches a cluster-wide computation several Services share (e.g. per set of allow-lists). */
  memo<T>(key: string, compute: () => T): T;
  /** Numeric port ranges named by ingress rules of ingress-isolating policies, per namespace (computed on first use). */
  ingressPortRanges(namespace: string): readonly [number, number][];
  /** The node address NodePort entries are shown on, per IP family (first node by name that serves NodePorts there). */
  nodePortAddress: Record<4 | 6, { node: string; address: string } | null>;
}

/** How the Service's sample external client was chosen. */
export interface SampleClient {
  ip: string;
  /** `allow-list`: inside an ipBlock of a policy selecting the pods; `source-range`: inside loadBalancerSourceRanges. */
  origin: 'allow-list' | 'source-range' | 'option' | 'default';
  /** The allow-list the address was taken from, when origin is `allow-list`. */
  allowList: IpBlockAllowList | null;
}

/** One Service, prepared for the finding rules. */
export interface ServiceFacts {
  service: ServiceModel;
  /** The per-Service analysis (paths for Cluster and Local); `findings` is filled in after the rules ran. */
  analysis: ServiceAnalysis;
  /** How external clients reach it (first port), or null (ClusterIP only, headless, ExternalName). */
  entry: ExternalEntry | null;
  /** Every endpoint of the Service (all slices, all families). */
  endpoints: readonly EndpointModel[];
  /** The distinct pods behind the endpoints (those the snapshot has); empty when no policy of the namespace isolates ingress. Computed on first use. */
  readonly pods: readonly PodModel[];
  /** Ingress rules of the policies that select any of the pods. Computed on first use: rules check cheap preconditions first. */
  readonly ingressRules: readonly RuleRef[];
  /** ipBlock peers of those rules that apply to the Service's target port. Computed on first use. */
  readonly allowLists: readonly IpBlockAllowList[];
  sampleClient: SampleClient;
}

/**
 * The Services already analysed, by key: only membership is asked, so a streaming analysis that keeps no
 * per-Service facts (analyzeClusterStream) passes its key → findings map.
 */
export interface AnalysedServices {
  has(key: string): boolean;
}

/** What a cluster-wide rule reads. */
export interface ClusterFindingContext {
  cluster: ClusterFacts;
  /** Which Services were analysed (cluster rules run after the Service rules). */
  services: AnalysedServices;
}

/** What a per-Service rule reads. */
export interface FindingContext {
  cluster: ClusterFacts;
  svc: ServiceFacts;
}

/** A per-Service rule stage. */
export interface ServiceRule {
  rule: string;
  run: (ctx: FindingContext) => Finding[];
}

/** A cluster-wide rule stage. */
export interface ClusterRule {
  rule: string;
  run: (ctx: ClusterFindingContext) => Finding[];
}
