// Which `paths[P].app` answers really apply to a Service. `paths[P].app` is a what-if per policy: for a
// Service with its own external entry, P is its own externalTrafficPolicy; for a Service reached only
// through proxies, P is the *proxy Service's* policy (appPathFor in analyze-frontdoor.ts: "decided by that
// proxy Service under P"). So the actual answer of a backend reads each proxy's actual policy — reading the
// backend's own (irrelevant) externalTrafficPolicy showed the Cluster what-if for a backend behind a Local
// proxy. One rule for the overview's cell and the CLI's report.
import type { AppPath, ServiceAnalysis, TrafficPolicy } from '../../engine/types';

/**
 * The answers that apply, one per distinct policy that decides them; null when nobody outside reaches the
 * Service (no external entry, no cloud L7 Ingress to it, no proxy in front), where the engine says "unknown".
 */
export function actualApps(
  s: ServiceAnalysis,
  policyOf: (service: string) => TrafficPolicy | undefined,
): AppPath[] | null {
  const external = s.type === 'NodePort' || s.type === 'LoadBalancer' || s.entries.some((e) => e.kind !== 'clusterIP');
  const behind = s.frontDoor?.behind ?? [];
  // An Ingress whose class makes a cloud L7 LB (AWS ALB, GKE, TKE L7 CLB) is a way in from outside too.
  const cloudIngress = (s.frontDoor?.routes ?? []).some((r) => r.loadBalancer && r.backends.includes(s.service));
  if (!external && !cloudIngress && behind.length === 0) return null;
  const policies =
    external || behind.length === 0
      ? [s.externalTrafficPolicy]
      : [...new Set(behind.map((b) => policyOf(b.proxyService) ?? s.externalTrafficPolicy))];
  const apps = policies.map((p) => s.paths[p].app).filter((a): a is AppPath => !!a);
  return apps.length > 0 ? apps : null;
}

/** One answer from several: the same client answer or "partial", every carrier, every distinct note. */
export function combineApps(apps: readonly AppPath[]): AppPath {
  const answers = new Set(apps.map((a) => a.clientIP));
  return {
    clientIP: answers.size === 1 ? apps[0].clientIP : 'partial',
    carriers: [...new Set(apps.flatMap((a) => a.carriers))],
    note: [...new Set(apps.map((a) => a.note))].join('; '),
  };
}
