// local-nodes-drop: under externalTrafficPolicy Local a node without a local usable endpoint DROPS
// external traffic (proxier_test.go::TestTerminatingEndpointsTrafficPolicyLocal "external to LB, no
// locally-usable endpoints"; TestTracePacket (DROP); virtual-ips.md), and its healthCheckNodePort answers
// 503 so a probing load balancer takes it out (healthcheck_test.go::TestServer; source-ip tutorial). Traffic
// that still reaches such a node — before the probe fails, from a load balancer that does not probe, or
// for externalIPs, which nothing health-checks — is black-holed. NodePort-only Services are covered by
// nodeport-local-no-endpoint.
import { RULES } from '../rules';
import type { Finding, NodePath } from '../types';
import { finding, listText, percent, plural, ref } from './finding';
import { endpointNodeSet, nodesWithoutEndpoints } from './node-names';
import type { FindingContext } from './types';

export const LOCAL_NODES_DROP = 'local-nodes-drop';

const sum = (rows: readonly NodePath[]) => rows.reduce((n, r) => n + r.count, 0);

/** Raises `local-nodes-drop` for Local LoadBalancer / externalIP Services with nodes that drop external traffic. */
export function localNodesDrop(ctx: FindingContext): Finding[] {
  const { service: s, analysis, entry, endpoints } = ctx.svc;
  if (!entry || s.externalTrafficPolicy !== 'Local') return [];
  if (s.type === 'NodePort') return []; // NodePort-only: nodeport-local-no-endpoint
  const local = analysis.paths.Local;
  const dropping = local.nodes.filter((n) => n.verdict !== 'forwarded');
  const drainingButForwarding = local.nodes.filter((n) => n.node && n.verdict === 'forwarded' && n.healthCheck === 503);
  if (dropping.length === 0 && drainingButForwarding.length === 0) return [];
  const total = sum(local.nodes);
  // Load balancers honour the exclusion label; externalIPs are routed by something else, so there it does not matter.
  const hasHC = s.type === 'LoadBalancer' && entry.viaLoadBalancer;
  const epNodes = endpointNodeSet(endpoints);
  const excluded = hasHC
    ? nodesWithoutEndpoints(ctx.cluster, epNodes, 5, (c) => c.excludedFromLB !== null)
    : { count: 0, names: [] };
  const others = nodesWithoutEndpoints(ctx.cluster, epNodes, 5, (c) => !hasHC || c.excludedFromLB === null);
  const namedDropping = dropping.filter((n) => n.node).map((n) => n.node!);
  const dropNames = [...new Set([...namedDropping, ...others.names])].sort().slice(0, 5);
  // Excluded nodes without endpoints drop too, but the load balancer never sends them anything.
  const dropCount = Math.max(0, sum(dropping) - excluded.count);
  if (dropCount === 0 && drainingButForwarding.length === 0) return [];
  const ok = local.nodes.filter((n) => n.node && n.healthCheck === 200).map((n) => `${n.node} (${n.localEndpoints})`);
  const parts: string[] = [];
  if (hasHC) {
    const hcnp = `The healthCheckNodePort${s.healthCheckNodePort ? ` (${s.healthCheckNodePort})` : ''} of ${s.name}`;
    if (dropCount > 0) {
      parts.push(
        `${hcnp} answers 503 on ${plural(dropCount, 'node')} without a local ready endpoint (${listText(dropNames, 5)})${ok.length ? ` and 200 on ${listText(ok, 5)}` : ''}`,
      );
      parts.push(
        'the load balancer takes the 503 nodes out, and traffic that still reaches them (before the probe fails, or from a load balancer that does not probe) is dropped',
      );
    }
    if (drainingButForwarding.length) {
      parts.push(
        `${listText(
          drainingButForwarding.map((n) => n.node!),
          3,
        )} ${drainingButForwarding.length === 1 ? 'answers 503 with only serving-but-terminating endpoints, yet still forwards' : 'answer 503 with only serving-but-terminating endpoints, yet still forward'} what arrives (TestHealthCheckNodePortWhenTerminating)`,
      );
    }
  } else {
    parts.push(
      `${plural(dropCount, 'node')} of ${total} ${dropCount === 1 ? 'has no local endpoint and drops' : 'have no local endpoint and drop'} ${entry.kind === 'externalIP' ? `traffic to externalIP ${entry.address}` : 'external traffic'} (${listText(dropNames, 5)}); nothing health-checks them, so ${percent(local.droppedShare)} of the traffic is black-holed`,
    );
  }
  if (excluded.count > 0 && hasHC)
    parts.push(
      `${listText(excluded.names, 3)}${excluded.count > excluded.names.length ? ` (${excluded.count} nodes)` : ''} ${excluded.count === 1 ? 'is' : 'are'} excluded from load balancers`,
    );
  const blackHole = !hasHC && local.droppedShare > 0;
  return [
    finding({
      rule: LOCAL_NODES_DROP,
      namespace: s.namespace,
      name: s.name,
      severity: blackHole ? 'error' : 'warning',
      service: s.key,
      title: blackHole
        ? 'Nodes black-hole traffic under externalTrafficPolicy Local'
        : 'Nodes without a local endpoint fail the health check and drop traffic',
      message: `${parts.join('; ')}.`,
      evidence: [
        ref('Service', s.key),
        ...dropNames.map((n) => ref('Node', n)),
        ...drainingButForwarding.map((n) => ref('Node', n.node!)),
      ],
      fix: hasHC
        ? 'Make sure the load balancer probes the healthCheckNodePort (path /healthz) with a short interval, or run a ready replica on every node that receives traffic (DaemonSet, topology spread).'
        : 'Route the address only to nodes that run a ready replica, run one on every node (DaemonSet), or use externalTrafficPolicy Cluster.',
      fixYaml: hasHC
        ? null
        : `# Service ${s.key}\nspec:\n  externalTrafficPolicy: Cluster   # if the pods do not need the client IP\n`,
      source: `${RULES.dropLocalNoLocalEndpoints}; ${RULES.healthCheckNodePort}`,
    }),
  ];
}
