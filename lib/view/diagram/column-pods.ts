// Diagram column 5: the pods, each with its share of the traffic, the source it sees and the
// NetworkPolicy verdict for that traffic (colour, icon and words: the pod box draws all three).
import type { PodShare } from '../../engine/types';
import type { ClientIPState, DiagramNode } from '../diagram-types';
import { formatShare, seenSourceText, shortName, podCount } from '../format';
import type { BuildContext } from './context';
import { clientIPWords } from './sentences';
import { combineVerdicts, verdictText, VERDICT_WORD } from './verdict';

/** Pods drawn individually at least (more when the grouping threshold is higher). */
export const MIN_POD_ROWS = 16;

/** A pod row: one pod, or the pods beyond the limit folded together. */
export interface PodRow {
  id: string;
  pods: PodShare[];
  share: number;
}

/** Keeps the pods with the most traffic (then by name) and folds the rest into one row. */
export function groupPodRows(pods: PodShare[], limit: number): PodRow[] {
  // An aggregate PodShare (count > 1) is one row whose share is its pods' total.
  const key = (p: PodShare) => (p.count > 1 ? `group:${p.samplePods[0]}` : (p.pod ?? p.ip));
  const total = (p: PodShare) => p.share * p.count;
  const sorted = [...pods].sort((a, b) => total(b) - total(a) || key(a).localeCompare(key(b)));
  const kept = pods.length <= limit ? sorted : sorted.slice(0, limit);
  const rest = pods.length <= limit ? [] : sorted.slice(limit);
  const rows: PodRow[] = kept.map((p) => ({ id: `pod:${key(p)}`, pods: [p], share: total(p) }));
  if (rest.length > 0) rows.push({ id: 'pods:rest', pods: rest, share: rest.reduce((n, p) => n + total(p), 0) });
  return rows;
}

/** A pod row in words: the pod, an aggregate's pods, or how many pods are folded together. */
export function podRowWords(row: PodRow): string {
  if (row.pods.length > 1) return `${podCount(row.pods)} more pods`;
  const p = row.pods[0];
  return p.count > 1 ? `${p.count} pods (${p.samplePods[0]}, …)` : (p.pod ?? p.ip);
}

function podClientIP(p: PodShare['clientIPPreserved']): ClientIPState {
  return p === 'yes' ? 'preserved' : p === 'no' ? 'snat' : 'partial';
}

/** The verdict of a pod row for the traffic it receives (null when no traffic reaches it: nothing to judge). */
export function podRowVerdict(row: PodRow): Pick<DiagramNode, 'verdict' | 'verdictText'> {
  const receiving = row.pods.filter((p) => p.share > 0);
  const verdict = combineVerdicts(receiving.map((p) => p.policy));
  if (verdict === null) return { verdict: null, verdictText: '' };
  if (row.pods.length === 1) return { verdict, verdictText: verdictText(verdict, row.pods[0].policyReason) };
  const denied = podCount(receiving.filter((p) => p.policy === 'denied'));
  return {
    verdict,
    verdictText: verdict === 'mixed' ? `denied at ${denied} of ${podCount(receiving)}` : VERDICT_WORD[verdict],
  };
}

function addPod(ctx: BuildContext, row: PodRow): void {
  const p = row.pods[0];
  const name = p.count > 1 ? `${p.count} pods (${shortName(p.samplePods[0])}, …)` : p.pod ? shortName(p.pod) : p.ip;
  const seen = seenSourceText(p.sourceIPs, ctx.clientIP);
  const status = p.terminating ? ' · terminating' : p.ready ? '' : ' · not ready';
  const v = podRowVerdict(row);
  ctx.addNode({
    id: ctx.id(row.id),
    column: 'pod',
    kind: 'pod',
    label: name,
    sublabel: `${formatShare(p.share)}${p.count > 1 ? ' each' : ''} · sees ${seen}${status}`,
    share: row.share,
    clientIP: p.share > 0 ? podClientIP(p.clientIPPreserved) : 'none',
    pod: p.pod,
    nodeName: p.node,
    sources: [...(p.sourceIPs.client ? [ctx.clientIP] : []), ...p.sourceIPs.addresses],
    sourcesTotal: (p.sourceIPs.client ? 1 : 0) + p.sourceIPs.total,
    alert: (p.share > 0 && p.policy !== 'allowed') || (p.share === 0 && p.ready),
    ...v,
    hop: { src: seen, dst: p.ip, note: `NetworkPolicy: ${p.policy} — ${p.policyReason}` },
    ariaLabel: `Pod ${p.pod ?? p.ip} (${p.ip}) on ${p.node ?? 'an unknown node'}: ${formatShare(p.share)} of traffic, sees ${seen}, ${v.verdict ? `NetworkPolicy ${v.verdictText}` : 'no traffic to judge'}`,
  });
}

function addPodGroup(ctx: BuildContext, row: PodRow): void {
  const states = new Set(row.pods.map((p) => p.clientIPPreserved));
  const state: ClientIPState = states.size === 1 ? podClientIP(row.pods[0].clientIPPreserved) : 'partial';
  const n = podCount(row.pods);
  const label = `${n} more pods`;
  const v = podRowVerdict(row);
  ctx.addNode({
    id: ctx.id(row.id),
    column: 'pod',
    kind: 'podGroup',
    label,
    sublabel: `${formatShare(row.share)} · ${clientIPWords(state)}`,
    share: row.share,
    clientIP: row.share > 0 ? state : 'none',
    count: n,
    alert: row.pods.some((p) => p.share > 0 && p.policy !== 'allowed'),
    ...v,
    hop: {
      src: null,
      dst: `${n} pod IPs`,
      note: `The ${n} pods with the least traffic, together.`,
    },
    ariaLabel: `${label}: ${formatShare(row.share)} of traffic together, ${clientIPWords(state)}${v.verdict ? `, NetworkPolicy ${v.verdictText}` : ''}`,
  });
}

/** Adds the pod boxes. */
export function addPods(ctx: BuildContext, rows: PodRow[]): void {
  for (const row of rows) (row.pods.length === 1 ? addPod : addPodGroup)(ctx, row);
}
