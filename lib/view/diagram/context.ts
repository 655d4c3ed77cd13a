// What every column builder of the external-path diagram shares: the Service's analysis for one
// policy, the entry addresses, how the packet arrives at the nodes, and the lists being filled.
import type { PolicyPaths, ServiceAnalysis, ServiceEntry, TrafficPolicy } from '../../engine/types';
import type { ClientIPState, DiagramEdge, DiagramNode } from '../diagram-types';
import type { FrontDoorPolicyView } from '../front-door/types';
import { edgeId, hopId } from './ids';

/** Options of buildDiagramView. */
export interface DiagramViewOptions {
  /** Node-grouping threshold (URL `group`). */
  group: number;
  /** Title of the proxy column, e.g. `kube-proxy (iptables)`. */
  proxyTitle?: string;
  /** Node name → address shown as the node's destination (InternalIP), for the displayed nodes. */
  nodeAddresses?: Record<string, string>;
  /**
   * The front door under this policy (the Service page's front-door view, which the HTML cards render too):
   * the load balancer by kind, and the proxy, sidecar and application hops drawn after the pods.
   */
  frontDoor?: FrontDoorPolicyView | null;
}

/** The fields of a box that have defaults (see nodeDefaults). */
export type NodeDefaults = Pick<
  DiagramNode,
  | 'pod'
  | 'nodeName'
  | 'count'
  | 'members'
  | 'sampleNodes'
  | 'sources'
  | 'sourcesTotal'
  | 'alert'
  | 'traits'
  | 'verdict'
  | 'verdictText'
  | 'facts'
>;

/** A box as the column builders write it (the defaults fill in the rest). */
export type NodeInput = Omit<DiagramNode, keyof NodeDefaults> & Partial<DiagramNode>;

/** The build context of one policy's diagram. */
export interface BuildContext {
  analysis: ServiceAnalysis;
  policy: TrafficPolicy;
  paths: PolicyPaths;
  opts: DiagramViewOptions;
  clientIP: string;
  lbEntry: ServiceEntry | undefined;
  npEntry: ServiceEntry | undefined;
  extEntry: ServiceEntry | undefined;
  hasLB: boolean;
  /** The LB proxies the connection (ipMode Proxy), so nodes see its address. */
  lbProxies: boolean;
  /** The client-IP state as packets arrive at the nodes. */
  arriving: ClientIPState;
  /** The source address on the wire as packets arrive at the nodes. */
  arrivingSrc: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** `<policy>:<local>` */
  id: (local: string) => string;
  addNode: (n: NodeInput) => void;
  addEdge: (
    source: string,
    target: string,
    e: Omit<DiagramEdge, 'id' | 'source' | 'target' | 'verdict'> & Partial<DiagramEdge>,
  ) => void;
}

/** What a box is where its builder does not say: one individual box, no pod or node, no warning, no verdict. */
export function nodeDefaults(): NodeDefaults {
  return {
    pod: null,
    nodeName: null,
    count: 1,
    members: [],
    sampleNodes: [],
    sources: [],
    sourcesTotal: 0,
    alert: false,
    traits: null,
    verdict: null,
    verdictText: '',
    facts: [],
  };
}

/** `address:port` of an entry, or null. */
export function entryText(e: ServiceEntry | undefined): string | null {
  return e ? `${e.address}:${e.port}` : null;
}

/** The build context for `policy`. */
export function buildContext(analysis: ServiceAnalysis, policy: TrafficPolicy, opts: DiagramViewOptions): BuildContext {
  const paths = analysis.paths[policy];
  const lbEntry = analysis.entries.find((e) => e.kind === 'loadBalancerIP');
  const hasLB = analysis.type === 'LoadBalancer';
  // ipMode Proxy: the LB proxies the connection, so the node sees the LB's address
  // (service.md §Specifying IPMode; source-ip-catalog K6/K8).
  const lbProxies = analysis.entries.some((e) => e.kind === 'loadBalancerIP' && e.ipMode === 'Proxy');
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  return {
    analysis,
    policy,
    paths,
    opts,
    clientIP: paths.clientIP,
    lbEntry,
    npEntry: analysis.entries.find((e) => e.kind === 'nodePort'),
    extEntry: analysis.entries.find((e) => e.kind === 'externalIP'),
    hasLB,
    lbProxies,
    arriving: hasLB && lbProxies ? 'snat' : 'preserved',
    arrivingSrc: hasLB && lbProxies ? (lbEntry?.address ?? 'the load balancer') : paths.clientIP,
    nodes,
    edges,
    id: (local) => hopId(policy, local),
    addNode: (n) => nodes.push({ ...nodeDefaults(), ...n }),
    addEdge: (source, target, e) => edges.push({ id: edgeId(source, target), source, target, verdict: null, ...e }),
  };
}
