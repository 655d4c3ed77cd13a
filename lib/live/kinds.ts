// What the live source reads from the API server: one list+watch per entry, all cluster-wide except
// the dataplane ConfigMaps, which are read one by one with a metadata.name field selector so that an
// RBAC rule can grant them by `resourceNames` (RBAC docs "Referring to resources": list/watch with
// resourceNames need the `metadata.name` field selector) instead of every ConfigMap of the cluster.
import type { KnownKind, Pod } from '../model/k8s';
import { proxyConfigMapNames } from '../model/frontdoor';
import { CILIUM_CONFIGMAP } from '../engine/cilium-config';
import { ANTREA_CONFIGMAP, KUBE_PROXY_CONFIGMAP, KUBE_PROXY_EKS_CONFIGMAP } from '../engine/dataplane';

/** One list+watch stream of the live source. */
export interface WatchedKind {
  /** Stable id: the kind, or `ConfigMap/namespace/name` for a single ConfigMap. */
  id: string;
  kind: KnownKind;
  /** apiVersion the objects are served as (set on listed items, which the API leaves without it). */
  apiVersion: string;
  /** Collection path, without query string. */
  path: string;
  /** RBAC resource and API group (for error messages and the chart's ClusterRole). */
  resource: string;
  group: string;
  /** Field selector (`metadata.name=…`) for single-object streams. */
  fieldSelector: string | null;
  /** A CRD that may not be installed: 404 means "none exist", not "cannot be read". */
  optional?: boolean;
  /** Versions tried in order when `apiVersion` answers 404 (a CRD from before its current version). */
  olderVersions?: readonly string[];
}

/** The stream as served in each version to try: its own first, then `olderVersions`. */
export function versionsOf(k: WatchedKind): WatchedKind[] {
  const out = [k];
  for (const v of k.olderVersions ?? [])
    out.push({ ...k, apiVersion: `${k.group}/${v}`, path: `/apis/${k.group}/${v}/${k.resource}`, olderVersions: [] });
  return out;
}

/** A front-door kind: Ingress and IngressClass are built in, the rest are CRDs that may be absent. */
function frontDoor(
  id: string,
  kind: KnownKind,
  group: string,
  version: string | readonly string[],
  resource: string,
  builtIn = false,
): WatchedKind {
  const [current, ...older] = typeof version === 'string' ? [version] : version;
  return {
    id,
    kind,
    apiVersion: `${group}/${current}`,
    path: `/apis/${group}/${current}/${resource}`,
    resource,
    group,
    fieldSelector: null,
    ...(builtIn ? {} : { optional: true }),
    ...(older.length ? { olderVersions: older } : {}),
  };
}

/** The stream of one ConfigMap (`namespace/name`), read by a `metadata.name` field selector. */
export function configMapStream(key: string): WatchedKind {
  const [namespace, name] = key.split('/');
  return {
    id: `ConfigMap/${key}`,
    kind: 'ConfigMap',
    apiVersion: 'v1',
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    resource: 'configmaps',
    group: '',
    fieldSelector: `metadata.name=${name}`,
  };
}

// Newest first; older CRD installs serve only the older versions (a 404 on one version tries the next).
/** Gateway API: v1 since v1.0 (Oct 2023), v1beta1 before (HTTPRoute, Gateway, GatewayClass). */
const GATEWAY_API_VERSIONS = ['v1', 'v1beta1'];
/** Istio networking: v1 since Istio 1.22; v1beta1 and v1alpha3 served by older releases. */
const ISTIO_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
/** Cilium LB-IPAM pools and L2 announcement policies: v2alpha1 since their introduction, v2 in newer releases. */
const CILIUM_VERSIONS = ['v2alpha1', 'v2'];

/** Stream id of Istio's Gateway (the Gateway API's has the plain kind as id). */
export const ISTIO_GATEWAY_STREAM = 'Gateway.networking.istio.io';

/** Everything the engine reads (lib/model/build.ts, lib/engine/dataplane.ts, cilium-config.ts). */
export const WATCHED_KINDS: readonly WatchedKind[] = [
  {
    id: 'Namespace',
    kind: 'Namespace',
    apiVersion: 'v1',
    path: '/api/v1/namespaces',
    resource: 'namespaces',
    group: '',
    fieldSelector: null,
  },
  {
    id: 'Node',
    kind: 'Node',
    apiVersion: 'v1',
    path: '/api/v1/nodes',
    resource: 'nodes',
    group: '',
    fieldSelector: null,
  },
  { id: 'Pod', kind: 'Pod', apiVersion: 'v1', path: '/api/v1/pods', resource: 'pods', group: '', fieldSelector: null },
  {
    id: 'Service',
    kind: 'Service',
    apiVersion: 'v1',
    path: '/api/v1/services',
    resource: 'services',
    group: '',
    fieldSelector: null,
  },
  {
    id: 'EndpointSlice',
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    path: '/apis/discovery.k8s.io/v1/endpointslices',
    resource: 'endpointslices',
    group: 'discovery.k8s.io',
    fieldSelector: null,
  },
  {
    id: 'NetworkPolicy',
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    path: '/apis/networking.k8s.io/v1/networkpolicies',
    resource: 'networkpolicies',
    group: 'networking.k8s.io',
    fieldSelector: null,
  },
  frontDoor('Ingress', 'Ingress', 'networking.k8s.io', 'v1', 'ingresses', true),
  frontDoor('IngressClass', 'IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', true),
  frontDoor('Gateway', 'Gateway', 'gateway.networking.k8s.io', GATEWAY_API_VERSIONS, 'gateways'),
  frontDoor('GatewayClass', 'GatewayClass', 'gateway.networking.k8s.io', GATEWAY_API_VERSIONS, 'gatewayclasses'),
  frontDoor('HTTPRoute', 'HTTPRoute', 'gateway.networking.k8s.io', GATEWAY_API_VERSIONS, 'httproutes'),
  frontDoor(ISTIO_GATEWAY_STREAM, 'Gateway', 'networking.istio.io', ISTIO_VERSIONS, 'gateways'),
  frontDoor('VirtualService', 'VirtualService', 'networking.istio.io', ISTIO_VERSIONS, 'virtualservices'),
  frontDoor('IPAddressPool', 'IPAddressPool', 'metallb.io', 'v1beta1', 'ipaddresspools'),
  frontDoor('L2Advertisement', 'L2Advertisement', 'metallb.io', 'v1beta1', 'l2advertisements'),
  frontDoor('BGPAdvertisement', 'BGPAdvertisement', 'metallb.io', 'v1beta1', 'bgpadvertisements'),
  frontDoor('ServiceL2Status', 'ServiceL2Status', 'metallb.io', 'v1beta1', 'servicel2statuses'),
  frontDoor('Eip', 'Eip', 'network.kubesphere.io', 'v1alpha2', 'eips'),
  frontDoor(
    'CiliumLoadBalancerIPPool',
    'CiliumLoadBalancerIPPool',
    'cilium.io',
    CILIUM_VERSIONS,
    'ciliumloadbalancerippools',
  ),
  frontDoor(
    'CiliumL2AnnouncementPolicy',
    'CiliumL2AnnouncementPolicy',
    'cilium.io',
    CILIUM_VERSIONS,
    'ciliuml2announcementpolicies',
  ),
  configMapStream(KUBE_PROXY_CONFIGMAP),
  configMapStream(KUBE_PROXY_EKS_CONFIGMAP),
  configMapStream(CILIUM_CONFIGMAP),
  configMapStream(ANTREA_CONFIGMAP),
];

/** `kubectl`-style name of a stream's resource, e.g. `networkpolicies.networking.k8s.io`. */
export function resourceName(k: WatchedKind): string {
  const base = k.group ? `${k.resource}.${k.group}` : k.resource;
  return k.fieldSelector
    ? `${base} (${k.fieldSelector.replace('metadata.name=', '')} in ${k.path.split('/')[4]})`
    : base;
}

/** Query string of a LIST or WATCH of the stream (values URL-encoded). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `namespace/name` with DNS-1123 names: a key taken from pod args never reaches a URL path otherwise. */
const CONFIGMAP_KEY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

/**
 * Streams of the ConfigMaps that recognised proxies name (lib/model/frontdoor.ts proxyConfigMapNames:
 * ingress-nginx `--configmap`, Istio's mesh config), minus those `kinds` already read. Each is one
 * ConfigMap by name, never a list of a namespace's ConfigMaps.
 */
export function proxyConfigMapStreams(pods: Pod[], kinds: readonly WatchedKind[] = WATCHED_KINDS): WatchedKind[] {
  const have = new Set(kinds.map((k) => k.id));
  return [...proxyConfigMapNames(pods)]
    .filter((key) => CONFIGMAP_KEY.test(key))
    .sort()
    .map(configMapStream)
    .filter((k) => !have.has(k.id));
}
