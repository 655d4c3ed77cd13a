// The in-cluster diagram of a Service: client pods (grouped by workload, or by namespace when there
// are many) → ClusterIP → the service proxy on each client's node → pods, for one
// internalTrafficPolicy, with the NetworkPolicy verdict per client group and per pod. Built from the
// engine's InClusterPaths (lib/engine/in-cluster-paths.ts). Pure and deterministic.
import type { ClientGroupPath, ClientRoute, InClusterPaths } from '../../engine/in-cluster-paths';
import type { PolicyVerdict } from '../../engine/types';
import type { DiagramEdge, DiagramEdgeKind, DiagramNode, DiagramView } from '../diagram-types';
import { formatShare, shortName } from '../format';
import { nodeDefaults } from './context';
import { edgeId, hopId } from './ids';
import { combineVerdicts, verdictText, VERDICT_WORD, type DiagramVerdict } from './verdict';

/** Client boxes drawn at most; past it workloads are grouped by namespace, and namespaces folded. */
export const MIN_CLIENT_ROWS = 16;
/** Proxy boxes drawn at most (distinct node outcomes); the rest are folded by verdict. */
const MAX_PROXY_ROWS = 12;

/** Options of buildInClusterView. */
export interface InClusterViewOptions {
  service: string;
  group: number;
  proxyTitle?: string;
}

/** A client box: one workload, one namespace, or several namespaces folded. */
interface ClientRow {
  id: string;
  label: string;
  groups: ClientGroupPath[];
}

/** The routes of a set of groups, with the share of client pods each carries. */
function pods(groups: ClientGroupPath[]): number {
  return groups.reduce((n, g) => n + g.group.pods, 0);
}

function groupVerdict(groups: ClientGroupPath[]): { verdict: DiagramVerdict | null; text: string } {
  const judged = groups.filter((g) => g.policy !== null);
  const verdict = combineVerdicts(judged.map((g) => g.policy as PolicyVerdict));
  if (verdict === null) return { verdict: null, text: '' };
  if (groups.length === 1) return { verdict, text: verdictText(verdict, groups[0].policyReason) };
  if (verdict !== 'mixed') return { verdict, text: `${VERDICT_WORD[verdict]} for all ${judged.length}` };
  const count = (v: PolicyVerdict) => judged.filter((g) => g.policy === v).length;
  const parts = (['allowed', 'denied', 'unknown'] as const).filter((v) => count(v) > 0).map((v) => `${count(v)} ${v}`);
  return { verdict, text: parts.join(', ') };
}

/** Client rows: workloads when few, else namespaces (the Service's own first), folded past the limit. */
export function clientRows(paths: InClusterPaths, limit: number): ClientRow[] {
  const clients = paths.clients;
  if (clients.length <= limit)
    return clients.map((g) => ({ id: `clients:${g.group.key}`, label: g.group.key, groups: [g] }));
  const byNs = new Map<string, ClientGroupPath[]>();
  for (const g of clients) {
    const list = byNs.get(g.group.namespace);
    if (list) list.push(g);
    else byNs.set(g.group.namespace, [g]);
  }
  const rows: ClientRow[] = [...byNs].map(([ns, groups]) => ({ id: `clients:ns:${ns}`, label: ns, groups }));
  if (rows.length <= limit) return rows;
  const kept = rows.slice(0, limit - 1);
  const rest = rows.slice(limit - 1);
  return [
    ...kept,
    { id: 'clients:rest', label: `${rest.length} more namespaces`, groups: rest.flatMap((r) => r.groups) },
  ];
}

/** The outcome key of a route: verdict and endpoint set (routes with equal keys share a proxy box). */
function routeKey(r: ClientRoute): string {
  return `${r.verdict}|${r.endpoints.map((e) => e.ip).join(',')}`;
}

/** One proxy box: the client nodes whose proxies do the same thing. */
interface ProxyRow {
  id: string;
  routes: ClientRoute[];
  nodes: string[];
  sample: ClientRoute;
}

function proxyRows(paths: InClusterPaths): ProxyRow[] {
  const byKey = new Map<string, ProxyRow>();
  for (const g of paths.clients)
    for (const r of g.routes) {
      const key = routeKey(r);
      let row = byKey.get(key);
      if (!row) byKey.set(key, (row = { id: `ic-proxy:${byKey.size}`, routes: [], nodes: [], sample: r }));
      row.routes.push(r);
      for (const n of r.nodes) if (!row.nodes.includes(n)) row.nodes.push(n);
    }
  const rows = [...byKey.values()].sort(
    (a, b) =>
      Number(a.sample.verdict !== 'forwarded') - Number(b.sample.verdict !== 'forwarded') || a.id.localeCompare(b.id),
  );
  for (const r of rows) r.nodes.sort();
  // Stable ids from content, not discovery order: the first node (or the verdict) names the box.
  rows.forEach((r) => (r.id = `ic-proxy:${r.sample.verdict}:${r.nodes[0] ?? 'any'}`));
  if (rows.length <= MAX_PROXY_ROWS) return rows;
  const kept = rows.slice(0, MAX_PROXY_ROWS - 1);
  const rest = rows.slice(MAX_PROXY_ROWS - 1);
  return [
    ...kept,
    {
      id: 'ic-proxy:rest',
      routes: rest.flatMap((r) => r.routes),
      nodes: rest.flatMap((r) => r.nodes).sort(),
      sample: rest[0].sample,
    },
  ];
}

const nodeWord = (n: number) => `${n} node${n === 1 ? '' : 's'}`;

/** Builds the in-cluster diagram of one internalTrafficPolicy. */
export function buildInClusterView(paths: InClusterPaths, opts: InClusterViewOptions): DiagramView {
  const policy = paths.policy;
  const P = (local: string) => hopId(policy, local);
  const proxyTitle = opts.proxyTitle ?? 'kube-proxy';
  const view: DiagramView = {
    service: opts.service,
    policy,
    actual: paths.actual,
    clientIP: 'client pods',
    columns: [
      { column: 'clients', title: 'Client pods' },
      { column: 'clusterIP', title: 'ClusterIP' },
      { column: 'proxy', title: `${proxyTitle}, client's node` },
      { column: 'pod', title: 'Pods' },
    ],
    nodes: [],
    edges: [],
    summary: '',
    notices: [],
    notes: paths.notes,
  };
  const entry = paths.entry;
  if (!entry || paths.clients.length === 0) {
    view.summary = entry ? 'No client pods to trace' : 'No ClusterIP path';
    return view;
  }
  const nodes = view.nodes;
  const edges = view.edges;
  const addNode = (
    n: Partial<DiagramNode> &
      Pick<DiagramNode, 'id' | 'column' | 'kind' | 'label' | 'sublabel' | 'share' | 'hop' | 'ariaLabel'>,
  ) => nodes.push({ ...nodeDefaults(), clientIP: 'preserved', ...n });
  const addEdge = (
    source: string,
    target: string,
    e: Partial<DiagramEdge> & Pick<DiagramEdge, 'share' | 'kind' | 'hop' | 'ariaLabel'>,
  ) =>
    edges.push({
      id: edgeId(source, target),
      source,
      target,
      clientIP: e.share > 0 ? 'preserved' : 'none',
      label: '',
      verdict: null,
      ...e,
    });

  const total = pods(paths.clients);
  const entryText = `${entry.address.includes(':') ? `[${entry.address}]` : entry.address}:${entry.port}`;
  const cip = P('ic-clusterip');
  const rows = clientRows(paths, Math.max(opts.group, MIN_CLIENT_ROWS));
  for (const row of rows) {
    const n = pods(row.groups);
    const share = n / total;
    const v = groupVerdict(row.groups);
    const id = P(row.id);
    const what =
      row.groups.length === 1 ? `${n} pod${n === 1 ? '' : 's'}` : `${row.groups.length} workloads · ${n} pods`;
    addNode({
      id,
      column: 'clients',
      kind: 'clientGroup',
      label: row.label,
      sublabel: what,
      share,
      count: n,
      members: row.groups.flatMap((g) => g.group.samplePods),
      alert: v.verdict !== null && v.verdict !== 'allowed',
      verdict: v.verdict,
      verdictText: v.text,
      hop: {
        src:
          row.groups.length === 1 && row.groups[0].group.pods === 1
            ? row.groups[0].group.samplePods[0]
            : 'client pod IPs',
        dst: entryText,
        note: `${row.groups.map((g) => g.group.key).join(', ')}: ${v.verdict ? `NetworkPolicy ${v.text}` : 'reaches no endpoint'}${row.groups.length === 1 ? ` — ${row.groups[0].policyReason}` : ''}.`,
      },
      ariaLabel: `Clients ${row.label} (${what}) to ${entryText}: ${v.verdict ? `NetworkPolicy ${v.text}` : 'no endpoint reached'}`,
    });
    const kind: DiagramEdgeKind = v.verdict === 'denied' ? 'blocked' : 'traffic';
    addEdge(id, cip, {
      share,
      kind,
      verdict: v.verdict,
      hop: {
        src: 'client pod IPs',
        dst: entryText,
        note: `${formatShare(share)} of the client pods connect from ${row.label}.`,
      },
      ariaLabel: `${row.label} to ClusterIP ${entryText}: ${formatShare(share)} of client pods${v.verdict ? `, NetworkPolicy ${v.text}` : ''}`,
    });
  }
  addNode({
    id: cip,
    column: 'clusterIP',
    kind: 'clusterIP',
    label: 'ClusterIP',
    sublabel: entryText,
    share: 1,
    hop: {
      src: 'client pod IPs',
      dst: entryText,
      note: `internalTrafficPolicy ${policy}: the proxy on each client's node picks ${policy === 'Local' ? 'an endpoint on that node' : 'any endpoint'}.`,
    },
    ariaLabel: `ClusterIP ${entryText}, internalTrafficPolicy ${policy}`,
  });

  // Proxy boxes and the flows to pods: each client pod's packets go through its own node's proxy,
  // evenly over the endpoints it picks.
  const podShare = new Map<
    string,
    { share: number; verdicts: PolicyVerdict[]; ip: string; node: string | null; reasons: string[] }
  >();
  const flows = new Map<string, { share: number; verdicts: PolicyVerdict[] }>();
  for (const prow of proxyRows(paths)) {
    const share = prow.routes.reduce((s, r) => s + r.pods, 0) / total;
    const pid = P(prow.id);
    const r = prow.sample;
    const fwd = r.verdict === 'forwarded';
    const where =
      prow.nodes.length === 0
        ? 'unknown node'
        : prow.nodes.length <= 2
          ? prow.nodes.join(', ')
          : `${nodeWord(prow.nodes.length)}`;
    addNode({
      id: pid,
      column: 'proxy',
      kind: fwd ? 'dnat' : r.verdict === 'rejected' ? 'reject' : r.verdict === 'dropped' ? 'drop' : 'notHandled',
      label: fwd ? 'DNAT' : r.verdict === 'rejected' ? 'REJECT' : r.verdict === 'dropped' ? 'DROP' : 'Not handled',
      sublabel: `${where} · ${fwd ? `${r.endpoints.length} endpoint${r.endpoints.length === 1 ? '' : 's'}` : r.verdict === 'dropped' ? 'no local endpoint' : 'no endpoint'}`,
      share,
      clientIP: fwd ? (r.endpoints.every((e) => e.clientIPPreserved) ? 'preserved' : 'snat') : 'none',
      alert: !fwd,
      count: prow.nodes.length,
      members: prow.nodes,
      nodeName: prow.nodes.length === 1 ? prow.nodes[0] : null,
      hop: { src: 'client pod IPs', dst: fwd && r.endpoints.length === 1 ? r.endpoints[0].ip : null, note: r.reason },
      ariaLabel: `${proxyTitle} on ${where}: ${r.verdict}, ${formatShare(share)} of client pods`,
    });
    addEdge(cip, pid, {
      share,
      kind: fwd ? 'traffic' : r.verdict === 'rejected' ? 'rejected' : 'dropped',
      label: fwd ? '' : r.verdict,
      hop: { src: 'client pod IPs', dst: entryText, note: `${formatShare(share)} of the client pods run on ${where}.` },
      ariaLabel: `ClusterIP to ${proxyTitle} on ${where}: ${formatShare(share)} of client pods, ${r.verdict}`,
    });
    for (const route of prow.routes) {
      for (const e of route.endpoints) {
        const key = e.pod ?? e.ip;
        const s = route.pods / total / route.endpoints.length;
        const p = podShare.get(key) ?? { share: 0, verdicts: [], ip: e.ip, node: e.node, reasons: [] };
        p.share += s;
        p.verdicts.push(e.policy);
        if (p.reasons.length < 3 && e.policy !== 'allowed') p.reasons.push(e.policyReason);
        podShare.set(key, p);
        const fk = `${prow.id}|${key}`;
        const f = flows.get(fk) ?? { share: 0, verdicts: [] };
        f.share += s;
        f.verdicts.push(e.policy);
        flows.set(fk, f);
      }
    }
  }
  for (const [key, p] of [...podShare].sort(([a], [b]) => a.localeCompare(b))) {
    const verdict = combineVerdicts(p.verdicts)!;
    const denied = p.verdicts.filter((v) => v === 'denied').length;
    const text =
      verdict === 'mixed'
        ? `denied for ${denied} of ${p.verdicts.length} client cases`
        : verdict === 'denied'
          ? verdictText('denied', p.reasons[0] ?? '')
          : VERDICT_WORD[verdict];
    addNode({
      id: P(`pod:${key}`),
      column: 'pod',
      kind: 'pod',
      label: key.includes('/') ? shortName(key) : key,
      sublabel: `${formatShare(p.share)} of in-cluster flows · sees client pod IPs`,
      share: p.share,
      pod: key.includes('/') ? key : null,
      nodeName: p.node,
      alert: verdict !== 'allowed',
      verdict,
      verdictText: text,
      hop: {
        src: 'client pod IPs',
        dst: p.ip,
        note: `NetworkPolicy: ${text}${p.reasons[0] ? ` — ${p.reasons[0]}` : ''}`,
      },
      ariaLabel: `Pod ${key} (${p.ip}) on ${p.node ?? 'an unknown node'}: ${formatShare(p.share)} of in-cluster flows, NetworkPolicy ${text}`,
    });
  }
  for (const [fk, f] of [...flows].sort(([a], [b]) => a.localeCompare(b))) {
    const [proxy, key] = [fk.slice(0, fk.indexOf('|')), fk.slice(fk.indexOf('|') + 1)];
    const verdict = combineVerdicts(f.verdicts);
    addEdge(P(proxy), P(`pod:${key}`), {
      share: f.share,
      kind: verdict === 'denied' ? 'blocked' : 'traffic',
      verdict,
      hop: {
        src: 'client pod IPs',
        dst: podShare.get(key)?.ip ?? null,
        note: `${formatShare(f.share)} of in-cluster flows${verdict ? `; NetworkPolicy ${verdict}` : ''}.`,
      },
      ariaLabel: `${proxyTitle} to ${key}: ${formatShare(f.share)} of in-cluster flows${verdict ? `, NetworkPolicy ${verdict}` : ''}`,
    });
  }
  view.summary = inClusterSummary(paths);
  return view;
}

/** One line: how many client workloads NetworkPolicy lets through, and what the proxies drop. */
export function inClusterSummary(paths: InClusterPaths): string {
  const judged = paths.clients.filter((c) => c.policy !== null);
  const allowed = judged.filter((c) => c.policy === 'allowed').length;
  const denied = judged.filter((c) => c.policy === 'denied').length;
  const parts: string[] = [];
  const one = paths.clients.length === 1 ? paths.clients[0].group.key : null;
  if (judged.length > 0) {
    if (one) parts.push(`${one}: NetworkPolicy ${judged[0].policy}`);
    else if (denied === judged.length) parts.push(`NetworkPolicy blocks every client workload (${denied})`);
    else
      parts.push(
        `NetworkPolicy lets ${allowed} of ${judged.length} client workloads in${denied ? `, blocks ${denied}` : ''}`,
      );
  }
  const routes = paths.clients.flatMap((c) => c.routes);
  const dead = routes.filter((r) => r.verdict !== 'forwarded');
  if (dead.length > 0) {
    const nodes = [...new Set(dead.map((r) => r.node ?? '?'))].sort();
    parts.push(`${dead[0].verdict} on ${nodes.length <= 3 ? nodes.join(', ') : nodeWord(nodes.length)}`);
  }
  return parts.join(' · ') || 'No client reaches an endpoint';
}
