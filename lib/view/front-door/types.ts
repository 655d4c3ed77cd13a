// The front-door panel's view data: the hops in front of the application (load balancer by kind, proxy
// with the headers it writes, sidecar) and what the application takes as the client, per policy. Plain
// serialisable data; components render it as text (nothing from a cluster object becomes HTML).
import type { AppPath, TrafficPolicy } from '../../engine/types';

/** One labelled fact of a hop. */
export interface FrontDoorFact {
  label: string;
  value: string;
}

/** One hop in front of (or at) the application. */
export interface FrontDoorHop {
  /** Stable id within the panel, e.g. `Local:proxy`. */
  id: string;
  kind: 'loadBalancer' | 'proxy' | 'sidecar' | 'app';
  title: string;
  subtitle: string;
  facts: FrontDoorFact[];
  /**
   * The few facts the path diagram draws in the hop's box (short values; the full ones are in `facts` and
   * `headers`), so the diagram and the cards read one view and cannot disagree.
   */
  summary: FrontDoorFact[];
  /** Headers as they leave this hop, `{ name, value }`, in the order the hop writes them. */
  headers: FrontDoorFact[];
  /** Proxy hops: the backend Service the route leads to, when the route is known. */
  backend: string | null;
  /** Something here costs the client address (drawn as a warning). */
  alert: boolean;
}

/** The front door under one policy (externalTrafficPolicy of the Service the LB fronts). */
export interface FrontDoorPolicyView {
  policy: TrafficPolicy;
  actual: boolean;
  /** `paths[policy].app.clientIP` of the analysis, or null when the engine gave none. */
  answer: AppPath['clientIP'] | null;
  /** How the client reaches the app, e.g. "L3, X-Forwarded-For"; empty when nothing carries it. */
  how: string;
  note: string;
  hops: FrontDoorHop[];
  /** The sample trace's command line, or null when no load balancer leads here. */
  command: string | null;
  /** Why no hops are drawn, when none are. */
  empty: string | null;
}

/** A link to another Service's page. */
export interface ServiceLinkView {
  /** `namespace/name` */
  service: string;
  namespace: string;
  name: string;
}

/** A route (Ingress, HTTPRoute, VirtualService) served by this proxy. */
export interface RouteView {
  kind: string;
  object: string;
  hosts: string[];
  backends: ServiceLinkView[];
  /** Label of the cloud L7 LB an Ingress class makes, else null. */
  loadBalancer: string | null;
}

/** The whole panel. */
export interface FrontDoorView {
  /** Catalog label of the proxy this Service's pods run, or null. */
  proxy: string | null;
  routes: RouteView[];
  /** Proxies routing to this Service. */
  behind: (ServiceLinkView & { route: string })[];
  policies: FrontDoorPolicyView[];
}
