// Expands a ServiceSpec into the Service object the API server stores: defaults applied
// (pkg/apis/core/v1/defaults.go SetDefaults_Service), ClusterIPs and NodePorts allocated.
import type { ClusterIPAllocator, NodePortAllocator } from './addressing';
import { demoUID, type Obj } from './ids';
import type { ServicePortSpec, ServiceSpec } from './spec-types';

/** A created Service with its allocated addresses. */
export interface ServiceRecord {
  spec: ServiceSpec;
  uid: string;
  ipFamilies: ('IPv4' | 'IPv6')[];
  clusterIPs: string[];
  /** Ports as stored (targetPort and nodePort filled in). */
  ports: (ServicePortSpec & { protocol: 'TCP' | 'UDP' | 'SCTP'; targetPort: number | string })[];
  createdAt: string;
  obj: Obj;
}

/** What rendering a Service needs from the cluster being built. */
export interface ServiceContext {
  clusterIPs: ClusterIPAllocator;
  nodePorts: NodePortAllocator;
  /** Families the cluster supports, primary first (dual-stack clusters: IPv4, IPv6). */
  clusterFamilies: ('IPv4' | 'IPv6')[];
  resourceVersion(): string;
}

/** Creates one Service. */
export function renderService(s: ServiceSpec, createdAt: string, ctx: ServiceContext): ServiceRecord {
  const key = `${s.namespace}/${s.name}`;
  const type = s.type ?? 'ClusterIP';
  const external = type === 'NodePort' || type === 'LoadBalancer';
  const policy = s.ipFamilyPolicy ?? 'SingleStack';
  const ipFamilies = s.ipFamilies ?? (policy === 'SingleStack' ? [ctx.clusterFamilies[0]] : ctx.clusterFamilies);
  if (ipFamilies.some((f) => !ctx.clusterFamilies.includes(f)))
    throw new Error(`demo: ${key} asks for a family the cluster lacks`);
  const clusterIPs = s.headless
    ? ['None']
    : ipFamilies.map((f, i) =>
        i === 0 && s.clusterIP ? ctx.clusterIPs.claim(s.clusterIP) : ctx.clusterIPs.allocate(f, key),
      );
  const ports = s.ports.map((p) => ({
    ...p,
    protocol: p.protocol ?? ('TCP' as const),
    targetPort: p.targetPort ?? p.port,
    ...(external
      ? {
          nodePort:
            p.nodePort !== undefined
              ? ctx.nodePorts.claim(p.nodePort)
              : ctx.nodePorts.allocate(`${key}/${p.name ?? p.port}`),
        }
      : {}),
  }));
  const etp = external ? (s.externalTrafficPolicy ?? 'Cluster') : undefined;
  // The API server allocates healthCheckNodePort only for LoadBalancer + Local (create-external-load-balancer.md).
  const hcnp = type === 'LoadBalancer' && etp === 'Local' ? ctx.nodePorts.allocate(`${key}/healthz`) : undefined;
  const spec: Obj = {
    ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
    clusterIP: clusterIPs[0],
    clusterIPs,
    ...(s.externalIPs ? { externalIPs: s.externalIPs } : {}),
    ...(etp ? { externalTrafficPolicy: etp } : {}),
    ...(hcnp ? { healthCheckNodePort: hcnp } : {}),
    internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
    ipFamilies,
    ipFamilyPolicy: policy,
    ...(s.loadBalancerClass ? { loadBalancerClass: s.loadBalancerClass } : {}),
    ...(s.loadBalancerSourceRanges ? { loadBalancerSourceRanges: s.loadBalancerSourceRanges } : {}),
    ports: ports.map((p) => ({
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      ...(p.name ? { name: p.name } : {}),
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
      port: p.port,
      protocol: p.protocol,
      targetPort: p.targetPort,
    })),
    ...(s.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
    ...(s.selector ? { selector: s.selector } : {}),
    sessionAffinity: 'None',
    type,
  };
  const status: Obj = {
    // Conditions written by the LB controller when it allocated the address (at creation unless given).
    ...(s.statusConditions
      ? { conditions: s.statusConditions.map((c) => ({ lastTransitionTime: createdAt, ...c })) }
      : {}),
    // ipMode defaults to VIP when an ip is published (LoadBalancerIPMode, GA in 1.32).
    loadBalancer: s.loadBalancer
      ? { ingress: [{ ip: s.loadBalancer.ip, ipMode: s.loadBalancer.ipMode ?? 'VIP' }] }
      : {},
  };
  const uid = demoUID(`Service/${key}`);
  const metadata: Obj = {
    ...(s.annotations ? { annotations: s.annotations } : {}),
    creationTimestamp: createdAt,
    ...(s.labels ? { labels: s.labels } : {}),
    name: s.name,
    namespace: s.namespace,
    resourceVersion: ctx.resourceVersion(),
    uid,
  };
  return {
    spec: s,
    uid,
    ipFamilies,
    clusterIPs,
    ports,
    createdAt,
    obj: { apiVersion: 'v1', kind: 'Service', metadata, spec, status },
  };
}
