// The findings engine: the ordered list of rule stages (Kiali "appenders" style — each stage reads the
// prepared facts and adds its findings) and the runners analyzeCluster uses. Adding a rule = one file
// with its test, plus one line here.
import type { Finding } from '../types';
import { ciliumIpBlockNodes, CILIUM_IPBLOCK_NODES } from './cilium-ipblock-nodes';
import { localImbalance, LOCAL_IMBALANCE } from './local-imbalance';
import { localNodesDrop, LOCAL_NODES_DROP } from './local-nodes-drop';
import { noEndpoints, NO_ENDPOINTS } from './no-endpoints';
import { nodeAllowList, NODE_ALLOWLIST } from './node-allowlist';
import { nodePortLocalNoEndpoint, NODEPORT_LOCAL_NO_ENDPOINT } from './nodeport-local-no-endpoint';
import { overlayTunnelSnat, OVERLAY_TUNNEL_SNAT } from './overlay-tunnel-snat';
import {
  namedPortUnresolvedElsewhere,
  namedPortUnresolvedForService,
  POLICY_NAMED_PORT_UNRESOLVED,
} from './policy-named-port-unresolved';
import { policyServicePort, POLICY_SERVICE_PORT } from './policy-service-port';
import { policyUnknown, POLICY_UNKNOWN } from './policy-unknown';
import { singleNodeReplicas, SINGLE_NODE_REPLICAS } from './single-node-replicas';
import { snatAllowList, SNAT_ALLOWLIST } from './snat-allowlist';
import { sourceRangesInCluster, SOURCE_RANGES_IN_CLUSTER } from './source-ranges-in-cluster';
import type { ClusterFindingContext, ClusterRule, FindingContext, ServiceRule } from './types';
import { FRONT_DOOR_RULES } from './frontdoor-rules';

/** Per-Service stages, in the order they run: reachability first, then traffic spread, then policy gaps. */
export const SERVICE_RULES: readonly ServiceRule[] = [
  { rule: NO_ENDPOINTS, run: noEndpoints },
  { rule: LOCAL_NODES_DROP, run: localNodesDrop },
  { rule: NODEPORT_LOCAL_NO_ENDPOINT, run: nodePortLocalNoEndpoint },
  { rule: LOCAL_IMBALANCE, run: localImbalance },
  { rule: SINGLE_NODE_REPLICAS, run: singleNodeReplicas },
  { rule: SOURCE_RANGES_IN_CLUSTER, run: sourceRangesInCluster },
  { rule: SNAT_ALLOWLIST, run: snatAllowList },
  { rule: NODE_ALLOWLIST, run: nodeAllowList },
  { rule: OVERLAY_TUNNEL_SNAT, run: overlayTunnelSnat },
  { rule: CILIUM_IPBLOCK_NODES, run: ciliumIpBlockNodes },
  { rule: POLICY_SERVICE_PORT, run: policyServicePort },
  { rule: POLICY_NAMED_PORT_UNRESOLVED, run: namedPortUnresolvedForService },
  // Front doors: load balancers, proxies and sidecars.
  ...FRONT_DOOR_RULES,
];

/** Cluster-wide stages, run once after every Service was analysed. */
export const CLUSTER_RULES: readonly ClusterRule[] = [
  { rule: POLICY_UNKNOWN, run: policyUnknown },
  { rule: POLICY_NAMED_PORT_UNRESOLVED, run: namedPortUnresolvedElsewhere },
];

/** Every rule id kubepath can raise. */
export const FINDING_RULES: readonly string[] = [...new Set([...SERVICE_RULES, ...CLUSTER_RULES].map((r) => r.rule))];

/**
 * Runs the per-Service stages in order. A loop, not `flatMap`: this runs for every Service of the cluster and
 * V8's generic flatMap cost ~1.5 µs a call over the loop (most rules find nothing).
 */
export function runServiceRules(ctx: FindingContext, rules: readonly ServiceRule[] = SERVICE_RULES): Finding[] {
  const found: Finding[] = [];
  for (const r of rules) for (const f of r.run(ctx)) found.push(f);
  return found;
}

/** Runs the cluster-wide stages in order. */
export function runClusterRules(ctx: ClusterFindingContext, rules: readonly ClusterRule[] = CLUSTER_RULES): Finding[] {
  return rules.flatMap((r) => r.run(ctx));
}

export { compareFindings, finding } from './finding';
export { createClusterFacts } from './context';
export { prepareService } from './service-facts';
export type * from './types';
