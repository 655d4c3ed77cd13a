// Every way into a Service (ServiceAnalysis.entries): ClusterIPs, NodePorts, LoadBalancer IPs, externalIPs.
import type { ServiceModel } from '../model/cluster';
import type { ServiceEntry } from './types';

/** Address used for NodePort entries: every node address the NodePort is served on (see nodePortServedOn). */
export const NODE_PORT_ANY_ADDRESS = '*';

/**
 * The Service's entries, one per (address, port). NodePorts exist only on NodePort / LoadBalancer Services
 * with an allocated nodePort; LB IPs carry their ipMode (`Proxy` = kube-proxy does not capture in-cluster
 * traffic to it, TestLoadBalancerIngressRouteTypeProxy). Hostname-only LB ingress has no IP entry.
 */
export function serviceEntries(service: ServiceModel): ServiceEntry[] {
  if (service.type === 'ExternalName') return [];
  const out: ServiceEntry[] = [];
  for (const p of service.ports) {
    for (const ip of service.clusterIPs)
      out.push({ kind: 'clusterIP', address: ip, port: p.port, protocol: p.protocol });
    if (p.nodePort !== null && (service.type === 'NodePort' || service.type === 'LoadBalancer')) {
      out.push({ kind: 'nodePort', address: NODE_PORT_ANY_ADDRESS, port: p.nodePort, protocol: p.protocol });
    }
    for (const ing of service.loadBalancerIngress) {
      if (ing.ip)
        out.push({ kind: 'loadBalancerIP', address: ing.ip, port: p.port, protocol: p.protocol, ipMode: ing.ipMode });
    }
    for (const ip of service.externalIPs)
      out.push({ kind: 'externalIP', address: ip, port: p.port, protocol: p.protocol });
  }
  return out;
}
