// Load-balancer identity of a LoadBalancer Service, following
// ../shared/reference/source-ip-catalog.md §2 "Detection recipe": an exact `loadBalancerClass` mapping
// (an unknown class is an external controller: no platform fallback), else the annotation rules by
// priority, then the platform fallback from node providerIDs (priority 90). Effects come from the entry:
// pass-through or not, nodes or pods as targets (K9), PROXY protocol switches, health check, weights.
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import type { LoadBalancerInfo, TrafficPolicy } from '../types';
import { entriesOfKind, type CatalogCondition, type CatalogEntry } from './catalog';
import { conditionHolds, type ConditionSubject } from './conditions';
import { lbTraits } from './lb-traits';
import { frontDoorOf, platformOf, serviceSubject } from './platform';

const LB_ENTRIES = entriesOfKind('loadbalancer');
const KNOWN_CLASSES = new Set(
  LB_ENTRIES.flatMap((e) => e.rules.flatMap((r) => (Array.isArray(r.loadBalancerClass) ? r.loadBalancerClass : []))),
);

/*
 * TOA: a Tencent CLB puts the client address in a TCP option and a kernel module on the node hands it to
 * getpeername() (catalog tencent-tke-clb: carriers "toa (TCP option, NAT cases)"). Tencent switches TOA on per
 * CLB TCP listener, in the console, for NAT64 and hybrid-cloud CLBs (https://cloud.tencent.com/document/product/214/68105);
 * TKE's Service annotation list (https://www.tencentcloud.com/document/product/457/39142) and TkeServiceConfig
 * (https://cloud.tencent.com/document/product/457/45490) have no TOA setting, and the catalog names none.
 */

/**
 * Not documented by Tencent nor named by the catalog: read so that a cluster stating TOA this way is not
 * misjudged, with evidence saying the name is unverified.
 */
export const TOA_ANNOTATION_UNVERIFIED = 'service.cloud.tencent.com/enable-toa';

/**
 * Documented, read-only: the IPv6 address of a NAT64 CLB (Tencent's TKE Service annotation list, above). IPv6
 * clients are translated to IPv4 there, so the client survives only in TOA, if the listener's switch is on.
 */
export const NAT64_ANNOTATION = 'service.kubernetes.io/loadbalance-nat-ipv6';

/** The question a NAT64 CLB leaves open. */
export const NAT64_TOA_QUESTION =
  "The Service's CLB is a NAT64 (IPv6) CLB: is TOA switched on for its TCP listeners, and is the toa kernel module loaded on every node? Without both, IPv6 clients arrive as an IPv4 address of the CLB.";

/**
 * Whether the client travels in TOA: true when an annotation states it, "unknown" for a NAT64 CLB (TOA is a
 * listener switch that API objects do not show), false otherwise.
 */
export function usesToa(service: ServiceModel): boolean | 'unknown' {
  if (service.annotations[TOA_ANNOTATION_UNVERIFIED] === 'true') return true;
  if ((service.annotations[NAT64_ANNOTATION] ?? '').trim() !== '') return 'unknown';
  return false;
}

function toaEvidence(service: ServiceModel): string | null {
  const use = usesToa(service);
  if (use === true)
    return `annotation ${TOA_ANNOTATION_UNVERIFIED}=true (client address in the TOA TCP option; this annotation name is not in Tencent's TKE annotation list nor in the catalog, so it is taken as the operator's statement)`;
  if (use === 'unknown')
    return `annotation ${NAT64_ANNOTATION} (a NAT64 CLB: IPv6 clients keep their address only in TOA, a listener switch not shown in API objects)`;
  return null;
}

/** The first matching catalog entry and the rule that matched, in priority order. */
export function matchEntry(
  entries: readonly CatalogEntry[],
  subject: ConditionSubject,
): { entry: CatalogEntry; rule: CatalogCondition } | null {
  for (const entry of entries) {
    for (const rule of entry.rules) if (conditionHolds(rule, subject)) return { entry, rule };
  }
  return null;
}

/** Human-readable evidence of a matched rule. */
export function describeRule(rule: CatalogCondition, subject: ConditionSubject): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'loadBalancerClass') out.push(`spec.loadBalancerClass=${subject.loadBalancerClass}`);
    else if (key === 'loadBalancerClassAbsent') out.push('no spec.loadBalancerClass');
    else if (key === 'annotations' || key === 'ingressAnnotations' || key === 'podLabels' || key === 'podAnnotations') {
      const from =
        key === 'ingressAnnotations'
          ? subject.ingressAnnotations
          : key === 'podLabels'
            ? subject.podLabels
            : key === 'podAnnotations'
              ? subject.podAnnotations
              : subject.annotations;
      for (const k of Object.keys(value as object))
        out.push(`${key === 'podLabels' ? 'pod label' : 'annotation'} ${k}=${from?.[k] ?? ''}`);
    } else if (key === 'annotationsAbsent') out.push(`no annotation ${(value as string[]).join(', ')}`);
    else if (key === 'annotationPrefix') out.push(`annotations under ${(value as string[]).join(', ')}`);
    else if (key === 'nodeProviderIDPrefix' || key === 'nodeProviderIDRegex')
      out.push(`node providerID ${subject.providerID}`);
    else if (key === 'ingressClassController') out.push(`IngressClass controller ${subject.ingressClassController}`);
    else if (key === 'gatewayClassController') out.push(`GatewayClass controller ${subject.gatewayClassController}`);
    else if (key === 'objectsExist') out.push(`a ${(value as { kind: string }).kind} selects the address pool`);
    else if (key === 'podEnvPresent') out.push(`container env ${(value as string[]).join(', ')}`);
    else if (key === 'modeUnknown') out.push('no L2Advertisement or BGPAdvertisement in the data');
    else out.push(`${key} matched`);
  }
  return out;
}

const yesNo = (v: string | null | undefined): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);

/** The catalog's `preservesClientIP` with the overrides whose conditions hold applied. */
export function preservation(entry: CatalogEntry, subject: ConditionSubject): Record<string, string | null> {
  const p: Record<string, string | null> = {
    toTarget: entry.preservesClientIP.toTarget,
    cluster: entry.preservesClientIP.cluster,
    local: entry.preservesClientIP.local,
  };
  for (const o of entry.preservesClientIP.overrides) if (conditionHolds(o.when, subject)) Object.assign(p, o.set);
  return p;
}

/** PROXY protocol the LB sends: null (off), the version, or unknown (switched on without a version). */
export function lbProxyProtocol(entry: CatalogEntry, subject: ConditionSubject): LoadBalancerInfo['proxyProtocol'] {
  const on = entry.proxyProtocol.enabledWhen.find((c) => conditionHolds(c, subject));
  if (!on) return null;
  const text = JSON.stringify(on) + JSON.stringify(subject.annotations ?? {});
  if (entry.proxyProtocol.version === 'v1' || entry.proxyProtocol.version === 'v2') return entry.proxyProtocol.version;
  // OpenStack takes the version in the annotation value (`v1`/`v2`); others do not say.
  if (/proxy-protocol"?:"?v2/.test(text)) return 'v2';
  return 'unknown';
}

function healthCheckOf(entry: CatalogEntry, service: ServiceModel, policy: TrafficPolicy, targetsPods: boolean) {
  const t = lbTraits(entry.id);
  // LBs that target pods health-check the pods they registered from the endpoints (K9).
  if (targetsPods) return 'endpoints' as const;
  const hcPort = service.annotations['service.beta.kubernetes.io/aws-load-balancer-healthcheck-port'];
  if (hcPort === 'traffic-port') return 'trafficPort' as const;
  if (policy === 'Cluster') return t.clusterHealth;
  if (t.localHealth) return t.localHealth;
  return entry.healthCheckNodePort === true
    ? ('healthCheckNodePort' as const)
    : entry.healthCheckNodePort === false
      ? ('trafficPort' as const)
      : ('unknown' as const);
}

function weightsOf(
  entry: CatalogEntry,
  model: ClusterModel,
  service: ServiceModel,
  targetsPods: boolean,
): LoadBalancerInfo['weights'] {
  if (targetsPods) return 'even';
  // TKE: "the weight of the CLB backend is determined by the number of workloads on the node" (catalog tencent-tke-clb).
  if (service.annotations['service.cloud.tencent.com/local-svc-weighted-balance'] === 'true') return 'podCount';
  if (lbTraits(entry.id).singleNode) return 'singleNode';
  if (entry.id === 'kube-vip' && service.annotations['kube-vip.io/vipHost']) return 'singleNode';
  if (entry.id === 'openelb') {
    const eip =
      service.annotations['eip.openelb.kubesphere.io/v1alpha2'] ??
      service.annotations['eip.openelb.kubesphere.io/v1alpha1'];
    const proto = frontDoorOf(model).announcers.openelbEips.find((e) => e.name === eip)?.protocol;
    return proto === 'layer2' || proto === 'vip' ? 'singleNode' : proto === 'bgp' ? 'even' : 'unknown';
  }
  return 'even';
}

function layerOf(entry: CatalogEntry, annotations: Record<string, string>): LoadBalancerInfo['layer'] {
  const t = lbTraits(entry.id);
  if (t.l7When && t.l7When.values.includes((annotations[t.l7When.annotation] ?? '').toLowerCase())) return 'L7';
  return t.layer;
}

/** Builds the identity from a matched entry for the given subject (Service or Ingress annotations). */
export function lbInfoFromEntry(
  model: ClusterModel,
  service: ServiceModel | null,
  entry: CatalogEntry,
  subject: ConditionSubject,
  evidence: string[],
  policy: TrafficPolicy,
): LoadBalancerInfo {
  const t = lbTraits(entry.id);
  const annotations = { ...(subject.ingressAnnotations ?? {}), ...(subject.annotations ?? {}) };
  const targetsPods =
    entry.sendsTo === 'pods' ||
    (t.podsWhen !== undefined &&
      (annotations[t.podsWhen.annotation] ?? '').replace(/\s/g, '').includes(t.podsWhen.contains));
  const layer = layerOf(entry, annotations);
  const pres = preservation(entry, subject);
  // L7 and proxying LBs open a new connection: the target never sees the client at L3 (catalog K6).
  const keepsClientIP = layer === 'L4-passthrough' ? yesNo(pres.toTarget) : false;
  const healthCheck = service
    ? healthCheckOf(entry, service, policy, targetsPods)
    : targetsPods
      ? 'endpoints'
      : lbTraits(entry.id).clusterHealth;
  const info: LoadBalancerInfo = {
    kind: entry.id,
    label: entry.name,
    targets: targetsPods ? 'pods' : 'nodes',
    layer,
    keepsClientIP,
    proxyProtocol: lbProxyProtocol(entry, subject),
    healthCheck,
    weights: service ? weightsOf(entry, model, service, targetsPods) : 'even',
    evidence,
    question: null,
  };
  // An entry whose catalog notes leave something open (e.g. Octavia amphora vs OVN) keeps its question.
  if (t.question && entry.confidence !== 'high') info.question = t.question;
  if (keepsClientIP === null)
    info.question = t.question ?? `Does the ${entry.name} pass the client address to its targets?`;
  else if (healthCheck === 'unknown' && policy === 'Local' && service)
    info.question =
      t.question ??
      `Does the ${entry.name} health-check healthCheckNodePort${service.healthCheckNodePort ? ` ${service.healthCheckNodePort}` : ''} (/healthz)?`;
  return info;
}

const identities = new WeakMap<ClusterModel, Map<ServiceModel, Partial<Record<TrafficPolicy, LoadBalancerInfo>>>>();

/** The load balancer of a LoadBalancer Service under `policy` (default: its own), or null for other types. Cached per model. */
export function identifyLoadBalancer(
  model: ClusterModel,
  service: ServiceModel,
  policy: TrafficPolicy = service.externalTrafficPolicy,
): LoadBalancerInfo | null {
  if (service.type !== 'LoadBalancer') return null;
  let byService = identities.get(model);
  if (!byService) identities.set(model, (byService = new Map()));
  let byPolicy = byService.get(service);
  if (!byPolicy) byService.set(service, (byPolicy = {}));
  return (byPolicy[policy] ??= identify(model, service, policy));
}

function identify(model: ClusterModel, service: ServiceModel, policy: TrafficPolicy): LoadBalancerInfo {
  const subject = serviceSubject(model, service);
  const evidence: string[] = [];
  if (service.loadBalancerClass && !KNOWN_CLASSES.has(service.loadBalancerClass)) {
    return unknownLb(
      [`spec.loadBalancerClass=${service.loadBalancerClass} (not in the catalog: an external controller)`],
      `Which controller implements loadBalancerClass ${service.loadBalancerClass}, and does it keep the client address?`,
    );
  }
  const m = matchEntry(LB_ENTRIES, subject) ?? metallbModeUnknown(model, service);
  if (!m) {
    const platform = platformOf(model).providerID;
    return unknownLb(
      [
        platform
          ? `node providerID ${platform} matches no catalog load balancer`
          : 'nodes have no providerID and no load-balancer controller annotation or object matched',
      ],
      'Which load balancer implements this Service, and does it keep the client address?',
    );
  }
  evidence.push(...describeRule(m.rule, subject));
  if (platformOf(model).mixed) evidence.push('nodes have providerIDs of more than one platform (the majority decided)');
  const info = lbInfoFromEntry(model, service, m.entry, subject, evidence, policy);
  if ('modeUnknown' in m.rule) {
    info.label = 'MetalLB (L2 or BGP: no advertisement objects in the data)';
    info.weights = 'unknown';
    info.question = 'Does MetalLB announce this address in L2 mode (one node takes all traffic) or BGP mode?';
  }
  const toa = toaEvidence(service);
  if (toa) info.evidence.push(toa);
  // The client's address depends on it first; the entry's own question (if any) follows.
  if (usesToa(service) === 'unknown')
    info.question = info.question ? `${NAT64_TOA_QUESTION} ${info.question}` : NAT64_TOA_QUESTION;
  return info;
}

/**
 * MetalLB allocated the address but no L2Advertisement / BGPAdvertisement was read (kind absent from the
 * data): the effects of L2 and BGP are the same except the entry node, so L2's entry is used with the
 * weights left unknown (see identifyLoadBalancer).
 */
function metallbModeUnknown(
  model: ClusterModel,
  service: ServiceModel,
): { entry: CatalogEntry; rule: CatalogCondition } | null {
  const pool =
    service.annotations['metallb.io/ip-allocated-from-pool'] ??
    service.annotations['metallb.universe.tf/ip-allocated-from-pool'];
  const present = frontDoorOf(model).kindsPresent;
  if (pool === undefined || present.has('L2Advertisement') || present.has('BGPAdvertisement')) return null;
  const entry = LB_ENTRIES.find((e) => e.id === 'metallb-l2')!;
  return { entry, rule: { annotations: { 'metallb.io/ip-allocated-from-pool': null }, modeUnknown: true } };
}

function unknownLb(evidence: string[], question: string): LoadBalancerInfo {
  return {
    kind: 'unknown',
    label: 'unknown load balancer',
    targets: 'nodes',
    layer: 'L4-passthrough',
    keepsClientIP: null,
    proxyProtocol: null,
    healthCheck: 'unknown',
    weights: 'unknown',
    evidence,
    question,
  };
}
