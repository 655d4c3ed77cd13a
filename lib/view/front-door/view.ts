// Builds the Service page's front-door panel from the analysis and the sample traces (./samples.ts):
// per policy the hops in front of the application and whether it learns the client, plus the routes this
// proxy serves and the proxies in front of this Service, as links. Pure.
import type { AppPath, ServiceAnalysis, TraceResult, TrafficPolicy } from '../../engine/types';
import { appHop, catalogLabel, lbHop, proxyHop, sidecarHop } from './hops';
import type { FrontDoorSample } from './samples';
import type { FrontDoorHop, FrontDoorPolicyView, FrontDoorView, RouteView, ServiceLinkView } from './types';
import { carriersText } from './words';

/** A sample and what the engine traced for it. */
export interface TracedSample {
  sample: FrontDoorSample;
  trace: TraceResult;
}

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
  const { trace, sample } = traced;
  const id = policy;
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
  const proxy = proxyHop(id, trace, ep?.app?.proxy ? ep : undefined);
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
