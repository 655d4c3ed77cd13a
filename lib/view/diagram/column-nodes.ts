// Diagram columns 3–4: one row per node (or group of nodes that behave alike) and, beside it, what the
// node's service proxy does with the packet (DNAT, DNAT + SNAT, DROP, REJECT, not handled).
import type { NodePath } from '../../engine/types';
import type { ClientIPState, DiagramEdgeKind, DiagramNode } from '../diagram-types';
import { formatShare } from '../format';
import type { NodeRow } from '../node-grouping';
import { entryText, type BuildContext } from './context';
import { proxyLocalId } from './ids';
import { clientIPWords, dropWhy, nodeRowLabel, nodeRowSublabel } from './sentences';

/** Client-IP state after a node applied (or not) SNAT, from the row's numbers. */
export function afterProxy(p: NodePath): ClientIPState {
  if (p.snatSource !== null || p.clientIPPreserved === false) return 'snat';
  if (p.clientIPPreserved === true) return 'preserved';
  return 'unknown';
}

type ProxyBox = Pick<DiagramNode, 'kind' | 'label' | 'sublabel' | 'clientIP' | 'alert' | 'hop'>;

function proxyBox(ctx: BuildContext, row: NodeRow, podTarget: string): ProxyBox {
  const p = row.path;
  const { policy } = ctx;
  const clientIP = ctx.arrivingSrc;
  switch (p.verdict) {
    case 'dropped': {
      const why = dropWhy(policy === 'Local', p);
      return {
        kind: 'drop',
        label: 'DROP',
        sublabel: why,
        clientIP: 'none',
        alert: true,
        // iptables/proxier_test.go::TestExternalTrafficPolicyLocal; KUBE-EXTERNAL-SERVICES "has no local endpoints" -j DROP.
        hop: {
          src: clientIP,
          dst: null,
          note: `eTP=${policy}: the node drops external traffic (${why}); the client sees a timeout.`,
        },
      };
    }
    case 'rejected':
      return {
        kind: 'reject',
        label: 'REJECT',
        sublabel: 'no usable endpoint',
        clientIP: 'none',
        alert: true,
        // iptables/proxier_test.go::TestNoEndpointsReject: no usable endpoint anywhere → REJECT (ICMP unreachable).
        hop: {
          src: clientIP,
          dst: null,
          note: 'The Service has no usable endpoint anywhere: the packet is rejected (connection refused).',
        },
      };
    case 'notHandled':
      return {
        kind: 'notHandled',
        label: 'Not handled',
        sublabel: 'no rule for this address',
        clientIP: 'none',
        alert: true,
        hop: {
          src: clientIP,
          dst: null,
          note: 'No Service rule matches on this node; the packet goes wherever routing sends it.',
        },
      };
    case 'forwarded': {
      const state = afterProxy(p);
      const snat = state === 'snat';
      const src =
        p.snatSource ??
        (snat
          ? row.node === null
            ? "each node's own address"
            : 'the node address'
          : state === 'preserved'
            ? clientIP
            : null);
      const targets =
        policy === 'Local'
          ? `${p.localUsableEndpoints} local endpoint${p.localUsableEndpoints === 1 ? '' : 's'}`
          : "any of the Service's endpoints";
      return {
        kind: 'dnat',
        label: snat ? 'DNAT + SNAT' : 'DNAT',
        alert: false,
        clientIP: state,
        sublabel: snat
          ? `SNAT → ${p.snatSource ?? 'node address'}`
          : state === 'preserved'
            ? 'no SNAT: client IP kept'
            : 'SNAT not certain',
        // Masquerade rules: iptables/proxier_test.go::TestExternalTrafficPolicyCluster (external → masqueraded)
        // and ::TestExternalTrafficPolicyLocal (external → local endpoints only, unmasqueraded).
        hop: {
          src,
          dst: podTarget,
          note: snat
            ? `eTP=${policy}: DNAT to ${targets}, then masquerade so replies return through this node; the pod sees ${src}.`
            : `eTP=${policy}: DNAT to ${targets}; no SNAT, so the pod sees the client address.`,
        },
      };
    }
  }
}

function edgeKindFor(share: number, fallback: DiagramEdgeKind = 'idle'): DiagramEdgeKind {
  return share > 0 ? 'traffic' : fallback;
}

/** The address a node row's traffic is sent to (its InternalIP:NodePort, the LB VIP, or the externalIP). */
function rowDestination(ctx: BuildContext, row: NodeRow): string | null {
  const { opts, npEntry, hasLB, lbEntry, extEntry } = ctx;
  if (row.node !== null && opts.nodeAddresses?.[row.node])
    return `${opts.nodeAddresses[row.node]}${npEntry ? `:${npEntry.port}` : ''}`;
  if (hasLB) return entryText(lbEntry);
  return npEntry ? `node address:${npEntry.port}` : entryText(extEntry);
}

/** Adds one node row, its kube-proxy box and the edges front → row → proxy. */
function addNodeRow(ctx: BuildContext, front: string, row: NodeRow, podTarget: string): void {
  const p = row.path;
  const rid = ctx.id(row.id);
  const pid = ctx.id(proxyLocalId(row.id));
  const label = nodeRowLabel(row);
  const sublabel = nodeRowSublabel(row);
  const dst = rowDestination(ctx, row);
  const { arriving, arrivingSrc } = ctx;
  const gets = p.inLoadBalancer ? p.lbShare : 0;
  const names = { nodeName: row.node, count: p.count, members: row.members, sampleNodes: p.sampleNodes };
  ctx.addNode({
    id: rid,
    column: 'node',
    kind: row.node === null ? 'nodeGroup' : 'node',
    label,
    sublabel,
    share: gets,
    clientIP: gets > 0 ? arriving : 'none',
    alert: p.verdict !== 'forwarded' || p.healthCheck === 503 || p.proxyHealthz === 503 || !p.inLoadBalancer,
    ...names,
    traits: {
      zone: p.zone,
      lbExcludedReason: p.lbExcludedReason,
      proxyHealthz: p.proxyHealthz,
      inLoadBalancer: p.inLoadBalancer,
    },
    hop: {
      src: gets > 0 ? arrivingSrc : null,
      dst,
      note: p.inLoadBalancer
        ? `Receives ${formatShare(gets)} of the external traffic.`
        : `Gets no traffic from the load balancer: ${p.lbExcludedReason ?? 'excluded'}.`,
    },
    ariaLabel: `${label}: ${sublabel}`,
  });
  const inKind: DiagramEdgeKind = p.inLoadBalancer ? edgeKindFor(gets) : 'excluded';
  ctx.addEdge(front, rid, {
    share: gets,
    kind: inKind,
    clientIP: gets > 0 ? arriving : 'none',
    label: inKind === 'excluded' ? (p.healthCheck === 503 ? 'HC 503' : 'excluded') : '',
    hop: {
      src: arrivingSrc,
      dst,
      note:
        inKind === 'excluded'
          ? `Not sent: ${p.lbExcludedReason ?? 'excluded from the load balancer'}.`
          : `${formatShare(gets)} of the traffic arrives at ${label}.`,
    },
    ariaLabel: `${ctx.hasLB ? 'Load balancer' : 'Client'} to ${label}: ${inKind === 'excluded' ? `no traffic (${p.lbExcludedReason ?? 'excluded'})` : `${formatShare(gets)} of traffic, ${clientIPWords(arriving)}`}`,
  });

  const box = proxyBox(ctx, row, podTarget);
  const proxyTitle = ctx.opts.proxyTitle ?? 'kube-proxy';
  ctx.addNode({
    id: pid,
    column: 'proxy',
    share: gets,
    ...names,
    ...box,
    ariaLabel: `${proxyTitle} on ${label}: ${box.label}, ${box.sublabel}`,
  });
  const dies = p.verdict !== 'forwarded';
  ctx.addEdge(rid, pid, {
    share: gets,
    kind: p.verdict === 'rejected' ? 'rejected' : dies ? 'dropped' : edgeKindFor(gets),
    clientIP: gets > 0 ? arriving : 'none',
    label:
      p.verdict === 'rejected' ? 'rejected' : dies ? (gets > 0 ? `${formatShare(gets)} dropped` : 'would drop') : '',
    hop: { src: arrivingSrc, dst, note: dies ? box.hop.note : 'kube-proxy rules on the node pick an endpoint.' },
    ariaLabel: `${label} to ${box.label}: ${dies ? `${p.verdict}${gets > 0 ? `, ${formatShare(gets)} of traffic` : ''}` : `${formatShare(gets)} of traffic`}`,
  });
}

/** Adds every node row with its kube-proxy box; `podTarget` is the DNAT destination shown (one pod IP or "endpoint IP"). */
export function addNodeRows(ctx: BuildContext, front: string, rows: NodeRow[], podTarget: string): void {
  for (const row of rows) addNodeRow(ctx, front, row, podTarget);
}
