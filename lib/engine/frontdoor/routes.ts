// Routes and the proxies that serve them: an Ingress through
// its IngressClass controller (or legacy class annotation) and the controller's pods, or its status
// address equal to the proxy Service's LB address; an HTTPRoute through its Gateways' GatewayClass
// controller, the Gateway's generated Service or its status address; an Istio VirtualService through its
// Gateways' pod selector. An Ingress whose class is a cloud L7 load balancer has that LB instead.
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import type { GatewayModel, RouteModel, RouteRule } from '../../model/frontdoor';
import type { LoadBalancerInfo, TrafficPolicy } from '../types';
import { entriesOfKind } from './catalog';
import type { ConditionSubject } from './conditions';
import { describeRule, lbInfoFromEntry, matchEntry } from './load-balancer';
import { frontDoorOf } from './platform';
import { proxyOfService } from './proxy-service';
import { argsOf, argValue } from './settings-common';
import { mapArray } from '../../util/fresh-array';

const PROXY_ENTRIES = entriesOfKind('proxy');
const L7_LB_ENTRIES = entriesOfKind('loadbalancer').filter((e) =>
  e.rules.some((r) => 'ingressClassController' in r || 'ingressAnnotations' in r || 'gatewayClassController' in r),
);

/** Legacy class names (`kubernetes.io/ingress.class`) of the common controllers, when no IngressClass says. */
const LEGACY_CLASSES: Record<string, string> = {
  nginx: 'ingress-nginx',
  kong: 'kong',
  traefik: 'traefik',
  pomerium: 'pomerium',
  haproxy: 'haproxy-ingress-haproxytech',
  istio: 'istio-ingressgateway',
  cilium: 'cilium-ingress-gateway',
};

function controllerToProxy(
  key: 'ingressClassController' | 'gatewayClassController',
  controller: string,
): string | null {
  for (const e of PROXY_ENTRIES)
    for (const r of e.rules) if (Array.isArray(r[key]) && (r[key] as string[]).includes(controller)) return e.id;
  return null;
}

/** The IngressClass controller of an Ingress (its class, else the default class). */
function ingressController(model: ClusterModel, route: RouteModel): string | null {
  const classes = frontDoorOf(model).ingressClasses;
  const cls = route.className ? classes.get(route.className) : [...classes.values()].find((c) => c.isDefault);
  return cls?.controller ?? null;
}

/** ingress-nginx's `--controller-class` default: the IngressClass controller of a default install. */
const NGINX_DEFAULT_CONTROLLER = 'k8s.io/ingress-nginx';

/**
 * The IngressClass controller value an ingress-nginx Service's pods claim with `--controller-class`, when it is
 * not the default: such an install (an internal one beside the public one) serves only the classes with that
 * controller, not the default install's (https://kubernetes.github.io/ingress-nginx/user-guide/multiple-ingress/:
 * "ensure the --controller-class= and --ingress-class are set to something different on each ingress controller";
 * user-guide/cli-arguments `--controller-class`, default "k8s.io/ingress-nginx"). Null otherwise.
 */
function ownNginxController(model: ClusterModel, service: ServiceModel, proxyKind: string): string | null {
  if (proxyKind !== 'ingress-nginx') return null;
  const p = proxyOfService(model, service);
  const own = p?.id === 'ingress-nginx' ? argValue(argsOf(p), /^--controller-class=(.+)$/) : null;
  return own && own !== NGINX_DEFAULT_CONTROLLER ? own : null;
}

/** The catalog proxy id a route is meant for (by class controller), or null. */
export function routeProxyKind(model: ClusterModel, route: RouteModel): string | null {
  const fd = frontDoorOf(model);
  if (route.kind === 'Ingress') {
    const controller = ingressController(model, route);
    if (controller) return controllerToProxy('ingressClassController', controller);
    return route.className ? (LEGACY_CLASSES[route.className] ?? null) : null;
  }
  if (route.kind === 'VirtualService') return 'istio-ingressgateway';
  for (const parent of route.parents) {
    const gw = fd.gateways.find((g) => g.key === parent && !g.istio);
    const cls = gw?.className ? fd.gatewayClasses.get(gw.className) : undefined;
    const id = cls ? controllerToProxy('gatewayClassController', cls.controller) : null;
    if (id) return id;
  }
  return null;
}

/** The cloud L7 load balancer an Ingress's class makes (AWS ALB, GKE, TKE L7 CLB), or null. */
export function routeLoadBalancer(
  model: ClusterModel,
  route: RouteModel,
  policy: TrafficPolicy = 'Cluster',
): LoadBalancerInfo | null {
  if (route.kind !== 'Ingress') return null;
  const subject: ConditionSubject = {
    ingressClassController: ingressController(model, route),
    ingressAnnotations: {
      ...route.annotations,
      ...(route.className ? { 'kubernetes.io/ingress.class': route.className } : {}),
    },
    annotations: route.annotations,
  };
  const m = matchEntry(L7_LB_ENTRIES, subject);
  if (!m) return null;
  return lbInfoFromEntry(model, null, m.entry, subject, describeRule(m.rule, subject), policy);
}

function serviceAddresses(s: ServiceModel): string[] {
  const out: string[] = [];
  for (const i of s.loadBalancerIngress) {
    if (i.ip) out.push(i.ip);
    if (i.hostname) out.push(i.hostname);
  }
  return out;
}

/** Whether an Istio Gateway's selector picks one of the Service's pods (its VirtualServices reach that Service). */
function istioGatewayServes(model: ClusterModel, gw: GatewayModel | undefined, service: ServiceModel): boolean {
  const sel = gw?.selector;
  if (!sel) return false;
  const pods = (model.endpointsByService.get(service.key) ?? [])
    .map((e) => (e.podKey ? model.pods.get(e.podKey) : undefined))
    .filter((p) => p !== undefined);
  return pods.some((p) => Object.entries(sel).every(([k, v]) => p!.labels[k] === v));
}

/** Whether a Gateway API Gateway is served by the Service: its generated Service, or one with its address. */
function apiGatewayServes(gw: GatewayModel | undefined, service: ServiceModel, addrs: string[]): boolean {
  if (!gw) return false;
  const generated =
    // The generated Service lives in the Gateway's namespace (GEP-1762 "In Cluster Gateway Deployments",
    // https://gateway-api.sigs.k8s.io/geps/gep-1762/; Istio's automated deployment): Gateways of one name in
    // several namespaces (a `team-gw` per team) are told apart by it.
    (service.labels['gateway.networking.k8s.io/gateway-name'] === gw.name && service.namespace === gw.namespace) ||
    (service.labels['gateway.envoyproxy.io/owning-gateway-name'] === gw.name &&
      service.labels['gateway.envoyproxy.io/owning-gateway-namespace'] === gw.namespace) ||
    // Cilium's generated cilium-gateway-<name> Service, in the Gateway's namespace.
    (service.labels['io.cilium.gateway/owning-gateway'] === gw.name && service.namespace === gw.namespace);
  return generated || gw.addresses.some((a) => addrs.includes(a));
}

/** True when `route` is served by the proxy behind `service` (kind `proxyKind`). */
export function routeServedBy(
  model: ClusterModel,
  route: RouteModel,
  service: ServiceModel,
  proxyKind: string,
): boolean {
  const fd = frontDoorOf(model);
  const addrs = serviceAddresses(service);
  if (route.statusAddresses.some((a) => addrs.includes(a))) return true;
  if (route.kind === 'VirtualService')
    return route.parents.some((parent) =>
      istioGatewayServes(
        model,
        fd.gateways.find((g) => g.key === parent && g.istio),
        service,
      ),
    );
  if (route.kind === 'HTTPRoute')
    return route.parents.some((parent) =>
      apiGatewayServes(
        fd.gateways.find((g) => g.key === parent && !g.istio),
        service,
        addrs,
      ),
    );
  if (proxyKind === 'cilium-ingress-gateway') return ciliumIngressServes(model, route, service);
  const own = ownNginxController(model, service, proxyKind);
  if (own) return ingressController(model, route) === own;
  return routeProxyKind(model, route) === proxyKind;
}

/**
 * Cilium serves an Ingress of its class from a dedicated Service `cilium-ingress-<ingress>` in the Ingress's
 * namespace, or from the shared Service (`ingress-shared-lb-service-name`, default cilium-ingress), by the
 * Ingress's `ingress.cilium.io/loadbalancer-mode` annotation, else cilium-config `ingress-default-lb-mode`
 * (default dedicated: cilium operator/pkg/ingress/cell.go). Without cilium-config either name links.
 */
function ciliumIngressServes(model: ClusterModel, route: RouteModel, service: ServiceModel): boolean {
  if (route.kind !== 'Ingress' || routeProxyKind(model, route) !== 'cilium-ingress-gateway') return false;
  const cfg = model.configMaps.get('kube-system/cilium-config');
  const mode =
    route.annotations['ingress.cilium.io/loadbalancer-mode'] ??
    (cfg ? (cfg['ingress-default-lb-mode'] ?? 'dedicated') : null);
  const shared = service.name === (cfg?.['ingress-shared-lb-service-name'] ?? 'cilium-ingress');
  const dedicated = service.namespace === route.namespace && service.name === `cilium-ingress-${route.name}`;
  return mode === 'shared' ? shared : mode === 'dedicated' ? dedicated : shared || dedicated;
}

/**
 * The routes of a model indexed once, so that finding a proxy Service's routes costs its candidates, not
 * every route: route positions by status address, Ingress positions by the proxy kind their class names (and by
 * class controller), VirtualServices and HTTPRoutes by parent Gateway (each Gateway asked once per Service).
 */
interface RouteIndex {
  byAddress: Map<string, number[]>;
  ingressByKind: Map<string, number[]>;
  /** Ingress positions by their IngressClass controller (for an ingress-nginx install with its own). */
  ingressByController: Map<string, number[]>;
  /** VirtualService and HTTPRoute positions by parent Gateway key. */
  othersByParent: Map<string, number[]>;
  /** The first Istio / Gateway API Gateway of each key (as routeServedBy's `find` takes it). */
  istioGateways: Map<string, GatewayModel>;
  apiGateways: Map<string, GatewayModel>;
  /** routesOfProxy's answers by Service and proxy kind. */
  served: WeakMap<ServiceModel, Map<string, readonly RouteModel[]>>;
}

const routeIndexes = new WeakMap<ClusterModel, RouteIndex>();

function routeIndex(model: ClusterModel): RouteIndex {
  let idx = routeIndexes.get(model);
  if (idx) return idx;
  idx = {
    byAddress: new Map(),
    ingressByKind: new Map(),
    ingressByController: new Map(),
    othersByParent: new Map(),
    istioGateways: new Map(),
    apiGateways: new Map(),
    served: new WeakMap(),
  };
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (!l) m.set(k, [i]);
    else if (l[l.length - 1] !== i) l.push(i);
  };
  frontDoorOf(model).routes.forEach((r, i) => {
    for (const a of r.statusAddresses) add(idx!.byAddress, a, i);
    if (r.kind !== 'Ingress') {
      for (const p of r.parents) add(idx!.othersByParent, p, i);
      return;
    }
    const kind = routeProxyKind(model, r);
    if (kind) add(idx!.ingressByKind, kind, i);
    const controller = ingressController(model, r);
    if (controller) add(idx!.ingressByController, controller, i);
  });
  for (const g of frontDoorOf(model).gateways) {
    const byKey = g.istio ? idx.istioGateways : idx.apiGateways;
    if (!byKey.has(g.key)) byKey.set(g.key, g);
  }
  routeIndexes.set(model, idx);
  return idx;
}

/**
 * Routes a proxy Service serves, in the model's order: exactly the routes routeServedBy accepts (an address
 * match, an Ingress of the proxy's kind — of its own controller for an ingress-nginx install with its own
 * `--controller-class` —, a VirtualService or HTTPRoute of a Gateway the Service serves; Cilium's Ingresses by
 * routeServedBy itself).
 */
export function routesOfProxy(model: ClusterModel, service: ServiceModel, proxyKind: string): readonly RouteModel[] {
  const idx = routeIndex(model);
  let bySvc = idx.served.get(service);
  if (!bySvc) idx.served.set(service, (bySvc = new Map()));
  const known = bySvc.get(proxyKind);
  if (known) return known;
  const routes = frontDoorOf(model).routes;
  const hit = new Set<number>();
  for (const a of serviceAddresses(service)) for (const i of idx.byAddress.get(a) ?? []) hit.add(i);
  const own = ownNginxController(model, service, proxyKind);
  const ofKind = (own ? idx.ingressByController.get(own) : idx.ingressByKind.get(proxyKind)) ?? [];
  // Cilium serves only some Ingresses of its class (ciliumIngressServes): those are checked too.
  const cilium = proxyKind === 'cilium-ingress-gateway';
  if (!cilium) for (const i of ofKind) hit.add(i);
  if (cilium)
    for (const i of ofKind) if (!hit.has(i) && routeServedBy(model, routes[i], service, proxyKind)) hit.add(i);
  // VirtualServices and HTTPRoutes through the Gateways the Service serves, asked once per Gateway (not per route:
  // a cluster with a Gateway per team has proxy Services and routes in proportion to its namespaces).
  const addrs = serviceAddresses(service);
  for (const [parent, positions] of idx.othersByParent) {
    const istio = istioGatewayServes(model, idx.istioGateways.get(parent), service);
    const api = apiGatewayServes(idx.apiGateways.get(parent), service, addrs);
    if (istio || api)
      for (const i of positions) if ((routes[i].kind === 'VirtualService' ? istio : api) && !hit.has(i)) hit.add(i);
  }
  const out = mapArray(
    [...hit].sort((a, b) => a - b),
    (i) => routes[i],
  );
  bySvc.set(proxyKind, out);
  return out;
}

function hostMatches(pattern: string | null, host: string): boolean {
  if (!pattern || pattern === '*') return true;
  if (pattern.startsWith('*.'))
    return host.endsWith(pattern.slice(1)) && host.split('.').length === pattern.split('.').length;
  return pattern.toLowerCase() === host.toLowerCase();
}

function pathMatches(rule: RouteRule, path: string): number {
  const p = rule.path ?? '/';
  if (rule.pathType === 'Exact') return p === path ? 1e6 : -1;
  if (p === '/' || path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`)) return p.length;
  return -1;
}

/** The best rule for host and path among routes: exact host before wildcard, then the longest path. */
export function matchRoute(
  routes: readonly RouteModel[],
  host: string,
  path: string,
): { route: RouteModel; rule: RouteRule } | null {
  let best: { route: RouteModel; rule: RouteRule; score: number } | null = null;
  for (const route of routes)
    for (const rule of route.rules) {
      if (!hostMatches(rule.host, host)) continue;
      const p = pathMatches(rule, path);
      if (p < 0) continue;
      const score = (rule.host && !rule.host.startsWith('*') ? 1e7 : 0) + p;
      if (!best || score > best.score) best = { route, rule, score };
    }
  return best ? { route: best.route, rule: best.rule } : null;
}

const l7Index = new WeakMap<ClusterModel, Set<string>>();

/** Keys of the Services an Ingress's cloud L7 LB sends to: they are entered from outside (computed once per model). */
export function l7Backends(model: ClusterModel): Set<string> {
  let keys = l7Index.get(model);
  if (keys) return keys;
  keys = new Set();
  for (const r of frontDoorOf(model).routes)
    if (r.kind === 'Ingress' && routeLoadBalancer(model, r))
      for (const rule of r.rules) for (const b of rule.backends) keys.add(b.service);
  l7Index.set(model, keys);
  return keys;
}

/**
 * A Service whose pods can be a proxy entered from outside: its own LB or NodePort, or a cloud L7 LB
 * sending to it (an AWS ALB with ip targets in front of Kong: catalog aws-alb-ingress).
 */
export function enteredFromOutside(model: ClusterModel, s: ServiceModel): boolean {
  return s.type === 'LoadBalancer' || s.type === 'NodePort' || l7Backends(model).has(s.key);
}

/** Route → proxy Services serving it, for every route (computed once per model). */
const proxyIndex = new WeakMap<ClusterModel, Map<string, string[]>>();

/** The proxy Services serving each route (`Kind ns/name` → Service keys), over Services entered from outside. */
export function proxiesOfRoutes(model: ClusterModel): Map<string, string[]> {
  let idx = proxyIndex.get(model);
  if (idx) return idx;
  idx = new Map();
  const fd = frontDoorOf(model);
  if (fd.routes.length > 0) {
    const ids = new Map<RouteModel, string>();
    for (const s of model.services.values()) {
      if (!enteredFromOutside(model, s)) continue;
      const p = proxyOfService(model, s);
      if (!p) continue;
      for (const r of routesOfProxy(model, s, p.id)) {
        let k = ids.get(r);
        if (k === undefined) ids.set(r, (k = `${r.kind} ${r.key}`));
        const l = idx.get(k);
        if (l) l.push(s.key);
        else idx.set(k, [s.key]);
      }
    }
  }
  proxyIndex.set(model, idx);
  return idx;
}
