// Diagram columns after the pods: the front-door hops of the external path, read from the Service page's
// front-door view (the same hops the HTML cards below the diagram render, so the two cannot disagree) —
// a recognised proxy in the pods with the route it takes and the headers it writes toward its backend, an
// Istio sidecar in front of the application, and the application with the address it takes as the client.
// One box per hop whatever the number of pods: the sample packet's path, not one box per pod.
import type { ClientIPState, DiagramFact } from '../diagram-types';
import { formatShare } from '../format';
import type { FrontDoorFact, FrontDoorHop, FrontDoorPolicyView } from '../front-door/types';
import type { BuildContext } from './context';
import { addClientBox, addClientToLbEdge, doorLoadBalancer, lbFacts } from './column-front';
import { clientIPWords } from './sentences';

/** Where the front-door hops start: a box id and the share and client-IP state of the traffic leaving it. */
export interface DoorSource {
  id: string;
  share: number;
  clientIP: ClientIPState;
}

/** A front-door column (also the kind of its boxes). */
export type DoorColumn = 'l7Proxy' | 'sidecar' | 'app';

/** Column and box kind of each drawn front-door hop (the load balancer has its own column before the nodes). */
const DOOR_COLUMN: Record<Exclude<FrontDoorHop['kind'], 'loadBalancer'>, DoorColumn> = {
  proxy: 'l7Proxy',
  sidecar: 'sidecar',
  app: 'app',
};

/** Column titles of the front-door columns. */
export const DOOR_TITLE: Record<DoorColumn, string> = {
  l7Proxy: 'Proxy → backend',
  sidecar: 'Sidecar',
  app: 'Client IP at the app',
};

/**
 * The hops drawn after the pods (or after the load balancer, for a Service reached through a proxy). Without a
 * proxy or sidecar the application is the pods themselves, whose boxes already say which source they see: its
 * box is drawn only when the client reaches it some other way than L3 (PROXY protocol, an L7 LB's header, TOA).
 */
export function doorHops(door: FrontDoorPolicyView | null | undefined): FrontDoorHop[] {
  const hops = (door?.hops ?? []).filter((h) => h.kind !== 'loadBalancer');
  if (hops.some((h) => h.kind === 'proxy' || h.kind === 'sidecar')) return hops;
  return door && door.how !== '' && door.how !== 'L3' ? hops : [];
}

/** The front-door columns a view needs, in path order. */
export function doorColumns(door: FrontDoorPolicyView | null | undefined): DoorColumn[] {
  return doorHops(door).map((h) => DOOR_COLUMN[h.kind as keyof typeof DOOR_COLUMN]);
}

/** A hop's short facts and headers as the box's fact lines. */
export function hopFacts(hop: FrontDoorHop): DiagramFact[] {
  const fact = (header: boolean) => (f: FrontDoorFact) => ({ label: f.label, value: f.value, header });
  return [...hop.summary.map(fact(false)), ...hop.headers.map(fact(true))];
}

/**
 * Whether the application behind this sample takes the real client: from the app hop's "Real client" fact
 * (the sample packet's own answer), else the policy's answer.
 */
export function doorState(door: FrontDoorPolicyView): ClientIPState {
  const real = door.hops.find((h) => h.kind === 'app')?.summary.find((f) => f.label === 'Real client')?.value;
  const answer = real ?? door.answer;
  return answer === 'yes' ? 'preserved' : answer === 'no' ? 'snat' : answer === 'partial' ? 'partial' : 'unknown';
}

function sublabelOf(hop: FrontDoorHop, backend: string | null): string {
  if (hop.kind === 'proxy') return hop.backend ? `routes to ${hop.backend}` : 'no route to a backend traced';
  if (hop.kind === 'sidecar') return 'sidecar in front of the app';
  return backend ? `a pod of ${backend}` : 'the application itself';
}

/** One sentence for the hop's accessible name and tooltip: its facts and headers, whole. */
function hopSentence(hop: FrontDoorHop): string {
  const facts = hop.summary.map((f) => `${f.label} ${f.value}`);
  const headers = hop.headers.map((h) => `${h.label}: ${h.value}`);
  return [...facts, ...(headers.length > 0 ? [`writes ${headers.join('; ')}`] : [])].join(', ');
}

/** Adds the front-door boxes after `sources`, each linked to the next. */
export function addDoorHops(ctx: BuildContext, door: FrontDoorPolicyView, sources: DoorSource[]): void {
  const hops = doorHops(door);
  if (hops.length === 0) return;
  const state = doorState(door);
  const total = sources.reduce((n, s) => n + s.share, 0);
  const backend = hops.find((h) => h.kind === 'proxy')?.backend ?? null;
  let prev: { id: string; kind: FrontDoorHop['kind'] } | null = null;
  for (const hop of hops) {
    const column = DOOR_COLUMN[hop.kind as keyof typeof DOOR_COLUMN];
    const id = ctx.id(`door:${hop.kind}`);
    const sentence = hopSentence(hop);
    const title = hop.kind === 'app' ? `Application ${hop.subtitle}` : `${hop.title} ${hop.subtitle}`;
    ctx.addNode({
      id,
      column,
      kind: column,
      label: hop.subtitle,
      sublabel: sublabelOf(hop, backend),
      share: total,
      // A REDIRECT sidecar rewrites the app's L3 peer to 127.0.0.6 (amber), whatever a header still carries.
      clientIP: total <= 0 ? 'none' : hop.kind === 'sidecar' && hop.alert ? 'snat' : state,
      alert: hop.alert,
      facts: hopFacts(hop),
      hop: {
        src: null,
        dst: null,
        note: `${title}: ${sentence}.${hop.alert ? ' The client address is lost or spoofable here.' : ''}`,
      },
      ariaLabel: `${title}: ${sentence}`,
    });
    if (prev === null) {
      for (const s of sources)
        ctx.addEdge(s.id, id, {
          share: s.share,
          kind: s.share > 0 ? 'traffic' : 'idle',
          clientIP: s.share > 0 ? s.clientIP : 'none',
          label: '',
          hop: {
            src: null,
            dst: null,
            note: `${formatShare(s.share)} of the traffic reaches ${hop.kind === 'proxy' ? 'the proxy in this pod' : title}.`,
          },
          ariaLabel: `To ${title}: ${formatShare(s.share)} of traffic, ${clientIPWords(s.share > 0 ? s.clientIP : 'none')}`,
        });
    } else {
      // A proxy opens its own connection to the backend; a REDIRECT sidecar connects to the app from loopback.
      ctx.addEdge(prev.id, id, {
        share: total,
        kind: 'relayed',
        clientIP: total > 0 ? state : 'none',
        label: '',
        hop: {
          src: null,
          dst: null,
          note:
            prev.kind === 'proxy'
              ? 'A new connection from the proxy: the client, if kept, travels in the headers it writes.'
              : 'Inside the pod: the sidecar hands the connection to the application.',
        },
        ariaLabel: `${prev.kind === 'proxy' ? 'Proxy' : 'Sidecar'} to ${title}: a new connection, ${clientIPWords(state)}`,
      });
    }
    prev = { id, kind: hop.kind };
  }
}

/**
 * For a Service reached only through a proxy (no external path of its own): the sample client and the load
 * balancer in front of the proxy, then the proxy, sidecar and application hops. Returns the proxy Service.
 */
export function addProxiedFront(ctx: BuildContext, door: FrontDoorPolicyView): { proxyService: string | null } {
  const proxy = door.hops.find((h) => h.kind === 'proxy');
  const proxyService = proxy?.facts.find((f) => f.label === 'Service')?.value ?? null;
  const lb = doorLoadBalancer(door);
  addClientBox(
    ctx,
    null,
    lb ? lb.subtitle : (proxyService ?? 'the proxy'),
    'A sample external client; its address is what the application should learn.',
  );
  let from = ctx.id('client');
  if (lb) {
    const keeps = lb.summary.find((f) => f.label === 'Keeps client IP')?.value;
    const state: ClientIPState = keeps === 'yes' ? 'preserved' : keeps === 'no' ? 'snat' : 'unknown';
    ctx.addNode({
      id: ctx.id('lb'),
      column: 'loadBalancer',
      kind: 'loadBalancer',
      label: lb.subtitle,
      sublabel: proxyService ? `in front of ${proxyService}` : 'in front of the proxy',
      share: 1,
      clientIP: state,
      alert: lb.alert,
      facts: lbFacts(lb),
      hop: { src: ctx.clientIP, dst: null, note: `The load balancer: ${hopSentence(lb)}.` },
      ariaLabel: `Load balancer ${lb.subtitle}: ${hopSentence(lb)}`,
    });
    addClientToLbEdge(ctx, null);
    from = ctx.id('lb');
  }
  // Between the load balancer and the proxy lie the proxy Service's nodes and kube-proxy (drawn on its page):
  // the edge into the proxy says whether the client is still known there, as the proxy box does.
  addDoorHops(ctx, door, [{ id: from, share: 1, clientIP: doorState(door) }]);
  return { proxyService };
}
