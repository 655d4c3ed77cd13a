// lb-no-health-check: a Local Service behind a load balancer that does not probe healthCheckNodePort
// (its healthCheck is `trafficPort` or `none`): it keeps sending to nodes without a local endpoint, where
// kube-proxy drops the traffic (../shared/reference/source-ip-catalog.md §1 K3/K4; hetzner-lb notes).
import type { Finding } from '../types';
import { finding, plural, ref } from './finding';
import { CATALOG_SOURCE, frontDoorFacts } from './frontdoor-facts';
import type { FindingContext } from './types';

export const LB_NO_HEALTH_CHECK = 'lb-no-health-check';

/** Raises `lb-no-health-check`. */
export function lbNoHealthCheck(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  const { lb } = frontDoorFacts(ctx);
  if (!lb || s.externalTrafficPolicy !== 'Local' || lb.targets !== 'nodes') return [];
  if (lb.healthCheck !== 'trafficPort' && lb.healthCheck !== 'none') return [];
  const rows = ctx.svc.analysis.paths.Local.nodes;
  const empty = rows.filter((r) => r.localUsableEndpoints === 0).reduce((n, r) => n + r.count, 0);
  const total = rows.reduce((n, r) => n + r.count, 0);
  if (empty === 0) return [];
  const names = rows.filter((r) => r.localUsableEndpoints === 0).flatMap((r) => r.sampleNodes);
  return [
    finding({
      rule: LB_NO_HEALTH_CHECK,
      namespace: s.namespace,
      name: s.name,
      severity: 'error',
      service: s.key,
      title: 'Local Service behind a load balancer that does not probe healthCheckNodePort',
      message: `${lb.label} (${lb.kind}) checks ${lb.healthCheck === 'none' ? 'nothing' : 'the traffic port'}, not healthCheckNodePort${s.healthCheckNodePort ? ` ${s.healthCheckNodePort}` : ''}: ${empty} of ${plural(total, 'node')} have no local endpoint and drop what it sends them under externalTrafficPolicy Local.`,
      evidence: [ref('Service', s.key), ...names.slice(0, 8).map((n) => ref('Node', n))],
      fix: `Point the load balancer's health check at healthCheckNodePort /healthz (e.g. its health-check-port annotation), or use externalTrafficPolicy Cluster with PROXY protocol to keep the client.`,
      fixYaml: null,
      source: `${CATALOG_SOURCE} §1 K3, K4`,
    }),
  ];
}
