// Traces one packet: source → [load balancer] → node → proxy DNAT [→ SNAT] → pod, or drop / reject.
// Answers which Service entry it hits, the verdict, the endpoints with their share, the source IP each pod
// sees, and the NetworkPolicy verdict from the hook (../shared/reference/kube-proxy-semantics.md).
import { canonicalIP, parseIP } from '../net/ip';
import type { ClusterModel, EndpointModel, NodeModel, ServiceModel } from '../model/cluster';
import { categorizeEndpoints, endpointPortFor, endpointsForServicePort } from './endpoints';
import { decideForwarding, type ForwardingDecision, type ServiceEntryKind, type SnatKind } from './forwarding';
import { healthCheckAnswer, lbMembership, proxyHealthzAnswer } from './health';
import { unknownPolicyHook, type PolicyHook } from './policy-hook';
import { mainPortIndex } from './main-port';
import { hostNetworkPodServing, resolveDestination } from './resolve';
import { RULES } from './rules';
import { CILIUM_SERVICE_LOOPBACK_V4, nodePrimaryIP, snatSourceFor } from './snat';
import { classifySource, originatesOn, resolveSource, type ResolvedSource } from './source';
import type { Dataplane, EntryKind, Hop, TraceEndpoint, TraceRequest, TraceResult, TrafficPolicy } from './types';

const fmt = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

function failure(reason: string, hops: Hop[] = []): TraceResult {
  return {
    service: null,
    entry: null,
    node: null,
    verdict: 'notHandled',
    masqueraded: null,
    snatSource: null,
    endpoints: [],
    policy: null,
    policyReason: null,
    reason,
    hops,
    rules: [],
  };
}

/** Traces one packet through the dataplane. `policy` answers NetworkPolicy questions (default: unknown). */
export function tracePacket(
  model: ClusterModel,
  dataplane: Dataplane,
  req: TraceRequest,
  policy: PolicyHook = unknownPolicyHook,
): TraceResult {
  const dst = parseIP(req.destination.ip);
  if (!dst) return failure(`destination "${req.destination.ip}" is not an IP address`);
  const family = dst.family;
  const dstIP = canonicalIP(req.destination.ip.trim());
  const { port, protocol } = req.destination;
  // A host process talking to a non-loopback address uses a routable source: treat localhost as the node.
  const dstLoopback = family === 4 ? dst.value >> 24n === 127n : dst.value === 1n;
  const srcReq =
    req.source.kind === 'localhost' && !dstLoopback ? { kind: 'node' as const, node: req.source.node } : req.source;
  const src = resolveSource(model, srcReq, family);
  if (typeof src === 'string') return failure(src);
  const notes: string[] = [];
  if (srcReq !== req.source)
    notes.push(
      "a localhost process sending to a non-loopback address uses the node's address, so it is traced as a host process",
    );
  let atNode: NodeModel | null = null;
  if (req.atNode) {
    atNode = model.nodes.get(req.atNode) ?? null;
    if (!atNode) return failure(`node ${req.atNode} (atNode) is not in the cluster data`);
  }
  const inCluster = isInCluster(src);
  if (src.note) notes.push(src.note);
  if (src.pod && !src.node)
    notes.push(
      `the node of pod ${src.pod.key} (${src.pod.nodeName ?? 'not scheduled'}) is not in the cluster data, so its addresses, zone and SNAT address are not known`,
    );
  if (inCluster && src.node && atNode && atNode.name !== src.node.name) {
    notes.push(
      `atNode ${atNode.name} ignored: a packet from ${src.label} is first handled on its own node ${src.node!.name}`,
    );
  }
  const homeNode = inCluster ? src.node : atNode;
  const clientHop: Hop = {
    kind: 'client',
    label: src.label,
    src: src.ip,
    dst: dstIP,
    detail: `${protocol} to ${fmt(dstIP, port)}`,
  };
  const resolved = resolveDestination(model, dataplane, dstIP, port, protocol, homeNode);
  const ctx: Ctx = { model, dataplane, req, hook: policy, src, family, dstIP, notes };

  switch (resolved.kind) {
    case 'outside':
    case 'node': {
      const what =
        resolved.kind === 'node'
          ? `${dstIP} is an address of node ${resolved.node.name} and no NodePort ${protocol}/${port} exists, so the packet goes to the node's own stack`
          : `${dstIP} is not a Service, pod or node address in the snapshot, so no service proxy handles it (it is routed toward ${dstIP})`;
      const extra =
        resolved.kind === 'outside' && dataplane.proxyMode === 'nftables'
          ? ' (if it lies inside the service CIDR, nftables mode drops it: the service CIDR is not in the cluster data)'
          : '';
      const out: Hop = {
        kind: resolved.kind === 'node' ? 'node' : 'outside',
        label: resolved.kind === 'node' ? `node ${resolved.node.name}` : 'outside the cluster',
        src: src.ip,
        dst: dstIP,
        detail: 'not handled by the service proxy',
      };
      const r = failure(withNotes(what + extra, notes), [clientHop, out]);
      r.node = resolved.kind === 'node' ? resolved.node.name : null;
      if (resolved.kind === 'outside' && dataplane.proxyMode === 'nftables') r.rules.push(RULES.nftDropUnallocated);
      // A hostNetwork pod declaring the port is the destination, and its own policies are consulted (netpol/host-network.ts).
      const hostPod =
        resolved.kind === 'node' ? hostNetworkPodServing(model, resolved.node, port, req.destination.protocol) : null;
      if (hostPod) out.label = `hostNetwork pod ${hostPod.key} on ${out.label}`;
      askWholePacket(ctx, r, hostPod?.key ?? null, port, homeNode);
      return r;
    }
    case 'pod':
      return traceToPod(ctx, resolved.pod.key, clientHop, homeNode);
    case 'serviceWrongPort':
      return traceWrongPort(ctx, resolved.service, resolved.entry, clientHop, homeNode);
    case 'nodePort': {
      const handling = dataplane.proxyMode === 'cilium-kpr' && inCluster ? src.node : resolved.node;
      if (!resolved.reach.served) {
        const r = failure(
          withNotes(
            `${fmt(dstIP, port)} is NodePort ${port} of ${resolved.service.key}, but ${resolved.reach.reason}`,
            notes,
          ),
          [
            clientHop,
            {
              kind: 'node',
              label: `node ${resolved.node?.name ?? '?'}`,
              src: src.ip,
              dst: dstIP,
              detail: 'NodePort not served on this address',
            },
          ],
        );
        r.service = resolved.service.key;
        r.entry = 'nodePort';
        r.node = resolved.node?.name ?? null;
        r.rules.push(resolved.reach.rule);
        return r;
      }
      if (!inCluster && atNode && resolved.node && atNode.name !== resolved.node.name) {
        notes.push(`atNode ${atNode.name} ignored: ${dstIP} belongs to node ${resolved.node.name}`);
      }
      return traceService(
        ctx,
        resolved.service,
        resolved.portIndex,
        'nodePort',
        dstIP,
        handling,
        clientHop,
        [resolved.reach.rule],
        false,
      );
    }
    case 'service': {
      const { service, portIndex, entry } = resolved;
      if (entry === 'loadBalancerIP' && resolved.ipMode === 'Proxy') {
        return traceProxyModeLB(ctx, service, portIndex, clientHop, atNode);
      }
      // A connection-terminating load balancer (lib/engine/frontdoor): the node sees the LB, as in ipMode Proxy.
      if (entry === 'loadBalancerIP' && req.loadBalancerTerminates && !inCluster) {
        return traceProxyModeLB(ctx, service, portIndex, clientHop, atNode);
      }
      let handling: NodeModel | null = homeNode;
      if (!inCluster && !handling) {
        if (entry === 'clusterIP') {
          const r = failure(
            withNotes(
              `${dstIP} is the ClusterIP of ${service.key}; outside clients reach it only where something routes the service CIDR to a node: give the node it arrives at (atNode)`,
              notes,
            ),
            [clientHop],
          );
          r.service = service.key;
          r.entry = 'clusterIP';
          return r;
        }
        const picked = pickIngressNode(model, service, entry, dstIP, req.policy ?? service.externalTrafficPolicy);
        if (!picked.node) {
          const r = failure(withNotes(picked.why, notes), [clientHop]);
          r.service = service.key;
          r.entry = entry;
          return r;
        }
        handling = picked.node;
        notes.push(picked.why);
      }
      return traceService(ctx, service, portIndex, entry, dstIP, handling, clientHop, [], false);
    }
  }
}

interface Ctx {
  model: ClusterModel;
  dataplane: Dataplane;
  req: TraceRequest;
  hook: PolicyHook;
  src: ResolvedSource;
  family: 4 | 6;
  dstIP: string;
  notes: string[];
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** The one-sentence reason, followed by any notes (assumptions made for this trace). */
function withNotes(reason: string, notes: string[]): string {
  return notes.length ? `${reason}. ${notes.map(capital).join('. ')}` : reason;
}

/**
 * A pod or a host process sends from inside the cluster; a pod counts even when its Node object is missing
 * (its packets never come from outside).
 */
function isInCluster(src: ResolvedSource): boolean {
  return src.pod !== null || (src.hostProcess && src.node !== null);
}

/** The client node (for the policy hook) when the client is a host-network process. */
function clientNodeOf(src: ResolvedSource): NodeModel | null {
  return src.hostProcess ? src.node : null;
}

/** Fills result.policy for traffic that leaves a pod toward one address (egress) or reaches one pod. */
function askWholePacket(
  ctx: Ctx,
  r: TraceResult,
  destPodKey: string | null,
  port: number,
  ingressNode: NodeModel | null,
): void {
  const destPod = destPodKey ? (ctx.model.pods.get(destPodKey) ?? null) : null;
  if (!destPod && !ctx.src.pod) return; // neither end is a pod: NetworkPolicy does not apply
  const a = ctx.hook({
    clientIP: ctx.src.ip,
    clientPod: ctx.src.pod,
    clientNode: clientNodeOf(ctx.src),
    masqueraded: false,
    snatSource: null,
    ingressNode,
    destIP: ctx.dstIP,
    destPod,
    port,
    protocol: ctx.req.destination.protocol,
  });
  r.policy = a.verdict;
  r.policyReason = a.reason;
}

// ---- direct to a pod IP ------------------------------------------------------------------------

function traceToPod(ctx: Ctx, podKey: string, clientHop: Hop, homeNode: NodeModel | null): TraceResult {
  const { model, dataplane, src, dstIP, req } = ctx;
  const pod = model.pods.get(podKey)!;
  // A host process picks the source address of the route to the pod (the same interface choice as MASQUERADE).
  let seen: string | null = src.ip;
  let why = 'no service proxy is involved; the pod sees the client address';
  if (src.hostProcess && src.node) {
    const s = snatSourceFor(model, dataplane, src.node, pod.nodeName, ctx.family);
    seen = s.address;
    why = `a host process on ${src.node.name} uses the address of the interface toward the pod: ${s.why}`;
  } else if (!src.pod && !homeNode) {
    why = 'an outside client reaches a pod IP only where the pod network is routable from outside';
  }
  const ep: TraceEndpoint = {
    ip: dstIP,
    port: req.destination.port,
    pod: pod.key,
    node: pod.nodeName,
    share: 1,
    sourceIP: seen,
    clientIPPreserved: true,
    policy: 'unknown',
    policyReason: '',
  };
  // No NAT: the address on the wire is the client's own (for a host process, the one its route picked).
  const a = ctx.hook({
    clientIP: seen ?? src.ip,
    clientPod: src.pod,
    clientNode: clientNodeOf(src),
    masqueraded: false,
    snatSource: null,
    ingressNode: homeNode ?? (pod.nodeName ? (model.nodes.get(pod.nodeName) ?? null) : null),
    destIP: dstIP,
    destPod: pod,
    port: req.destination.port,
    protocol: req.destination.protocol,
  });
  ep.policy = a.verdict;
  ep.policyReason = a.reason;
  return {
    service: null,
    entry: 'pod',
    node: homeNode?.name ?? pod.nodeName,
    verdict: 'forwarded',
    masqueraded: false,
    snatSource: null,
    endpoints: [ep],
    policy: a.verdict,
    policyReason: a.reason,
    reason: withNotes(`${dstIP} is the IP of pod ${pod.key}: delivered directly; ${why}`, ctx.notes),
    hops: [
      clientHop,
      {
        kind: 'pod',
        label: `pod ${pod.key}`,
        src: seen,
        dst: dstIP,
        detail: `on node ${pod.nodeName ?? '?'}, port ${req.destination.port}`,
      },
    ],
    rules: [],
  };
}

// ---- a Service address on a port it does not serve ----------------------------------------

function traceWrongPort(
  ctx: Ctx,
  service: ServiceModel,
  entry: EntryKind,
  clientHop: Hop,
  homeNode: NodeModel | null,
): TraceResult {
  const { dataplane, dstIP, req } = ctx;
  const p = `${req.destination.protocol}/${req.destination.port}`;
  const served = service.ports.map((x) => `${x.protocol}/${x.port}`).join(', ') || 'none';
  const base = `${dstIP} is the ${entry} of ${service.key}, which does not serve ${p} (it serves ${served})`;
  let r: TraceResult;
  if (entry === 'clusterIP' && dataplane.proxyMode === 'nftables') {
    r = failure(
      withNotes(
        `${base}; nftables mode rejects traffic to an active ClusterIP on an unserved port or protocol`,
        ctx.notes,
      ),
      [
        clientHop,
        { kind: 'reject', label: 'REJECT', src: ctx.src.ip, dst: dstIP, detail: 'nftables cluster-ips reject' },
      ],
    );
    r.verdict = 'rejected';
    r.rules.push(RULES.nftRejectWrongPort);
  } else {
    const how =
      dataplane.proxyMode === 'ipvs' && entry === 'clusterIP'
        ? "ipvs binds ClusterIPs to kube-ipvs0, so the node's own stack answers (typically a TCP reset; not covered by kube-proxy's tests)"
        : 'no proxy rule matches, so the packet is routed as if the address were unknown';
    r = failure(withNotes(`${base}; ${how}`, ctx.notes), [
      clientHop,
      { kind: 'outside', label: 'no proxy rule', src: ctx.src.ip, dst: dstIP, detail: how },
    ]);
    if (dataplane.proxyMode === 'iptables') r.rules.push(RULES.iptablesWrongPortNoMatch);
  }
  r.service = service.key;
  r.entry = entry;
  r.node = homeNode?.name ?? null;
  return r;
}

// ---- load balancer in ipMode Proxy ----------------------------------------------------------

function traceProxyModeLB(
  ctx: Ctx,
  service: ServiceModel,
  portIndex: number,
  clientHop: Hop,
  atNode: NodeModel | null,
): TraceResult {
  const { src, dstIP, model } = ctx;
  const inCluster = isInCluster(src);
  const lbHop: Hop = {
    kind: 'loadBalancer',
    label: `load balancer ${dstIP}`,
    src: src.ip,
    dst: dstIP,
    detail: 'ipMode Proxy: the load balancer terminates or proxies the connection',
  };
  if (inCluster) {
    const r = failure(
      withNotes(
        `${dstIP} is a LoadBalancer IP of ${service.key} with ipMode Proxy: kube-proxy installs no rule for it, so the packet leaves the node for the real load balancer, which delivers it to a node's NodePort or a pod (trace that leg from the load balancer's address)`,
        ctx.notes,
      ),
      [clientHop, lbHop],
    );
    r.service = service.key;
    r.entry = 'loadBalancerIP';
    r.node = src.node?.name ?? null;
    r.rules.push(RULES.ipModeProxy);
    askWholePacket(ctx, r, null, ctx.req.destination.port, src.node);
    return r;
  }
  // External client: the LB delivers to a node's NodePort (service.md §Specifying IPMode); kube-proxy sees the
  // load balancer as the source, so loadBalancerSourceRanges are the LB's business, not kube-proxy's.
  const sp = service.ports[portIndex];
  if (sp.nodePort === null) {
    const r = failure(
      withNotes(
        `${dstIP} is a LoadBalancer IP of ${service.key} with ipMode Proxy, and the port has no NodePort, so the load balancer must deliver straight to pods (not modelled)`,
        ctx.notes,
      ),
      [clientHop, lbHop],
    );
    r.service = service.key;
    r.entry = 'loadBalancerIP';
    r.rules.push(RULES.ipModeProxy);
    return r;
  }
  let node = atNode;
  if (!node) {
    const picked = pickIngressNode(
      model,
      service,
      'loadBalancerIP',
      dstIP,
      ctx.req.policy ?? service.externalTrafficPolicy,
    );
    if (!picked.node) return failure(picked.why, [clientHop, lbHop]);
    node = picked.node;
    ctx.notes.push(picked.why);
  }
  ctx.notes.push(
    `${ctx.req.loadBalancerTerminates ? 'the load balancer terminates the connection' : 'ipMode Proxy'}: the load balancer connects to the NodePort from its own address, so without SNAT the pod sees the load balancer (unless it preserves the client or sends PROXY protocol)`,
  );
  return traceService(ctx, service, portIndex, 'loadBalancerIP', dstIP, node, clientHop, [RULES.ipModeProxy], true);
}

/** For an outside client without atNode: the node the LB (or routing) delivers to — the first healthy one by name. */
function pickIngressNode(
  model: ClusterModel,
  service: ServiceModel,
  entry: ServiceEntryKind,
  address: string,
  policy: TrafficPolicy,
): { node: NodeModel | null; why: string } {
  if (entry === 'externalIP') {
    const owner = model.nodeByAddress.get(address);
    if (owner) return { node: owner, why: `externalIP ${address} is an address of node ${owner.name}` };
  }
  const names = [...model.nodes.keys()].sort();
  if (names.length === 0)
    return { node: null, why: 'the snapshot has no nodes, so the node the packet arrives at is unknown: give atNode' };
  if (entry === 'loadBalancerIP' && service.type === 'LoadBalancer') {
    const readyByNode = new Map<string, number>();
    for (const e of service.ports.length ? endpointsForServicePort(model, service, mainPortIndex(service.ports)) : []) {
      if (e.ready && e.nodeName) readyByNode.set(e.nodeName, (readyByNode.get(e.nodeName) ?? 0) + 1);
    }
    for (const name of names) {
      const n = model.nodes.get(name)!;
      const localReady = readyByNode.get(name) ?? 0;
      const m = lbMembership(service, policy, n, healthCheckAnswer(service, policy, localReady), proxyHealthzAnswer(n));
      if (m.inLoadBalancer)
        return {
          node: n,
          why: `no arrival node given: assumed the load balancer sends this flow to ${name}, one of the nodes it considers healthy`,
        };
    }
    return {
      node: model.nodes.get(names[0])!,
      why: `no arrival node given and no node passes the load balancer's health check; assumed ${names[0]}`,
    };
  }
  return {
    node: model.nodes.get(names[0])!,
    why: `no arrival node given: assumed the packet for ${address} arrives at ${names[0]}`,
  };
}

// ---- a Service entry handled by the proxy ---------------------------------------------------

function traceService(
  ctx: Ctx,
  service: ServiceModel,
  portIndex: number,
  entry: ServiceEntryKind,
  entryAddress: string,
  node: NodeModel | null,
  clientHop: Hop,
  extraRules: string[],
  lbProxies: boolean,
): TraceResult {
  const { model, dataplane, src, req, family } = ctx;
  const sp = service.ports[portIndex];
  const endpoints = endpointsForServicePort(model, service, portIndex, family);
  // A pod whose Node object is missing still runs on spec.nodeName, and endpoint locality needs only that name.
  const nodeName = node?.name ?? (src.pod && !src.node ? src.pod.nodeName : null);
  const cats = categorizeEndpoints(
    endpoints,
    { usesClusterEndpoints: true, usesLocalEndpoints: true },
    { name: nodeName, zone: node?.zone ?? null },
  );
  const sourceClass = classifySource(model, dataplane, src, node);
  const externalPolicy: TrafficPolicy = req.policy ?? service.externalTrafficPolicy;
  // ipMode Proxy: the load balancer connects to node:NodePort, so kube-proxy sees NodePort traffic (no LB-IP
  // rule, hence no loadBalancerSourceRanges check of its own: TestLoadBalancerIngressRouteTypeProxy).
  const proxyEntry: ServiceEntryKind = lbProxies ? 'nodePort' : entry;
  const proxyAddress = lbProxies && node ? (nodePrimaryIP(node, family) ?? entryAddress) : entryAddress;
  const decision = decideForwarding({
    model,
    dataplane,
    service,
    portIndex,
    protocol: sp.protocol,
    entry: proxyEntry,
    entryAddress: proxyAddress,
    externalPolicy,
    node,
    nodeName,
    sourceIP: src.ip,
    sourceClass,
    originatesOnNode: originatesOn(src, node),
    cluster: { endpoints: cats.cluster, terminating: cats.clusterUsesTerminating, topologyMode: cats.topologyMode },
    local: { endpoints: cats.local, terminating: cats.localUsesTerminating },
    hasAnyEndpoints: cats.hasAnyEndpoints,
  });
  const rules = [...extraRules, ...decision.rules];
  if (req.policy && req.policy !== service.externalTrafficPolicy)
    ctx.notes.push(`what-if: externalTrafficPolicy ${req.policy} instead of ${service.externalTrafficPolicy}`);
  const hops: Hop[] = [clientHop];
  if (entry === 'loadBalancerIP' && !originatesOn(src, node) && src.kind === 'external') {
    hops.push({
      kind: 'loadBalancer',
      label: `load balancer ${entryAddress}`,
      src: src.ip,
      dst: entryAddress,
      detail: lbProxies
        ? `proxies to node ${node?.name ?? '?'}:${sp.nodePort}`
        : `delivers to node ${node?.name ?? '?'} (pass-through, ipMode VIP)`,
    });
  }
  const proxyName =
    dataplane.proxyMode === 'cilium-kpr' ? 'Cilium (kube-proxy replacement)' : `kube-proxy (${dataplane.proxyMode})`;
  hops.push({
    kind: 'node',
    label: `node ${node?.name ?? '?'}`,
    src: lbProxies ? null : src.ip,
    dst: proxyAddress,
    detail: `${proxyName} matches the ${proxyEntry} of ${service.key} port ${sp.name ?? sp.port}; source seen as ${lbProxies ? 'the load balancer' : sourceClass}`,
  });
  const result: TraceResult = {
    service: service.key,
    entry,
    node: node?.name ?? null,
    verdict: decision.verdict,
    masqueraded: null,
    snatSource: null,
    endpoints: [],
    policy: null,
    policyReason: null,
    reason: '',
    hops,
    rules,
  };
  if (decision.verdict !== 'forwarded') {
    hops.push({
      kind: decision.verdict === 'rejected' ? 'reject' : 'drop',
      label: decision.verdict === 'rejected' ? 'REJECT' : decision.verdict === 'dropped' ? 'DROP' : 'not handled',
      src: src.ip,
      dst: entryAddress,
      detail: decision.reason,
    });
    result.reason = withNotes(decision.reason, ctx.notes);
    return result;
  }
  fillEndpoints(ctx, result, decision, service, portIndex, node, entryAddress, lbProxies);
  return result;
}

function seenSourceFor(
  ctx: Ctx,
  kind: SnatKind | null,
  ep: EndpointModel,
  node: NodeModel | null,
  lbProxies: boolean,
): { ip: string | null; snat: string | null; why: string | null } {
  const { model, dataplane, src, family } = ctx;
  if (kind === 'cilium-loopback')
    return {
      ip: family === 4 ? CILIUM_SERVICE_LOOPBACK_V4 : null,
      snat: family === 4 ? CILIUM_SERVICE_LOOPBACK_V4 : null,
      why: RULES.ciliumLoopback,
    };
  if (kind !== null) {
    if (!node) return { ip: null, snat: null, why: 'the SNAT node is unknown' };
    const s = snatSourceFor(model, dataplane, node, ep.nodeName, family);
    return { ip: s.address, snat: s.address, why: `${s.via}: ${s.why}` };
  }
  if (lbProxies) return { ip: null, snat: null, why: "the load balancer's own address (ipMode Proxy)" };
  if (src.hostProcess && src.node && dataplane.proxyMode === 'cilium-kpr') {
    // Socket LB: the host connects to the backend directly, so the route to it picks the source.
    const s = snatSourceFor(model, dataplane, src.node, ep.nodeName, family);
    return { ip: s.address, snat: null, why: s.why };
  }
  return { ip: src.ip, snat: null, why: null };
}

type SeenSource = ReturnType<typeof seenSourceFor>;

/**
 * seenSourceFor for one packet's endpoints, worked out once per kind of SNAT and place. It reads the endpoint only
 * through its node's name, which snatSourceFor compares with the node it is given (the receiving node, or the host
 * client's node) and nothing else, so endpoints alike in kind and in those two comparisons get the same answer — and
 * the same `why` string, which fillEndpoints' set then hashes once, not once per endpoint as a fresh concatenation
 * (≈ 0.1 s of the namespace-wide policies' 360,000 traced flows).
 */
function seenSourceMemo(
  ctx: Ctx,
  node: NodeModel | null,
  lbProxies: boolean,
): (kind: SnatKind | null, ep: EndpointModel) => SeenSource {
  const slots = new Map<SnatKind | null, (SeenSource | undefined)[]>();
  const hostNode = ctx.src.node?.name ?? null;
  return (kind, ep) => {
    const onNode = ep.nodeName !== null && ep.nodeName === node?.name;
    const onHostNode = ep.nodeName !== null && ep.nodeName === hostNode;
    const slot = (onNode ? 1 : 0) + (onHostNode ? 2 : 0);
    let bySlot = slots.get(kind);
    if (!bySlot) slots.set(kind, (bySlot = []));
    return (bySlot[slot] ??= seenSourceFor(ctx, kind, ep, node, lbProxies));
  };
}

function fillEndpoints(
  ctx: Ctx,
  result: TraceResult,
  decision: ForwardingDecision,
  service: ServiceModel,
  portIndex: number,
  node: NodeModel | null,
  entryAddress: string,
  lbProxies: boolean,
): void {
  const { model, src, req } = ctx;
  const sp = service.ports[portIndex];
  const n = decision.chosen.length;
  let snatCount = 0;
  let remoteSnat: string | null = null,
    localSnat: string | null = null;
  const snatWhy = new Set<string>();
  const kinds = new Set<SnatKind>();
  const seenOf = seenSourceMemo(ctx, node, lbProxies);
  for (const ep of decision.chosen) {
    const kind = decision.snatFor(ep);
    if (kind) kinds.add(kind);
    const seen = seenOf(kind, ep);
    if (kind !== null) {
      snatCount++;
      if (ep.nodeName !== null && ep.nodeName === node?.name) localSnat ??= seen.snat;
      else remoteSnat ??= seen.snat;
      if (seen.why) snatWhy.add(seen.why);
    }
    const epPort = endpointPortFor(model, ep, sp) ?? (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
    const destPod = ep.podKey ? (model.pods.get(ep.podKey) ?? null) : (model.podsByIP.get(ep.ip) ?? null);
    const a = ctx.hook({
      clientIP: kind === null && seen.ip !== null ? seen.ip : src.ip,
      clientPod: src.pod,
      clientNode: clientNodeOf(src),
      masqueraded: kind !== null,
      snatSource: seen.snat,
      ingressNode: node,
      destIP: ep.ip,
      destPod,
      port: epPort,
      protocol: sp.protocol,
      preDnatDestIP: entryAddress,
      preDnatPort: req.destination.port,
    });
    result.endpoints.push({
      ip: ep.ip,
      port: epPort,
      pod: destPod?.key ?? ep.podKey,
      node: ep.nodeName,
      share: 1 / n,
      sourceIP: seen.ip,
      // No address translation on the way (a host process may still appear with its route's address).
      clientIPPreserved: kind === null && !lbProxies,
      policy: a.verdict,
      policyReason: a.reason,
    });
  }
  result.masqueraded = snatCount === n ? true : snatCount === 0 ? false : null;
  for (const k of kinds) {
    const rule =
      k === 'cilium-loopback' ? RULES.ciliumLoopback : k === 'hairpin' ? RULES.masqHairpin : RULES.masqueradeAddress;
    if (!result.rules.includes(rule)) result.rules.push(rule);
  }
  if (kinds.has('hairpin') && !result.rules.includes(RULES.masqueradeAddress))
    result.rules.push(RULES.masqueradeAddress);
  result.snatSource = remoteSnat ?? localSnat;
  if (n === 1) {
    result.policy = result.endpoints[0].policy;
    result.policyReason = result.endpoints[0].policyReason;
  }
  // Hops: DNAT, optional SNAT, pod.
  const list =
    result.endpoints
      .slice(0, 5)
      .map((e) => fmt(e.ip, e.port))
      .join(', ') + (n > 5 ? `, … (${n} in all)` : '');
  result.hops.push({
    kind: 'dnat',
    label: 'DNAT',
    src: src.ip,
    dst: n === 1 ? result.endpoints[0].ip : null,
    detail: n === 1 ? `to ${list}` : `to one of ${n} endpoints, evenly (${list})`,
  });
  if (snatCount > 0) {
    const addrs = [...new Set(result.endpoints.filter((e) => e.sourceIP !== src.ip).map((e) => e.sourceIP ?? '?'))];
    const partial = snatCount < n ? ` for ${snatCount} of ${n} endpoints` : '';
    result.hops.push({
      kind: 'snat',
      label: decision.ciliumMode ? 'SNAT (Cilium)' : 'MASQUERADE',
      src: addrs.length === 1 && addrs[0] !== '?' ? addrs[0] : null,
      dst: n === 1 ? result.endpoints[0].ip : null,
      detail: `source rewritten to ${addrs.join(' / ')}${partial} (${[...snatWhy].join('; ')})`,
    });
  }
  const seenAll = [...new Set(result.endpoints.map((e) => e.sourceIP))];
  result.hops.push({
    kind: 'pod',
    label: n === 1 ? `pod ${result.endpoints[0].pod ?? result.endpoints[0].ip}` : `one of ${n} pods`,
    src: seenAll.length === 1 ? seenAll[0] : null,
    dst: n === 1 ? result.endpoints[0].ip : null,
    detail:
      n === 1
        ? `on node ${result.endpoints[0].node ?? '?'}, port ${result.endpoints[0].port}`
        : `sources seen: ${seenAll.map((s) => s ?? 'unknown').join(', ')}`,
  });
  const seenText =
    seenAll.length === 1
      ? seenAll[0] === src.ip
        ? `the pod sees the client address ${src.ip}`
        : `the pod sees ${seenAll[0] ?? 'an address kubepath cannot tell'}`
      : `the source seen depends on the endpoint (${seenAll.map((s) => s ?? 'unknown').join(', ')})`;
  result.reason = withNotes(`${decision.reason}; ${seenText}`, ctx.notes);
}
