// Turns one sample trace into the panel's hops: the load balancer (by catalog kind: layer, what it does to
// the source, PROXY protocol, health check), the proxy with the headers it writes, the sidecar, and the
// application with the address it takes as the client. Pure.
import { catalogEntry } from '../../engine/frontdoor/catalog';
import type { AppView, Hop, LoadBalancerInfo, TraceEndpoint, TraceResult } from '../../engine/types';
import type { FrontDoorFact, FrontDoorHop } from './types';
import {
  carrierWords,
  HEALTH_CHECK_WORDS,
  keepsShort,
  keepsWords,
  LAYER_SHORT,
  layerWords,
  proxyProtocolShort,
  proxyProtocolWords,
  targetWords,
  WEIGHT_WORDS,
} from './words';

/** Catalog name of a proxy or LB id ("unknown" and ids the catalog lacks are shown as they are). */
export function catalogLabel(id: string): string {
  try {
    return catalogEntry(id).name;
  } catch {
    return id;
  }
}

/** Header names as the wire spells them (the engine keys them in lower case). */
const HEADER_NAMES: Record<string, string> = {
  'x-forwarded-for': 'X-Forwarded-For',
  'x-real-ip': 'X-Real-IP',
  forwarded: 'Forwarded',
  'x-envoy-external-address': 'x-envoy-external-address',
  'x-forwarded-proto': 'X-Forwarded-Proto',
};

function headerFacts(h: Hop | undefined): FrontDoorFact[] {
  return Object.entries(h?.headers ?? {}).map(([name, value]) => ({ label: HEADER_NAMES[name] ?? name, value }));
}

/** The load balancer's short facts, as the diagram's box draws them: what it does to the source. */
export function lbSummary(lb: LoadBalancerInfo): FrontDoorFact[] {
  return [
    { label: 'Layer', value: LAYER_SHORT[lb.layer] },
    { label: 'Targets', value: lb.targets },
    { label: 'PROXY', value: proxyProtocolShort(lb.proxyProtocol) },
    { label: 'Keeps client IP', value: keepsShort(lb.keepsClientIP) },
  ];
}

/**
 * The load balancer's box. `hop` is the traced LB hop when a sample was traced (PROXY header and headers as
 * written); `healthCheck` overrides the probe words (null: the LB's own, known for the policy it was identified for).
 */
export function lbHop(
  id: string,
  lb: LoadBalancerInfo,
  hop: Hop | undefined,
  healthCheck: string | null = null,
): FrontDoorHop {
  const facts: FrontDoorFact[] = [
    { label: 'Kind', value: lb.kind },
    { label: 'Layer', value: layerWords(lb) },
    { label: 'Sends', value: targetWords(lb) },
    { label: 'Source', value: keepsWords(lb) },
    { label: 'PROXY protocol', value: proxyProtocolWords(lb.proxyProtocol) },
    { label: 'Health check', value: healthCheck ?? HEALTH_CHECK_WORDS[lb.healthCheck] },
    { label: 'Weights', value: WEIGHT_WORDS[lb.weights] },
  ];
  if (hop?.proxyProtocol)
    facts.push({ label: 'PROXY header', value: `${hop.proxyProtocol.version}, source ${hop.proxyProtocol.source}` });
  for (const e of lb.evidence) facts.push({ label: 'Evidence', value: e });
  if (lb.question) facts.push({ label: 'Open question', value: lb.question });
  return {
    id: `${id}:lb`,
    kind: 'loadBalancer',
    title: 'Load balancer',
    subtitle: lb.label,
    facts,
    summary: lbSummary(lb),
    headers: headerFacts(hop),
    backend: null,
    alert: lb.keepsClientIP === false && lb.proxyProtocol === null && lb.layer !== 'L7',
  };
}

/** The proxy's box: the route it took and the headers it writes toward the backend. */
export function proxyHop(
  id: string,
  trace: TraceResult,
  proxyEndpoint: TraceEndpoint | undefined,
  backend: string | null = null,
): FrontDoorHop | null {
  const hop = trace.hops.find((h) => h.kind === 'proxy');
  const kind = trace.proxy?.kind ?? proxyEndpoint?.app?.proxy ?? null;
  if (!kind) return null;
  const facts: FrontDoorFact[] = [];
  if (trace.proxy) {
    facts.push({ label: 'Service', value: trace.proxy.service });
    if (trace.proxy.pod) facts.push({ label: 'Pod', value: trace.proxy.pod });
    if (trace.proxy.route) facts.push({ label: 'Route', value: trace.proxy.route });
  }
  if (hop) facts.push({ label: 'Does', value: hop.detail });
  else if (proxyEndpoint?.app) {
    facts.push({ label: 'Peer (L3)', value: proxyEndpoint.app.peerIP ?? 'unknown' });
    facts.push({ label: 'Takes as client', value: clientWords(proxyEndpoint.app) });
    facts.push({
      label: 'Headers',
      value: 'written toward a backend; no route in the data leads to one, so none are traced',
    });
  }
  const headers = headerFacts(hop);
  const summary: FrontDoorFact[] = trace.proxy?.route
    ? [{ label: 'Route', value: trace.proxy.route }]
    : [{ label: 'Route', value: 'none traced' }];
  if (proxyEndpoint?.app) summary.push({ label: 'Takes as client', value: proxyEndpoint.app.clientIP ?? 'nothing' });
  return {
    id: `${id}:proxy`,
    kind: 'proxy',
    title: 'Proxy',
    subtitle: catalogLabel(kind),
    facts,
    summary,
    headers,
    backend: trace.proxy ? backend : null,
    alert: !!proxyEndpoint?.app && proxyEndpoint.app.isClient === false,
  };
}

/** The sidecar's box (Istio REDIRECT connects to the app from 127.0.0.6; TPROXY keeps the source). */
export function sidecarHop(id: string, trace: TraceResult, app: AppView | undefined): FrontDoorHop | null {
  const hop = trace.hops.find((h) => h.kind === 'sidecar');
  if (!hop && !app?.sidecar) return null;
  const redirect = app?.sidecar === 'istio-redirect' || (!!hop && app?.sidecar !== 'istio-tproxy');
  return {
    id: `${id}:sidecar`,
    kind: 'sidecar',
    title: 'Sidecar',
    subtitle: redirect ? 'Istio (REDIRECT)' : 'Istio (TPROXY)',
    facts: [
      {
        label: 'Does',
        value:
          hop?.detail ??
          (redirect
            ? 'Envoy in the pod connects to the application from 127.0.0.6'
            : 'TPROXY interception keeps the original source address'),
      },
      ...(hop?.src ? [{ label: 'App peer', value: hop.src }] : []),
    ],
    summary: [
      redirect
        ? { label: 'App peer', value: hop?.src ?? '127.0.0.6' }
        : { label: 'App peer', value: 'the original source (kept)' },
    ],
    headers: headerFacts(hop),
    backend: null,
    alert: redirect,
  };
}

/** "203.0.113.10 (X-Forwarded-For)" — the address the app takes as the client and how, for the diagram. */
export function clientShort(app: AppView): string {
  return `${app.clientIP ?? 'nothing'}${app.carrier ? ` (${carrierWords(app.carrier)})` : ''}`;
}

/** "203.0.113.10 (via X-Forwarded-For; the real client)", "10.0.1.7 (its connection's source address; not the client)". */
export function clientWords(app: AppView): string {
  const who = app.isClient === true ? 'the real client' : app.isClient === false ? 'not the client' : 'unknown';
  const via = app.carrier ? `via ${carrierWords(app.carrier)}` : "its connection's source address";
  return `${app.clientIP ?? 'nothing'} (${via}; ${who})`;
}

/** The application's box: its L3 peer and the address it takes as the client. */
export function appHop(id: string, ep: TraceEndpoint): FrontDoorHop | null {
  const app = ep.app;
  if (!app) return null;
  const facts: FrontDoorFact[] = [
    { label: 'Peer (L3)', value: app.peerIP ?? 'unknown' },
    { label: 'Client IP at the app', value: clientWords(app) },
  ];
  const summary: FrontDoorFact[] = [
    { label: 'Peer', value: app.peerIP ?? 'unknown' },
    { label: 'Client', value: clientShort(app) },
    { label: 'Real client', value: app.isClient === true ? 'yes' : app.isClient === false ? 'no' : 'unknown' },
  ];
  if (app.trusted !== null) {
    facts.push({
      label: 'Trust',
      value: app.trusted ? 'carrier accepted only from trusted peers' : 'carrier accepted from anyone (spoofable)',
    });
    if (!app.trusted) summary.push({ label: 'Spoofable', value: 'yes' });
  }
  return {
    id: `${id}:app`,
    kind: 'app',
    title: 'Application',
    subtitle: ep.pod ?? ep.ip,
    facts,
    summary,
    headers: [],
    backend: null,
    alert: app.isClient === false || app.trusted === false,
  };
}
