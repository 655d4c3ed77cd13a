// local-imbalance: under externalTrafficPolicy Local a load balancer spreads over the NODES that pass
// its health check, not over pods, so pods packed on one node share that node's slice while a lone
// pod elsewhere gets a whole one (create-external-load-balancer.md caveats: "load balancers balance per
// node, not per pod"; kube-proxy's health check reports the count only as X-Load-Balancing-Endpoint-Weight,
// healthcheck_test.go::TestServer). Raised when max/min pod share ≥ IMBALANCE_THRESHOLD.
import type { PodShare } from '../types';
import type { Finding } from '../types';
import { finding, fraction, listText, plural, ref } from './finding';
import { hostnameSpreadYaml } from './spread-yaml';
import type { FindingContext } from './types';

export const LOCAL_IMBALANCE = 'local-imbalance';

/** Skew (largest / smallest pod share) from which the imbalance is reported. */
export const IMBALANCE_THRESHOLD = 1.5;

interface NodeGroup {
  node: string;
  pods: PodShare[];
  share: number;
}

function groupsOf(pods: readonly PodShare[]): NodeGroup[] {
  const byNode = new Map<string, NodeGroup>();
  for (const p of pods) {
    if (p.share <= 0) continue;
    const node = p.node ?? '(unknown node)';
    let g = byNode.get(node);
    if (!g) byNode.set(node, (g = { node, pods: [], share: p.share }));
    g.pods.push(p);
  }
  return [...byNode.values()].sort((a, b) => a.share - b.share || a.node.localeCompare(b.node));
}

const TOPOLOGY_SPREAD = (app: string) =>
  `# on the Deployment's pod template: one pod per node before any node gets a second\n${hostnameSpreadYaml(`            ${app}`)}\n`;

/** Raises `local-imbalance` when a Local Service's pods receive very unequal shares of external traffic. */
export function localImbalance(ctx: FindingContext): Finding[] {
  const { service: s, analysis, entry } = ctx.svc;
  if (!entry || s.externalTrafficPolicy !== 'Local') return [];
  const local = analysis.paths.Local;
  if (local.skew === null || local.skew < IMBALANCE_THRESHOLD) return [];
  const groups = groupsOf(local.pods);
  const nodesServing = local.nodes
    .filter((n) => n.verdict === 'forwarded' && n.lbShare > 0)
    .reduce((k, n) => k + n.count, 0);
  const spread =
    entry.viaLoadBalancer && s.type === 'LoadBalancer'
      ? `The load balancer spreads over the ${plural(nodesServing, 'node')} that pass the health check, not over pods`
      : `Clients spread over the nodes, and only the ${plural(nodesServing, 'node')} with a local endpoint forward`;
  // Smallest to largest share; with many nodes, the two extremes of each end.
  const shown =
    groups.length <= 4 ? groups : [groups[0], groups[1], groups[groups.length - 2], groups[groups.length - 1]];
  const parts = shown.map((g) =>
    g.pods.length === 1
      ? `the single pod on ${g.node} gets ${fraction(g.share)}`
      : `the ${g.pods.length} pods on ${g.node} get ${fraction(g.share)} each`,
  );
  if (groups.length > 4) parts.push(`${groups.length - 4} more nodes in between`);
  const cluster = analysis.paths.Cluster.pods.filter((p) => p.share > 0);
  const cMin = Math.min(...cluster.map((p) => p.share)),
    cMax = Math.max(...cluster.map((p) => p.share));
  const whatIf =
    cluster.length === 0
      ? ''
      : Math.abs(cMax - cMin) < 1e-9
        ? `; under Cluster (what-if) each of the ${plural(cluster.length, 'pod')} would get ${fraction(cMax)}`
        : `; under Cluster (what-if) shares would range from ${fraction(cMin)} to ${fraction(cMax)}`;
  const selector = s.selector
    ? Object.entries(s.selector)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n            ')
    : 'app: <your app label>';
  return [
    finding({
      rule: LOCAL_IMBALANCE,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'Uneven traffic per pod under externalTrafficPolicy Local',
      message: `${spread}: ${listText(parts, 5)} (skew ${local.skew.toFixed(1)})${whatIf}.`,
      evidence: [ref('Service', s.key), ...groups.map((g) => ref('Node', g.node))],
      fix: 'Spread the pods evenly over nodes (one per node, e.g. topologySpreadConstraints or a DaemonSet), or use externalTrafficPolicy Cluster if the pods do not need the client IP.',
      fixYaml: TOPOLOGY_SPREAD(selector),
      source:
        'kubernetes/website create-external-load-balancer.md (caveats: load balancers balance per node, not per pod); pkg/proxy/healthcheck/healthcheck_test.go::TestServer (X-Load-Balancing-Endpoint-Weight)',
    }),
  ];
}
