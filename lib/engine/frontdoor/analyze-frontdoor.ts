// Per-Service front doors for `analyze --json`: `frontDoor = { loadBalancer, proxy,
// routes, behind }` and, per policy, `paths[P].app` — whether the application can learn the client. For a
// Service reached through a proxy the decisive policy is the proxy Service's (catalog §2 step 7: LB →
// dataplane → proxy and its trust settings). Pod shares are corrected for LBs that weight nodes by local
// pods (TKE local-svc-weighted-balance) or target pods directly (K9).
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import type { ClusterFacts, ServiceFacts } from '../findings/types';
import type { AppPath, FrontDoor, FrontDoorRoute, LoadBalancerInfo, PolicyPaths, TrafficPolicy } from '../types';
import { identifyLoadBalancer, NAT64_TOA_QUESTION, usesToa } from './load-balancer';
import { loadBalancerWithProxy } from './lb-proxy-pairing';
import { frontDoorOf } from './platform';
import { proxyOfPod, type ProxyIdentity } from './proxy-detect';
import { proxyOfService } from './proxy-service';
import { appFor } from './app-view';
import { proxySettings } from './proxy-settings';
import { enteredFromOutside, proxiesOfRoutes, routeLoadBalancer, routesOfProxy } from './routes';
import { anySidecarPods, sidecarOfPod } from './sidecar';
import type { RouteModel } from '../../model/frontdoor';
import { freshArray } from '../../util/fresh-array';

const POLICIES: TrafficPolicy[] = ['Cluster', 'Local'];

/** Routes by backend Service key (built once per model). */
function routesByBackend(facts: ClusterFacts): Map<string, RouteModel[]> {
  return facts.memo('frontdoor:routes-by-backend', () => {
    const out = new Map<string, RouteModel[]>();
    for (const r of frontDoorOf(facts.model).routes)
      for (const b of backendSet(r)) {
        const l = out.get(b);
        if (l) l.push(r);
        else out.set(b, [r]);
      }
    return out;
  });
}

/** The routes of a Service no route names as a backend (one packed empty array: see fresh-array.ts). */
const NO_ROUTES: readonly RouteModel[] = freshArray();

const routeId = (r: RouteModel) => `${r.kind} ${r.key}`;
const backendSets = new WeakMap<RouteModel, string[]>();

/** The route's backend Service keys, sorted, worked out once per route (a proxy's routes are listed per Service). */
function backendSet(r: RouteModel): readonly string[] {
  let keys = backendSets.get(r);
  if (!keys) {
    const set = new Set<string>();
    for (const x of r.rules) for (const b of x.backends) set.add(b.service);
    backendSets.set(r, (keys = [...set].sort()));
  }
  return keys;
}

const backendsOf = (r: RouteModel) => backendSet(r).slice();

/** The proxy Services' own answers (entryApp) by Service key and policy, once per cluster facts. */
function entryApps(facts: ClusterFacts): Map<string, Partial<Record<TrafficPolicy, AppPath>>> {
  return facts.memo('frontdoor:entry-apps', () => new Map<string, Partial<Record<TrafficPolicy, AppPath>>>());
}

/** The proxy a Service fronts (only Services entered from outside: own LB, NodePort, or a cloud L7 LB). */
function proxyOf(facts: ClusterFacts, s: ServiceModel): ProxyIdentity | null {
  if (!enteredFromOutside(facts.model, s)) return null;
  return proxyOfService(facts.model, s); // cached per model
}

/**
 * The parts of a front door that depend only on the route, built once per analysis and shared (read-only)
 * by every Service that lists the route: a shared ingress controller's Services each list all its routes, and
 * each backend lists every proxy Service in front of it — O(proxies × routes) objects, at Kubernetes' scale
 * limits 100,000 of each per run.
 */
interface RouteParts {
  /** The route as a proxy Service lists it (no load balancer of its own). */
  viaProxy: FrontDoorRoute;
  /** The route as its backends list it: with the cloud L7 LB its class makes, or null when it makes none. */
  viaLoadBalancer: FrontDoorRoute | null;
  /** `behind` entries for each proxy Service serving the route (a backend skips its own key). */
  behind: readonly FrontDoor['behind'][number][];
}

function routeParts(facts: ClusterFacts): Map<RouteModel, RouteParts> {
  return facts.memo('frontdoor:route-parts', () => new Map<RouteModel, RouteParts>());
}

function partsOf(facts: ClusterFacts, r: RouteModel): RouteParts {
  const known = routeParts(facts);
  let parts = known.get(r);
  if (!parts) {
    const { model } = facts;
    const l7 = routeLoadBalancer(model, r);
    const id = routeId(r);
    const route = (loadBalancer: LoadBalancerInfo | null): FrontDoorRoute => ({
      kind: r.kind,
      object: r.key,
      hosts: r.hosts,
      backends: backendsOf(r),
      loadBalancer,
    });
    parts = {
      viaProxy: route(null),
      viaLoadBalancer: l7 ? route(l7) : null,
      behind: (proxiesOfRoutes(model).get(id) ?? []).map((p) => ({ proxyService: p, route: id })),
    };
    known.set(r, parts);
  }
  return parts;
}

/** Computes the Service's front door. */
export function frontDoorFor(facts: ClusterFacts, s: ServiceModel): FrontDoor {
  const { model } = facts;
  const proxy = proxyOf(facts, s);
  const routes: FrontDoorRoute[] = [];
  if (proxy) for (const r of routesOfProxy(model, s, proxy.id)) routes.push(partsOf(facts, r).viaProxy);
  const behind: FrontDoor['behind'] = [];
  for (const r of routesByBackend(facts).get(s.key) ?? NO_ROUTES) {
    const parts = partsOf(facts, r);
    if (parts.viaLoadBalancer) routes.push(parts.viaLoadBalancer);
    for (const b of parts.behind) if (b.proxyService !== s.key) behind.push(b);
  }
  return { loadBalancer: loadBalancerWithProxy(model, s), proxy: proxy?.id ?? null, routes, behind };
}

/** Whether a client's L3 address reaches the Service's pods under `policy` (pass-through path). */
function l3Preserved(
  facts: ClusterFacts,
  s: ServiceModel,
  policy: TrafficPolicy,
  lb: LoadBalancerInfo | null,
  paths?: PolicyPaths,
) {
  if (lb?.targets === 'pods') return lb.keepsClientIP === null ? 'unknown' : lb.keepsClientIP ? 'yes' : 'no';
  if (lb && lb.layer !== 'L4-passthrough') return 'no';
  // An LB that may or may not keep the client: unknown, unless kube-proxy's SNAT hides it anyway (as the trace has it).
  if (lb && lb.keepsClientIP === null) return paths?.clientIPPreserved === 'no' ? 'no' : 'unknown';
  if (paths) return paths.clientIPPreserved;
  // Without the Service's own paths (a proxy Service analysed later): kube-proxy's rule (catalog K2/K3).
  if (policy === 'Local') return 'yes';
  return facts.dataplane.cilium?.loadBalancerMode === 'dsr' ? 'yes' : 'no';
}

/**
 * The L3 source a pod sees when the client is not kept: the SNAT address the Service's paths computed
 * (a node or tunnel address), else a node's address as kube-proxy's masquerade gives it; null when a
 * terminating LB's own address (not in API objects) is all the pods see.
 */
function nonClientSource(facts: ClusterFacts, paths?: PolicyPaths): string | null {
  if (paths)
    return paths.pods.find((p) => !p.sourceIPs.client && p.sourceIPs.addresses[0])?.sourceIPs.addresses[0] ?? null;
  for (const n of facts.model.nodes.values()) if (n.internalIPs[0]) return n.internalIPs[0];
  return null;
}

const redirects = new WeakMap<ClusterModel, Map<string, boolean>>();

/** Whether a pod of the Service runs an Istio sidecar in REDIRECT mode (asked once per Service, not per policy). */
function redirectSidecar(model: ClusterModel, s: ServiceModel): boolean {
  // Without sidecar pods in the cluster (most clusters) the answer is no, with no lookup per pod.
  if (!anySidecarPods(model)) return false;
  let known = redirects.get(model);
  if (!known) redirects.set(model, (known = new Map()));
  let found = known.get(s.key);
  if (found === undefined) {
    // Straight over the endpoints (a pod listed twice is asked twice: podDetails is cached), no set or array.
    found = false;
    for (const e of model.endpointsByService.get(s.key) ?? [])
      if (e.podKey && sidecarOfPod(model, e.podKey) === 'istio-redirect') {
        found = true;
        break;
      }
    known.set(s.key, found);
  }
  return found;
}

/** The answer for a Service entered from outside (its own LB / NodePort). */
function directApp(facts: ClusterFacts, s: ServiceModel, policy: TrafficPolicy, paths?: PolicyPaths): AppPath {
  const { model } = facts;
  if (s.type !== 'LoadBalancer' && s.type !== 'NodePort' && s.externalIPs.length === 0)
    return { clientIP: 'unknown', carriers: [], note: 'no external entry and no proxy route in front of this Service' };
  const lb = s.type === 'LoadBalancer' ? loadBalancerWithProxy(model, s, policy) : null;
  const l3 = l3Preserved(facts, s, policy, lb, paths);
  const proxy = proxyOf(facts, s);
  if (proxy) {
    const settings = proxySettings(model, proxy);
    const client = OUTSIDE_CLIENT;
    // The trace's rule (appFor) on the proxy pod, arriving as the trace has it arrive: from the client where
    // L3 keeps it, else from the address kube-proxy's SNAT or the LB leaves (unknown LB address: null).
    // The Service's proxy (judged from all its ready pods), not one pod's.
    const arrival = {
      client,
      l3: l3 === 'yes' || l3 === 'partial' ? client : nonClientSource(facts, paths),
      lb,
      toa: false,
    };
    const { proxy: out } = appFor(model, proxy.pod?.key ?? null, arrival, proxy);
    if (!out) throw new Error(`${proxy.pod?.key ?? proxy.id} is a ${proxy.id} proxy, yet appFor found no proxy`);
    // A setting kubepath could not read decides it: unknown, with the question (never the defaults).
    if (out.unknown) return { clientIP: 'unknown', carriers: [], note: `${proxy.id}: ${out.unknown}` };
    const got = !out.broken && out.clientIP === client;
    const carriers = got ? [out.carrier, settings.carrier] : [];
    const clientIP = out.broken
      ? 'no'
      : got
        ? l3 === 'partial' && out.carrier === 'l3'
          ? 'partial'
          : 'yes'
        : l3 === 'unknown'
          ? 'unknown'
          : 'no';
    return {
      clientIP,
      carriers: [...new Set(carriers)],
      note: out.broken
        ? `${proxy.id}: ${out.broken}`
        : got
          ? `${proxy.id} takes the client from ${out.carrier}${out.trusted === false ? ' (accepted from anyone: spoofable)' : ''} and passes it on in ${settings.carrier}`
          : clientIP === 'unknown'
            ? // L3 unknown (a load balancer kubepath cannot identify): it is not known what the proxy sees.
              `${proxy.id} gets the client only if the load balancer keeps the client address under ${policy}, which is unknown: ${lb?.question ?? 'does the load balancer keep the client address?'}`
            : `${proxy.id} sees ${lb && lb.layer !== 'L4-passthrough' ? 'the load balancer' : 'a node address'} under ${policy} and writes it into ${settings.carrier}`,
    };
  }
  const toa = lb ? usesToa(s) : false;
  if (toa === 'unknown') return { clientIP: 'unknown', carriers: ['toa'], note: NAT64_TOA_QUESTION };
  if (toa)
    return {
      clientIP: 'yes',
      carriers: ['toa'],
      note: 'TOA: the client travels in a TCP option; every node needs the TOA kernel module, which API objects cannot show',
    };
  if (lb?.layer === 'L7')
    return { clientIP: 'yes', carriers: ['x-forwarded-for'], note: `${lb.label} writes X-Forwarded-For` };
  if (lb?.proxyProtocol)
    return {
      clientIP: 'yes',
      carriers: ['proxy-protocol'],
      note: `${lb.label} sends PROXY ${lb.proxyProtocol}: the application must parse it`,
    };
  if (l3 !== 'no' && redirectSidecar(model, s))
    return {
      clientIP: 'no',
      carriers: [],
      note: 'an Istio sidecar in REDIRECT mode makes the application see 127.0.0.6 as its peer',
    };
  return {
    clientIP: l3,
    carriers: l3 === 'yes' || l3 === 'partial' ? ['l3'] : [],
    note:
      l3 === 'unknown'
        ? (lb?.question ?? 'the load balancer is unknown')
        : l3 === 'no'
          ? lb && lb.layer !== 'L4-passthrough'
            ? `${lb.label} terminates the connection: the pods see it, whatever the policy`
            : `kube-proxy SNATs external traffic under ${policy}`
          : l3 === 'partial'
            ? `only some nodes keep the client under ${policy}`
            : `the client address reaches the pods at L3 under ${policy}`,
  };
}

/** One way into a Service from outside and what its application learns that way. */
interface Entry {
  via: string;
  app: AppPath;
}

/** Stands for "a client outside" when asking what a pod learns (RFC 5737 documentation address). */
const OUTSIDE_CLIENT = '203.0.113.10';

/**
 * What the pods of `s` learn when an Ingress's cloud L7 LB sends to them: the trace's own rule (appFor,
 * as `trace --to ingress:`), so analysis and trace agree. The LB terminates HTTP and writes
 * X-Forwarded-For, which survives kube-proxy's SNAT (catalog tencent-tke-clb-ingress, aws-alb-ingress,
 * gke-l7-*: "cluster: header, local: header").
 */
function routeApp(facts: ClusterFacts, s: ServiceModel, route: RouteModel, lb: LoadBalancerInfo): AppPath {
  const { model } = facts;
  const via = `${route.kind} ${route.key} through ${lb.label}`;
  const pods = [...new Set((model.endpointsByService.get(s.key) ?? []).filter((e) => e.ready).map((e) => e.podKey))];
  if (pods.length === 0) return { clientIP: 'unknown', carriers: [], note: `${via}: no ready endpoint to ask` };
  // The LB connects from its own address (not in API objects) unless it targets pods and keeps the client.
  const l3 = lb.targets === 'pods' && lb.keepsClientIP ? OUTSIDE_CLIENT : null;
  const views = pods.map((k) => ({ pod: k, ...appFor(model, k, { client: OUTSIDE_CLIENT, l3, lb, toa: false }) }));
  const got = views.filter((v) => v.app.isClient === true);
  const clientIP =
    got.length === views.length
      ? 'yes'
      : views.some((v) => v.app.isClient === null)
        ? 'unknown'
        : got.length > 0
          ? 'partial'
          : 'no';
  const carriers = got.flatMap((v) => {
    const proxy = v.pod ? proxyOfPod(model, v.pod) : null;
    return [v.app.carrier!, ...(proxy ? [proxySettings(model, proxy).carrier] : [])];
  });
  const first = views[0];
  const broken = views.find((v) => v.proxy?.broken)?.proxy?.broken;
  const how = first.app.proxy
    ? `${first.app.proxy} ${got.length > 0 ? `takes the client from ${first.app.carrier}` : `does not take the client (${broken ?? `it takes ${first.app.clientIP ?? "the load balancer's own address"} from ${first.app.carrier}`})`}`
    : `the application reads the client from ${first.app.carrier}`;
  return {
    clientIP,
    carriers: [...new Set(carriers)],
    note: `${via}, which terminates HTTP and writes X-Forwarded-For: ${how}`,
  };
}

/**
 * Every way into `s` from outside under `policy`: its own LB / NodePort / externalIPs, and each cloud L7
 * LB an Ingress points at it. A NodePort that an L7 LB sends to is that LB's target, not an entry of its own.
 */
function entriesOf(facts: ClusterFacts, s: ServiceModel, policy: TrafficPolicy, paths?: PolicyPaths): Entry[] {
  const l7: Entry[] = [];
  for (const r of routesByBackend(facts).get(s.key) ?? NO_ROUTES) {
    const lb = partsOf(facts, r).viaLoadBalancer?.loadBalancer;
    if (lb) l7.push({ via: `${r.kind} ${r.key}`, app: routeApp(facts, s, r, lb) });
  }
  const ownEntry = s.type === 'LoadBalancer' || s.externalIPs.length > 0 || (s.type === 'NodePort' && l7.length === 0);
  return ownEntry ? [{ via: 'its own entry', app: directApp(facts, s, policy, paths) }, ...l7] : l7;
}

/** Several ways in: one value when they agree; "partial" when some give the client and some not. */
function combine(apps: AppPath[]): AppPath['clientIP'] {
  return combineValues(new Set(apps.map((a) => a.clientIP)));
}

/** combine() over the distinct answers. */
function combineValues(values: ReadonlySet<AppPath['clientIP']>): AppPath['clientIP'] {
  return values.size === 1
    ? [...values][0]
    : values.has('yes')
      ? 'partial'
      : values.has('unknown')
        ? 'unknown'
        : 'partial';
}

const NO_ENTRY: AppPath = {
  clientIP: 'unknown',
  carriers: [],
  note: 'no external entry and no proxy route in front of this Service',
};

/** One answer over several ways in. */
function merged(entries: Entry[]): AppPath {
  if (entries.length <= 1) return entries[0]?.app ?? NO_ENTRY;
  return {
    clientIP: combine(entries.map((e) => e.app)),
    carriers: [...new Set(entries.flatMap((e) => e.app.carriers))],
    note: entries.map((e) => `${e.via}: ${e.app.clientIP} (${e.app.note})`).join('; '),
  };
}

/** The answer over all of a Service's own ways in (a proxy Service in front of another is asked this). */
function entryApp(facts: ClusterFacts, s: ServiceModel, policy: TrafficPolicy): AppPath {
  return merged(entriesOf(facts, s, policy));
}

/** `paths[P].app` for a Service, through its proxies when it is behind some. */
export function appPathFor(facts: ClusterFacts, svc: ServiceFacts, fd: FrontDoor, policy: TrafficPolicy): AppPath {
  const entries = entriesOf(facts, svc.service, policy, svc.analysis.paths[policy]);
  const own = merged(entries);
  if (fd.behind.length === 0) return own;
  const apps = entryApps(facts);
  // One pass over the proxy paths (a Service behind a shared ingress controller has one per controller pod
  // Service): the distinct answers and carriers, in order, as combine() and the carrier list want them.
  const values = new Set<AppPath['clientIP']>();
  const carrierSet = new Set<string>();
  let firstApp: AppPath | null = null;
  for (const b of fd.behind) {
    let known = apps.get(b.proxyService);
    if (!known) apps.set(b.proxyService, (known = {}));
    const app = (known[policy] ??= entryApp(facts, facts.model.services.get(b.proxyService)!, policy));
    firstApp ??= app;
    values.add(app.clientIP);
    for (const c of app.carriers) carrierSet.add(c);
  }
  const hasDirect = entries.length > 0;
  if (hasDirect) {
    values.add(own.clientIP);
    for (const c of own.carriers) carrierSet.add(c);
  }
  const first = { b: fd.behind[0], app: firstApp! };
  return {
    clientIP: combineValues(values),
    carriers: [...carrierSet],
    note: `reached through ${first.b.proxyService} (${first.b.route}): decided by that proxy Service under ${policy}; ${first.app.note}${
      fd.behind.length > 1 ? `; ${fd.behind.length - 1} more proxy path(s)` : ''
    }${hasDirect && own.clientIP !== first.app.clientIP ? `; its own external entry differs (${own.clientIP})` : ''}`,
  };
}

/**
 * Corrects the kube-proxy view of a LoadBalancer's paths for its LB: pod-count-weighted LBs (TKE) and
 * pod-targeting LBs (K9) give every pod the same share; pod-targeting LBs bypass the nodes (no SNAT, eTP
 * irrelevant) and terminating LBs hide the client whatever the policy (K6).
 */
function correctForLoadBalancer(paths: PolicyPaths, lb: LoadBalancerInfo | null): void {
  if (!lb) return;
  const pods = lb.targets === 'pods';
  if (pods || (lb.weights === 'podCount' && paths.policy === 'Local')) {
    const serving = paths.pods.filter((p) => (pods ? p.ready : p.share > 0));
    if (serving.length > 0) {
      for (const p of paths.pods) p.share = serving.includes(p) ? 1 / serving.length : 0;
      paths.skew = serving.length >= 2 ? 1 : null;
      paths.notes.push(
        pods
          ? `${lb.label} targets pods directly: each ready pod gets an equal share, whatever the node`
          : `${lb.label} weights nodes by their local pods (local-svc-weighted-balance): each pod gets an equal share`,
      );
    }
  }
  if (pods) {
    for (const n of paths.nodes) {
      n.inLoadBalancer = false;
      n.lbExcludedReason = 'the load balancer targets pods, not nodes';
      n.lbShare = 0;
    }
    paths.droppedShare = 0;
  }
  const keeps = pods ? lb.keepsClientIP : lb.layer === 'L4-passthrough' ? undefined : false;
  if (keeps === undefined || keeps === null) return;
  for (const p of paths.pods) {
    if (keeps) p.sourceIPs = { client: true, addresses: [paths.clientIP], total: 1 };
    // Behind a terminating LB, where kube-proxy kept "the client" it keeps the LB's (unknown) address; SNAT stays.
    else if (p.sourceIPs.client) p.sourceIPs = { client: false, addresses: [], total: 0 };
    p.clientIPPreserved = keeps ? 'yes' : 'no';
  }
  paths.clientIPPreserved = keeps ? 'yes' : 'no';
  if (!keeps)
    paths.notes.push(
      `${lb.label} replaces the client address with its own: the pods see the load balancer (or a node under SNAT)`,
    );
}

/** Adds `frontDoor` and `paths[P].app` to a prepared Service. */
export function attachFrontDoor(facts: ClusterFacts, svc: ServiceFacts): void {
  const fd = frontDoorFor(facts, svc.service);
  svc.analysis.frontDoor = fd;
  for (const p of POLICIES) {
    const paths = svc.analysis.paths[p];
    if (svc.service.type === 'LoadBalancer')
      correctForLoadBalancer(paths, identifyLoadBalancer(facts.model, svc.service, p));
    paths.app = appPathFor(facts, svc, fd, p);
  }
}
