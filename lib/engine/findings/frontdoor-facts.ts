// Shared reads of the front-door finding rules: the Service's load balancer under its own policy,
// the proxy behind it with its settings, computed once per Service (analysis.frontDoor is attached by
// prepareService) and kept with the prepared Service.
import { identifyLoadBalancer } from '../frontdoor/load-balancer';
import type { ProxyIdentity } from '../frontdoor/proxy-detect';
import { proxyOfService } from '../frontdoor/proxy-service';
import { proxySettings, type ProxySettings } from '../frontdoor/proxy-settings';
import type { FrontDoor, LoadBalancerInfo } from '../types';
import { ref } from './finding';
import type { FindingContext, ServiceFacts } from './types';

/** What the front-door rules read about one Service. */
export interface FrontDoorFacts {
  fd: FrontDoor;
  lb: LoadBalancerInfo | null;
  proxy: ProxyIdentity | null;
  settings: ProxySettings | null;
}

/** Facts by prepared Service: each front-door rule asks, and a per-Service key string per ask costs more. */
const factsOf = new WeakMap<ServiceFacts, FrontDoorFacts>();

/** The Service's front-door facts (null parts when it has no LB or proxy). */
export function frontDoorFacts(ctx: FindingContext): FrontDoorFacts {
  const known = factsOf.get(ctx.svc);
  if (known) return known;
  const s = ctx.svc.service;
  const fd = ctx.svc.analysis.frontDoor ?? { loadBalancer: null, proxy: null, routes: [], behind: [] };
  const lb = fd.loadBalancer ?? (s.type === 'LoadBalancer' ? identifyLoadBalancer(ctx.cluster.model, s) : null);
  const proxy = fd.proxy ? proxyOfService(ctx.cluster.model, s) : null;
  const facts = { fd, lb, proxy, settings: proxy ? proxySettings(ctx.cluster.model, proxy) : null };
  factsOf.set(ctx.svc, facts);
  return facts;
}

/** Source citation of the front-door rules. */
export const CATALOG_SOURCE = '../shared/reference/source-ip-catalog.md';

/** Evidence naming the proxy's pod (none for Cilium's node-level Envoy). */
export function proxyRefs(proxy: ProxyIdentity): ReturnType<typeof ref>[] {
  return proxy.pod ? [ref('Pod', proxy.pod.key)] : [];
}
