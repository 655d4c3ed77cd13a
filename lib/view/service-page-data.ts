// Everything the Service page shows, computed once on the server from the cluster view and sent to
// the client as plain data: the Service's facts, both diagrams laid out, the pod-share charts, its
// findings and the NetworkPolicies selecting its pods. Pure.
import { policyIndexFor } from '../engine/facade';
import { inClusterPaths, type InClusterPaths } from '../engine/in-cluster-paths';
import { createPolicyHook } from '../engine/netpol';
import type { ClusterModel } from '../model/cluster';
import type { AnalysisResult, Dataplane, Finding, ServiceAnalysis, ServiceEntry, TrafficPolicy } from '../engine/types';
import type { DiagramLayout, DiagramView } from './diagram-types';
import { frontDoorPanel } from './front-door/run';
import type { FrontDoorView } from './front-door/types';
import { layoutDiagram } from './layout';
import { buildInClusterView } from './diagram/in-cluster';
import { layoutInClusterChart, layoutPodChart, type PodChart } from './pod-chart';
import { buildDiagramView } from './service-view';
import { policiesForService, type ServicePolicies } from './service-policies';
import { defaultTraceInputs } from './trace-input';
import type { ServicePathKind, TraceInputs } from './url-state';

/** Node names offered in the trace form's arrival-node list, at most. */
export const MAX_NODE_OPTIONS = 500;

/** The facts shown in the Service page header. */
export interface ServiceFacts {
  key: string;
  namespace: string;
  name: string;
  type: string;
  externalTrafficPolicy: TrafficPolicy;
  internalTrafficPolicy: TrafficPolicy;
  entries: ServiceEntry[];
  endpoints: ServiceAnalysis['endpoints'];
  ports: { name: string | null; port: number; targetPort: string; nodePort: number | null; protocol: string }[];
  selector: string | null;
  healthCheckNodePort: number | null;
  loadBalancerSourceRanges: string[];
}

/** One policy's diagram, layout and pod chart. */
export interface PolicyPanel {
  view: DiagramView;
  layout: DiagramLayout;
  chart: PodChart;
}

/** The diagrams of one path kind: both policies, and which one the Service has. */
export interface PathPanels {
  kind: ServicePathKind;
  /** The policy field the two diagrams compare (externalTrafficPolicy or internalTrafficPolicy). */
  field: 'externalTrafficPolicy' | 'internalTrafficPolicy';
  actual: TrafficPolicy;
  panels: Record<TrafficPolicy, PolicyPanel>;
  /** In-cluster only: the client pod traced by default (the trace form's default source). */
  samplePod?: string | null;
}

/** All data of the Service page. */
export interface ServicePageData {
  facts: ServiceFacts;
  /** External path (client → LB → nodes → pods). */
  panels: Record<TrafficPolicy, PolicyPanel>;
  /** Both path kinds; `defaultPath` is the one shown without `path=` in the URL. */
  paths: Record<ServicePathKind, PathPanels>;
  defaultPath: ServicePathKind;
  findings: Finding[];
  policies: ServicePolicies;
  traceDefaults: TraceInputs;
  nodeNames: string[];
  /** Pod keys offered as trace sources and in-cluster clients: the Service's own pods first. */
  podSuggestions: string[];
  proxyTitle: string;
  /** Load balancer, proxy and sidecar in front of the application, per policy; null when none. */
  frontDoor: FrontDoorView | null;
}

/** Title of the proxy column for the detected dataplane. */
export function proxyTitle(dp: Dataplane): string {
  return dp.proxyMode === 'cilium-kpr' ? 'Cilium (kube-proxy replacement)' : `kube-proxy (${dp.proxyMode})`;
}

/** Finds a Service's analysis by namespace and name. */
export function findServiceAnalysis(analysis: AnalysisResult, namespace: string, name: string): ServiceAnalysis | null {
  const key = `${namespace}/${name}`;
  return analysis.services.find((s) => s.service === key) ?? null;
}

/** Builds the Service page's data; `group` is the node-grouping threshold from the URL. */
export function buildServicePageData(
  model: ClusterModel,
  result: AnalysisResult,
  analysis: ServiceAnalysis,
  opts: { group: number; clientIP?: string | null; clientPod?: string | null },
): ServicePageData {
  const title = proxyTitle(result.dataplane);
  const svc = model.services.get(analysis.service);
  // Node addresses for the diagram's individual nodes only (never a loop over the whole cluster).
  const nodeAddresses: Record<string, string> = {};
  for (const policy of ['Cluster', 'Local'] as const) {
    for (const row of analysis.paths[policy].nodes) {
      if (row.node === null || nodeAddresses[row.node]) continue;
      const ip = model.nodes.get(row.node)?.internalIPs[0];
      if (ip) nodeAddresses[row.node] = ip;
    }
  }
  // One front-door view feeds the diagram's front-door columns and the cards below it.
  const frontDoor = frontDoorPanel(model, result, analysis);
  const panel = (policy: TrafficPolicy): PolicyPanel => {
    const view = buildDiagramView(analysis, policy, {
      group: opts.group,
      proxyTitle: title,
      nodeAddresses,
      frontDoor: frontDoor?.policies.find((p) => p.policy === policy) ?? null,
    });
    return { view, layout: layoutDiagram(view), chart: layoutPodChart(analysis.paths[policy]) };
  };
  const external = { Cluster: panel('Cluster'), Local: panel('Local') };
  const inCluster = svc ? inClusterPanels(model, result, analysis, svc, { ...opts, proxyTitle: title }) : null;
  const ids = new Set(analysis.findings);
  const findings = result.findings.filter((f) => ids.has(f.id) || f.service === analysis.service);
  const nodeNames: string[] = [];
  for (const name of model.nodes.keys()) {
    if (nodeNames.length >= MAX_NODE_OPTIONS) break;
    nodeNames.push(name);
  }
  const actual = analysis.paths[analysis.externalTrafficPolicy];
  return {
    facts: {
      key: analysis.service,
      namespace: analysis.namespace,
      name: analysis.name,
      type: analysis.type,
      externalTrafficPolicy: analysis.externalTrafficPolicy,
      internalTrafficPolicy: analysis.internalTrafficPolicy,
      entries: analysis.entries,
      endpoints: analysis.endpoints,
      ports: (svc?.ports ?? []).map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: String(p.targetPort),
        nodePort: p.nodePort,
        protocol: p.protocol,
      })),
      selector: svc?.selector
        ? Object.entries(svc.selector)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : null,
      healthCheckNodePort: svc?.healthCheckNodePort ?? null,
      loadBalancerSourceRanges: (svc?.loadBalancerSourceRanges ?? []).map((c) => c.text),
    },
    panels: external,
    paths: {
      external: {
        kind: 'external',
        field: 'externalTrafficPolicy',
        actual: analysis.externalTrafficPolicy,
        panels: external,
      },
      'in-cluster': inCluster ?? {
        kind: 'in-cluster',
        field: 'internalTrafficPolicy',
        actual: analysis.internalTrafficPolicy,
        panels: external,
      },
    },
    defaultPath: defaultPathOf(analysis),
    findings,
    policies: policiesForService(model, analysis),
    traceDefaults: defaultTraceInputs(
      analysis,
      // A Service reached from pods: trace from a client pod unless the URL names a client address.
      !opts.clientIP && defaultPathOf(analysis) === 'in-cluster' && inCluster?.samplePod
        ? `pod:${inCluster.samplePod}`
        : (opts.clientIP ?? actual.clientIP),
    ),
    nodeNames: nodeNames.sort(),
    podSuggestions: podSuggestions(model, analysis),
    proxyTitle: title,
    frontDoor,
  };
}

/** External when the Service has an address outside clients use (LB, NodePort, externalIP), else in-cluster. */
export function defaultPathOf(analysis: ServiceAnalysis): ServicePathKind {
  return analysis.entries.some((e) => e.kind !== 'clusterIP') ? 'external' : 'in-cluster';
}

/** The in-cluster diagrams (iTP Cluster and Local) of a Service. */
function inClusterPanels(
  model: ClusterModel,
  result: AnalysisResult,
  analysis: ServiceAnalysis,
  svc: NonNullable<ReturnType<ClusterModel['services']['get']>>,
  opts: { group: number; clientPod?: string | null; proxyTitle: string },
): PathPanels {
  const ctx = {
    model,
    dataplane: result.dataplane,
    hook: createPolicyHook(model, result.dataplane, policyIndexFor(model)),
  };
  let samplePod: string | null = null;
  const panel = (policy: TrafficPolicy): PolicyPanel => {
    const paths: InClusterPaths = inClusterPaths(ctx, svc, policy, { clientPod: opts.clientPod ?? null });
    // The trace form's default in-cluster source: a client from another namespace when there is one.
    const client = paths.clients.find((c) => c.group.namespace !== svc.namespace) ?? paths.clients[0];
    samplePod ??= client?.routes[0]?.tracedPod ?? null;
    const view = buildInClusterView(paths, {
      service: analysis.service,
      group: opts.group,
      proxyTitle: opts.proxyTitle,
    });
    return { view, layout: layoutDiagram(view), chart: layoutInClusterChart(view) };
  };
  const panels = { Cluster: panel('Cluster'), Local: panel('Local') };
  return {
    kind: 'in-cluster',
    field: 'internalTrafficPolicy',
    actual: analysis.internalTrafficPolicy,
    panels,
    samplePod,
  };
}

/** The Service's own pods, then other pods, at most MAX_NODE_OPTIONS (never a loop over a huge cluster). */
function podSuggestions(model: ClusterModel, analysis: ServiceAnalysis): string[] {
  const own = analysis.paths[analysis.externalTrafficPolicy].pods.flatMap((p) => (p.pod ? [p.pod] : [])).slice(0, 50);
  const out = new Set(own);
  for (const key of model.pods.keys()) {
    if (out.size >= MAX_NODE_OPTIONS) break;
    out.add(key);
  }
  return [...out];
}
