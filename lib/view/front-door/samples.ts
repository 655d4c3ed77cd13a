// The sample packets the Service page's front-door panel shows: per policy, one external client entering
// through the load balancer in front of the Service (its own, or the proxy's when a proxy routes to it), at
// a typical node, continuing through the proxy's route when there is one. Chosen from the analysis (pure),
// then traced by the engine's one tracer (traceInModel), so the panel says what `kubepath trace` says.
import type { FrontDoorOptions } from '../../engine/frontdoor/trace-frontdoor';
import type { AnalysisResult, NodePath, ServiceAnalysis, TrafficPolicy } from '../../engine/types';

/** One sample trace's inputs. */
export interface FrontDoorSample {
  policy: TrafficPolicy;
  clientIP: string;
  /** The LoadBalancer Service the packet enters through, or the Ingress whose class makes a cloud L7 LB. */
  lbService: string;
  /** `lb`: through a LoadBalancer Service; `ingress`: through an Ingress's cloud L7 load balancer. */
  via: 'lb' | 'ingress';
  atNode: string;
  host: string | null;
  /** The proxy Service routing to this Service, when the sample goes through one. */
  viaProxy: string | null;
  /** The same trace as a `kubepath trace` command line (without `-f`). */
  command: string;
}

/** The node a sample enters at: under Cluster one that SNATs (the usual case), under Local a healthy one. */
export function sampleNode(rows: NodePath[], policy: TrafficPolicy): string | null {
  const eligible = rows.filter((r) => r.inLoadBalancer && r.sampleNodes.length > 0);
  const preferred =
    policy === 'Cluster'
      ? eligible.find((r) => r.snatSource !== null && r.verdict === 'forwarded')
      : eligible.find((r) => r.healthCheck === 200 && r.verdict === 'forwarded');
  const row = preferred ?? eligible.find((r) => r.verdict === 'forwarded') ?? eligible[0];
  return row ? (row.node ?? row.sampleNodes[0]) : null;
}

/** The first host a route serves (a wildcard host is made concrete), or null. */
function hostOf(hosts: string[] | undefined): string | null {
  const h = hosts?.find((x) => x.length > 0);
  if (!h) return null;
  return h.startsWith('*.') ? `www.${h.slice(2)}` : h;
}

/** The sample for `policy`, or null when no load balancer leads to this Service. */
export function chooseSample(
  result: AnalysisResult,
  analysis: ServiceAnalysis,
  policy: TrafficPolicy,
): FrontDoorSample | null {
  const fd = analysis.frontDoor;
  const viaIngress = ingressSample(analysis, policy);
  if (viaIngress) return viaIngress;
  let lbAnalysis: ServiceAnalysis | undefined = analysis;
  let host: string | null = null;
  let viaProxy: string | null = null;
  const behind = fd?.behind[0];
  if (behind && analysis.type !== 'LoadBalancer') {
    lbAnalysis = result.services.find((s) => s.service === behind.proxyService);
    // `behind[].route` reads "Kind namespace/name".
    const route = lbAnalysis?.frontDoor?.routes.find((r) => `${r.kind} ${r.object}` === behind.route);
    host = hostOf(route?.hosts) ?? 'example.com';
    viaProxy = behind.proxyService;
  } else if (fd?.proxy && fd.routes.length > 0) {
    host = hostOf(fd.routes[0].hosts) ?? 'example.com';
  }
  if (!lbAnalysis || lbAnalysis.type !== 'LoadBalancer') return null;
  const paths = lbAnalysis.paths[policy];
  const atNode = sampleNode(paths.nodes, policy);
  if (!atNode) return null;
  const command =
    `kubepath trace --from ${paths.clientIP} --to lb:${lbAnalysis.service} --at-node ${atNode} --policy ${policy}` +
    (host ? ` --host ${host}` : '');
  return {
    policy,
    clientIP: paths.clientIP,
    lbService: lbAnalysis.service,
    via: 'lb',
    atNode,
    host,
    viaProxy,
    command,
  };
}

/** A sample through a cloud L7 LB made by an Ingress routing to this Service (`trace --to ingress:`). */
function ingressSample(analysis: ServiceAnalysis, policy: TrafficPolicy): FrontDoorSample | null {
  const route = analysis.frontDoor?.routes.find((r) => r.loadBalancer && r.backends.includes(analysis.service));
  if (!route) return null;
  const paths = analysis.paths[policy];
  const atNode = sampleNode(paths.nodes, policy) ?? '';
  const host = hostOf(route.hosts);
  const command =
    `kubepath trace --from ${paths.clientIP} --to ingress:${route.object}` +
    (atNode ? ` --at-node ${atNode}` : '') +
    ` --policy ${policy}` +
    (host ? ` --host ${host}` : '');
  return {
    policy,
    clientIP: paths.clientIP,
    lbService: route.object,
    via: 'ingress',
    atNode,
    host,
    viaProxy: null,
    command,
  };
}

/** The engine's front-door options for a sample. */
export function sampleOptions(s: FrontDoorSample): FrontDoorOptions {
  if (s.via === 'ingress') return { target: { kind: 'ingress', ingress: s.lbService }, host: s.host };
  return { target: { kind: 'lb', service: s.lbService, port: null }, host: s.host };
}
