// The front-door part of the cluster model: routes (Ingress, HTTPRoute, Istio VirtualService), their
// classes and gateways, the bare-metal LB controllers' objects, and the raw pod details proxy detection
// reads (annotations, container args/env), looked up on first use so a cluster without proxies pays
// nothing. Absent kinds are empty lists, never errors.
import type { KubeObject, LabelSelector, Pod } from './k8s';
import {
  isIstioGateway,
  type CiliumL2AnnouncementPolicy,
  type CiliumLoadBalancerIPPool,
  type Eip,
  type Gateway,
  type GatewayClass,
  type HTTPRoute,
  type Ingress,
  type IngressBackend,
  type IngressClass,
  type IPAddressPool,
  type MetalLBAdvertisement,
  type ServiceL2Status,
  type VirtualService,
} from './frontdoor-k8s';

/** A route's backend: a Service key and port (number, or a port name). */
export interface RouteBackend {
  service: string;
  port: number | string | null;
}

/** One host/path rule of a route. */
export interface RouteRule {
  host: string | null;
  path: string | null;
  /** `Exact` or `Prefix` (ImplementationSpecific treated as Prefix). */
  pathType: 'Exact' | 'Prefix';
  backends: RouteBackend[];
}

/** An Ingress, HTTPRoute or VirtualService, reduced to host/path → backend rules. */
export interface RouteModel {
  kind: 'Ingress' | 'HTTPRoute' | 'VirtualService';
  key: string;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
  /** Ingress: class name (spec or legacy annotation). */
  className: string | null;
  /** HTTPRoute: parent Gateways; VirtualService: its `gateways` as `namespace/name`. */
  parents: string[];
  hosts: string[];
  rules: RouteRule[];
  /** Ingress status addresses (ip or hostname). */
  statusAddresses: string[];
}

/** A Gateway API Gateway or an Istio Gateway. */
export interface GatewayModel {
  key: string;
  namespace: string;
  name: string;
  istio: boolean;
  className: string | null;
  /** Istio Gateway: the gateway pods' labels. */
  selector: Record<string, string> | null;
  hosts: string[];
  addresses: string[];
}

/** MetalLB / Cilium / OpenELB objects the LB detection reads. */
export interface AnnouncerObjects {
  metallbPools: { name: string; addresses: string[]; labels: Record<string, string> }[];
  l2Advertisements: { name: string; pools: string[]; poolSelectors: LabelSelector[] }[];
  bgpAdvertisements: { name: string; pools: string[]; poolSelectors: LabelSelector[] }[];
  /** Service key → announcing node (ServiceL2Status). */
  l2StatusNode: Map<string, string>;
  openelbEips: { name: string; address: string; protocol: string }[];
  ciliumPools: { name: string; blocks: string[] }[];
  ciliumL2Policies: { name: string; serviceSelector: LabelSelector | null; nodeSelector: LabelSelector | null }[];
}

/** Raw details of a pod that proxy and sidecar detection read. */
export interface PodDetails {
  annotations: Record<string, string>;
  containers: {
    name: string;
    image: string;
    args: string[];
    env: Record<string, string>;
    /** Variables set from a ConfigMap / Secret key (`valueFrom`): their values are not in the pod. */
    unresolvedEnv?: string[];
    /** `envFrom` sources (`ConfigMap NAME` / `Secret NAME`): they may set any variable. */
    envFrom?: string[];
  }[];
}

/** The front-door model. */
export interface FrontDoorModel {
  ingressClasses: Map<string, { name: string; controller: string; isDefault: boolean }>;
  gatewayClasses: Map<string, { name: string; controller: string }>;
  gateways: GatewayModel[];
  routes: RouteModel[];
  announcers: AnnouncerObjects;
  /** Kinds present in the source (so "no L2Advertisement" can be told from "not read"). */
  kindsPresent: Set<string>;
  /** ConfigMaps a proxy names that the source could not read (`namespace/name` → reason, e.g. 403 Forbidden). */
  unreadableConfigMaps: Map<string, string>;
  /** The pod's annotations and containers, or null when the pod is unknown. */
  podDetails(podKey: string): PodDetails | null;
  /**
   * The Istio sidecar of each injected model pod (`sidecar.istio.io/status`), by pod key: read while the
   * model adds the pods, so the analysis asks no pod details for it (in a meshed cluster that was every pod).
   */
  sidecarPods: Map<string, IstioSidecar>;
}

/** How an Istio sidecar intercepts a pod's inbound traffic. */
export type IstioSidecar = 'istio-redirect' | 'istio-tproxy';

type Warn = (kind: string, object: string | null, message: string) => void;

const keyOf = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);
const hasItems = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const nameOf = (o: KubeObject): string | null =>
  typeof o.metadata?.name === 'string' && o.metadata.name ? o.metadata.name : null;

/** An empty front-door model (no such objects in the source). */
export function emptyFrontDoor(): FrontDoorModel {
  return buildFrontDoorModel(new Map(), () => {}, {
    rawPod: () => undefined,
    sidecars: new Map(),
    configMapCandidates: [],
  });
}

/** What the model build gathered about pods while adding them (keys are `model.pods`' keys). */
export interface PodFacts {
  /** The raw pod of a key (the last pod of a repeated key). */
  rawPod(podKey: string): Pod | undefined;
  /** The sidecar of each injected pod by key (istioSidecarOf; the last pod of a repeated key decides). */
  sidecars: Map<string, IstioSidecar>;
  /** The pods for which mayNameConfigMaps holds, in order (nameless ones included). */
  configMapCandidates: Pod[];
}

/** Istio's sidecar injector sets this annotation on every pod it injects (what istioSidecarOf looks for first). */
export const ISTIO_SIDECAR_STATUS = 'sidecar.istio.io/status';

/**
 * The sidecar a pod's annotations say it runs, or null: injected pods carry `sidecar.istio.io/status`; REDIRECT
 * interception unless `sidecar.istio.io/interceptionMode` is TPROXY (../shared/reference/source-ip-catalog.md
 * istio-sidecar).
 */
export function istioSidecarOf(annotations: Record<string, string> | null | undefined): IstioSidecar | null {
  if (!annotations?.[ISTIO_SIDECAR_STATUS]) return null;
  return annotations['sidecar.istio.io/interceptionMode'] === 'TPROXY' ? 'istio-tproxy' : 'istio-redirect';
}

/** Builds the front-door model from objects grouped by kind. */
export function buildFrontDoorModel(
  byKind: Map<string, KubeObject[]>,
  warn: Warn,
  pods: PodFacts,
  unreadableConfigMaps: Record<string, string> = {},
): FrontDoorModel {
  const list = (kind: string) => byKind.get(kind) ?? [];
  const named = (kind: string, o: KubeObject): string | null => {
    const name = nameOf(o);
    if (!name) warn(kind, null, `${kind} without metadata.name; ignored`);
    return name;
  };
  const fd: FrontDoorModel = {
    ingressClasses: new Map(),
    gatewayClasses: new Map(),
    gateways: [],
    routes: [],
    announcers: {
      metallbPools: [],
      l2Advertisements: [],
      bgpAdvertisements: [],
      l2StatusNode: new Map(),
      openelbEips: [],
      ciliumPools: [],
      ciliumL2Policies: [],
    },
    kindsPresent: new Set([...byKind.keys()]),
    unreadableConfigMaps: new Map(Object.entries(unreadableConfigMaps)),
    podDetails: podDetailsLookup(pods),
    sidecarPods: pods.sidecars,
  };
  for (const o of list('IngressClass') as IngressClass[]) {
    const name = named('IngressClass', o);
    if (!name) continue;
    const isDefault = o.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true';
    fd.ingressClasses.set(name, { name, controller: o.spec?.controller ?? '', isDefault });
  }
  for (const o of list('GatewayClass') as GatewayClass[]) {
    const name = named('GatewayClass', o);
    if (name) fd.gatewayClasses.set(name, { name, controller: o.spec?.controllerName ?? '' });
  }
  for (const o of list('Gateway') as Gateway[]) {
    const name = named('Gateway', o);
    if (!name) continue;
    const ns = o.metadata?.namespace ?? 'default';
    const istio = isIstioGateway(o);
    fd.gateways.push({
      key: keyOf(ns, name),
      namespace: ns,
      name,
      istio,
      className: o.spec?.gatewayClassName ?? null,
      selector: istio ? (o.spec?.selector ?? {}) : null,
      hosts: istio
        ? (o.spec?.servers ?? []).flatMap((s) => strings(s?.hosts))
        : (o.spec?.listeners ?? []).flatMap((l) => (l?.hostname ? [l.hostname] : [])),
      addresses: (o.status?.addresses ?? []).flatMap((a) => (a?.value ? [a.value] : [])),
    });
  }
  for (const o of list('Ingress') as Ingress[]) {
    const r = ingressRoute(o, named('Ingress', o), warn);
    if (r) fd.routes.push(r);
  }
  for (const o of list('HTTPRoute') as HTTPRoute[]) {
    const name = named('HTTPRoute', o);
    if (name) fd.routes.push(httpRoute(o, name));
  }
  for (const o of list('VirtualService') as VirtualService[]) {
    const name = named('VirtualService', o);
    if (name) fd.routes.push(virtualService(o, name));
  }
  addAnnouncers(fd.announcers, byKind, named);
  return fd;
}

function ingressRoute(o: Ingress, name: string | null, warn: Warn): RouteModel | null {
  if (!name) return null;
  const ns = o.metadata?.namespace ?? 'default';
  const key = keyOf(ns, name);
  const annotations = o.metadata?.annotations ?? {};
  const backendOf = (b: IngressBackend | undefined): RouteBackend | null => {
    const svc = b?.service;
    if (!svc?.name) return null;
    return { service: keyOf(ns, svc.name), port: svc.port?.number ?? svc.port?.name ?? null };
  };
  const rules: RouteRule[] = [];
  for (const rule of o.spec?.rules ?? []) {
    for (const p of rule?.http?.paths ?? []) {
      const b = backendOf(p?.backend);
      if (!b) {
        warn('Ingress', key, `a path of host ${rule.host ?? '*'} has no Service backend; ignored`);
        continue;
      }
      rules.push({
        host: rule.host ?? null,
        path: p.path ?? '/',
        pathType: p.pathType === 'Exact' ? 'Exact' : 'Prefix',
        backends: [b],
      });
    }
  }
  const def = backendOf(o.spec?.defaultBackend);
  if (def) rules.push({ host: null, path: null, pathType: 'Prefix', backends: [def] });
  return {
    kind: 'Ingress',
    key,
    namespace: ns,
    name,
    annotations,
    className: o.spec?.ingressClassName ?? annotations['kubernetes.io/ingress.class'] ?? null,
    parents: [],
    hosts: [...new Set((o.spec?.rules ?? []).flatMap((r) => (r?.host ? [r.host] : [])))],
    rules,
    statusAddresses: (o.status?.loadBalancer?.ingress ?? []).flatMap((i) => [i?.ip, i?.hostname].filter(isText)),
  };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function httpRoute(o: HTTPRoute, name: string): RouteModel {
  const ns = o.metadata?.namespace ?? 'default';
  const hostnames = strings(o.spec?.hostnames);
  const rules: RouteRule[] = [];
  for (const r of o.spec?.rules ?? []) {
    const backends = (r?.backendRefs ?? [])
      .filter((b) => b?.name && (b.kind ?? 'Service') === 'Service')
      .map((b) => ({ service: keyOf(b.namespace ?? ns, b.name!), port: b.port ?? null }));
    const matches = r?.matches?.length ? r.matches : [{}];
    for (const host of hostnames.length ? hostnames : [null])
      for (const m of matches)
        rules.push({
          host,
          path: m?.path?.value ?? '/',
          pathType: m?.path?.type === 'Exact' ? 'Exact' : 'Prefix',
          backends,
        });
  }
  return {
    kind: 'HTTPRoute',
    key: keyOf(ns, name),
    namespace: ns,
    name,
    annotations: o.metadata?.annotations ?? {},
    className: null,
    parents: (o.spec?.parentRefs ?? [])
      .filter((p) => p?.name && (p.kind ?? 'Gateway') === 'Gateway')
      .map((p) => keyOf(p.namespace ?? ns, p.name!)),
    hosts: hostnames,
    rules,
    statusAddresses: [],
  };
}

/** Istio destination host → Service key: `name`, `name.ns`, `name.ns.svc[.cluster.local]`. */
function istioHostToService(host: string, ns: string): string {
  const parts = host.split('.');
  return keyOf(parts[1] ?? ns, parts[0]);
}

function virtualService(o: VirtualService, name: string): RouteModel {
  const ns = o.metadata?.namespace ?? 'default';
  const hosts = strings(o.spec?.hosts);
  const rules: RouteRule[] = [];
  for (const h of o.spec?.http ?? []) {
    const backends = (h?.route ?? [])
      .filter((r) => r?.destination?.host)
      .map((r) => ({
        service: istioHostToService(r.destination!.host!, ns),
        port: r.destination?.port?.number ?? null,
      }));
    const matches = h?.match?.length ? h.match : [{}];
    for (const host of hosts.length ? hosts : [null])
      for (const m of matches) {
        const uri = m?.uri;
        rules.push({
          host,
          path: uri?.exact ?? uri?.prefix ?? '/',
          pathType: uri?.exact ? 'Exact' : 'Prefix',
          backends,
        });
      }
  }
  return {
    kind: 'VirtualService',
    key: keyOf(ns, name),
    namespace: ns,
    name,
    annotations: o.metadata?.annotations ?? {},
    className: null,
    // Istio: a gateway reference without a namespace means the VirtualService's own namespace.
    parents: strings(o.spec?.gateways)
      .filter((g) => g !== 'mesh')
      .map((g) => (g.includes('/') ? g : keyOf(ns, g))),
    hosts,
    rules,
    statusAddresses: [],
  };
}

function addAnnouncers(
  a: AnnouncerObjects,
  byKind: Map<string, KubeObject[]>,
  named: (kind: string, o: KubeObject) => string | null,
): void {
  for (const o of (byKind.get('IPAddressPool') ?? []) as IPAddressPool[]) {
    const name = named('IPAddressPool', o);
    if (name) a.metallbPools.push({ name, addresses: strings(o.spec?.addresses), labels: o.metadata?.labels ?? {} });
  }
  for (const [kind, out] of [
    ['L2Advertisement', a.l2Advertisements],
    ['BGPAdvertisement', a.bgpAdvertisements],
  ] as const) {
    for (const o of (byKind.get(kind) ?? []) as MetalLBAdvertisement[]) {
      const name = named(kind, o);
      if (name)
        out.push({ name, pools: strings(o.spec?.ipAddressPools), poolSelectors: o.spec?.ipAddressPoolSelectors ?? [] });
    }
  }
  for (const o of (byKind.get('ServiceL2Status') ?? []) as ServiceL2Status[]) {
    const s = o.status;
    if (s?.node && s.serviceName) a.l2StatusNode.set(keyOf(s.serviceNamespace ?? 'default', s.serviceName), s.node);
  }
  for (const o of (byKind.get('Eip') ?? []) as Eip[]) {
    const name = named('Eip', o);
    if (name && o.spec?.disable !== true)
      a.openelbEips.push({ name, address: o.spec?.address ?? '', protocol: o.spec?.protocol ?? 'bgp' });
  }
  for (const o of (byKind.get('CiliumLoadBalancerIPPool') ?? []) as CiliumLoadBalancerIPPool[]) {
    const name = named('CiliumLoadBalancerIPPool', o);
    if (name)
      a.ciliumPools.push({
        name,
        blocks: (o.spec?.blocks ?? []).flatMap((b) =>
          b?.cidr ? [b.cidr] : b?.start ? [`${b.start}-${b.stop ?? ''}`] : [],
        ),
      });
  }
  for (const o of (byKind.get('CiliumL2AnnouncementPolicy') ?? []) as CiliumL2AnnouncementPolicy[]) {
    const name = named('CiliumL2AnnouncementPolicy', o);
    if (name)
      a.ciliumL2Policies.push({
        name,
        serviceSelector: o.spec?.serviceSelector ?? null,
        nodeSelector: o.spec?.nodeSelector ?? null,
      });
  }
}

/**
 * Pod details by key, from the raw pods by model key (`model.pods`' keys: the last pod of a repeated key),
 * made as the analysis asks for them.
 */
function podDetailsLookup(pods: PodFacts): (podKey: string) => PodDetails | null {
  const cache = new Map<string, PodDetails>();
  return (podKey) => {
    const cached = cache.get(podKey);
    if (cached) return cached;
    const p = pods.rawPod(podKey);
    if (!p) return null;
    let containers: PodDetails['containers'] | null = null;
    // Containers are parsed only when a proxy is suspected (most callers read the annotations only).
    const details: PodDetails = {
      annotations: p.metadata?.annotations ?? {},
      get containers() {
        return (containers ??= (Array.isArray(p.spec?.containers) ? p.spec.containers : []).map((c) => ({
          name: c?.name ?? '',
          image: c?.image ?? '',
          args: [...strings(c?.command), ...strings(c?.args)].map((a) =>
            expandArg(
              a,
              p.metadata?.namespace ?? 'default',
              Object.fromEntries((c?.env ?? []).map((e) => [e?.name ?? '', e?.value ?? ''])),
            ),
          ),
          env: Object.fromEntries(
            (Array.isArray(c?.env) ? c.env : []).flatMap((e) =>
              e?.name && (e.value !== undefined || !e.valueFrom) ? [[e.name, e.value ?? '']] : [],
            ),
          ),
          unresolvedEnv: (Array.isArray(c?.env) ? c.env : []).flatMap((e) =>
            e?.name && e.value === undefined && e.valueFrom ? [e.name] : [],
          ),
          envFrom: (Array.isArray(c?.envFrom) ? c.envFrom : []).flatMap((f) =>
            f?.configMapRef?.name
              ? [`ConfigMap ${f.configMapRef.name}`]
              : f?.secretRef?.name
                ? [`Secret ${f.secretRef.name}`]
                : [],
          ),
        })));
      },
    };
    cache.set(podKey, details);
    return details;
  };
}

/** A container running `contour serve` (the controller that programs the Envoy pods). */
export function isContourServe(c: { image: string; args: string[] }): boolean {
  return (
    c.args.includes('serve') && (/projectcontour\/contour/.test(c.image) || /(^|\/)contour$/.test(c.args[0] ?? ''))
  );
}

/**
 * The ConfigMap Contour's manifests mount at `--config-path` (examples/render/contour.yaml and the Gateway
 * provisioner both name it `contour`, key contour.yaml).
 */
export const CONTOUR_CONFIGMAP = 'contour';

/**
 * ConfigMaps a recognised proxy names: ingress-nginx `--configmap=NS/NAME` (its ConfigMap of settings),
 * Istio's mesh config `istio-system/istio` (`istio-<rev>` for a revision) when Istio pods exist, and Contour's
 * config file ConfigMap.
 * Everything else is dropped from the model ("only the ConfigMaps that a recognised proxy names, never
 * every ConfigMap").
 */
export function proxyConfigMapNames(pods: Pod[]): Set<string> {
  const out = new Set<string>();
  for (const p of pods) {
    if (isIstioPod(p)) out.add(istioMeshConfigMap(p?.metadata?.labels ?? {}));
    const containers = p?.spec?.containers;
    if (!Array.isArray(containers)) continue;
    const ns = p.metadata?.namespace ?? 'default';
    for (const c of containers) {
      // Without a command or args nothing below can match (most pods of a cluster): no temporaries for them.
      if (!hasArgs(c)) continue;
      // `|`, not `||`: both lists add their ConfigMaps.
      const configPath = addNamedConfigMaps(c.command, ns, c, out) | addNamedConfigMaps(c.args, ns, c, out);
      if (configPath === 0) continue;
      // Contour's controller reads its config file (--config-path) from the ConfigMap its manifests name
      // `contour` (lib/engine/frontdoor/proxy-settings-envoy.ts: network.num-trusted-hops).
      const env = Object.fromEntries((c?.env ?? []).map((e) => [e?.name ?? '', e?.value ?? '']));
      const args = [...strings(c?.command), ...strings(c?.args)].map((raw) => expandArg(raw, ns, env));
      if (isContourServe({ image: c?.image ?? '', args })) out.add(keyOf(ns, CONTOUR_CONFIGMAP));
    }
  }
  return out;
}

/**
 * Whether proxyConfigMapNames can name a ConfigMap for this pod (an Istio pod, or a container with a command or
 * args): the model build gathers these while it adds the pods, and proxyConfigMapNames reads only them.
 */
export function mayNameConfigMaps(p: Pod): boolean {
  if (isIstioPod(p)) return true;
  const containers = p?.spec?.containers;
  if (!Array.isArray(containers)) return false;
  for (const c of containers) if (hasArgs(c)) return true;
  return false;
}

const isIstioPod = (p: Pod): boolean =>
  Boolean(p?.metadata?.annotations?.[ISTIO_SIDECAR_STATUS] || p?.metadata?.labels?.istio === 'ingressgateway');
const hasArgs = (c: { command?: unknown; args?: unknown } | null | undefined): boolean =>
  hasItems(c?.command) || hasItems(c?.args);

const CONFIGMAP_FLAG = /^--?(?:configmap|nginx-configmaps)=(.+)$/;

/**
 * Adds the ConfigMaps the arguments `list` name (`--configmap=`, `--nginx-configmaps=`); 1 when one of them
 * is a `--config-path=`, else 0. Allocates nothing for an argument that cannot be a flag: `$(VAR)` expansion
 * keeps the text before the first `$(`, so only arguments starting with '-' or '$' are expanded and matched
 * (the sidecars of a meshed cluster carry args on every pod).
 */
function addNamedConfigMaps(list: unknown, ns: string, c: ContainerEnv, out: Set<string>): number {
  if (!Array.isArray(list)) return 0;
  let configPath = 0;
  for (const raw of list) {
    if (typeof raw !== 'string') continue;
    const first = raw.charCodeAt(0);
    if (first !== 45 /* - */ && first !== 36 /* $ */) continue;
    const a = raw.includes('$(') ? expandVars(raw, ns, (name) => envValue(c?.env, name)) : raw;
    if (a.charCodeAt(0) !== 45) continue;
    const m = CONFIGMAP_FLAG.exec(a);
    if (m) out.add(m[1].includes('/') ? m[1] : keyOf(ns, m[1]));
    if (a.startsWith('--config-path=')) configPath = 1;
  }
  return configPath;
}

type ContainerEnv = { env?: { name?: string; value?: string }[] | null } | null | undefined;

/**
 * `env[name]` of the object `Object.fromEntries(list.map((e) => [e?.name ?? '', e?.value ?? '']))` (the last
 * entry of a name; an inherited Object property when none), without building that object.
 */
function envValue(list: { name?: string; value?: string }[] | null | undefined, name: string): unknown {
  const entries = list ?? [];
  for (let i = entries.length - 1; i >= 0; i--) if ((entries[i]?.name ?? '') === name) return entries[i]?.value ?? '';
  return ({} as Record<string, unknown>)[name];
}

/**
 * Istio's mesh config ConfigMap for a pod: a revisioned control plane (pod label `istio.io/rev`) reads
 * `istio-<rev>`, the default revision `istio` (istio/manifests/charts/istio-control/istio-discovery
 * templates/configmap.yaml: `name: istio{{- if not (eq .Values.revision "") }}-{{ .Values.revision }}{{- end }}`).
 */
export function istioMeshConfigMap(labels: Record<string, string>): string {
  const rev = typeof labels['istio.io/rev'] === 'string' ? labels['istio.io/rev'] : '';
  return rev && rev !== 'default' ? `istio-system/istio-${rev}` : 'istio-system/istio';
}

/**
 * Expands `$(VAR)` in a container argument as the kubelet does: from the container's literal env, and
 * `$(POD_NAMESPACE)` (conventionally the downward-API metadata.namespace) as the pod's namespace.
 */
export function expandArg(arg: string, namespace: string, env: Record<string, string>): string {
  return expandVars(arg, namespace, (name) => env[name]);
}

/** expandArg with the container's variables looked up by `valueOf`. */
function expandVars(arg: string, namespace: string, valueOf: (name: string) => unknown): string {
  return arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name: string) => {
    const value = valueOf(name);
    return value ? (value as string) : name === 'POD_NAMESPACE' ? namespace : all;
  });
}

/** Keeps only dataplane ConfigMaps and those a proxy names. */
export function pruneConfigMaps(
  configMaps: Map<string, Record<string, string>>,
  keep: ReadonlySet<string>,
  proxyNamed: ReadonlySet<string>,
): void {
  for (const key of [...configMaps.keys()]) if (!keep.has(key) && !proxyNamed.has(key)) configMaps.delete(key);
}
