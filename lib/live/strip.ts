// Reduces API objects to the fields the engine reads (lib/model/build.ts, lib/engine/dataplane.ts),
// before they are stored: a 150,000-pod cluster is held in memory for as long as the server runs, and
// managedFields, container specs, statuses and last-applied annotations are most of every object
// (Kiali cmd/server.go strips managedFields for the same reason; ../shared/reference/anchors.md §"Lean server-side watching").
// resourceVersion is dropped too, so an update that touches only stripped fields compares equal and
// causes no re-analysis (kwok/kubelet status heartbeats, container restarts counts).
import type { KnownKind, KubeObject, ObjectMeta } from '../model/k8s';

/** A raw API object as received (anything may be missing). */
type Raw = Record<string, unknown>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function obj(v: unknown): Raw | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
}

function arr(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** Copies the listed keys that are present (undefined stays absent, so stripped objects compare by JSON). */
function pick(src: Raw | undefined, keys: readonly string[]): Raw | undefined {
  if (!src) return undefined;
  const out: Raw = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

function meta(raw: unknown, opts: { annotations: boolean; labels: boolean }): ObjectMeta {
  const m = obj(raw) ?? {};
  const out: ObjectMeta = {};
  if (typeof m.name === 'string') out.name = m.name;
  if (typeof m.namespace === 'string') out.namespace = m.namespace;
  if (typeof m.uid === 'string') out.uid = m.uid;
  if (typeof m.deletionTimestamp === 'string') out.deletionTimestamp = m.deletionTimestamp;
  if (opts.labels && obj(m.labels)) out.labels = m.labels as Record<string, string>;
  const annotations = obj(m.annotations);
  if (opts.annotations && annotations) {
    // last-applied is a copy of the whole object (often tens of KB) and the engine never reads it.
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations as Record<string, string>;
    void _dropped;
    if (Object.keys(rest).length) out.annotations = rest;
  }
  return out;
}

/** type/status of each condition (timestamps and messages change on every heartbeat). */
function conditions(v: unknown): { type?: string; status?: string }[] | undefined {
  const list = arr(v);
  return list?.map((c) => pick(obj(c), ['type', 'status']) ?? {});
}

/** Pod annotations the front-door engine reads (Istio sidecar status, interception mode, proxy config). */
function proxyAnnotations(v: unknown): Record<string, string> | undefined {
  const a = obj(v);
  if (!a) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(a))
    if ((k.startsWith('sidecar.istio.io/') || k.startsWith('proxy.istio.io/')) && typeof val === 'string') out[k] = val;
  return Object.keys(out).length ? out : undefined;
}

/** Env the proxy settings read (lib/engine/frontdoor/proxy-settings.ts), plus variables the args expand. */
const PROXY_ENV = /^(KONG_|USE_PROXY_PROTOCOL$|XFF_NUM_TRUSTED_HOPS$|POD_NAMESPACE$|FELIX_BPFENABLED$)/;

function stripContainer(c: Raw | undefined): Raw {
  const out = pick(c, ['name', 'ports', 'image', 'command', 'args']) ?? {};
  const env = arr(c?.env);
  const args = JSON.stringify(out.args ?? []);
  const kept = env?.filter((e) => {
    const name = obj(e)?.name;
    return typeof name === 'string' && (PROXY_ENV.test(name) || args.includes(`$(${name})`));
  });
  // A value set from a ConfigMap/Secret key keeps only the fact (`valueFrom: {}`): the setting is unknown.
  if (kept?.length)
    out.env = kept.map((e) => ({
      ...pick(obj(e), ['name', 'value']),
      ...(obj(e)?.valueFrom ? { valueFrom: {} } : {}),
    }));
  // envFrom may set any proxy variable: keep the source names (never their content).
  const from = arr(c?.envFrom)?.flatMap((f): Raw[] => {
    const cm = obj(obj(f)?.configMapRef)?.name;
    const sec = obj(obj(f)?.secretRef)?.name;
    return typeof cm === 'string'
      ? [{ configMapRef: { name: cm } }]
      : typeof sec === 'string'
        ? [{ secretRef: { name: sec } }]
        : [];
  });
  if (from?.length) out.envFrom = from;
  return out;
}

function stripPod(o: Raw): KubeObject {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const out: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(o.metadata, { annotations: false, labels: true }),
  };
  const annotations = proxyAnnotations(obj(o.metadata)?.annotations);
  if (annotations) out.metadata!.annotations = annotations;
  if (spec) {
    const s: Raw = pick(spec, ['nodeName', 'hostNetwork'])!;
    // Ports for named targetPorts (build.ts), and image/command/args/the proxy env for proxy detection.
    const containers = arr(spec.containers);
    if (containers) s.containers = containers.map((c) => stripContainer(obj(c)));
    out.spec = s;
  }
  if (status) {
    const s: Raw = pick(status, ['phase', 'podIP', 'podIPs', 'hostIP'])!;
    const c = conditions(status.conditions);
    if (c) s.conditions = c;
    out.status = s;
  }
  return out;
}

function stripNode(o: Raw): KubeObject {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const out: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(o.metadata, { annotations: true, labels: true }),
  };
  if (spec) out.spec = pick(spec, ['podCIDR', 'podCIDRs', 'providerID', 'unschedulable', 'taints']);
  if (status) {
    const s: Raw = {};
    if (status.addresses !== undefined) s.addresses = status.addresses;
    const c = conditions(status.conditions);
    if (c) s.conditions = c;
    out.status = s;
  }
  return out;
}

function stripService(o: Raw): KubeObject {
  const status = obj(o.status);
  const out: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(o.metadata, { annotations: true, labels: true }),
  };
  if (o.spec !== undefined) out.spec = o.spec;
  const lb = obj(status?.loadBalancer);
  if (lb) out.status = { loadBalancer: lb };
  return out;
}

function stripEndpointSlice(o: Raw): KubeObject {
  const out: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(o.metadata, { annotations: false, labels: true }),
  };
  if (o.addressType !== undefined) out.addressType = o.addressType;
  const endpoints = arr(o.endpoints);
  if (endpoints) {
    out.endpoints = endpoints.map((e) => {
      const ep = obj(e) ?? {};
      const s: Raw = pick(ep, ['addresses', 'conditions', 'nodeName', 'zone', 'hints'])!;
      const ref = pick(obj(ep.targetRef), ['kind', 'name', 'namespace']);
      if (ref) s.targetRef = ref;
      return s;
    });
  } else if (o.endpoints === null) out.endpoints = null;
  if (o.ports !== undefined) out.ports = o.ports;
  return out;
}

function stripNetworkPolicy(o: Raw): KubeObject {
  const out: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(o.metadata, { annotations: false, labels: false }),
  };
  if (o.spec !== undefined) out.spec = o.spec;
  return out;
}

function stripNamespace(o: Raw): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(o.metadata, { annotations: false, labels: true }) };
}

function stripConfigMap(o: Raw): KubeObject {
  const out: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(o.metadata, { annotations: false, labels: false }),
  };
  if (o.data !== undefined) out.data = o.data;
  return out;
}

const STRIPPERS: Partial<Record<KnownKind, (o: Raw) => KubeObject>> = {
  Pod: stripPod,
  Node: stripNode,
  Service: stripService,
  EndpointSlice: stripEndpointSlice,
  NetworkPolicy: stripNetworkPolicy,
  Namespace: stripNamespace,
  ConfigMap: stripConfigMap,
};

/**
 * Status fields the front-door model reads (lib/model/frontdoor.ts): an Ingress's LB addresses, a Gateway's
 * addresses, a ServiceL2Status's node and Service. Everything else of a status (conditions with their
 * timestamps) changes without changing an answer, so it is dropped like the other kinds' statuses.
 */
const FRONT_DOOR_STATUS: Partial<Record<KnownKind, readonly string[]>> = {
  Ingress: ['loadBalancer'],
  Gateway: ['addresses'],
  ServiceL2Status: ['node', 'serviceName', 'serviceNamespace', 'interfaces'],
};

/** A front-door kind: metadata, spec and the status fields above; apiVersion kept (Istio vs Gateway API). */
function stripFrontDoor(kind: KnownKind, apiVersion: string | undefined, o: Raw): KubeObject {
  const out: KubeObject = { kind, metadata: meta(o.metadata, { annotations: true, labels: true }) };
  const version = typeof o.apiVersion === 'string' ? o.apiVersion : apiVersion;
  if (version) out.apiVersion = version;
  if (o.spec !== undefined) out.spec = o.spec;
  const keep = FRONT_DOOR_STATUS[kind];
  const status = keep ? pick(obj(o.status), keep) : undefined;
  if (status && Object.keys(status).length) out.status = status;
  return out;
}

/**
 * The object reduced to what the engine reads, with `kind`/`apiVersion` set (lists omit them on items;
 * `apiVersion` is the stream's, which tells Istio's Gateway from the Gateway API's).
 */
export function stripObject(kind: KnownKind, raw: unknown, apiVersion?: string): KubeObject {
  const o = obj(raw) ?? {};
  const strip = STRIPPERS[kind];
  if (strip) return strip(o);
  return stripFrontDoor(kind, apiVersion, o);
}
