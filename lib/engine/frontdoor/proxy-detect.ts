// Recognises a pod as an L7 proxy (../shared/reference/source-ip-catalog.md §2 step 5 and
// §4): the catalog's pod rules (labels, env, annotations) by priority, then the container image, which
// identifies the controllers whose catalog rules name only an IngressClass/GatewayClass controller
// (Pomerium, HAProxy, Contour's Envoy, NGINX Inc). The Istio sidecar entry is a sidecar, not a proxy hop.
import type { ClusterModel, PodModel, ServiceModel } from '../../model/cluster';
import type { PodDetails } from '../../model/frontdoor';
import { entriesOfKind, type CatalogEntry } from './catalog';
import type { ConditionSubject } from './conditions';
import { describeRule, matchEntry } from './load-balancer';
import { frontDoorOf } from './platform';
import type { ProxySettings } from './settings-common';

const PROXY_ENTRIES = entriesOfKind('proxy').filter((e) => e.id !== 'istio-sidecar' && e.id !== 'gateway-api-generic');

/** Container images of the proxies (registry paths as the projects publish them). */
const IMAGE_HINTS: [RegExp, string][] = [
  [/ingress-nginx\/controller/, 'ingress-nginx'],
  [/nginx\/nginx-(plus-)?ingress/, 'nginx-inc-ingress'],
  [/(^|\/)kong(-gateway)?(:|@|$)/, 'kong'],
  [/pomerium\/(ingress-controller|pomerium)/, 'pomerium'],
  [/(^|\/)traefik(:|@|$)/, 'traefik'],
  [/haproxytech\/kubernetes-ingress/, 'haproxy-ingress-haproxytech'],
  [/jcmoraisjr\/haproxy-ingress/, 'haproxy-ingress-jcmoraisjr'],
];

/** A recognised proxy: one pod's, or a Service's (its endpoint pods judged together). */
export interface ProxyIdentity {
  /** Catalog id; `unknown` when a Service's pods run different proxies. */
  id: string;
  entry: CatalogEntry;
  /** The pod (for a Service: the lowest-keyed pod of its pods); null for Cilium's node-level Envoy. */
  pod: PodModel | null;
  details: PodDetails | null;
  evidence: string[];
  /** The Service judged, when the identity is a Service's. */
  service?: ServiceModel | null;
  /** When the Service's pods disagree: unknown settings whose question names the groups. */
  conflict?: ProxySettings | null;
}

/** The catalog subject of a pod. */
export function podSubject(pod: PodModel, details: PodDetails): ConditionSubject {
  const env: Record<string, string> = {};
  const args: string[] = [];
  for (const c of details.containers) {
    Object.assign(env, c.env);
    args.push(...c.args);
  }
  return { podLabels: pod.labels, podAnnotations: details.annotations, podEnv: env, podArgs: args };
}

const cache = new WeakMap<ClusterModel, Map<string, ProxyIdentity | null>>();

/** The proxy a pod runs, or null (cached per model). */
export function proxyOfPod(model: ClusterModel, podKey: string): ProxyIdentity | null {
  let byPod = cache.get(model);
  if (!byPod) cache.set(model, (byPod = new Map()));
  if (byPod.has(podKey)) return byPod.get(podKey)!;
  const found = detect(model, podKey);
  byPod.set(podKey, found);
  return found;
}

function detect(model: ClusterModel, podKey: string): ProxyIdentity | null {
  const pod = model.pods.get(podKey);
  const details = frontDoorOf(model).podDetails(podKey);
  if (!pod || !details) return null;
  const subject = podSubject(pod, details);
  const m = matchEntry(PROXY_ENTRIES, subject);
  if (m) return { id: m.entry.id, entry: m.entry, pod, details, evidence: describeRule(m.rule, subject) };
  // Istio gateways deployed for a Gateway API Gateway carry this label instead of istio=ingressgateway.
  if (pod.labels['gateway.istio.io/managed'])
    return make(
      'istio-ingressgateway',
      pod,
      details,
      `pod label gateway.istio.io/managed=${pod.labels['gateway.istio.io/managed']}`,
    );
  for (const c of details.containers) {
    for (const [re, id] of IMAGE_HINTS)
      if (re.test(c.image)) return make(id, pod, details, `container image ${c.image}`);
    // Contour runs stock Envoy next to its own namespace's contour deployment.
    if (/envoyproxy\/envoy/.test(c.image) && (pod.namespace === 'projectcontour' || pod.labels.app === 'envoy'))
      return make('contour', pod, details, `Envoy image ${c.image} in ${pod.namespace}`);
  }
  return null;
}

function make(id: string, pod: PodModel, details: PodDetails, why: string): ProxyIdentity {
  const entry = PROXY_ENTRIES.find((e) => e.id === id)!;
  return { id, entry, pod, details, evidence: [why] };
}
