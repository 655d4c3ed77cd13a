// Health answers a load balancer sees (../shared/reference/kube-proxy-semantics.md §4, §7): the per-Service healthCheckNodePort
// and kube-proxy's own :10256/healthz, and whether a node is in the load balancer's pool at all.
import type { NodeModel, ServiceModel } from '../model/cluster';
import { RULES } from './rules';
import type { TrafficPolicy } from './types';

/**
 * healthCheckNodePort /healthz: exists only for type LoadBalancer with eTP=Local (what-if Local included:
 * the API server would allocate it). 200 with ≥1 local READY endpoint, else 503; terminating endpoints are
 * not counted even though traffic still reaching the node is forwarded to them
 * (healthcheck_test.go::TestServer; TestHealthCheckNodePortWhenTerminating). kube-proxy assumed healthy;
 * node deletion does not change this answer (virtual-ips.md).
 */
export function healthCheckAnswer(
  service: ServiceModel,
  policy: TrafficPolicy,
  localReadyEndpoints: number,
): 200 | 503 | null {
  if (service.type !== 'LoadBalancer' || policy !== 'Local') return null;
  return localReadyEndpoints >= 1 ? 200 : 503;
}

/**
 * kube-proxy :10256/healthz: 503 while the node has a deletionTimestamp or the ToBeDeletedByClusterAutoscaler
 * taint, else 200 (rules assumed programmed in time) (healthcheck TestHealthzServer). A node the snapshot
 * does not know is assumed healthy.
 */
export function proxyHealthzAnswer(node: NodeModel | null): 200 | 503 {
  return node?.beingDeleted ? 503 : 200;
}

/** Whether a load balancer sends traffic to a node, and why not. */
export interface LbMembership {
  inLoadBalancer: boolean;
  reason: string | null;
  rule: string | null;
}

/**
 * The load balancer's view of one node. NodePort-only Services have no LB: clients may use any node.
 * For LoadBalancer Services: excluded nodes never; under Local the healthCheckNodePort decides; under
 * Cluster the LB is assumed to probe kube-proxy's :10256/healthz (virtual-ips.md recommendation; GKE,
 * DigitalOcean per ../shared/reference/source-ip-catalog.md K5).
 */
export function lbMembership(
  service: ServiceModel,
  policy: TrafficPolicy,
  node: NodeModel | null,
  healthCheck: 200 | 503 | null,
  proxyHealthz: 200 | 503,
): LbMembership {
  if (service.type !== 'LoadBalancer') return { inLoadBalancer: true, reason: null, rule: null };
  if (node?.excludedFromLB)
    return {
      inLoadBalancer: false,
      reason: `excluded from load balancers: ${node.excludedFromLB}`,
      rule: RULES.lbNodeExclusion,
    };
  if (policy === 'Local') {
    return healthCheck === 200
      ? { inLoadBalancer: true, reason: null, rule: RULES.healthCheckNodePort }
      : {
          inLoadBalancer: false,
          reason: 'fails the healthCheckNodePort probe (503: no local ready endpoint)',
          rule: RULES.healthCheckNodePort,
        };
  }
  return proxyHealthz === 200
    ? { inLoadBalancer: true, reason: null, rule: RULES.proxyHealthz }
    : {
        inLoadBalancer: false,
        reason: `kube-proxy :10256/healthz answers 503 (${node?.beingDeleted ?? 'node being deleted'})`,
        rule: RULES.proxyHealthz,
      };
}
