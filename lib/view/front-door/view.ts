// Builds the Service page's front-door panel from the analysis and the sample traces (./samples.ts):
// per policy the hops in front of the application and whether it learns the client, plus the routes this
// proxy serves and the proxies in front of this Service, as links. Pure.
import type { AppPath, LoadBalancerInfo, ServiceAnalysis, TraceResult, TrafficPolicy } from '../../engine/types';
import { analysisAppHop } from './analysis-hops';
import { appHop, catalogLabel, lbHop, proxyHop, sidecarHop } from './hops';
import type { FrontDoorSample } from './samples';
import type { FrontDoorHop, FrontDoorPolicyView, FrontDoorView, RouteView, ServiceLinkView } from './types';
import { carriersText } from './words';

/**
 * A sample and what is known about it: the engine's trace when a proxy or sidecar is on the path (their
 * headers and peers are answered per packet, by the tracer only), else the load balancer the analysis
 * identified for the policy, and the hops are read from the analysis.
 */
export type TracedSample =
  | { sample: FrontDoorSample; trace: TraceResult; backendOf?: (route: string) => string | null }
  | { sample: FrontDoorSample; trace: null; loadBalancer: LoadBalancerInfo | null };

/** `ns/name` as a link. */
export function serviceLink(key: string): ServiceLinkView {
  const i = key.indexOf('/');
  return { service: key, namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** True when the Service has anything in front of its application worth a panel. */
export function hasFrontDoor(analysis: ServiceAnalysis): boolean {
  const fd = analysis.frontDoor;
  return !!fd && (fd.loadBalancer !== null || fd.proxy !== null || fd.routes.length > 0 || fd.behind.length > 0);
}

function policyView(
  analysis: ServiceAnalysis,
  policy: TrafficPolicy,
  traced: TracedSample | null,
): FrontDoorPolicyView {
  const app: AppPath | undefined = analysis.paths[policy].app;
  const base = {
    policy,
    actual: analysis.paths[policy].actual,
    answer: app?.clientIP ?? null,
    how: carriersText(app?.carriers ?? []),
    note: app?.note ?? '',
  };
  if (!traced) {
    return {
      ...base,
      hops: [],
      command: null,
      empty: 'No load balancer leads to this Service, so there is no external sample to draw.',
    };
  }
  const id = policy;
  if (traced.trace === null) {
    const hops: FrontDoorHop[] = [];
    if (traced.loadBalancer) hops.push(lbHop(id, traced.loadBalancer, undefined));
    const appBox = analysisAppHop(id, analysis.paths[policy], analysis.service);
    if (appBox) hops.push(appBox);
    return {
      ...base,
      hops,
      command: traced.sample.command,
      empty: hops.length === 0 ? 'No pod receives traffic under this policy.' : null,
    };
  }
  const { trace, sample } = traced;
  const ep = [...trace.endpoints].sort((a, b) => b.share - a.share).find((e) => e.app);
  const hops: FrontDoorHop[] = [];
  const lb = trace.loadBalancer ?? null;
  if (lb)
    hops.push(
      lbHop(
        id,
        lb,
        trace.hops.find((h) => h.kind === 'loadBalancer'),
      ),
    );
  const proxy = proxyHop(
    id,
    trace,
    ep?.app?.proxy ? ep : undefined,
    trace.proxy?.route ? (traced.backendOf?.(trace.proxy.route) ?? null) : null,
  );
  if (proxy) hops.push(proxy);
  const sidecar = sidecarHop(id, trace, ep?.app);
  if (sidecar) hops.push(sidecar);
  // A proxy reached without a route is itself the application: its box already says what it takes.
  const appBox = ep && !(ep.app?.proxy && !trace.proxy) ? appHop(id, ep) : null;
  if (appBox) hops.push(appBox);
  const missedRoute = sample.viaProxy !== null && !trace.proxy;
  return {
    ...base,
    hops,
    command: sample.command,
    empty:
      hops.length === 0
        ? `The sample packet reaches no application: ${trace.reason}`
        : missedRoute
          ? `The sample did not pass ${sample.viaProxy}'s route to this Service: ${trace.reason}`
          : null,
  };
}

/** The panel, or null when nothing stands in front of the Service's application. */
export function buildFrontDoorView(
  analysis: ServiceAnalysis,
  traced: Record<TrafficPolicy, TracedSample | null>,
): FrontDoorView | null {
  if (!hasFrontDoor(analysis)) return null;
  const fd = analysis.frontDoor!;
  const routes: RouteView[] = fd.routes.map((r) => ({
    kind: r.kind,
    object: r.object,
    hosts: r.hosts,
    backends: r.backends.map(serviceLink),
    loadBalancer: r.loadBalancer ? r.loadBalancer.label : null,
  }));
  return {
    proxy: fd.proxy ? catalogLabel(fd.proxy) : null,
    routes,
    behind: fd.behind.map((b) => ({ ...serviceLink(b.proxyService), route: b.route })),
    policies: (['Cluster', 'Local'] as const).map((p) => policyView(analysis, p, traced[p])),
  };
}
