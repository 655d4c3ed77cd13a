// View data for the overview page: turns an AnalysisResult into serialisable rows, then filters,
// sorts and pages them for one OverviewState. Pure and linear in the number of Services/findings,
// so the server page and the browser's local-snapshot page render exactly the same thing.
import type { ClusterModel } from '../model/cluster';
import { warningLines } from '../model/warning-lines';
import type {
  AnalysisResult,
  AppPath,
  Dataplane,
  Finding,
  ServiceAnalysis,
  Severity,
  TrafficPolicy,
} from '../engine/types';
import { actualApps, combineApps } from './front-door/actual-app';
import { carriersText } from './front-door/words';
import { defaultSortDir, type OverviewSortKey, type OverviewState } from './url-state';

/** Rows per page of the Services table (past this the table paginates, so it stays fast). */
export const OVERVIEW_PAGE_SIZE = 100;

/** Does external traffic keep the client IP? `n/a` for Services with no way in from outside. */
export type ClientIPPreservedCell = 'yes' | 'no' | 'partial' | 'n/a';

/** Can the application learn the client (under the Service's policy)? `n/a`: no way in from outside. */
export type AppClientIPCell = AppPath['clientIP'] | 'n/a';

/** One row of the Services table. */
export interface ServiceRow {
  /** `namespace/name`. */
  key: string;
  namespace: string;
  name: string;
  type: string;
  policy: TrafficPolicy;
  endpointsReady: number;
  endpointsTotal: number;
  /** Distinct pods behind the Service's endpoints (endpoints without a pod count once each). */
  pods: number;
  preserved: ClientIPPreservedCell;
  /** Client IP at the app: the answer and how it travels ("L3, X-Forwarded-For"; '' when nothing). */
  app: { clientIP: AppClientIPCell; how: string };
  findings: Record<Severity, number>;
  /** Rules of the Service's findings, sorted, each once (for the rule filter). */
  rules: string[];
}

/** A finding as listed on the overview, with the Service it is about split for linking. */
export interface FindingRow {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  fix: string;
  fixYaml: string | null;
  source: string;
  service: { namespace: string; name: string } | null;
}

/** Cluster-wide counts shown above the table. */
export interface OverviewSummary {
  nodes: number;
  services: number;
  pods: number;
  /** Null when NetworkPolicies could not be read. */
  networkPolicies: number | null;
  findings: Record<Severity, number>;
}

/** Everything the overview renders for one state: serialisable (crosses the server/client boundary). */
export interface OverviewData {
  summary: OverviewSummary;
  dataplane: Dataplane;
  /** Namespaces that have Services, sorted (for the namespace filter). */
  namespaces: string[];
  rows: ServiceRow[];
  /** Services in the cluster / matching the filters. */
  totalServices: number;
  matchedServices: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The findings for the filtered Services, grouped by severity and rule, most severe first. */
  problems: ProblemGroup[];
  /** Findings for the filtered Services (all of them, across the groups). */
  matchedFindings: number;
  /** Object-level problems the model reported (e.g. an invalid CIDR dropped). */
  modelWarnings: string[];
  /** Problems with the state itself (e.g. a page past the end), to show next to the URL notices. */
  notices: string[];
}

/** Findings of one rule and severity: the overview's "what is wrong" list. */
export interface ProblemGroup {
  /** `severity/rule`, stable across renders. */
  key: string;
  severity: Severity;
  rule: string;
  /** The rule's title (its findings share it; the first one's is used). */
  title: string;
  /** Findings in the group (before the per-group cap). */
  total: number;
  /** Distinct Services the group's findings are about. */
  services: number;
  /** Up to MAX_FINDINGS_PER_GROUP findings, by Service. */
  findings: FindingRow[];
}

/** Findings listed per group; the rest are counted (filter the table by the rule to see every Service). */
export const MAX_FINDINGS_PER_GROUP = 50;
/**
 * Findings an expanded group shows before its "Show N more" button (components/overview/ProblemGroupItem.tsx): an
 * error group starts expanded, and one finding is a paragraph with its fix, so a rule that hits 100 Services put 50
 * of them — 17,000 px on a phone, 6,000 at 1440 px — between the summary and the Services table.
 */
export const FIRST_FINDINGS = 3;

/** Severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Rows for every analysed Service, in analysis order. O(Services + endpoints + findings). */
export function buildServiceRows(analysis: AnalysisResult, model: ClusterModel): ServiceRow[] {
  const findingsByService = new Map<string, Record<Severity, number>>();
  const rulesByService = new Map<string, Set<string>>();
  for (const f of analysis.findings) {
    if (!f.service) continue;
    const counts = findingsByService.get(f.service) ?? { error: 0, warning: 0, info: 0 };
    counts[f.severity]++;
    findingsByService.set(f.service, counts);
    const rules = rulesByService.get(f.service) ?? new Set<string>();
    rules.add(f.rule);
    rulesByService.set(f.service, rules);
  }
  const policies = new Map(analysis.services.map((s) => [s.service, s.externalTrafficPolicy]));
  const policyOf = (service: string) => policies.get(service);
  return analysis.services.map((s) => {
    const endpoints = model.endpointsByService.get(s.service) ?? [];
    const pods = new Set(endpoints.map((e) => e.podKey ?? `ip:${e.ip}`)).size;
    const external =
      s.type === 'NodePort' || s.type === 'LoadBalancer' || s.entries.some((e) => e.kind !== 'clusterIP');
    return {
      key: s.service,
      namespace: s.namespace,
      name: s.name,
      type: s.type,
      policy: s.externalTrafficPolicy,
      endpointsReady: s.endpoints.ready,
      endpointsTotal: s.endpoints.total,
      pods,
      preserved: external ? s.paths[s.externalTrafficPolicy].clientIPPreserved : 'n/a',
      app: appCell(s, policyOf),
      findings: findingsByService.get(s.service) ?? { error: 0, warning: 0, info: 0 },
      rules: [...(rulesByService.get(s.service) ?? [])].sort(byText),
    };
  });
}

/**
 * The client-IP-at-the-app cell: the answers that apply (actualApps: the Service's own policy, or for a
 * Service reached through proxies each proxy Service's actual policy; answers that differ between proxies
 * make it "partial"). `n/a` for a Service with no external entry and no proxy in front (nobody outside
 * reaches it), where the engine answers "unknown".
 */
export function appCell(
  s: ServiceAnalysis,
  policyOf: (service: string) => TrafficPolicy | undefined,
): ServiceRow['app'] {
  const apps = actualApps(s, policyOf);
  if (!apps) return { clientIP: 'n/a', how: '' };
  const { clientIP, carriers } = combineApps(apps);
  return { clientIP, how: carriersText(carriers) };
}

/** Does the state narrow the Services (search or any filter), as opposed to only sorting/paging them? */
export function hasOverviewFilters(state: OverviewState): boolean {
  return (
    state.q.trim() !== '' ||
    state.ns !== null ||
    state.type !== null ||
    state.policy !== null ||
    state.severity !== null ||
    state.rule !== null ||
    state.app !== null
  );
}

/** Does the row pass the state's search and filters? */
export function rowMatches(row: ServiceRow, state: OverviewState): boolean {
  if (state.ns !== null && row.namespace !== state.ns) return false;
  if (state.rule !== null && !row.rules.includes(state.rule)) return false;
  if (state.type !== null && row.type !== state.type) return false;
  if (state.policy !== null && row.policy !== state.policy) return false;
  if (state.app !== null && row.app.clientIP !== state.app) return false;
  if (state.severity !== null) {
    const f = row.findings;
    const any = f.error + f.warning + f.info > 0;
    if (state.severity === 'any' ? !any : state.severity === 'none' ? any : f[state.severity] === 0) return false;
  }
  const q = state.q.trim().toLowerCase();
  return q === '' || row.key.toLowerCase().includes(q);
}

const PRESERVED_ORDER: Record<ClientIPPreservedCell, number> = { no: 0, partial: 1, yes: 2, 'n/a': 3 };
const APP_ORDER: Record<AppClientIPCell, number> = { no: 0, partial: 1, unknown: 2, yes: 3, 'n/a': 4 };

/** Findings weight: any error outranks any number of warnings, and so on. */
function findingsWeight(f: Record<Severity, number>): number {
  return f.error * 1e8 + f.warning * 1e4 + f.info;
}

function compareKey(sort: OverviewSortKey, a: ServiceRow, b: ServiceRow): number {
  switch (sort) {
    case 'findings':
      return findingsWeight(a.findings) - findingsWeight(b.findings);
    case 'namespace':
      return byText(a.namespace, b.namespace);
    case 'name':
      return byText(a.name, b.name);
    case 'type':
      return byText(a.type, b.type);
    case 'policy':
      return byText(a.policy, b.policy);
    case 'endpoints':
      return a.endpointsReady - b.endpointsReady || a.endpointsTotal - b.endpointsTotal;
    case 'pods':
      return a.pods - b.pods;
    case 'preserved':
      return PRESERVED_ORDER[a.preserved] - PRESERVED_ORDER[b.preserved];
    case 'app':
      return APP_ORDER[a.app.clientIP] - APP_ORDER[b.app.clientIP];
  }
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts rows by the state's column and direction; ties always by namespace/name ascending (stable, readable). */
export function sortRows(rows: ServiceRow[], sort: OverviewSortKey, dir: 'asc' | 'desc'): ServiceRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) => sign * compareKey(sort, a, b) || byText(a.namespace, b.namespace) || byText(a.name, b.name),
  );
}

/** Findings for the Services in `keys` (all cluster-wide findings too), most severe first. */
export function selectFindings(
  findings: Finding[],
  keys: Set<string> | null,
  state: OverviewState,
  services: Map<string, { namespace: string; name: string }>,
): FindingRow[] {
  const severity =
    state.severity === 'error' || state.severity === 'warning' || state.severity === 'info' ? state.severity : null;
  const picked = findings.filter(
    (f) =>
      (severity === null || f.severity === severity) &&
      (state.rule === null || f.rule === state.rule) &&
      (f.service === null || keys === null || keys.has(f.service)),
  );
  picked.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      byText(a.service ?? '', b.service ?? '') ||
      byText(a.id, b.id),
  );
  return picked.map((f) => {
    const s = f.service ? services.get(f.service) : undefined;
    return {
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      message: f.message,
      fix: f.fix,
      fixYaml: f.fixYaml,
      source: f.source,
      service: s ? { namespace: s.namespace, name: s.name } : null,
    };
  });
}

/** Rows and findings of one overview state: filtered, sorted, paged, with a notice for a page past the end. */
export function buildOverviewData(
  analysis: AnalysisResult,
  allRows: ServiceRow[],
  state: OverviewState,
  pageSize = OVERVIEW_PAGE_SIZE,
): OverviewData {
  const notices: string[] = [];
  const matched = allRows.filter((r) => rowMatches(r, state));
  const sorted = sortRows(matched, state.sort, state.dir);
  const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
  let page = state.page;
  if (page > pageCount) {
    notices.push(
      `Page ${state.page} does not exist (${pageCount} page${pageCount === 1 ? '' : 's'}); showing page ${pageCount}.`,
    );
    page = pageCount;
  }
  const keys = hasOverviewFilters(state) ? new Set(matched.map((r) => r.key)) : null;
  // From the rows (one per Service): the browser's local mode keeps the per-Service analysis in its worker.
  const services = new Map(allRows.map((r) => [r.key, { namespace: r.namespace, name: r.name }]));
  const findings = selectFindings(analysis.findings, keys, state, services);
  const namespaces = [...new Set(allRows.map((r) => r.namespace))].sort(byText);
  return {
    summary: {
      nodes: analysis.summary.nodes,
      services: analysis.summary.services,
      pods: analysis.summary.pods,
      networkPolicies: analysis.summary.networkPolicies,
      findings: { ...analysis.summary.findings },
    },
    dataplane: analysis.dataplane,
    namespaces,
    rows: sorted.slice((page - 1) * pageSize, page * pageSize),
    totalServices: allRows.length,
    matchedServices: matched.length,
    page,
    pageCount,
    pageSize,
    problems: groupProblems(findings),
    matchedFindings: findings.length,
    modelWarnings: warningLines(analysis.warnings, MAX_LISTED_WARNINGS),
    notices,
  };
}

/**
 * Groups findings (already most severe first) by severity and rule: most severe first, then the rule
 * that hits the most Services, then by rule id. Each group lists at most MAX_FINDINGS_PER_GROUP findings.
 */
export function groupProblems(findings: FindingRow[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { serviceKeys: Set<string> }>();
  for (const f of findings) {
    const key = `${f.severity}/${f.rule}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        severity: f.severity,
        rule: f.rule,
        title: f.title,
        total: 0,
        services: 0,
        findings: [],
        serviceKeys: new Set(),
      };
      groups.set(key, g);
    }
    g.total++;
    if (f.service) g.serviceKeys.add(`${f.service.namespace}/${f.service.name}`);
    if (g.findings.length < MAX_FINDINGS_PER_GROUP) g.findings.push(f);
  }
  return [...groups.values()]
    .map(({ serviceKeys, ...g }) => ({ ...g, services: serviceKeys.size }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.services - a.services || byText(a.rule, b.rule),
    );
}

/** The state to switch to when a column header is clicked: same column flips, a new column starts at its default. */
export function nextSort(state: OverviewState, sort: OverviewSortKey): OverviewState {
  const dir = state.sort === sort ? (state.dir === 'asc' ? 'desc' : 'asc') : defaultSortDir(sort);
  return { ...state, sort, dir, page: 1 };
}

/** Most lines of model warnings listed (grouped: lib/model/warning-lines.ts); the rest are counted. */
const MAX_LISTED_WARNINGS = 50;
