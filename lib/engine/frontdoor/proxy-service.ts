// The proxy behind a Service, judged over all its ready endpoint pods. Pods are grouped by pod template
// (pod-template-hash / controller-revision-hash: one detection per ReplicaSet or revision, so the cost is
// linear in the Service's endpoints), then by identical proxy and settings; when the groups disagree (a
// rollout half done with other args or ConfigMaps, a selector that also picks plain pods) the settings are
// unknown with a question naming the groups — never the first pod's answer.
// Cilium's Ingress and Gateway Services have no pods: the cilium agents' Envoy serves them
// (../shared/reference/source-ip-catalog.md §4 cilium-ingress-gateway hints).
import type { ClusterModel, PodModel, ServiceModel } from '../../model/cluster';
import { catalogEntry, type CatalogEntry } from './catalog';
import { proxyOfPod, type ProxyIdentity } from './proxy-detect';
import { proxySettings } from './proxy-settings';
import { unknownSettings, type ProxySettings } from './settings-common';

const cache = new WeakMap<ClusterModel, Map<string, ProxyIdentity | null>>();

/** The proxy behind a Service, or null (cached per model). */
export function proxyOfService(model: ClusterModel, service: ServiceModel): ProxyIdentity | null {
  let bySvc = cache.get(model);
  if (!bySvc) cache.set(model, (bySvc = new Map()));
  if (bySvc.has(service.key)) return bySvc.get(service.key)!;
  const found = ciliumProxy(model, service) ?? podProxy(model, service);
  bySvc.set(service.key, found);
  return found;
}

/**
 * Pods of one template are one group: the ReplicaSet's pod-template-hash or the DaemonSet / StatefulSet
 * revision's controller-revision-hash. Pods without either (bare pods, generated test clusters) are grouped
 * by their label set, which pods of one template share; detecting each of them would cost a detection per
 * pod for every DaemonSet-sized Service.
 */
function templateOf(pod: PodModel): string {
  const hash = templateHash(pod);
  if (hash) return `${pod.namespace} ${hash}`;
  const keys = Object.keys(pod.labels).sort();
  return `${pod.namespace} labels ${JSON.stringify(keys.map((k) => [k, pod.labels[k]]))}`;
}

const templateHash = (pod: PodModel): string | undefined =>
  pod.labels['pod-template-hash'] ?? pod.labels['controller-revision-hash'];

interface Group {
  /** Lowest pod key of the group. */
  pod: string;
  pods: number;
  proxy: ProxyIdentity | null;
  settings: ProxySettings | null;
}

function signature(g: Group): string {
  if (!g.proxy || !g.settings) return 'none';
  const { evidence: _evidence, ...rest } = g.settings;
  return `${g.proxy.id} ${JSON.stringify(rest)}`;
}

function podProxy(model: ClusterModel, service: ServiceModel): ProxyIdentity | null {
  const eps = model.endpointsByService.get(service.key) ?? [];
  // Ready pods decide; a Service none of whose pods is ready is judged by all of them.
  const readyOnly = eps.some((e) => e.ready);
  type Template = { pod: string; pods: number };
  const templates = new Map<string, Template>();
  // Pods of one template come in runs: a pod with the previous pod's namespace and hash joins its group
  // without a key string built and looked up.
  let last: { namespace: string; hash: string; group: Template } | null = null;
  for (const e of eps) {
    if (readyOnly && !e.ready) continue;
    const pod = e.podKey ? model.pods.get(e.podKey) : model.podsByIP.get(e.ip);
    if (!pod) continue;
    const hash = templateHash(pod);
    let g: Template | undefined =
      last && hash && hash === last.hash && pod.namespace === last.namespace ? last.group : undefined;
    if (!g) {
      const t = templateOf(pod);
      g = templates.get(t);
      if (!g) templates.set(t, (g = { pod: pod.key, pods: 0 }));
      if (hash) last = { namespace: pod.namespace, hash, group: g };
    }
    g.pods++;
    if (pod.key < g.pod) g.pod = pod.key;
  }
  const bySignature = new Map<string, Group>();
  for (const t of templates.values()) {
    const proxy = proxyOfPod(model, t.pod);
    const g: Group = { pod: t.pod, pods: t.pods, proxy, settings: proxy ? proxySettings(model, proxy) : null };
    const sig = signature(g);
    const same = bySignature.get(sig);
    if (!same) bySignature.set(sig, g);
    else {
      same.pods += g.pods;
      if (g.pod < same.pod) Object.assign(same, { pod: g.pod, proxy: g.proxy, settings: g.settings });
    }
  }
  const groups = [...bySignature.values()].sort((a, b) => (a.pod < b.pod ? -1 : 1));
  const proxies = groups.filter((g) => g.proxy);
  if (proxies.length === 0) return null;
  const first = proxies[0].proxy!;
  if (groups.length === 1) return first;
  return conflicted(service, groups, first);
}

const describe = (g: Group) =>
  `${g.pods} pod${g.pods === 1 ? '' : 's'} like ${g.pod}: ${
    g.proxy && g.settings ? `${g.proxy.id} (${g.settings.evidence.join(', ')})` : 'not a recognised proxy'
  }`;

/** A Service whose pods disagree: the proxy id they share (else `unknown`), settings unknown. */
function conflicted(service: ServiceModel, groups: Group[], first: ProxyIdentity): ProxyIdentity {
  const ids = new Set(groups.flatMap((g) => (g.proxy ? [g.proxy.id] : [])));
  const id = ids.size === 1 ? first.id : 'unknown';
  const entry: CatalogEntry =
    id === 'unknown'
      ? { ...first.entry, id: 'unknown', name: `a mix of proxies (${[...ids].join(', ')})` }
      : first.entry;
  const parts = groups.map(describe);
  const conflict = unknownSettings(
    { envoy: groups.every((g) => g.settings?.envoy), carrier: proxySettingsCarrier(groups) },
    `The ready pods of Service ${service.key} disagree: ${parts.join('; ')}. Which of them serves the traffic (is a rollout still in progress)?`,
    [`pods of ${service.key} disagree`, ...parts],
  );
  return { ...first, id, entry, service, conflict, evidence: [`pods of ${service.key} disagree`, ...parts] };
}

function proxySettingsCarrier(groups: Group[]): ProxySettings['carrier'] {
  return groups.find((g) => g.settings)?.settings?.carrier ?? 'x-forwarded-for';
}

/** The synthetic endpoint address of Cilium's Ingress / Gateway Services (catalog hints). */
export const CILIUM_INGRESS_ENDPOINT = '192.192.192.192';

/**
 * Cilium Ingress / Gateway API Services (catalog cilium-ingress-gateway: IngressClass cilium.io/ingress-controller,
 * GatewayClass io.cilium/gateway-controller): the operator labels them `cilium.io/ingress: "true"` (shared
 * `cilium-ingress`, dedicated `cilium-ingress-<ingress>`) or `io.cilium.gateway/owning-gateway: <gateway>`
 * (`cilium-gateway-<gateway>`); they select no pods and carry the synthetic endpoint 192.192.192.192:9999.
 */
function ciliumProxy(model: ClusterModel, service: ServiceModel): ProxyIdentity | null {
  const gateway = service.labels['io.cilium.gateway/owning-gateway'];
  const ingress = service.labels['cilium.io/ingress'] === 'true';
  const synthetic =
    service.selector === null &&
    /^cilium-(ingress|gateway-)/.test(service.name) &&
    (model.endpointsByService.get(service.key) ?? []).some((e) => e.ip === CILIUM_INGRESS_ENDPOINT);
  if (!gateway && !ingress && !synthetic) return null;
  const evidence = gateway
    ? `Service label io.cilium.gateway/owning-gateway=${gateway}`
    : ingress
      ? 'Service label cilium.io/ingress=true'
      : `selector-less Service ${service.name} with Cilium's endpoint ${CILIUM_INGRESS_ENDPOINT}`;
  // Supporting evidence from the operator's switches (catalog cilium-ingress-gateway configMapKeys).
  const cfg = model.configMaps.get('kube-system/cilium-config');
  const key = gateway ? 'enable-gateway-api' : 'enable-ingress-controller';
  return {
    id: 'cilium-ingress-gateway',
    entry: catalogEntry('cilium-ingress-gateway'),
    pod: null,
    details: null,
    service,
    evidence: [
      evidence,
      ...(cfg?.[key] ? [`kube-system/cilium-config ${key}=${cfg[key]}`] : []),
      "served by the cilium agents' Envoy on every node",
    ],
  };
}
