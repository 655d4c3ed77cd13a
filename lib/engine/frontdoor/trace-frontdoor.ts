// Traces a packet through the front doors: the load balancer it enters through (with
// its identity; straight to pods when it targets pods, kube-proxy bypassed — catalog K9; nodes see the
// LB when it terminates — K6), the kube-proxy leg (lib/engine/trace.ts), what each application learns
// (`app`), and with `--host` the proxy's route to the backend Service's pods, with the headers it writes.
import { canonicalIP } from '../../net/ip';
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import { endpointPortFor, endpointsForServicePort, familyOf } from '../endpoints';
import type { PolicyHook } from '../policy-hook';
import { tracePacket } from '../trace';
import type { Dataplane, LoadBalancerInfo, TraceEndpoint, TraceRequest, TraceResult, TrafficPolicy } from '../types';
import { appFor, backendApp, lbAddressGuess, unguess, type Arrival } from './app-view';
import { catalogEntry, citeEntry } from './catalog';
import { identifyLoadBalancer, usesToa } from './load-balancer';
import { loadBalancerWithProxy } from './lb-proxy-pairing';
import { frontDoorOf } from './platform';
import { proxyOfPod, type ProxyIdentity } from './proxy-detect';
import { CILIUM_INGRESS_ENDPOINT, proxyOfService } from './proxy-service';
import { evaluateProxy, type ProxyOutcome } from './proxy-eval';
import { proxySettings, type ProxySettings } from './proxy-settings';
import { matchRoute, routeLoadBalancer, routesOfProxy } from './routes';
import { ISTIO_INBOUND_PASSTHROUGH } from './sidecar';
import { frontDoorTargetError, proxyServiceOfIngress } from './trace-frontdoor-target';

import type { FrontDoorTarget } from './target';
export { parseFrontDoorTarget, type FrontDoorTarget } from './target';

/** Options of a front-door trace. */
export interface FrontDoorOptions {
  target?: FrontDoorTarget | null;
  host?: string | null;
  path?: string | null;
}

const fmt = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

function failed(reason: string): TraceResult {
  return {
    service: null,
    entry: null,
    node: null,
    verdict: 'notHandled',
    masqueraded: null,
    snatSource: null,
    endpoints: [],
    loadBalancer: null,
    proxy: null,
    policy: null,
    policyReason: null,
    reason,
    hops: [],
    rules: [],
  };
}

/** Traces one packet with front doors. `req.destination` is ignored for `lb:` / `ingress:` targets. */
export function traceFrontDoor(
  model: ClusterModel,
  dataplane: Dataplane,
  req: TraceRequest,
  hook: PolicyHook,
  opts: FrontDoorOptions = {},
): TraceResult {
  if (opts.target) {
    const error = frontDoorTargetError(model, opts.target, opts.host ?? null, opts.path ?? null);
    if (error) return failed(error);
  }
  if (opts.target?.kind === 'ingress') return traceIngress(model, dataplane, req, hook, opts.target.ingress, opts);
  let r = req;
  let service: ServiceModel | null = null;
  if (opts.target?.kind === 'lb') {
    const target = opts.target;
    // frontDoorTargetError checked that the Service is a LoadBalancer with that port.
    service = model.services.get(target.service)!;
    const portIndex = target.port === null ? 0 : service.ports.findIndex((p) => p.port === target.port);
    const sp = service.ports[portIndex];
    const ip = service.loadBalancerIngress.find((i) => i.ip)?.ip ?? null;
    if (ip) r = { ...req, destination: { ip, port: sp.port, protocol: sp.protocol } };
    else return traceHostnameLB(model, dataplane, req, hook, service, portIndex, opts);
  }
  const external = req.source.kind === 'external';
  const entry = service ? null : lbServiceOf(model, r);
  service ??= entry;
  const policy = r.policy ?? service?.externalTrafficPolicy ?? 'Cluster';
  const lb = service && external ? loadBalancerWithProxy(model, service, policy) : null;
  let result: TraceResult;
  if (lb && service && lb.targets === 'pods') result = directToPods(model, r, hook, service, lb);
  else
    result = tracePacket(
      model,
      dataplane,
      { ...r, loadBalancerTerminates: lb ? lb.layer !== 'L4-passthrough' : undefined },
      hook,
    );
  const entered = lb && result.entry === 'loadBalancerIP' ? lb : null;
  result.loadBalancer = entered;
  result.proxy = null;
  if (entered) decorateLbHop(result, entered, r.source.kind === 'external' ? r.source.ip : null);
  const client = clientOf(model, r);
  annotate(model, result, { client, lb: entered, toa: !!entered && !!service && usesToa(service) });
  if (!entered && service && !external && result.entry === 'loadBalancerIP' && service.type === 'LoadBalancer') {
    const own = identifyLoadBalancer(model, service);
    if (own?.proxyProtocol)
      result.reason += `. In-cluster traffic to the LB address is short-circuited by kube-proxy (ipMode VIP), so it arrives without the PROXY header the load balancer would add`;
  }
  if (opts.host) continueThroughProxy(model, result, hook, client, opts.host, opts.path ?? '/');
  return result;
}

/** The Service whose LB address the destination is. */
function lbServiceOf(model: ClusterModel, req: TraceRequest): ServiceModel | null {
  let ip: string;
  try {
    ip = canonicalIP(req.destination.ip.trim());
  } catch {
    return null;
  }
  const e = (model.addressIndex.get(ip) ?? []).find((x) => x.kind === 'loadBalancerIP');
  return e ? (model.services.get(e.serviceKey) ?? null) : null;
}

function clientOf(model: ClusterModel, req: TraceRequest): string {
  const s = req.source;
  if (s.kind === 'external') return s.ip;
  if (s.kind === 'pod') return model.pods.get(s.pod)?.ip ?? s.pod;
  const node = model.nodes.get(s.node);
  return node?.internalIPs[0] ?? s.node;
}

function lbDetail(lb: LoadBalancerInfo): string {
  const what =
    lb.targets === 'pods'
      ? 'sends straight to pod IPs (kube-proxy and externalTrafficPolicy are not in the path)'
      : lb.layer === 'L4-passthrough'
        ? 'passes packets through to a node'
        : `terminates the connection (${lb.layer}) and opens a new one to a node`;
  const keeps =
    lb.keepsClientIP === true
      ? 'keeps the client address'
      : lb.keepsClientIP === false
        ? 'replaces the client address with its own'
        : 'may or may not keep the client address';
  return `${lb.label}: ${what}; ${keeps}${lb.proxyProtocol ? `; sends PROXY protocol ${lb.proxyProtocol}` : ''}`;
}

function decorateLbHop(result: TraceResult, lb: LoadBalancerInfo, client: string | null): void {
  let hop = result.hops.find((h) => h.kind === 'loadBalancer');
  if (!hop) {
    hop = { kind: 'loadBalancer', label: '', src: client, dst: null, detail: '' };
    result.hops.splice(1, 0, hop);
  }
  hop.label = `load balancer (${lb.kind})`;
  hop.detail = lbDetail(lb);
  if (lb.proxyProtocol) hop.proxyProtocol = { version: lb.proxyProtocol, source: client ?? 'the client' };
  if (lb.layer === 'L7' && client) hop.headers = { 'x-forwarded-for': client };
  for (const s of lb.evidence.slice(0, 1))
    if (!result.rules.includes(s)) result.rules.push(`load balancer ${lb.kind}: ${s}`);
  if (lb.kind !== 'unknown') result.rules.push(citeEntry(catalogEntry(lb.kind)));
}

/** Fills `app` on every endpoint; a broken PROXY pairing is added to the reason. */
function annotate(model: ClusterModel, result: TraceResult, a: Omit<Arrival, 'l3'>): void {
  const broken = new Set<string>();
  const unknown = new Set<string>();
  const podless = podlessProxy(model, result.service);
  for (const ep of result.endpoints) {
    const ans = appFor(model, ep.pod, { ...a, l3: ep.sourceIP }, ep.pod ? null : podless);
    ep.app = ans.app;
    if (ans.proxy?.broken) broken.add(ans.proxy.broken);
    if (ans.proxy?.unknown) unknown.add(ans.proxy.unknown);
  }
  if (podless) describePodlessHop(result);
  for (const b of broken) result.reason += `. At the proxy, ${b}`;
  for (const q of unknown) result.reason += `. What the proxy takes as the client is unknown: ${q.replace(/\.$/, '')}`;
}

/** Cilium: the Service's endpoint 192.192.192.192:9999 is a placeholder; the receiving node's Envoy takes the connection. */
function describePodlessHop(result: TraceResult): void {
  for (const h of result.hops)
    if (h.kind === 'pod' && h.dst === CILIUM_INGRESS_ENDPOINT) {
      h.label = `Envoy of the cilium agent on node ${result.node ?? '(the receiving node)'}`;
      h.detail = `Cilium hands the connection to the node's Envoy; ${CILIUM_INGRESS_ENDPOINT} is the Service's placeholder endpoint`;
    }
}

/** The proxy of a Service whose endpoints are no pods (Cilium Ingress / Gateway: the node's Envoy), or null. */
function podlessProxy(model: ClusterModel, serviceKey: string | null): ProxyIdentity | null {
  const svc = serviceKey ? model.services.get(serviceKey) : undefined;
  const p = svc ? proxyOfService(model, svc) : null;
  return p && !p.pod ? p : null;
}

/** An LB that targets pods: client → LB → pod, no node or kube-proxy in between (catalog K9). */
function directToPods(
  model: ClusterModel,
  req: TraceRequest,
  hook: PolicyHook,
  service: ServiceModel,
  lb: LoadBalancerInfo,
): TraceResult {
  const portIndex = Math.max(
    0,
    service.ports.findIndex((p) => p.port === req.destination.port && p.protocol === req.destination.protocol),
  );
  const sp = service.ports[portIndex];
  const client = req.source.kind === 'external' ? req.source.ip : '';
  const all = endpointsForServicePort(model, service, portIndex, familyOf(req.destination.ip));
  const ready = all.filter((e) => e.ready);
  const seen = lb.keepsClientIP ? client : null;
  const result = failed('');
  result.service = service.key;
  result.entry = 'loadBalancerIP';
  result.masqueraded = false;
  result.hops = [
    {
      kind: 'client',
      label: client,
      src: client,
      dst: req.destination.ip,
      detail: `${sp.protocol} to ${fmt(req.destination.ip, sp.port)}`,
    },
    { kind: 'loadBalancer', label: '', src: client, dst: null, detail: '' },
  ];
  result.rules.push('../shared/reference/source-ip-catalog.md §1 K9: LBs that target pod IPs bypass kube-proxy');
  if (ready.length === 0) {
    result.verdict = 'dropped';
    result.reason = `the load balancer of ${service.key} targets pods, and none is ready`;
    return result;
  }
  result.verdict = 'forwarded';
  for (const ep of ready) {
    const port = endpointPortFor(model, ep, sp) ?? (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
    const pod = ep.podKey ? (model.pods.get(ep.podKey) ?? null) : (model.podsByIP.get(ep.ip) ?? null);
    const answer = seen
      ? hook({
          clientIP: seen,
          clientPod: null,
          clientNode: null,
          masqueraded: false,
          snatSource: null,
          ingressNode: null,
          destIP: ep.ip,
          destPod: pod,
          port,
          protocol: sp.protocol,
        })
      : {
          verdict: 'unknown' as const,
          reason: "the source is the load balancer's own address, which the cluster data does not show",
        };
    const e: TraceEndpoint = {
      ip: ep.ip,
      port,
      pod: pod?.key ?? ep.podKey,
      node: ep.nodeName,
      share: 1 / ready.length,
      sourceIP: seen,
      clientIPPreserved: lb.keepsClientIP === true,
      policy: answer.verdict,
      policyReason: answer.reason,
    };
    result.endpoints.push(e);
  }
  const n = result.endpoints.length;
  result.hops.push({
    kind: 'pod',
    label: n === 1 ? `pod ${result.endpoints[0].pod ?? result.endpoints[0].ip}` : `one of ${n} pods`,
    src: seen,
    dst: n === 1 ? result.endpoints[0].ip : null,
    detail: `the load balancer spreads over ${n} ready pod${n === 1 ? '' : 's'} evenly`,
  });
  if (n === 1) {
    result.policy = result.endpoints[0].policy;
    result.policyReason = result.endpoints[0].policyReason;
  }
  result.reason = `the load balancer of ${service.key} sends straight to the pods, so externalTrafficPolicy does not matter; ${
    seen ? `the pods see the client address ${seen}` : "the pods see the load balancer's own address"
  }`;
  return result;
}

/** An LB that publishes only a hostname (or nothing): it delivers to a node's NodePort, as the LB would. */
function traceHostnameLB(
  model: ClusterModel,
  dataplane: Dataplane,
  req: TraceRequest,
  hook: PolicyHook,
  service: ServiceModel,
  portIndex: number,
  opts: FrontDoorOptions,
): TraceResult {
  const sp = service.ports[portIndex];
  const policy = req.policy ?? service.externalTrafficPolicy;
  const lb = loadBalancerWithProxy(model, service, policy)!;
  const client = req.source.kind === 'external' ? req.source.ip : clientOf(model, req);
  let result: TraceResult;
  if (lb.targets === 'pods') {
    result = directToPods(
      model,
      { ...req, destination: { ip: service.clusterIPs[0] ?? '0.0.0.0', port: sp.port, protocol: sp.protocol } },
      hook,
      service,
      lb,
    );
  } else {
    const nodeName = req.atNode ?? pickNode(model, service, req.policy ?? service.externalTrafficPolicy);
    const node = nodeName ? model.nodes.get(nodeName) : undefined;
    const address = node?.internalIPs[0];
    if (!node || !address || sp.nodePort === null)
      return failed(
        `lb:${service.key}: the load balancer publishes no address and the NodePort it uses cannot be traced (no node address or no nodePort)`,
      );
    result = tracePacket(
      model,
      dataplane,
      { ...req, atNode: node.name, destination: { ip: address, port: sp.nodePort, protocol: sp.protocol } },
      hook,
    );
    result.entry = 'loadBalancerIP';
    if (lb.layer !== 'L4-passthrough') hideClientBehindLB(result, client);
  }
  result.loadBalancer = lb;
  result.proxy = null;
  decorateLbHop(result, lb, client);
  annotate(model, result, { client, lb, toa: usesToa(service) });
  if (opts.host) continueThroughProxy(model, result, hook, client, opts.host, opts.path ?? '/');
  return result;
}

/** A terminating LB connected to the NodePort from its own (unknown) address: nowhere past it is the client. */
function hideClientBehindLB(result: TraceResult, client: string): void {
  for (const ep of result.endpoints)
    if (ep.sourceIP === client) {
      ep.sourceIP = null;
      ep.clientIPPreserved = false;
    }
  for (const h of result.hops.slice(1)) if (h.src === client && h.kind !== 'loadBalancer') h.src = null;
  result.reason = result.reason.replace(
    `the pod sees the client address ${client}`,
    "the pod sees the load balancer's own address",
  );
}

/** The node an LB without a published address delivers to: under Local (the policy traced) one with a ready pod. */
function pickNode(model: ClusterModel, service: ServiceModel, policy: TrafficPolicy): string | null {
  const eps = model.endpointsByService.get(service.key) ?? [];
  const withPod = eps.find((e) => e.ready && e.nodeName)?.nodeName;
  if (policy === 'Local' && withPod) return withPod;
  return [...model.nodes.keys()].sort()[0] ?? null;
}

/** `ingress:NS/NAME`: the cloud L7 LB of the Ingress's class, else the proxy serving it, then the backend. */
function traceIngress(
  model: ClusterModel,
  dataplane: Dataplane,
  req: TraceRequest,
  hook: PolicyHook,
  key: string,
  opts: FrontDoorOptions,
): TraceResult {
  // frontDoorTargetError checked that the Ingress exists, is served and has a rule for host and path.
  const route = frontDoorOf(model).routes.find((r) => r.kind === 'Ingress' && r.key === key)!;
  const host = opts.host ?? route.hosts[0] ?? '';
  const lb = routeLoadBalancer(model, route);
  if (!lb) {
    // A proxy serves it: enter through the proxy Service's load balancer.
    const s = proxyServiceOfIngress(model, route)!;
    return traceFrontDoor(model, dataplane, req, hook, {
      target: { kind: 'lb', service: s.key, port: null },
      host,
      path: opts.path,
    });
  }
  const m = matchRoute([route], host, opts.path ?? '/');
  const backend = m?.rule.backends[0];
  const service = backend ? model.services.get(backend.service) : undefined;
  if (!m || !backend || !service)
    return failed(
      `ingress:${key}: no rule for host ${host} and path ${opts.path ?? '/'} with a Service in the cluster data`,
    );
  const portIndex = Math.max(
    0,
    service.ports.findIndex((p) => p.port === backend.port || p.name === backend.port),
  );
  const client = req.source.kind === 'external' ? req.source.ip : clientOf(model, req);
  let result: TraceResult;
  if (lb.targets === 'pods') {
    const sp = service.ports[portIndex];
    result = directToPods(
      model,
      { ...req, destination: { ip: service.clusterIPs[0] ?? '0.0.0.0', port: sp.port, protocol: sp.protocol } },
      hook,
      service,
      lb,
    );
  } else {
    // Instance targets: the L7 LB connects to the backend's NodePort from its own address.
    const sp = service.ports[portIndex];
    const nodeName = req.atNode ?? pickNode(model, service, req.policy ?? service.externalTrafficPolicy);
    const node = nodeName ? model.nodes.get(nodeName) : undefined;
    if (!node?.internalIPs[0] || sp.nodePort === null)
      return failed(
        `ingress:${key}: ${lb.label} targets nodes, and ${service.key} has no NodePort (or no node address) to trace`,
      );
    result = tracePacket(
      model,
      dataplane,
      { ...req, atNode: node.name, destination: { ip: node.internalIPs[0], port: sp.nodePort, protocol: sp.protocol } },
      hook,
    );
    hideClientBehindLB(result, client);
    result.entry = 'nodePort';
  }
  result.service = service.key;
  result.loadBalancer = lb;
  // The client connects to the L7 LB (its address is not in API objects), asking for the Ingress host.
  result.hops[0] = {
    ...result.hops[0],
    dst: null,
    detail: `HTTP request for ${host}${opts.path ?? '/'} to ${lb.label}`,
  };
  decorateLbHop(result, lb, client);
  annotate(model, result, { client, lb, toa: false });
  result.proxy = null;
  const viaProxy = opts.host && result.endpoints.some((e) => e.app?.proxy);
  result.reason = `${route.kind} ${route.key} (host ${host}) is served by ${lb.label}, which terminates HTTP and sends X-Forwarded-For: ${client}; ${result.reason}`;
  if (viaProxy) continueThroughProxy(model, result, hook, client, host, opts.path ?? '/');
  return result;
}

/** With --host: the packet landed on proxy pods; follow the matching route to the backend Service's pods. */
function continueThroughProxy(
  model: ClusterModel,
  result: TraceResult,
  hook: PolicyHook,
  client: string,
  host: string,
  path: string,
): void {
  const landed = result.endpoints.find((e) => e.app?.proxy);
  const proxySvc = result.service ? model.services.get(result.service) : undefined;
  if (!landed || !proxySvc) return;
  const proxy = landed.pod ? proxyOfPod(model, landed.pod) : podlessProxy(model, proxySvc.key);
  if (!proxy) return;
  const m = matchRoute(routesOfProxy(model, proxySvc, proxy.id), host, path);
  if (!m || !m.rule.backends[0]) {
    result.reason += `. The ${proxy.id} proxy has no route for host ${host} and path ${path}`;
    return;
  }
  const backend = m.rule.backends[0];
  const service = model.services.get(backend.service);
  if (!service) {
    result.reason += `. Route ${m.route.kind} ${m.route.key} sends to ${backend.service}, which is not in the cluster data`;
    return;
  }
  const settings = proxySettings(model, proxy);
  // The outcome at the proxy, as annotate() computed it for the landed endpoint.
  const pp = result.loadBalancer?.proxyProtocol ?? null;
  const outcome: ProxyOutcome = evaluateProxyOutcome(model, landed, settings, pp, client, result.loadBalancer ?? null);
  const portIndex = Math.max(
    0,
    service.ports.findIndex((p) => p.port === backend.port || p.name === backend.port),
  );
  const sp = service.ports[portIndex];
  // Cilium's node-level Envoy connects from the node's ingress address (CiliumNode spec.ingress), not in the data.
  const proxyIP = landed.pod ? landed.ip : null;
  const proxyPod = landed.pod ? (model.pods.get(landed.pod) ?? null) : null;
  const eps = endpointsForServicePort(model, service, portIndex, familyOf(landed.ip)).filter((e) => e.ready);
  const takes = outcome.unknown
    ? `what the proxy takes as the client is unknown: ${outcome.unknown}`
    : `the proxy takes ${outcome.clientIP ?? 'nothing'} as the client (${outcome.carrier})`;
  result.hops.push({
    kind: 'proxy',
    label: `${proxy.entry.name} ${landed.pod ?? `on node ${landed.node ?? result.node ?? '(the receiving node)'}`}`,
    src: proxyIP,
    dst: null,
    detail: `route ${m.route.kind} ${m.route.key} (host ${host}, path ${m.rule.path ?? '/'}) to ${service.key}; ${takes}${outcome.broken ? `; ${outcome.broken}` : ''}`,
    headers: outcome.headers,
  });
  // Proxies send to the backend's endpoints directly (no ClusterIP DNAT), from the proxy pod's address.
  const endpoints: TraceEndpoint[] = eps.map((ep) => {
    const port = endpointPortFor(model, ep, sp) ?? (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
    const pod = ep.podKey ? (model.pods.get(ep.podKey) ?? null) : (model.podsByIP.get(ep.ip) ?? null);
    const a =
      proxyIP === null
        ? {
            verdict: 'unknown' as const,
            reason: "Cilium's Envoy connects from the node's ingress address, which the cluster data does not show",
          }
        : hook({
            clientIP: proxyIP,
            clientPod: proxyPod,
            clientNode: null,
            masqueraded: false,
            snatSource: null,
            ingressNode: proxyPod?.nodeName ? (model.nodes.get(proxyPod.nodeName) ?? null) : null,
            destIP: ep.ip,
            destPod: pod,
            port,
            protocol: sp.protocol,
          });
    return {
      ip: ep.ip,
      port,
      pod: pod?.key ?? ep.podKey,
      node: ep.nodeName,
      share: 1 / eps.length,
      sourceIP: proxyIP,
      clientIPPreserved: false,
      policy: a.verdict,
      policyReason: a.reason,
      app: backendApp(
        model,
        pod?.key ?? ep.podKey,
        proxyIP,
        client,
        outcome,
        settings.carrier,
        settings.forwardedTrust.mode === 'all' ||
          (settings.proxyProtocolTrust.mode === 'all' && outcome.carrier === 'proxy-protocol'),
      ),
    };
  });
  const sidecars = endpoints.filter((e) => e.app?.sidecar === 'istio-redirect');
  if (sidecars.length)
    result.hops.push({
      kind: 'sidecar',
      label: 'Istio sidecar (REDIRECT)',
      src: ISTIO_INBOUND_PASSTHROUGH,
      dst: sidecars.length === 1 ? sidecars[0].ip : null,
      detail: `Envoy in the pod connects to the application from ${ISTIO_INBOUND_PASSTHROUGH}; NetworkPolicy still sees ${proxyIP ?? "the proxy's address"}`,
    });
  const n = endpoints.length;
  result.hops.push({
    kind: 'pod',
    label: n === 1 ? `pod ${endpoints[0].pod ?? endpoints[0].ip}` : `one of ${n} pods of ${service.key}`,
    src: proxyIP,
    dst: n === 1 ? endpoints[0].ip : null,
    detail: n === 0 ? 'no ready endpoint' : `the application reads the client from ${settings.carrier}`,
  });
  result.endpoints = endpoints;
  result.proxy = { kind: proxy.id, pod: landed.pod, service: proxySvc.key, route: `${m.route.kind} ${m.route.key}` };
  result.policy = n === 1 ? endpoints[0].policy : null;
  result.policyReason = n === 1 ? endpoints[0].policyReason : null;
  const got = endpoints[0]?.app;
  const whether = got?.isClient ? ' (the real client)' : got?.isClient === false ? ' (not the client)' : ' (unknown)';
  result.reason += `. Through ${proxy.id} (${landed.pod ?? "the node's Envoy"}) and ${m.route.kind} ${m.route.key} to ${service.key}: the application sees ${got?.peerIP ?? proxyIP ?? 'the proxy'} as its peer and ${got?.clientIP ?? 'no client'} in ${settings.carrier}${whether}`;
}

function evaluateProxyOutcome(
  model: ClusterModel,
  landed: TraceEndpoint,
  settings: ProxySettings,
  pp: LoadBalancerInfo['proxyProtocol'],
  client: string,
  lb: LoadBalancerInfo | null,
): ProxyOutcome {
  const guess = landed.sourceIP === null ? lbAddressGuess(model, lb) : null;
  return unguess(
    evaluateProxy(settings, {
      peerIP: landed.sourceIP ?? guess,
      proxyProtocol: pp ? { version: pp, source: client } : null,
      xForwardedFor: lb?.layer === 'L7' ? client : null,
    }),
    guess,
  );
}
