// What the application behind an endpoint learns about the client: its L3 peer
// (127.0.0.6 behind an Istio REDIRECT sidecar), and the address it takes as the client — from L3, from
// PROXY protocol, from a header an L7 LB or proxy wrote, or from TOA — with whether that is the real client
// and whether the carrier can be spoofed. ../shared/reference/source-ip-catalog.md §7-§8.
import type { ClusterModel } from '../../model/cluster';
import type { AppView, ClientIPCarrier, LoadBalancerInfo } from '../types';
import { proxyOfPod, type ProxyIdentity } from './proxy-detect';
import { evaluateProxy, type ProxyOutcome } from './proxy-eval';
import { proxySettings } from './proxy-settings';
import { ISTIO_INBOUND_PASSTHROUGH, sidecarOfPod } from './sidecar';

/** How the connection arrives at the endpoint. */
export interface Arrival {
  /** The real client's address. */
  client: string;
  /** L3 source at the pod (null = the load balancer's own address, unknown). */
  l3: string | null;
  /** The load balancer passed, if any. */
  lb: LoadBalancerInfo | null;
  /** The Service's LB annotations say TOA carries the client ("unknown": a NAT64 CLB, TOA a listener switch). */
  toa: boolean | 'unknown';
}

/** The app view plus, for a proxy pod, the proxy's outcome (headers, broken connection). */
export interface AppAnswer {
  app: AppView;
  proxy: ProxyOutcome | null;
}

/**
 * What the pod `podKey` learns from a connection arriving as `a`. `proxy`, when given, is the proxy to judge
 * instead of the pod's own: a Service's proxy judged from all its ready pods (the analysis), or the proxy of
 * an endpoint that is no pod (Cilium's Ingress endpoint, served by the node's Envoy).
 */
export function appFor(
  model: ClusterModel,
  podKey: string | null,
  a: Arrival,
  proxy: ProxyIdentity | null = null,
): AppAnswer {
  const sidecar = podKey ? sidecarOfPod(model, podKey) : null;
  const proxyId = proxy ?? (podKey ? proxyOfPod(model, podKey) : null);
  const peerIP = sidecar === 'istio-redirect' ? ISTIO_INBOUND_PASSTHROUGH : a.l3;
  const pp = a.lb?.proxyProtocol ?? null;
  if (proxyId) {
    const guess = a.l3 === null ? lbAddressGuess(model, a.lb) : null;
    const raw = evaluateProxy(proxySettings(model, proxyId), {
      peerIP: a.l3 ?? guess,
      // The LB writes the address it received the connection from: the client.
      proxyProtocol: pp ? { version: pp, source: a.client } : null,
      xForwardedFor: a.lb?.layer === 'L7' ? a.client : null,
    });
    const out = unguess(raw, guess);
    // The proxy took the LB's own address: not the client when the LB is known to replace it (K6).
    const tookLB = guess !== null && raw.clientIP === guess;
    const app: AppView = out.unknown
      ? { proxy: proxyId.id, sidecar, peerIP, clientIP: null, isClient: null, carrier: null, trusted: null }
      : out.broken
        ? { proxy: proxyId.id, sidecar, peerIP, clientIP: null, isClient: false, carrier: null, trusted: null }
        : {
            proxy: proxyId.id,
            sidecar,
            peerIP,
            clientIP: out.clientIP,
            // PROXY set outside the cluster (unknown): the client arrives only if it is really on. An LB that
            // may or may not keep the client: the L3 "client" may be the LB's own address.
            isClient: tookLB
              ? lbReplacesClient(a)
              : out.clientIP === null ||
                  (pp === 'unknown' && out.carrier === 'proxy-protocol') ||
                  (out.carrier === 'l3' && out.clientIP === a.client && lbMayReplaceClient(a))
                ? null
                : out.clientIP === a.client,
            carrier: out.carrier,
            trusted: out.trusted,
          };
    return { app, proxy: out };
  }
  const view = (clientIP: string | null, carrier: ClientIPCarrier | null, trusted: boolean | null): AppView => ({
    proxy: null,
    sidecar,
    peerIP,
    clientIP,
    isClient:
      clientIP === null
        ? carrier === 'l3'
          ? lbReplacesClient(a)
          : null
        : clientIP === a.client
          ? carrier === 'l3' && lbMayReplaceClient(a)
            ? null
            : true
          : false,
    carrier,
    trusted,
  });
  // TOA: the LB puts the client in a TCP option; the kernel module on the node hands it to getpeername().
  if (a.toa === true && a.lb) return { app: view(a.client, 'toa', null), proxy: null };
  // A NAT64 CLB: the client arrives in TOA only if its listener's switch is on (load-balancer.ts, NAT64_ANNOTATION).
  if (a.toa === 'unknown' && a.lb)
    return { app: { ...view(null, 'toa', null), clientIP: null, isClient: null }, proxy: null };
  if (a.lb?.layer === 'L7') return { app: view(a.client, 'x-forwarded-for', null), proxy: null };
  if (pp) return { app: view(a.client, 'proxy-protocol', null), proxy: null };
  return { app: view(peerIP, 'l3', null), proxy: null };
}

/**
 * Whether an unknown L3 source (the LB's own address) is known not to be the client: false when the LB
 * replaces the client (keepsClientIP false, or no LB at all); null when it may keep it (catalog "?").
 */
function lbReplacesClient(a: Arrival): false | null {
  return lbMayReplaceClient(a) ? null : false;
}

/** The LB may hand over its own address instead of the client's (catalog "?", or an unknown LB). */
function lbMayReplaceClient(a: Arrival): boolean {
  return !!a.lb && a.lb.keepsClientIP === null;
}

/**
 * The LB's own address is not in API objects. Cloud LBs connect from the nodes' VPC subnets (catalog
 * aws-alb-ingress notes: "backends must trust the ALB subnet"), so a node address stands in for it when a
 * proxy decides whether it trusts the LB; the app's peerIP stays null (unknown).
 */
export function lbAddressGuess(model: ClusterModel, lb: LoadBalancerInfo | null): string | null {
  if (!lb) return null;
  for (const n of model.nodes.values()) if (n.internalIPs[0]) return n.internalIPs[0];
  return null;
}

/** LB address in output: the stand-in node address becomes "the load balancer's address" (unknown). */
export function unguess(out: ProxyOutcome, guess: string | null): ProxyOutcome {
  if (!guess) return out;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k] = v.split(guess).join(LB_ADDRESS);
  return { ...out, clientIP: out.clientIP === guess ? null : out.clientIP, headers };
}

/** How the load balancer's own address (not in API objects) is written in headers. */
export const LB_ADDRESS = '<load balancer address>';

/** What a backend behind a proxy learns: the proxy pod is its peer, the client travels in the proxy's header. */
export function backendApp(
  model: ClusterModel,
  podKey: string | null,
  proxyPodIP: string | null,
  client: string,
  outcome: ProxyOutcome,
  carrier: ClientIPCarrier,
  proxyTrustsAll: boolean,
): AppView {
  const sidecar = podKey ? sidecarOfPod(model, podKey) : null;
  const clientIP = outcome.broken ? null : outcome.clientIP;
  // The proxy's own answer is unknown (a setting kubepath could not read): so is what the backend learns.
  const unknown = outcome.unknown !== null;
  return {
    proxy: podKey ? (proxyOfPod(model, podKey)?.id ?? null) : null,
    sidecar,
    peerIP: sidecar === 'istio-redirect' ? ISTIO_INBOUND_PASSTHROUGH : proxyPodIP,
    clientIP,
    isClient: unknown ? null : clientIP === null ? false : clientIP === client,
    carrier: outcome.broken || unknown ? null : carrier,
    trusted: outcome.broken || unknown ? null : !proxyTrustsAll,
  };
}
