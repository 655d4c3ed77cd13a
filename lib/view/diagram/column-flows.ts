// The edges from the kube-proxy boxes to the pods: which node rows send how much to which pod, and
// whether the pod's NetworkPolicy lets that traffic in (an edge into a denying pod is drawn blocked).
import type { TrafficPolicy } from '../../engine/types';
import type { DiagramEdgeKind } from '../diagram-types';
import { formatShare } from '../format';
import type { NodeRow } from '../node-grouping';
import type { BuildContext } from './context';
import { afterProxy } from './column-nodes';
import { podRowVerdict, podRowWords, type PodRow } from './column-pods';
import { proxyLocalId } from './ids';
import { clientIPWords, nodeRowLabel } from './sentences';

/** One flow: a node row sends `share` of the traffic to a pod row. */
export interface PodFlow {
  row: NodeRow;
  pod: PodRow;
  share: number;
}

/** The flows from node rows to pod rows, keyed `row id|pod row id`. */
export function podFlows(policy: TrafficPolicy, rows: NodeRow[], podRows: PodRow[]): Map<string, PodFlow> {
  const flows = new Map<string, PodFlow>();
  const add = (row: NodeRow, pod: PodRow, share: number) => {
    const k = `${row.id}|${pod.id}`;
    const f = flows.get(k);
    if (f) f.share += share;
    else flows.set(k, { row, pod, share });
  };
  const forwarding = rows.filter((r) => r.path.verdict === 'forwarded');
  if (policy === 'Local') {
    // eTP=Local: a node forwards only to its own endpoints (topology.go CategorizeEndpoints), so each
    // pod's traffic comes from the row holding its node.
    const byNode = new Map<string, NodeRow>();
    for (const r of forwarding) {
      if (r.node !== null) byNode.set(r.node, r);
      for (const m of r.members) byNode.set(m, r);
    }
    const fallback =
      forwarding.find((r) => r.node === null && r.members.length === 0 && r.path.localUsableEndpoints > 0) ?? null;
    for (const pr of podRows) {
      for (const p of pr.pods) {
        const row = (p.node !== null ? byNode.get(p.node) : undefined) ?? fallback;
        if (row) add(row, pr, p.share * p.count);
      }
    }
  } else {
    // eTP=Cluster: every node spreads over the cluster-wide endpoint set. The contract gives the
    // per-pod total only, so each row's traffic is split in proportion to the pods' shares.
    const podTotal = podRows.reduce((n, r) => n + r.share, 0);
    if (podTotal > 0) {
      for (const r of forwarding) {
        if (r.path.lbShare <= 0) continue;
        for (const pr of podRows) if (pr.share > 0) add(r, pr, (r.path.lbShare * pr.share) / podTotal);
      }
    }
  }
  return flows;
}

/** Adds the proxy → pod edges. `podIP` maps a pod row id to the address shown as the destination. */
export function addFlows(ctx: BuildContext, rows: NodeRow[], podRows: PodRow[], podIP: Map<string, string>): void {
  const flows = podFlows(ctx.policy, rows, podRows);
  const sorted = [...flows.values()].sort((a, b) => (a.row.id + a.pod.id).localeCompare(b.row.id + b.pod.id));
  for (const { row, pod, share } of sorted) {
    const state = share > 0 ? afterProxy(row.path) : 'none';
    const src =
      row.path.snatSource ?? (state === 'preserved' ? ctx.arrivingSrc : state === 'snat' ? 'node address' : null);
    const podLabel = podRowWords(pod);
    const v = share > 0 ? podRowVerdict(pod) : { verdict: null, verdictText: '' };
    // NetworkPolicy denies this traffic at the pod: drawn as blocked there (the proxy still forwards it).
    const kind: DiagramEdgeKind = share <= 0 ? 'idle' : v.verdict === 'denied' ? 'blocked' : 'traffic';
    ctx.addEdge(ctx.id(proxyLocalId(row.id)), ctx.id(pod.id), {
      share,
      kind,
      clientIP: state,
      label: '',
      verdict: v.verdict,
      hop: {
        src,
        dst: podIP.get(pod.id) ?? null,
        note: `${formatShare(share)} of the traffic goes from ${nodeRowLabel(row)} to ${podLabel}${v.verdict ? `; NetworkPolicy: ${v.verdictText}` : ''}.`,
      },
      ariaLabel: `${nodeRowLabel(row)} to ${podLabel}: ${formatShare(share)} of traffic, source ${src ?? 'unknown'}, ${clientIPWords(state)}${v.verdict ? `, NetworkPolicy ${v.verdictText}` : ''}`,
    });
  }
}
