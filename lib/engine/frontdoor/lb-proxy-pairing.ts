// PROXY protocol that only the load balancer's own configuration can switch on (TKE CLB listeners: catalog
// tencent-tke-clb "PROXY v2 at listener level, no Service annotation"; entries with supported partial or
// not verified): when the proxy behind expects PROXY, the LB's PROXY is `unknown` (set outside the cluster)
// with the question that settles it, instead of "off" (contract: proxyProtocol unknown).
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import type { LoadBalancerInfo, TrafficPolicy } from '../types';
import { catalogEntry } from './catalog';
import { identifyLoadBalancer } from './load-balancer';
import { proxyOfService } from './proxy-service';
import { proxySettings } from './proxy-settings';

/** The LB of a Service, with PROXY `unknown` where only the LB's own settings can tell. */
export function loadBalancerWithProxy(
  model: ClusterModel,
  service: ServiceModel,
  policy: TrafficPolicy = service.externalTrafficPolicy,
): LoadBalancerInfo | null {
  const lb = identifyLoadBalancer(model, service, policy);
  if (!lb || lb.proxyProtocol !== null || lb.kind === 'unknown') return lb;
  const supported = catalogEntry(lb.kind).proxyProtocol.supported;
  if (supported !== 'partial' && supported !== null) return lb;
  const proxy = proxyOfService(model, service);
  if (!proxy || proxySettings(model, proxy).expectsProxyProtocol !== true) return lb;
  return {
    ...lb,
    proxyProtocol: 'unknown',
    evidence: [...lb.evidence, `${proxy.id} expects PROXY protocol, which ${lb.label} switches on outside the cluster`],
    question: `Is PROXY protocol enabled on the ${lb.label} listener in front of ${service.key}?`,
  };
}
