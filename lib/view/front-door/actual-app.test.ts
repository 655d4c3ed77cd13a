import { describe, expect, it } from 'vitest';
import type { AppPath, ServiceAnalysis, TrafficPolicy } from '../../engine/types';
import { actualApps, combineApps } from './actual-app';

const YES: AppPath = { clientIP: 'yes', carriers: ['x-forwarded-for'], note: 'traefik takes the client from l3' };
const NO: AppPath = { clientIP: 'no', carriers: [], note: 'traefik sees a node address under Cluster' };

/** A Service analysis with what actualApps reads: type, entries, policy, front door and paths[P].app. */
function service(o: {
  type?: ServiceAnalysis['type'];
  policy?: TrafficPolicy;
  behind?: string[];
  external?: boolean;
}): ServiceAnalysis {
  return {
    service: 'shop/web',
    type: o.type ?? 'ClusterIP',
    externalTrafficPolicy: o.policy ?? 'Cluster',
    entries: o.external ? [{ kind: 'loadBalancer', address: '198.51.100.7', port: 80, protocol: 'TCP' }] : [],
    frontDoor: {
      loadBalancer: null,
      proxy: null,
      routes: [],
      behind: (o.behind ?? []).map((p) => ({ proxyService: p, route: `Ingress shop/web via ${p}` })),
    },
    paths: { Cluster: { app: NO }, Local: { app: YES } },
  } as unknown as ServiceAnalysis;
}

const policies: Record<string, TrafficPolicy> = { 'ing/traefik': 'Local', 'ing/nginx': 'Cluster' };
const policyOf = (key: string) => policies[key];

describe('actualApps: the client-IP-at-the-app answer that applies', () => {
  it("a backend behind a Local proxy is answered under the proxy's policy, not its own Cluster", () => {
    expect(actualApps(service({ behind: ['ing/traefik'] }), policyOf)).toEqual([
      { policy: 'Local', proxies: ['ing/traefik'], app: YES },
    ]);
  });

  it('behind proxies of both policies: both answers, combined as partial', () => {
    const apps = actualApps(service({ behind: ['ing/traefik', 'ing/nginx', 'ing/traefik'] }), policyOf)!;
    expect(apps).toEqual([
      { policy: 'Local', proxies: ['ing/traefik'], app: YES },
      { policy: 'Cluster', proxies: ['ing/nginx'], app: NO },
    ]);
    expect(combineApps(apps)).toEqual({
      clientIP: 'partial',
      carriers: ['x-forwarded-for'],
      note:
        'the proxy Services in front differ in externalTrafficPolicy: ing/traefik (Local): yes under Local; ' +
        'ing/nginx (Cluster): no under Cluster',
    });
    // One answer keeps its own note.
    expect(combineApps(apps.slice(0, 1))).toBe(YES);
  });

  it('a Service with its own external entry is answered under its own policy', () => {
    const lb = service({ type: 'LoadBalancer', policy: 'Cluster', external: true, behind: ['ing/traefik'] });
    expect(actualApps(lb, policyOf)).toEqual([{ policy: 'Cluster', proxies: [], app: NO }]);
  });

  it('nobody outside reaches it (no entry, no proxy): no answer applies', () => {
    expect(actualApps(service({}), policyOf)).toBeNull();
  });
});
