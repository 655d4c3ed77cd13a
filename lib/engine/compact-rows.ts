// Output rows of a Service's paths at scale: above MAX_INDIVIDUAL_ROWS rows, node rows that behave
// identically merge into one aggregate row (as buildRows already does for the nodes without endpoints),
// and so do pod rows that behave identically — same node row, share, readiness, source addresses,
// client-IP answer and NetworkPolicy verdict — with a count and up to MAX_SAMPLES samples. A DaemonSet
// LoadBalancer Service with externalTrafficPolicy Local on 5,000 nodes is then a handful of rows instead
// of 5,000 node rows and 5,000 pod rows in every output. The finding stages run on the full
// rows before this step; small Services keep one row per node and per pod. Pure, O(rows).
import { MAX_INDIVIDUAL_ROWS, maskOwnNames } from '../util/merged-rows';
import type { NodePath, PodShare, PolicyPaths, ServiceAnalysis } from './types';

/** Up to this many node (pod) rows a path lists every row individually (lib/util/merged-rows.ts). */
export { MAX_INDIVIDUAL_ROWS };
/** Names an aggregate row lists (NodePath.sampleNodes, PodShare.samplePods). */
export const MAX_SAMPLES = 16;

/** The Service's analysis with compacted rows under both policies (the same object when nothing merges). */
export function compactServiceAnalysis(a: ServiceAnalysis): ServiceAnalysis {
  const Cluster = compactPaths(a.paths.Cluster);
  const Local = compactPaths(a.paths.Local);
  if (Cluster === a.paths.Cluster && Local === a.paths.Local) return a;
  const paths = { Cluster, Local };
  return { ...a, paths, nodes: paths[a.externalTrafficPolicy].nodes };
}

/** One policy's paths with identical node rows and identical pod rows merged (the same object when none do). */
export function compactPaths(p: PolicyPaths): PolicyPaths {
  if (p.nodes.length <= MAX_INDIVIDUAL_ROWS && p.pods.length <= MAX_INDIVIDUAL_ROWS) return p;
  const { nodes, rowOfNode } = compactNodes(p.nodes);
  const pods = p.pods.length > MAX_INDIVIDUAL_ROWS ? compactPods(p.pods, rowOfNode) : p.pods;
  if (nodes.length === p.nodes.length && pods.length === p.pods.length) return p;
  return { ...p, nodes, pods };
}

const SEP = '\u0000';

function compactNodes(rows: NodePath[]): { nodes: NodePath[]; rowOfNode: Map<string, number> } {
  const rowOfNode = new Map<string, number>();
  if (rows.length <= MAX_INDIVIDUAL_ROWS) {
    rows.forEach((r, i) => {
      for (const n of r.node ? [r.node] : r.sampleNodes) rowOfNode.set(n, i);
    });
    return { nodes: rows, rowOfNode };
  }
  const merged = new Map<string, NodePath>();
  const index = new Map<NodePath, number>();
  const out: NodePath[] = [];
  let prev: NodePath | null = null;
  let prevMerged: NodePath | undefined;
  for (const r of rows) {
    // A row equal to the one before it in every field of the key has its key, so its aggregate: the rows of
    // a large Service come in such runs, and building and hashing the key string was most of the work.
    let m = prev !== null && sameNodeAnswer(prev, r) ? prevMerged : undefined;
    const key = m ? null : nodeKey(r);
    if (key !== null) m = merged.get(key);
    if (!m) {
      m = { ...r, sampleNodes: r.sampleNodes.slice(0, MAX_SAMPLES) };
      merged.set(key!, m); // a new aggregate only where the key was looked up
      index.set(m, out.length);
      out.push(m);
    } else {
      m.node = null;
      m.count += r.count;
      m.lbShare += r.lbShare;
      m.snatSource = null;
      if (m.zone !== r.zone) m.zone = null;
      for (const s of r.sampleNodes) if (m.sampleNodes.length < MAX_SAMPLES) m.sampleNodes.push(s);
    }
    prev = r;
    prevMerged = m;
    for (const n of r.node ? [r.node] : r.sampleNodes) rowOfNode.set(n, index.get(m)!);
  }
  return { nodes: out, rowOfNode };
}

/**
 * The node row fields that decide whether two rows merge (with whether the row SNATs: each node SNATs to its own
 * address, so an aggregate says whether, not which). nodeKey and sameNodeAnswer both read this one list.
 */
const NODE_ANSWER = [
  'verdict',
  'inLoadBalancer',
  'lbExcludedReason',
  'healthCheck',
  'proxyHealthz',
  'localEndpoints',
  'localUsableEndpoints',
  'clientIPPreserved',
] as const satisfies readonly (keyof NodePath)[];

/** The key under which identical node rows merge. */
function nodeKey(r: NodePath): string {
  let key = String(r.snatSource === null);
  for (const f of NODE_ANSWER) key += `${SEP}${r[f] ?? ''}`;
  return key;
}

/** Whether two node rows agree in every field nodeKey reads (then their keys are equal). */
function sameNodeAnswer(a: NodePath, b: NodePath): boolean {
  if ((a.snatSource === null) !== (b.snatSource === null)) return false;
  for (const f of NODE_ANSWER) if (a[f] !== b[f]) return false;
  return true;
}

function compactPods(rows: PodShare[], rowOfNode: Map<string, number>): PodShare[] {
  const merged = new Map<string, PodShare>();
  const out: PodShare[] = [];
  let prev: PodShare | null = null;
  let prevNode = 0;
  let prevReason = '';
  let prevMerged: PodShare | undefined;
  for (const r of rows) {
    const node = r.node === null ? -1 : (rowOfNode.get(r.node) ?? -1);
    const reason = ownNamesMasked(r);
    // As in compactNodes: a row that agrees with the one before it in every part of the key shares its aggregate.
    let m =
      prev !== null && node === prevNode && reason === prevReason && samePodAnswer(prev, r) ? prevMerged : undefined;
    const key = m ? null : podKey(r, node, reason);
    if (key !== null) m = merged.get(key);
    prev = r;
    prevNode = node;
    prevReason = reason;
    if (!m) {
      const first: PodShare = { ...r, samplePods: r.samplePods.slice(0, MAX_SAMPLES) };
      merged.set(key!, first); // a new aggregate only where the key was looked up
      out.push(first);
      prevMerged = first;
      continue;
    }
    prevMerged = m;
    m.pod = null;
    m.count += r.count;
    if (m.node !== r.node) m.node = null;
    for (const s of r.samplePods) if (m.samplePods.length < MAX_SAMPLES) m.samplePods.push(s);
  }
  return out;
}

/** The pod row fields that decide, with its node row, sources and masked reason, whether two rows merge. */
const POD_ANSWER = [
  'share',
  'ready',
  'terminating',
  'clientIPPreserved',
  'policy',
] as const satisfies readonly (keyof PodShare)[];

/** The key under which identical pod rows merge; `node`: the index of the pod's node row, `reason`: ownNamesMasked. */
function podKey(r: PodShare, node: number, reason: string): string {
  // Every part is a number, boolean or string, never null.
  const s = r.sourceIPs;
  let key = `${node}${SEP}${s.client}${SEP}${s.total}${SEP}${s.addresses.join(',')}${SEP}${reason}`;
  for (const f of POD_ANSWER) key += `${SEP}${r[f]}`;
  return key;
}

/** Whether two pod rows agree in the parts of podKey read from the rows themselves (then, with the same node row and masked reason, their keys are equal). */
function samePodAnswer(a: PodShare, b: PodShare): boolean {
  const x = a.sourceIPs;
  const y = b.sourceIPs;
  if (x.client !== y.client || x.total !== y.total || !sameTexts(x.addresses, y.addresses)) return false;
  for (const f of POD_ANSWER) if (a[f] !== b[f]) return false;
  return true;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The pod row's policy reason with its own name and address masked: reasons that differ only there are one answer. */
function ownNamesMasked(r: PodShare): string {
  return maskOwnNames(r.policyReason, r.pod ?? r.ip, r.ip);
}
