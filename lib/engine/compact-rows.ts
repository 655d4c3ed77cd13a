// Output rows of a Service's paths at scale: above MAX_INDIVIDUAL_ROWS rows, node rows that behave
// identically merge into one aggregate row (as buildRows already does for the nodes without endpoints),
// and so do pod rows that behave identically — same node row, share, readiness, source addresses,
// client-IP answer and NetworkPolicy verdict — with a count and up to MAX_SAMPLES samples. A DaemonSet
// LoadBalancer Service with externalTrafficPolicy Local on 5,000 nodes is then a handful of rows instead
// of 5,000 node rows and 5,000 pod rows in every output. The finding stages run on the full
// rows before this step; small Services keep one row per node and per pod. Pure, O(rows).
import type { NodePath, PodShare, PolicyPaths, ServiceAnalysis } from './types';

/** Up to this many node (pod) rows a path lists every row individually. */
export const MAX_INDIVIDUAL_ROWS = 32;
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
  for (const r of rows) {
    const key = [
      r.verdict,
      r.inLoadBalancer,
      r.lbExcludedReason,
      r.healthCheck,
      r.proxyHealthz,
      r.localEndpoints,
      r.localUsableEndpoints,
      r.clientIPPreserved,
      r.snatSource === null, // each node SNATs to its own address: an aggregate says whether, not which
    ].join(SEP);
    let m = merged.get(key);
    if (!m) {
      m = { ...r, sampleNodes: r.sampleNodes.slice(0, MAX_SAMPLES) };
      merged.set(key, m);
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
    for (const n of r.node ? [r.node] : r.sampleNodes) rowOfNode.set(n, index.get(m)!);
  }
  return { nodes: out, rowOfNode };
}

function compactPods(rows: PodShare[], rowOfNode: Map<string, number>): PodShare[] {
  const merged = new Map<string, PodShare>();
  const out: PodShare[] = [];
  for (const r of rows) {
    // One template per pod row (no array of parts): every part is a number, boolean or string, never null.
    const node = r.node === null ? -1 : (rowOfNode.get(r.node) ?? -1);
    const s = r.sourceIPs;
    const key = `${node}${SEP}${r.share}${SEP}${r.ready}${SEP}${r.terminating}${SEP}${s.client}${SEP}${s.total}${SEP}${s.addresses.join(',')}${SEP}${r.clientIPPreserved}${SEP}${r.policy}${SEP}${ownNamesMasked(r)}`;
    const m = merged.get(key);
    if (!m) {
      const first: PodShare = { ...r, samplePods: r.samplePods.slice(0, MAX_SAMPLES) };
      merged.set(key, first);
      out.push(first);
      continue;
    }
    m.pod = null;
    m.count += r.count;
    if (m.node !== r.node) m.node = null;
    for (const s of r.samplePods) if (m.samplePods.length < MAX_SAMPLES) m.samplePods.push(s);
  }
  return out;
}

/** The pod row's policy reason with its own name and address masked: reasons that differ only there are one answer. */
function ownNamesMasked(r: PodShare): string {
  const name = r.pod ?? r.ip;
  let reason = r.policyReason;
  // replaceAll with a string pattern is split(x).join(y); most reasons name neither, so test first.
  if (reason.includes(name)) reason = reason.replaceAll(name, '<pod>');
  if (reason.includes(r.ip)) reason = reason.replaceAll(r.ip, '<ip>');
  return reason;
}
