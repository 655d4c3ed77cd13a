// Cross-object consistency checks for a snapshot: the invariants a real cluster's control plane keeps
// (slice endpoints are the selected pods with their real IPs and nodes, pod IPs inside the node's
// podCIDR, unique ClusterIPs and NodePorts). Used to keep the demo clusters honest; returns problems.
import { cidrContains, cidrCovers, cidrOverlaps, parseCidr, parseIP, type Cidr } from '../net/ip';
import type { EndpointSlice, KubeObject, Node, Pod, Service } from '../model/k8s';

/** The address ranges the snapshot's objects must stay inside. */
export interface ConsistencyRanges {
  clusterCIDRs: string[];
  serviceCIDRs: string[];
}

type Ports = { name?: string; containerPort?: number; protocol?: string }[];

const key = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const familyOf = (ip: string) => (parseIP(ip)?.family === 6 ? 'IPv6' : 'IPv4');
const podIPs = (p: Pod) => (p.status?.podIPs ?? []).map((x) => x.ip ?? '');
const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function containerPorts(p: Pod): Ports {
  return (p.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
}

function resolveTargetPort(target: number | string, protocol: string, pod: Pod): number | null {
  if (typeof target === 'number') return target;
  return (
    containerPorts(pod).find((cp) => cp.name === target && (cp.protocol ?? 'TCP') === protocol)?.containerPort ?? null
  );
}

function checkPodsAndNodes(nodes: Map<string, Node>, pods: Pod[], problems: string[]): void {
  const seen = new Map<string, string>();
  const cidrsOf = (n: Node) => (n.spec?.podCIDRs ?? []).map((c) => parseCidr(c)).filter((c): c is Cidr => c !== null);
  for (const p of pods) {
    const node = nodes.get(p.spec?.nodeName ?? '');
    if (!node) {
      problems.push(`pod ${key(p)} is on unknown node "${p.spec?.nodeName}"`);
      continue;
    }
    const internal = (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
    if (p.status?.hostIP !== internal[0])
      problems.push(
        `pod ${key(p)} hostIP ${p.status?.hostIP} is not ${node.metadata?.name}'s InternalIP ${internal[0]}`,
      );
    const ips = podIPs(p);
    if (ips[0] !== p.status?.podIP) problems.push(`pod ${key(p)} podIP and podIPs[0] differ`);
    if (p.spec?.hostNetwork) {
      if (ips.join() !== internal.join())
        problems.push(`hostNetwork pod ${key(p)} IPs ${ips} are not its node's InternalIPs ${internal}`);
      continue;
    }
    for (const ip of ips) {
      const inside = cidrsOf(node).some((c) => c.family === parseIP(ip)?.family && cidrContains(c, ip));
      if (!inside)
        problems.push(`pod ${key(p)} IP ${ip} is outside ${node.metadata?.name}'s podCIDRs ${node.spec?.podCIDRs}`);
      const other = seen.get(ip);
      if (other) problems.push(`pod IP ${ip} used by both ${other} and ${key(p)}`);
      seen.set(ip, key(p));
    }
  }
  const allCidrs: { node: string; cidr: Cidr }[] = [];
  for (const n of nodes.values()) for (const c of cidrsOf(n)) allCidrs.push({ node: n.metadata?.name ?? '', cidr: c });
  for (let i = 0; i < allCidrs.length; i++) {
    for (let j = i + 1; j < allCidrs.length; j++) {
      if (cidrOverlaps(allCidrs[i].cidr, allCidrs[j].cidr)) {
        problems.push(`podCIDRs of ${allCidrs[i].node} and ${allCidrs[j].node} overlap`);
      }
    }
  }
}

function checkServiceAddresses(services: Service[], ranges: ConsistencyRanges, problems: string[]): void {
  const serviceCidrs = ranges.serviceCIDRs.map((c) => parseCidr(c)!);
  const clusterIPs = new Map<string, string>();
  const nodePorts = new Map<number, string>();
  const lbIPs = new Map<string, string>();
  const claim = <K>(map: Map<K, string>, k: K, owner: string, what: string) => {
    const prev = map.get(k);
    if (prev) problems.push(`${what} ${k} used by both ${prev} and ${owner}`);
    map.set(k, owner);
  };
  for (const s of services) {
    const spec = s.spec ?? {};
    const type = spec.type ?? 'ClusterIP';
    for (const ip of spec.clusterIP === 'None' ? [] : (spec.clusterIPs ?? [])) {
      if (!serviceCidrs.some((c) => cidrContains(c, ip)))
        problems.push(`Service ${key(s)} ClusterIP ${ip} is outside the service CIDRs`);
      claim(clusterIPs, ip, key(s), 'ClusterIP');
    }
    const external = type === 'NodePort' || type === 'LoadBalancer';
    for (const p of spec.ports ?? []) {
      if (external !== (p.nodePort !== undefined))
        problems.push(`Service ${key(s)} port ${p.port}: nodePort ${external ? 'missing' : 'on a ClusterIP Service'}`);
      if (p.nodePort !== undefined) {
        if (p.nodePort < 30000 || p.nodePort > 32767)
          problems.push(`Service ${key(s)} nodePort ${p.nodePort} outside 30000-32767`);
        claim(nodePorts, p.nodePort, key(s), 'nodePort');
      }
    }
    const wantsHC = type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
    if (wantsHC !== (spec.healthCheckNodePort !== undefined))
      problems.push(
        `Service ${key(s)}: healthCheckNodePort ${wantsHC ? 'missing on a Local LoadBalancer' : 'set without LoadBalancer+Local'}`,
      );
    if (spec.healthCheckNodePort !== undefined) claim(nodePorts, spec.healthCheckNodePort, key(s), 'nodePort');
    for (const ing of s.status?.loadBalancer?.ingress ?? [])
      if (ing.ip) claim(lbIPs, ing.ip, key(s), 'LoadBalancer IP');
    if (type === 'LoadBalancer' && !(s.status?.loadBalancer?.ingress ?? []).length)
      problems.push(`LoadBalancer ${key(s)} has no ingress address`);
  }
}

function checkSlices(
  services: Service[],
  slices: EndpointSlice[],
  pods: Pod[],
  nodes: Map<string, Node>,
  problems: string[],
): void {
  const podByKey = new Map(pods.map((p) => [key(p), p]));
  const slicesBySvc = new Map<string, EndpointSlice[]>();
  const svcKeys = new Set(services.map(key));
  for (const sl of slices) {
    const svcName = sl.metadata?.labels?.['kubernetes.io/service-name'];
    const svcKey = `${sl.metadata?.namespace}/${svcName}`;
    if (!svcName || !svcKeys.has(svcKey)) {
      problems.push(`EndpointSlice ${key(sl)} belongs to no Service`);
      continue;
    }
    slicesBySvc.set(svcKey, [...(slicesBySvc.get(svcKey) ?? []), sl]);
  }
  for (const s of services) {
    const selector = s.spec?.selector;
    const mine = slicesBySvc.get(key(s)) ?? [];
    if (!selector) continue;
    if (mine.length === 0) {
      problems.push(`Service ${key(s)} has a selector but no EndpointSlice`);
      continue;
    }
    const families = s.spec?.ipFamilies ?? ['IPv4'];
    const selected = pods.filter(
      (p) =>
        p.metadata?.namespace === s.metadata?.namespace &&
        !terminal(p) &&
        Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v),
    );
    for (const family of families) {
      const want = new Set(selected.filter((p) => podIPs(p).some((ip) => familyOf(ip) === family)).map(key));
      const got = new Set<string>();
      for (const sl of mine.filter((x) => x.addressType === family)) {
        for (const ep of sl.endpoints ?? []) {
          const ref = ep.targetRef;
          const pod = podByKey.get(`${ref?.namespace}/${ref?.name}`);
          const where = `EndpointSlice ${key(sl)} endpoint ${ep.addresses?.[0]}`;
          if (!pod || ref?.kind !== 'Pod') {
            problems.push(`${where}: targetRef is not a pod of the snapshot`);
            continue;
          }
          got.add(key(pod));
          if (!podIPs(pod).includes(ep.addresses?.[0] ?? '')) problems.push(`${where}: not an IP of pod ${key(pod)}`);
          if (ep.nodeName !== pod.spec?.nodeName)
            problems.push(`${where}: nodeName ${ep.nodeName} but the pod runs on ${pod.spec?.nodeName}`);
          const zone = nodes.get(ep.nodeName ?? '')?.metadata?.labels?.['topology.kubernetes.io/zone'];
          if (ep.zone !== zone) problems.push(`${where}: zone ${ep.zone} but node zone ${zone}`);
          const forced = (s.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses === true;
          const terminating = Boolean(pod.metadata?.deletionTimestamp);
          const c = ep.conditions ?? {};
          if (c.terminating !== terminating)
            problems.push(
              `${where}: terminating=${c.terminating} but the pod ${terminating ? 'is' : 'is not'} being deleted`,
            );
          if (!forced && c.ready !== (isReady(pod) && !terminating))
            problems.push(`${where}: ready=${c.ready} disagrees with the pod`);
          if (!forced && c.serving !== isReady(pod))
            problems.push(`${where}: serving=${c.serving} disagrees with the pod`);
          for (const [i, sp] of (s.spec?.ports ?? []).entries()) {
            const want = resolveTargetPort(sp.targetPort ?? sp.port ?? 0, sp.protocol ?? 'TCP', pod);
            const slicePort = sl.ports?.find((x) => (x.name ?? '') === (sp.name ?? ''));
            if (want === null)
              problems.push(`${where}: targetPort ${sp.targetPort} of port #${i} does not resolve on ${key(pod)}`);
            else if (slicePort?.port !== want)
              problems.push(`${where}: slice port "${sp.name ?? ''}" is ${slicePort?.port}, the pod serves ${want}`);
          }
        }
      }
      for (const k of want)
        if (!got.has(k)) problems.push(`Service ${key(s)} selects pod ${k} but no ${family} slice lists it`);
      for (const k of got)
        if (!want.has(k))
          problems.push(`Service ${key(s)} ${family} slice lists pod ${k} that the selector does not select`);
    }
  }
}

// Objects cannot predate their namespace, pods cannot predate their node.
function checkTimeline(objects: KubeObject[], nodes: Map<string, Node>, pods: Pod[], problems: string[]): void {
  const created = (o: KubeObject | undefined) => Date.parse(o?.metadata?.creationTimestamp ?? '');
  const nsCreated = new Map(objects.filter((o) => o.kind === 'Namespace').map((n) => [n.metadata?.name, created(n)]));
  for (const o of objects) {
    const ns = o.metadata?.namespace;
    if (ns === undefined) continue;
    if (!(created(o) >= (nsCreated.get(ns) ?? Infinity)))
      problems.push(`${o.kind} ${key(o)} was created before its namespace`);
  }
  for (const p of pods) {
    if (!(created(p) >= created(nodes.get(p.spec?.nodeName ?? ''))))
      problems.push(`pod ${key(p)} was created before its node`);
  }
}

/** Every inconsistency between the snapshot's objects (empty when it could be a real cluster). */
export function checkSnapshotConsistency(objects: KubeObject[], ranges: ConsistencyRanges): string[] {
  const problems: string[] = [];
  const of = <T extends KubeObject>(kind: string) => objects.filter((o) => o.kind === kind) as T[];
  const nodes = new Map(of<Node>('Node').map((n) => [n.metadata?.name ?? '', n]));
  const pods = of<Pod>('Pod');
  const services = of<Service>('Service');
  const namespaces = new Set(of('Namespace').map((n) => n.metadata?.name));
  for (const o of objects) {
    const ns = o.metadata?.namespace;
    if (ns !== undefined && !namespaces.has(ns)) problems.push(`${o.kind} ${key(o)} is in undeclared namespace ${ns}`);
  }
  checkTimeline(objects, nodes, pods, problems);
  const clusterCidrs = ranges.clusterCIDRs.map((c) => parseCidr(c)!);
  for (const n of nodes.values()) {
    for (const c of n.spec?.podCIDRs ?? []) {
      const parsed = parseCidr(c);
      if (!parsed || !clusterCidrs.some((cc) => cidrCovers(cc, parsed))) {
        problems.push(`node ${n.metadata?.name} podCIDR ${c} is outside the cluster CIDRs`);
      }
    }
    if (!n.metadata?.labels?.['topology.kubernetes.io/zone'])
      problems.push(`node ${n.metadata?.name} has no zone label`);
  }
  checkPodsAndNodes(nodes, pods, problems);
  checkServiceAddresses(services, ranges, problems);
  checkSlices(services, of<EndpointSlice>('EndpointSlice'), pods, nodes, problems);
  return problems;
}
