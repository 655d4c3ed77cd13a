// single-node-replicas: every ready replica behind a LoadBalancer or NodePort Service runs on one node. The
// Service has replicas but no redundancy against that node failing (drain, kernel panic, spot reclaim), and
// under externalTrafficPolicy Local that node alone passes the load balancer's health check, so it carries all
// external traffic (create-external-load-balancer.md "Preserving the client source IP": nodes without local
// endpoints fail healthCheckNodePort). The scheduler only spreads replicas when asked to
// (https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/,
// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity).
// Raised for 2 or more ready replicas (one replica is not redundant anywhere; spreading cannot fix that).
import { RULES } from '../rules';
import type { Finding } from '../types';
import { finding, plural, ref } from './finding';
import { hostnameSpreadYaml } from './spread-yaml';
import type { FindingContext } from './types';

export const SINGLE_NODE_REPLICAS = 'single-node-replicas';

function selectorLines(selector: Record<string, string> | null, indent: string): string {
  const entries = selector ? Object.entries(selector) : [];
  if (entries.length === 0) return `${indent}app: <your app label>`;
  return entries.map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}`).join('\n');
}

function fixYaml(key: string, selector: Record<string, string> | null): string {
  return `# the Deployment / StatefulSet behind Service ${key}: at most one replica more on any node, and prefer
# nodes without a replica (required anti-affinity would leave extra replicas Pending on small clusters)
${hostnameSpreadYaml(selectorLines(selector, '            '))}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels:
${selectorLines(selector, '                  ')}
`;
}

/** Raises `single-node-replicas` when all (≥ 2) ready replicas of an externally reachable Service share one node. */
export function singleNodeReplicas(ctx: FindingContext): Finding[] {
  const { service: s, entry, endpoints, analysis } = ctx.svc;
  if (!entry || (s.type !== 'LoadBalancer' && s.type !== 'NodePort')) return [];
  // One replica per pod (a dual-stack pod has two endpoints); a ready endpoint without a node cannot be placed.
  const nodeOf = new Map<string, string | null>();
  for (const ep of endpoints) if (ep.ready) nodeOf.set(ep.podKey ?? ep.ip, ep.nodeName);
  if (nodeOf.size < 2) return [];
  const nodes = new Set(nodeOf.values());
  if (nodes.size !== 1) return [];
  const node = [...nodes][0];
  if (node === null) return [];
  const pods = [...nodeOf.keys()].filter((k) => k.includes('/')).sort();
  const inLB = analysis.paths.Cluster.nodes.filter((n) => n.inLoadBalancer).reduce((k, n) => k + n.count, 0);
  const local = s.externalTrafficPolicy === 'Local';
  const traffic = local
    ? `under externalTrafficPolicy Local only ${node} passes the health check, so it carries all external traffic${inLB > 1 ? ` that the load balancer could spread over ${plural(inLB, 'node')}` : ''}`
    : `under externalTrafficPolicy Cluster every node forwards to ${node}${inLB > 1 ? ` (the load balancer spreads over ${plural(inLB, 'node')}, all of which send the traffic on to that one node)` : ''}`;
  return [
    finding({
      rule: SINGLE_NODE_REPLICAS,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'Every ready replica runs on one node',
      message: `All ${nodeOf.size} ready replicas of ${s.name} (${s.type}) run on node ${node}: one node failure or drain takes the Service down, and ${traffic}.`,
      evidence: [ref('Service', s.key), ref('Node', node), ...pods.slice(0, 5).map((p) => ref('Pod', p))],
      fix: 'Spread the replicas over nodes with a topologySpreadConstraint on kubernetes.io/hostname (maxSkew 1) and/or pod anti-affinity in the pod template, and add a PodDisruptionBudget so a drain keeps a replica up.',
      fixYaml: fixYaml(s.key, s.selector),
      source: RULES.singleNodeReplicas,
    }),
  ];
}
