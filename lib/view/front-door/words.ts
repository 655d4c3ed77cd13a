// Words for the front-door panel: what a load balancer's layer, health check and PROXY setting mean,
// and how a client address travels (carriers), as a user reads them. Pure.
import type { AppPath, ClientIPCarrier, LoadBalancerInfo } from '../../engine/types';

/** Carrier ids (the engine's `carrier` / `carriers`) as the overview and the Service page print them. */
export const CARRIER_WORDS: Record<ClientIPCarrier, string> = {
  l3: 'L3',
  'proxy-protocol': 'PROXY',
  'x-forwarded-for': 'X-Forwarded-For',
  'x-real-ip': 'X-Real-IP',
  forwarded: 'Forwarded',
  'x-envoy-external-address': 'x-envoy-external-address',
  toa: 'TOA',
};

/** A carrier id in words; an id the dashboard does not know is shown as it is. */
export function carrierWords(carrier: string): string {
  return (CARRIER_WORDS as Record<string, string>)[carrier] ?? carrier;
}

/** "L3, X-Forwarded-For" — how the client address reaches the app; empty when nothing carries it. */
export function carriersText(carriers: readonly string[]): string {
  return carriers.map(carrierWords).join(', ');
}

/** `paths[policy].app.clientIP` as a short answer. */
export const CLIENT_IP_ANSWER: Record<AppPath['clientIP'], string> = {
  yes: 'yes',
  no: 'no',
  partial: 'partial',
  unknown: 'unknown',
};

/** What the LB layer does to the packet's source. */
export function layerWords(lb: LoadBalancerInfo): string {
  if (lb.layer === 'L4-passthrough') return 'L4 pass-through: forwards packets, source unchanged';
  if (lb.layer === 'L4-proxy') return 'L4 proxy: opens its own connection, so the source becomes the LB';
  return 'L7: terminates HTTP and opens its own connection (client in X-Forwarded-For)';
}

/** The LB layer in two words, as the diagram's box draws it. */
export const LAYER_SHORT: Record<LoadBalancerInfo['layer'], string> = {
  'L4-passthrough': 'L4 pass-through',
  'L4-proxy': 'L4 proxy',
  L7: 'L7',
};

/** Whether the LB keeps the client address: yes / no / unknown. */
export function keepsShort(keeps: boolean | null): string {
  return keeps === true ? 'yes' : keeps === false ? 'no' : 'unknown';
}

/** The LB's PROXY protocol setting in one word: off, v1, v2, unknown. */
export function proxyProtocolShort(pp: LoadBalancerInfo['proxyProtocol']): string {
  return pp === null ? 'off' : pp;
}

/** Where the LB sends packets. */
export function targetWords(lb: LoadBalancerInfo): string {
  return lb.targets === 'pods'
    ? 'straight to pod IPs (kube-proxy and externalTrafficPolicy are not in the path)'
    : 'to nodes (kube-proxy and externalTrafficPolicy decide the rest)';
}

/** Whether the LB keeps the client address, in words. */
export function keepsWords(lb: LoadBalancerInfo): string {
  if (lb.keepsClientIP === true) return 'keeps the client address';
  if (lb.keepsClientIP === false) return 'replaces the client address with its own';
  return 'unknown whether it keeps the client address';
}

/** The LB's PROXY protocol setting. */
export function proxyProtocolWords(pp: LoadBalancerInfo['proxyProtocol']): string {
  if (pp === null) return 'off';
  if (pp === 'unknown') return 'unknown (set outside the cluster)';
  return `on (${pp})`;
}

/** What the LB probes to choose nodes. */
export const HEALTH_CHECK_WORDS: Record<LoadBalancerInfo['healthCheck'], string> = {
  healthCheckNodePort: 'probes healthCheckNodePort',
  trafficPort: 'probes the traffic port (not healthCheckNodePort)',
  'kube-proxy-healthz': 'probes kube-proxy :10256/healthz',
  endpoints: 'steered by EndpointSlices (no probe)',
  none: 'no health check',
  unknown: 'unknown',
};

/** How the LB spreads traffic. */
export const WEIGHT_WORDS: Record<LoadBalancerInfo['weights'], string> = {
  even: 'even over its targets',
  podCount: 'weighted by local pod count',
  singleNode: 'one announcing node takes all traffic',
  unknown: 'unknown',
};
