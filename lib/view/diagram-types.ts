// View data of the packet-path diagram: what the Service page draws for one traffic policy, before
// and after layout. Plain serialisable data (the server computes it, client components render it).
import type { TrafficPolicy } from '../engine/types';
import type { DiagramVerdict } from './diagram/verdict';

export type { DiagramVerdict } from './diagram/verdict';

/** The diagram's columns, left to right. */
/**
 * `clients` is the in-cluster diagram's client-group column. After the pods, the front-door hops of the
 * external path: `l7Proxy` (a recognised proxy in the pods, with the headers it writes toward its backend),
 * `sidecar` (an Istio sidecar in front of the application) and `app` (the address the application takes as
 * the client).
 */
export type DiagramColumn =
  'client' | 'clients' | 'loadBalancer' | 'clusterIP' | 'node' | 'proxy' | 'pod' | 'l7Proxy' | 'sidecar' | 'app';

/**
 * What happens to the client's source address at a hop: `preserved` (the client IP is on the wire),
 * `snat` (rewritten to a node/tunnel/LB address), `partial` (some flows each way), `unknown`
 * (not certain), `none` (no packet gets here: dropped, rejected, idle).
 */
export type ClientIPState = 'preserved' | 'snat' | 'partial' | 'unknown' | 'none';

/** Kinds of boxes. */
export type DiagramNodeKind =
  | 'client'
  | 'clientGroup'
  | 'loadBalancer'
  | 'clusterIP'
  | 'node'
  | 'nodeGroup'
  | 'dnat'
  | 'drop'
  | 'reject'
  | 'notHandled'
  | 'pod'
  | 'podGroup'
  | 'l7Proxy'
  | 'sidecar'
  | 'app';

/**
 * Kinds of edges: traffic that flows, traffic that dies (in the proxy, or `blocked` by the
 * destination's NetworkPolicy), a path the LB does not use, or `relayed`: a new connection a proxy or
 * sidecar opens (the client, when kept, travels in a header or PROXY, not as the L3 source).
 */
export type DiagramEdgeKind = 'traffic' | 'blocked' | 'dropped' | 'rejected' | 'excluded' | 'idle' | 'relayed';

/**
 * One short fact a box draws on its own line (`label: value`), e.g. a load balancer's layer or a header a
 * proxy writes. The value is whole here; the layout truncates what it draws, the tooltip and details show all.
 */
export interface DiagramFact {
  label: string;
  value: string;
  /** A header as the hop writes it (drawn in monospace, `Name: value`). */
  header: boolean;
}

/** The addresses on the wire at a hop (shown on hover and focus). */
export interface HopAddresses {
  src: string | null;
  dst: string | null;
  /** One sentence: what this hop does to the packet. */
  note: string;
}

/** What a node row's nodes share, used to place a traced node in an engine aggregate row. */
export interface NodeTraits {
  zone: string | null;
  lbExcludedReason: string | null;
  proxyHealthz: 200 | 503;
  inLoadBalancer: boolean;
}

/** One box of the diagram; `id` is stable across renders and is what `hop=` in the URL names. */
export interface DiagramNode {
  id: string;
  column: DiagramColumn;
  kind: DiagramNodeKind;
  label: string;
  sublabel: string;
  /** Fraction of the Service's external traffic passing through (0..1). */
  share: number;
  clientIP: ClientIPState;
  hop: HopAddresses;
  /** Accessible name: the whole story of this box in one sentence. */
  ariaLabel: string;
  /** `namespace/name` of a pod box. */
  pod: string | null;
  /** Node name of an individual node or kube-proxy box. */
  nodeName: string | null;
  /** Number of nodes or pods a group box stands for (1 for individual boxes). */
  count: number;
  /** Names of the nodes folded into a view-level node group (empty for engine aggregates). */
  members: string[];
  /**
   * Node rows and their kube-proxy boxes: up to 16 names of the nodes the row stands for
   * (NodePath.sampleNodes, merged for view groups); a row with `count` above the names it lists
   * (here and in `members`) also stands for nodes it does not name. Empty for other boxes.
   */
  sampleNodes: string[];
  /** Pods: every source address the pod sees that the analysis lists (the client, SNAT addresses). */
  sources: string[];
  /** Pods: how many source addresses there are in all (may exceed `sources`). */
  sourcesTotal: number;
  /** True for a row that carries a warning worth the eye (drop, reject, 503, 0-share pod). */
  alert: boolean;
  /** Node rows only: what the row's nodes have in common. */
  traits: NodeTraits | null;
  /** Pods and client groups: the NetworkPolicy verdict for the traffic this box receives or sends; null elsewhere. */
  verdict: DiagramVerdict | null;
  /** The verdict in words, with the deciding policy (`denied by ns/name`); '' when `verdict` is null. */
  verdictText: string;
  /** Short facts drawn one per line (load balancer by kind, headers a proxy writes, the app's client IP). */
  facts: DiagramFact[];
}

/** One edge between two boxes. */
export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  /** Fraction of the Service's external traffic on this edge (0..1). */
  share: number;
  kind: DiagramEdgeKind;
  clientIP: ClientIPState;
  /** Short visible label (empty when the colour and the boxes say it all). */
  label: string;
  hop: HopAddresses;
  ariaLabel: string;
  /** Edges into pods: the NetworkPolicy verdict for the traffic on this edge; null elsewhere. */
  verdict: DiagramVerdict | null;
}

/** A column header. */
export interface DiagramColumnInfo {
  column: DiagramColumn;
  title: string;
}

/** The diagram of one traffic policy, not yet laid out. */
export interface DiagramView {
  service: string;
  policy: TrafficPolicy;
  /** True for the Service's own policy, false for the what-if. */
  actual: boolean;
  clientIP: string;
  columns: DiagramColumnInfo[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** One-line summary (client IP preserved?, dropped share, skew). */
  summary: string;
  /** Why the diagram is empty or partial. */
  notices: string[];
  /** Engine notes for this policy. */
  notes: string[];
}

/** One drawn line of a box's fact. */
export interface DiagramFactLine {
  text: string;
  /** The fact's label (several lines may share one). */
  label: string;
  header: boolean;
  /** The value's own line under its label (drawn indented). */
  indent: boolean;
}

/** A box with its position (top-left corner) and size. */
export interface PositionedNode extends DiagramNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label and sublabel wrapped to the box width (SVG text does not wrap by itself). */
  labelLines: string[];
  sublabelLines: string[];
  /** The verdict text wrapped to the box (up to two lines); empty when the box shows no verdict. */
  verdictLines: string[];
  /** `facts` as drawn: one line each, or the label and the value on two lines, cut to the box (ending in …). */
  factLines: DiagramFactLine[];
  /** Title drawn above a front-door box stacked under the pods (its column has no header then); else null. */
  caption?: string | null;
}

/** An edge with its SVG path, stroke width and label anchor. */
export interface PositionedEdge extends DiagramEdge {
  path: string;
  width: number;
  labelX: number;
  labelY: number;
}

/** A laid-out diagram in SVG user units. */
export interface DiagramLayout {
  policy: TrafficPolicy;
  width: number;
  height: number;
  columns: (DiagramColumnInfo & { x: number; width: number })[];
  nodes: PositionedNode[];
  edges: PositionedEdge[];
}
