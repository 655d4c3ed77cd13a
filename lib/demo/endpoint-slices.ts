// Generates the EndpointSlices the endpointslice controller would publish for the demo's Services,
// from the pods the builder created, so slices and pods can never disagree.
// Semantics follow pkg/controller/endpointslice (reconciler.go, utils.go podToEndpoint):
// ready = pod Ready and not terminating; serving = pod Ready; terminating = deletionTimestamp set;
// publishNotReadyAddresses forces ready/serving; terminal pods (Succeeded/Failed) are left out.
import { parseIP } from '../net/ip';
import { demoUID, k8sSuffix, type Obj } from './ids';
import type { PodRecord } from './pods';
import type { ServiceRecord } from './services';

/** Node facts a slice endpoint carries. */
export interface NodeFacts {
  zone: string;
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function familyOf(ip: string): 'IPv4' | 'IPv6' {
  return parseIP(ip)?.family === 6 ? 'IPv6' : 'IPv4';
}

/** Resolves a Service port's targetPort on one pod (named ports must exist on the pod). */
export function resolveTargetPort(svc: ServiceRecord, port: ServiceRecord['ports'][number], pod: PodRecord): number {
  if (typeof port.targetPort === 'number') return port.targetPort;
  for (const c of pod.containers) {
    for (const cp of c.ports ?? []) {
      if (cp.name === port.targetPort && (cp.protocol ?? 'TCP') === port.protocol) return cp.containerPort;
    }
  }
  throw new Error(
    `demo: ${svc.spec.namespace}/${svc.spec.name} targetPort "${port.targetPort}" not on pod ${pod.name}`,
  );
}

function sliceObject(
  svc: ServiceRecord,
  name: string,
  addressType: string,
  endpoints: Obj[] | null,
  ports: Obj[] | null,
  changedAt: string,
  rv: string,
): Obj {
  const s = svc.spec;
  const labels: Record<string, string> = {
    ...(s.labels ?? {}),
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    'kubernetes.io/service-name': s.name,
    ...(s.headless ? { 'service.kubernetes.io/headless': '' } : {}),
  };
  return {
    addressType,
    apiVersion: 'discovery.k8s.io/v1',
    endpoints,
    kind: 'EndpointSlice',
    metadata: {
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': changedAt },
      creationTimestamp: svc.createdAt,
      generateName: `${s.name}-`,
      generation: 1,
      labels,
      name,
      namespace: s.namespace,
      ownerReferences: [
        { apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: s.name, uid: svc.uid },
      ],
      resourceVersion: rv,
      uid: demoUID(`EndpointSlice/${s.namespace}/${name}`),
    },
    ports,
  };
}

/** The slices of one Service (placeholder slice when the selector matches no pod). */
export function slicesForService(
  svc: ServiceRecord,
  podsInNamespace: PodRecord[],
  nodes: Map<string, NodeFacts>,
  rv: () => string,
): Obj[] {
  const s = svc.spec;
  if (!s.selector) {
    if (!s.manualEndpoints) return [];
    // The API server's endpoints reconciler writes the `kubernetes` slice itself, named after the Service.
    const m = s.manualEndpoints;
    return [
      {
        addressType: familyOf(m.ips[0]),
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        endpoints: m.ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
        metadata: {
          creationTimestamp: svc.createdAt,
          generation: 1,
          labels: { 'kubernetes.io/service-name': s.name },
          name: s.name,
          namespace: s.namespace,
          resourceVersion: rv(),
          uid: demoUID(`EndpointSlice/${s.namespace}/${s.name}`),
        },
        ports: m.ports,
      },
    ];
  }
  const selector = s.selector;
  const pods = podsInNamespace
    .filter((p) => !p.succeeded && matches(selector, p.labels))
    .sort((a, b) => a.name.localeCompare(b.name));
  const out: Obj[] = [];
  for (const family of svc.ipFamilies) {
    const name = `${s.name}-${k8sSuffix(`slice/${s.namespace}/${s.name}/${family}`, 5)}`;
    const withIP = pods.filter((p) => p.ips.some((ip) => familyOf(ip) === family));
    if (withIP.length === 0) {
      // reconciler.go: a Service with no endpoints still gets one placeholder slice (endpoints and ports null).
      if (family === svc.ipFamilies[0]) out.push(sliceObject(svc, name, family, null, null, svc.createdAt, rv()));
      continue;
    }
    const portNumbers = svc.ports.map((p) => resolveTargetPort(svc, p, withIP[0]));
    for (const pod of withIP) {
      const mine = svc.ports.map((p) => resolveTargetPort(svc, p, pod));
      if (mine.some((n, i) => n !== portNumbers[i]))
        throw new Error(`demo: ${s.namespace}/${s.name} pods resolve targetPorts differently`);
    }
    const endpoints = withIP.map((pod) => {
      const forced = s.publishNotReadyAddresses === true;
      return {
        addresses: [pod.ips.find((ip) => familyOf(ip) === family)],
        conditions: {
          ready: forced || (pod.ready && !pod.terminating),
          serving: forced || pod.ready,
          terminating: pod.terminating,
        },
        ...(pod.hostname && pod.subdomain === s.name ? { hostname: pod.hostname } : {}),
        nodeName: pod.nodeName,
        targetRef: { kind: 'Pod', name: pod.name, namespace: pod.namespace, uid: pod.uid },
        zone: nodes.get(pod.nodeName)?.zone,
      };
    });
    const ports = svc.ports.map((p, i) => ({
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      name: p.name ?? '',
      port: portNumbers[i],
      protocol: p.protocol,
    }));
    const changedAt =
      withIP
        .map((p) => p.changedAt)
        .sort()
        .at(-1) ?? svc.createdAt;
    out.push(sliceObject(svc, name, family, endpoints, ports, changedAt, rv()));
  }
  return out;
}
