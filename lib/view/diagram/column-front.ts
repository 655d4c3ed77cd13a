// Diagram columns 1–2: the sample external client and, for a LoadBalancer Service, the load balancer.
import type { NodeRow } from '../node-grouping';
import { entryText, type BuildContext } from './context';
import type { DiagramFact } from '../diagram-types';
import type { FrontDoorHop, FrontDoorPolicyView } from '../front-door/types';
import { HEALTH_CHECK_WORDS, keepsWords } from '../front-door/words';
import { clientIPWords } from './sentences';

/** The front door's load-balancer hop, if it has one. */
export function doorLoadBalancer(door: FrontDoorPolicyView | null | undefined): FrontDoorHop | undefined {
  return door?.hops.find((h) => h.kind === 'loadBalancer');
}

/** The box facts of the front door's load balancer: the short facts its hop carries (layer, PROXY, keeps client IP). */
export function lbFacts(hop: FrontDoorHop): DiagramFact[] {
  return hop.summary.map((f) => ({ label: f.label, value: f.value, header: false }));
}

/** The sample external client's box, sending to `dst` (`to` names where, in words). */
export function addClientBox(ctx: BuildContext, dst: string | null, to: string, note: string): void {
  ctx.addNode({
    id: ctx.id('client'),
    column: 'client',
    kind: 'client',
    label: 'Client',
    sublabel: ctx.clientIP,
    share: 1,
    clientIP: 'preserved',
    hop: { src: ctx.clientIP, dst, note },
    ariaLabel: `External client ${ctx.clientIP} sends to ${to}`,
  });
}

/** The client → load balancer edge: all the traffic, the client address on the wire. */
export function addClientToLbEdge(ctx: BuildContext, lbAddr: string | null): void {
  ctx.addEdge(ctx.id('client'), ctx.id('lb'), {
    share: 1,
    kind: 'traffic',
    clientIP: 'preserved',
    label: '',
    hop: { src: ctx.clientIP, dst: lbAddr, note: 'The client connects to the load balancer address.' },
    ariaLabel: `Client to load balancer: all traffic, ${clientIPWords('preserved')}`,
  });
}

/** Adds the client (and LB) boxes; returns the id of the box the node edges start from. */
export function addClientAndLoadBalancer(ctx: BuildContext, rows: NodeRow[]): string {
  const { clientIP, hasLB, lbEntry, npEntry, extEntry, policy } = ctx;
  const clientDst = hasLB
    ? (entryText(lbEntry) ?? 'the load balancer')
    : npEntry
      ? `a node's address:${npEntry.port}`
      : entryText(extEntry);
  addClientBox(
    ctx,
    clientDst,
    clientDst ?? 'the Service',
    'A sample external client; its address is what the pod should see.',
  );
  if (!hasLB) return ctx.id('client');

  const totalLB = rows.reduce((n, r) => n + (r.path.inLoadBalancer ? r.path.lbShare : 0), 0);
  const lbAddr = entryText(lbEntry);
  const identified = ctx.analysis.frontDoor?.loadBalancer ?? null;
  // The LB recognised from the source-IP catalog; its health check is known for the Service's own
  // policy only (the what-if keeps the generic sentence).
  const known = identified && identified.kind !== 'unknown' ? identified : null;
  const generic =
    policy === 'Local'
      ? // create-external-load-balancer.md: Local LBs probe healthCheckNodePort and skip nodes answering 503.
        'probes healthCheckNodePort and sends only to nodes answering 200'
      : // virtual-ips.md §External traffic policy: Cluster LBs probe kube-proxy :10256/healthz.
        'probes kube-proxy :10256/healthz and spreads over healthy nodes';
  const probe = known
    ? `is ${known.label} — ${policy === ctx.analysis.externalTrafficPolicy ? HEALTH_CHECK_WORDS[known.healthCheck] : generic}; it ${keepsWords(known)}`
    : generic;
  // The front door's load-balancer hop (the card below the diagram renders the same hop in full).
  const door = doorLoadBalancer(ctx.opts.frontDoor);
  const facts = door ? lbFacts(door) : [];
  const factText = facts.map((f) => `${f.label} ${f.value}`).join(', ');
  ctx.addNode({
    id: ctx.id('lb'),
    column: 'loadBalancer',
    kind: 'loadBalancer',
    label: door?.subtitle ?? 'Load balancer',
    facts,
    sublabel: lbAddr ?? (lbEntry === undefined ? 'no address yet' : ''),
    share: 1,
    clientIP: ctx.arriving,
    alert: totalLB === 0,
    // The packet as the LB receives it; where it sends it is on the LB → node edges.
    hop: {
      src: clientIP,
      dst: lbAddr,
      note: `The load balancer ${probe}${npEntry ? ` (to NodePort ${npEntry.port} or the VIP itself, depending on the load balancer)` : ''}${ctx.lbProxies ? '; it proxies (ipMode: Proxy), so nodes see its address' : ''}.${totalLB === 0 ? ' No node is eligible: clients get no answer.' : ''}`,
    },
    ariaLabel: `Load balancer ${lbAddr ?? 'without an address'}: ${probe}${factText ? `; ${factText}` : ''}`,
  });
  addClientToLbEdge(ctx, lbAddr);
  return ctx.id('lb');
}
