// Which `paths[P].app` answers really apply to a Service. `paths[P].app` is a what-if per policy: for a
// Service with its own external entry, P is its own externalTrafficPolicy; for a Service reached only
// through proxies, P is the *proxy Service's* policy (appPathFor in analyze-frontdoor.ts: "decided by that
// proxy Service under P"). So the actual answer of a backend reads each proxy's actual policy — reading the
// backend's own (irrelevant) externalTrafficPolicy showed the Cluster what-if for a backend behind a Local
// proxy. One rule for the overview's cell and the CLI's report.
import type { AppPath, ServiceAnalysis, TrafficPolicy } from '../../engine/types';

/** One answer that applies: `paths[policy].app`, and the proxy Services in front whose policy that is. */
export interface ActualApp {
  policy: TrafficPolicy;
  /** Proxy Services in front with this externalTrafficPolicy (empty: the Service's own entry decides). */
  proxies: string[];
  app: AppPath;
}

/**
 * The answers that apply, one per distinct policy that decides them; null when nobody outside reaches the
 * Service (no external entry, no cloud L7 Ingress to it, no proxy in front), where the engine says "unknown".
 */
export function actualApps(
  s: ServiceAnalysis,
  policyOf: (service: string) => TrafficPolicy | undefined,
): ActualApp[] | null {
  const external = s.type === 'NodePort' || s.type === 'LoadBalancer' || s.entries.some((e) => e.kind !== 'clusterIP');
  const behind = s.frontDoor?.behind ?? [];
  // An Ingress whose class makes a cloud L7 LB (AWS ALB, GKE, TKE L7 CLB) is a way in from outside too.
  const cloudIngress = (s.frontDoor?.routes ?? []).some((r) => r.loadBalancer && r.backends.includes(s.service));
  if (!external && !cloudIngress && behind.length === 0) return null;
  const byPolicy = new Map<TrafficPolicy, string[]>();
  if (external || behind.length === 0) byPolicy.set(s.externalTrafficPolicy, []);
  else {
    // A Service behind a shared ingress controller lists one entry per controller Service and route: each
    // proxy is looked up once (a set, not a scan of the list so far).
    const seen = new Set<string>();
    for (const b of behind) {
      if (seen.has(b.proxyService)) continue;
      seen.add(b.proxyService);
      const p = policyOf(b.proxyService) ?? s.externalTrafficPolicy;
      const proxies = byPolicy.get(p);
      if (proxies) proxies.push(b.proxyService);
      else byPolicy.set(p, [b.proxyService]);
    }
  }
  const apps: ActualApp[] = [];
  for (const [policy, proxies] of byPolicy) {
    const app = s.paths[policy].app;
    if (app) apps.push({ policy, proxies, app });
  }
  return apps.length > 0 ? apps : null;
}

/**
 * One answer from several: the same client answer or "partial", every carrier. One answer keeps its note;
 * several say which proxies each policy stands for — each `paths[P].app` is the answer with every proxy in
 * front under P (a what-if per policy), so where the proxies' policies differ the answer is approximate.
 */
export function combineApps(apps: readonly ActualApp[]): AppPath {
  if (apps.length === 1) return apps[0].app;
  const answers = new Set(apps.map((a) => a.app.clientIP));
  return {
    clientIP: answers.size === 1 ? apps[0].app.clientIP : 'partial',
    carriers: [...new Set(apps.flatMap((a) => a.app.carriers))],
    note: `the proxy Services in front differ in externalTrafficPolicy: ${apps
      .map((a) => `${a.proxies.join(', ')} (${a.policy}): ${a.app.clientIP} under ${a.policy}`)
      .join('; ')}`,
  };
}
