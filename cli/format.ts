// Human-readable output of the CLI: aligned tables, one line per finding. Pure string building.
import { actualApps, combineApps } from '../lib/view/front-door/actual-app';
import { endpointRows, type TraceEndpointRow } from '../lib/view/trace-endpoints';
import { mapArray } from '../lib/util/fresh-array';
import { escapeControl } from './escape';
import type {
  AnalysisResult,
  Dataplane,
  NodePath,
  PodShare,
  ServiceAnalysis,
  TraceResult,
  TrafficPolicy,
} from '../lib/engine/types';

/**
 * Left-aligned text table with a header row, each line after `indent`. Built in one pass per line (no
 * per-column arrays, no re-split to indent): the report formats one table pair per NodePort / LoadBalancer
 * Service, thousands at Kubernetes' scale limits. Cells hold no line breaks (callers escape them).
 */
export function table(header: string[], rows: string[][], indent = ''): string {
  const widths = mapArray(header, (h) => h.length); // one array kind, optimised or not (fresh-array.ts)
  for (const r of rows)
    for (let i = 0; i < widths.length; i++) {
      const n = (r[i] ?? '').length;
      if (n > widths[i]) widths[i] = n;
    }
  const line = (r: string[]) => {
    let out = '';
    for (let i = 0; i < r.length; i++) {
      const c = r[i] ?? '';
      out += i === 0 ? c.padEnd(widths[0]) : `  ${i < widths.length ? c.padEnd(widths[i]) : c}`;
    }
    return indent + out.trimEnd();
  };
  let out = line(header);
  for (const r of rows) out += `\n${line(r)}`;
  return out;
}

/** `IP:PORT`, IPv6 in brackets (`[fd00::1]:80`) as URLs and kube-proxy write it. */
export const hostPort = (ip: string, port: number | string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`;

/** One line describing the dataplane and its assumptions. */
export function formatDataplane(d: Dataplane): string {
  const parts = [
    `proxy ${d.proxyMode} (${d.proxyModeSource === 'assumed' ? 'assumed' : `from ${d.proxyModeSource}`})`,
    `CNI ${d.cni}`,
    `overlay ${d.overlay}`,
  ];
  if (d.cilium)
    parts.push(
      `cilium lb-mode ${d.cilium.loadBalancerMode}${d.cilium.policyCIDRMatchNodes ? ', policy CIDRs match nodes' : ''}`,
    );
  if (d.masqueradeAll) parts.push('masqueradeAll');
  const lines = [`Dataplane: ${parts.join(', ')}`];
  for (const a of d.assumptions) lines.push(`  assumed: ${a}`);
  return lines.join('\n');
}

function nodeLabel(n: NodePath): string {
  if (n.node) return n.node;
  if (n.count === 1 && n.sampleNodes.length === 1) return n.sampleNodes[0];
  const names = n.sampleNodes.slice(0, 3).join(', ');
  return `(${n.count} nodes${names ? `: ${names}${n.count > 3 ? ', …' : ''}` : ''})`;
}

/** A pod row: the pod, or "(N pods: a, b, c, …)" for an aggregate (its share is each pod's). */
function podLabel(p: PodShare): string {
  if (p.count <= 1) return p.pod ?? p.ip;
  return `(${p.count} pods: ${p.samplePods.slice(0, 3).join(', ')}${p.count > 3 ? ', …' : ''})`;
}

/** A Service's externalTrafficPolicy by key (the proxies in front of a Service decide its client answer). */
export type PolicyOf = (service: string) => TrafficPolicy | undefined;

/**
 * How many routes of a proxy and proxies in front of a Service the report names; `--json` lists them all. A
 * shared ingress controller serves hundreds of routes: one line naming each is read by nobody.
 */
const MAX_LISTED_ROUTES = 10;
const MAX_LISTED_BEHIND = 3;

/** ` … and 990 more (all in --json)` after a list cut at `shown` of `total`; nothing when none is left out. */
const more = (total: number, shown: number) => (total > shown ? ` … and ${total - shown} more (all in --json)` : '');

/** Load balancer, proxy, routes and "client IP at the app" lines of a Service (cluster strings escaped). */
function frontDoorLines(s: ServiceAnalysis, policyOf: PolicyOf): string[] {
  const fd = s.frontDoor;
  if (!fd || (!fd.loadBalancer && !fd.proxy && fd.behind.length === 0 && fd.routes.length === 0)) return [];
  // The answer that applies: through a proxy, under the proxy Service's own policy (actualApps).
  const apps = actualApps(s, policyOf);
  const app = apps ? combineApps(apps) : s.paths[s.externalTrafficPolicy].app;
  const out: string[] = [];
  const e = escapeControl;
  if (fd.loadBalancer)
    out.push(
      `  load balancer: ${e(fd.loadBalancer.kind)} (${e(fd.loadBalancer.layer)}, to ${e(fd.loadBalancer.targets)}, PROXY ${e(fd.loadBalancer.proxyProtocol ?? 'off')})`,
    );
  if (fd.proxy) {
    const listed = fd.routes.slice(0, MAX_LISTED_ROUTES).map((r) => `${e(r.kind)} ${e(r.object)}`);
    out.push(`  proxy: ${e(fd.proxy)}; routes: ${listed.join(', ') || 'none'}${more(fd.routes.length, listed.length)}`);
  }
  for (const b of fd.behind.slice(0, MAX_LISTED_BEHIND)) out.push(`  behind: ${e(b.proxyService)} via ${e(b.route)}`);
  if (fd.behind.length > MAX_LISTED_BEHIND) out.push(`  behind:${more(fd.behind.length, MAX_LISTED_BEHIND)}`);
  if (app)
    out.push(
      `  client IP at the app: ${e(app.clientIP)}${app.carriers.length ? ` (${e(app.carriers.join(', '))})` : ''} — ${e(app.note)}`,
    );
  return out;
}

/**
 * One Service's part of the `kubepath analyze` report. Every string from the analysis is printed through
 * escapeControl here (not by escaping the whole analysis first: at Kubernetes' scale limits that walk cost
 * a quarter of a second for strings the report never prints); format.test.ts checks it against that walk.
 */
export function serviceBlock(s: ServiceAnalysis, policyOf: PolicyOf): string {
  const e = escapeControl;
  const p = s.paths[s.externalTrafficPolicy];
  const head =
    `${e(s.service)}  ${e(s.type)}  eTP=${e(s.externalTrafficPolicy)} iTP=${e(s.internalTrafficPolicy)}  endpoints ${s.endpoints.ready}/${s.endpoints.total} ready` +
    (s.entries.length
      ? `  entries: ${mapArray(s.entries, (x) => `${e(x.kind)} ${hostPort(e(x.address), x.port)}/${e(x.protocol)}`).join(', ')}`
      : '');
  const fd = frontDoorLines(s, policyOf);
  if (s.type !== 'NodePort' && s.type !== 'LoadBalancer') return [head, ...fd].join('\n');
  // mapArray, not map: table() gets arrays of one kind whether or not this function runs optimised (fresh-array.ts).
  const rows = mapArray(p.nodes, (n) =>
    mapArray(
      [
        nodeLabel(n),
        n.healthCheck === null ? '-' : String(n.healthCheck),
        String(n.localEndpoints),
        n.verdict,
        n.inLoadBalancer ? pct(n.lbShare) : `out (${n.lbExcludedReason ?? 'unhealthy'})`,
        n.snatSource ?? (n.clientIPPreserved ? 'client IP kept' : '-'),
      ],
      e,
    ),
  );
  const pods = mapArray(p.pods, (x) =>
    mapArray([podLabel(x), x.node ?? '-', pct(x.share), x.clientIPPreserved, x.policy], e),
  );
  return [
    head,
    ...fd,
    table(['NODE', 'HC', 'LOCAL', 'VERDICT', 'LB SHARE', 'SNAT SOURCE'], rows, '  '),
    table(['POD', 'NODE', 'SHARE', 'CLIENT IP KEPT', 'POLICY'], pods, '  '),
    ...(p.droppedShare > 0 ? [`  ${pct(p.droppedShare)} of external traffic is dropped`] : []),
  ].join('\n');
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

/**
 * The `kubepath analyze` report around the Service blocks, already formatted (serviceBlock) in key order:
 * the CLI formats each Service as soon as it is analysed.
 */
export function formatReport(a: Omit<AnalysisResult, 'services'>, serviceBlocks: readonly string[]): string {
  return [...reportChunks(a, serviceBlocks)].join('');
}

/**
 * formatReport's text in pieces (the head, each Service block, the findings), for writing as it is encoded:
 * at Kubernetes' scale limits the report is ~10 MB, and one string of it cost a join, a copy with the final
 * newline and console.log's own pass.
 */
export function* reportChunks(
  a: Omit<AnalysisResult, 'services'>,
  serviceBlocks: readonly string[],
): Generator<string> {
  const s = a.summary;
  yield [
    formatDataplane(a.dataplane),
    '',
    `${s.nodes} nodes, ${s.pods} pods, ${s.services} Services, ${s.networkPolicies ?? 'unknown (unreadable)'} NetworkPolicies; findings: ${s.findings.error} error, ${s.findings.warning} warning, ${s.findings.info} info`,
    '',
    'SERVICES',
  ].join('\n');
  for (const block of serviceBlocks) {
    yield '\n'; // apart, not `\n${block}`: no new string of the block's length to flatten before encoding
    yield block;
  }
  const tail: string[] = ['', '', 'FINDINGS'];
  if (a.findings.length === 0) tail.push('  none');
  for (const f of a.findings) {
    tail.push(`  [${f.severity.toUpperCase()}] ${f.id}`, `    ${f.message}`, `    fix: ${f.fix}`);
  }
  yield tail.join('\n');
}

/** Cluster-supplied text without control characters (never raw to a terminal). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** A trace row's pod column: its pod, or how many pods alike and the first of them (lib/view/trace-endpoints.ts). */
const rowPods = (e: TraceEndpointRow) => (e.count > 1 ? `${e.count} pods alike (${e.members[0]}, …)` : (e.pod ?? '-'));

/**
 * The `kubepath trace` report. Its tables list the endpoints in rows, as the dashboard does: above 32, the ones the
 * packet treats alike are one line (a DaemonSet Service under Cluster on 5,000 nodes was 10,000 lines); `--json`
 * keeps every endpoint.
 */
export function formatTrace(t: TraceResult, d: Dataplane): string {
  const out = [formatDataplane(d), ''];
  out.push(
    `Verdict: ${t.verdict}${t.service ? ` — Service ${t.service} via ${t.entry}` : ''}${t.node ? ` at node ${t.node}` : ''}`,
  );
  out.push(`Reason: ${t.reason}`);
  if (t.masqueraded !== null)
    out.push(`Masqueraded: ${t.masqueraded ? `yes, to ${t.snatSource ?? 'the node address'}` : 'no'}`);
  if (t.policy) out.push(`NetworkPolicy: ${t.policy} — ${t.policyReason}`);
  out.push('', 'HOPS');
  t.hops.forEach((h, i) => {
    out.push(`  ${i + 1}. ${h.label}  ${h.src ?? '?'} → ${h.dst ?? '?'}  ${h.detail}`);
    if (h.proxyProtocol)
      out.push(`       PROXY ${h.proxyProtocol.version} carrying ${printable(h.proxyProtocol.source)}`);
    for (const [k, v] of Object.entries(h.headers ?? {})) out.push(`       ${printable(k)}: ${printable(v)}`);
  });
  if (t.loadBalancer) {
    const lb = t.loadBalancer;
    out.push(
      '',
      `LOAD BALANCER  ${printable(lb.kind)} (${lb.layer}, to ${lb.targets}); keeps client: ${lb.keepsClientIP ?? 'unknown'}; PROXY: ${lb.proxyProtocol ?? 'off'}; health check: ${lb.healthCheck}; weights: ${lb.weights}`,
    );
    if (lb.question) out.push(`  question: ${printable(lb.question)}`);
  }
  if (t.proxy)
    out.push(
      '',
      `PROXY  ${printable(t.proxy.kind)} ${printable(t.proxy.pod ?? '?')} (${printable(t.proxy.service)}, ${printable(t.proxy.route ?? '-')})`,
    );
  const rows = endpointRows(t.endpoints);
  const apps = rows.filter((e) => e.app);
  if (apps.length) {
    out.push('', 'APPLICATION SEES');
    out.push(
      indent(
        table(
          ['POD', 'PEER', 'CLIENT', 'REAL CLIENT', 'CARRIER', 'TRUSTED', 'SIDECAR'],
          apps.map((e) => [
            printable(e.count > 1 ? rowPods(e) : (e.pod ?? e.ip)),
            e.app!.peerIP ?? '?',
            e.app!.clientIP ?? '?',
            String(e.app!.isClient ?? 'unknown'),
            e.app!.carrier ?? '-',
            String(e.app!.trusted ?? '-'),
            e.app!.sidecar ?? '-',
          ]),
        ),
      ),
    );
  }
  if (rows.length) {
    out.push('', 'ENDPOINTS');
    out.push(
      indent(
        table(
          ['POD', 'IP:PORT', 'NODE', 'SHARE', 'SOURCE IP SEEN', 'POLICY'],
          rows.map((e) => [
            rowPods(e),
            e.count > 1 ? `:${e.port}` : hostPort(e.ip, e.port),
            e.node ?? '-',
            e.count > 1 ? `${pct(e.share)} each` : pct(e.share),
            `${e.sourceIP ?? '?'}${e.clientIPPreserved ? ' (client)' : ''}`,
            `${e.policy}: ${e.count > 1 ? 'for the first: ' : ''}${e.policyReason}`,
          ]),
        ),
      ),
    );
  }
  if (t.rules.length) out.push('', 'RULES', ...t.rules.map((r) => `  - ${r}`));
  return out.join('\n');
}
