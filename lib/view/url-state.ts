// The URL is the page's API: every bit of view state of the overview and the Service page lives in
// the query string, so a copied link reproduces the view. Decoding is per field with a zod schema:
// a garbled value falls back to that field's default and leaves a notice; the rest still applies.
// Pure: no React/Next imports, runs on the server and in the browser.
import { z } from 'zod';
import { isIP } from '../net/ip';
import { decodeField, rawParam, toQueryString, type SearchParamsInput } from './query-params';

export type { SearchParamsInput } from './query-params';

// ---------------------------------------------------------------------------------------------
// Shared field schemas

/** Free text without control characters (they have no business in a name, and break copy/paste). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'control characters');

/** Case-insensitive enum: `local` reads as `Local`, the canonical spelling is what gets encoded. */
function looseEnum<const T extends readonly string[]>(values: T) {
  return z.string().transform((s, ctx) => {
    const hit = values.find((v) => v.toLowerCase() === s.trim().toLowerCase());
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}` });
      return z.NEVER;
    }
    return hit as T[number];
  });
}

/** A positive decimal integer within [min, max] (no signs, exponents or fractions). */
const intInRange = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

// ---------------------------------------------------------------------------------------------
// Overview `/`

/** Service types the overview can filter on. */
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;
/** A Service type. */
export type ServiceTypeFilter = (typeof SERVICE_TYPES)[number];

/** Traffic policies the overview can filter on (externalTrafficPolicy). */
export const POLICY_FILTERS = ['Cluster', 'Local'] as const;
/** An externalTrafficPolicy value. */
export type PolicyFilter = (typeof POLICY_FILTERS)[number];

/** Findings filter: Services with at least one finding of that severity, with any finding, or with none. */
export const SEVERITY_FILTERS = ['error', 'warning', 'info', 'any', 'none'] as const;
/** A findings filter value. */
export type SeverityFilter = (typeof SEVERITY_FILTERS)[number];

/** Client-IP-at-the-app filter (`paths[policy].app.clientIP` under the Service's policy). */
export const APP_CLIENT_IP_FILTERS = ['yes', 'no', 'partial', 'unknown'] as const;
/** A client-IP-at-the-app filter value. */
export type AppClientIPFilter = (typeof APP_CLIENT_IP_FILTERS)[number];

/** Columns the Services table sorts by. */
export const OVERVIEW_SORT_KEYS = [
  'findings',
  'namespace',
  'name',
  'type',
  'policy',
  'endpoints',
  'pods',
  'preserved',
  'app',
] as const;
/** A sortable column. */
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

/** Sort direction. */
export type SortDir = 'asc' | 'desc';

/** All query state of the overview page. */
export interface OverviewState {
  /** Free-text search over namespace/name (case-insensitive substring). */
  q: string;
  ns: string | null;
  type: ServiceTypeFilter | null;
  policy: PolicyFilter | null;
  severity: SeverityFilter | null;
  /** Finding rule (e.g. `snat-allowlist`): only Services with a finding of that rule; null = any. */
  rule: string | null;
  /** Client IP at the app (URL `app`): only Services whose application learns the client so; null = any. */
  app: AppClientIPFilter | null;
  sort: OverviewSortKey;
  dir: SortDir;
  /** 1-based page of the Services table. */
  page: number;
}

/** Default direction per column: worst-first for findings, alphabetical otherwise. */
export function defaultSortDir(sort: OverviewSortKey): SortDir {
  return sort === 'findings' ? 'desc' : 'asc';
}

/** The overview with no query: every Service, the ones with the most severe findings first. */
export const DEFAULT_OVERVIEW_STATE: OverviewState = Object.freeze({
  q: '',
  ns: null,
  type: null,
  policy: null,
  severity: null,
  rule: null,
  app: null,
  sort: 'findings',
  dir: 'desc',
  page: 1,
});

/** A finding rule id: lower-case words joined by dashes (the engine's rule ids, e.g. `local-nodes-drop`). */
const ruleId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'not a rule id')
  .max(100);

/** Decodes the overview's query; each garbled field falls back to its default with a notice. */
export function decodeOverviewState(params: SearchParamsInput): { state: OverviewState; notices: string[] } {
  const notices: string[] = [];
  const d = DEFAULT_OVERVIEW_STATE;
  const sort = decodeField(params, 'sort', looseEnum(OVERVIEW_SORT_KEYS), d.sort, notices);
  const state: OverviewState = {
    q: decodeField(params, 'q', text(200), d.q, notices, 'no search'),
    ns: decodeField<string | null>(params, 'ns', text(253), d.ns, notices, 'all namespaces'),
    type: decodeField<ServiceTypeFilter | null>(params, 'type', looseEnum(SERVICE_TYPES), d.type, notices, 'all types'),
    policy: decodeField<PolicyFilter | null>(
      params,
      'policy',
      looseEnum(POLICY_FILTERS),
      d.policy,
      notices,
      'both policies',
    ),
    severity: decodeField<SeverityFilter | null>(
      params,
      'severity',
      looseEnum(SEVERITY_FILTERS),
      d.severity,
      notices,
      'all Services',
    ),
    rule: decodeField<string | null>(params, 'rule', ruleId, d.rule, notices, 'every rule'),
    app: decodeField<AppClientIPFilter | null>(
      params,
      'app',
      looseEnum(APP_CLIENT_IP_FILTERS),
      d.app,
      notices,
      'any client-IP answer',
    ),
    sort,
    dir: decodeField<SortDir>(params, 'dir', looseEnum(['asc', 'desc'] as const), defaultSortDir(sort), notices),
    page: decodeField(params, 'page', intInRange(1, 1_000_000), d.page, notices),
  };
  return { state, notices };
}

/** Encodes the overview state as a query string (`?…`, or '' for the defaults); defaults are omitted. */
export function encodeOverviewState(state: OverviewState): string {
  return toQueryString([
    ['q', state.q.trim() || null],
    ['ns', state.ns],
    ['type', state.type],
    ['policy', state.policy],
    ['severity', state.severity],
    ['rule', state.rule],
    ['app', state.app],
    ['sort', state.sort === DEFAULT_OVERVIEW_STATE.sort ? null : state.sort],
    ['dir', state.dir === defaultSortDir(state.sort) ? null : state.dir],
    ['page', state.page > 1 ? state.page : null],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Service page `/services/[namespace]/[name]`

/** Which traffic-policy diagrams the Service page shows. */
export const SERVICE_VIEWS = ['both', 'Cluster', 'Local'] as const;
/** A Service-page view. */
export type ServiceViewMode = (typeof SERVICE_VIEWS)[number];

/** Which path the Service page draws: traffic from outside, or from pods inside the cluster. */
export const SERVICE_PATHS = ['external', 'in-cluster'] as const;
/** A Service-page path. */
export type ServicePathKind = (typeof SERVICE_PATHS)[number];

/** Trace protocols as they appear in the URL. */
export const TRACE_PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
/** A trace protocol. */
export type TraceProtocol = (typeof TRACE_PROTOCOLS)[number];

/** The trace-a-packet form's inputs, kept as typed by the user (the page validates them further). */
export interface TraceInputs {
  /** Source: an IP, `pod:ns/name` or `node:name` (interpreted by the trace form). */
  from: string;
  /** Destination port; '' = the Service's first port. Digits only when set. */
  port: string;
  proto: TraceProtocol;
  /** Arrival node; '' = the source's own node / the LB's choice. */
  node: string;
  /** Destination address; '' = the Service's first entry. */
  to: string;
}

/** All query state of the Service page. */
export interface ServiceViewState {
  view: ServiceViewMode;
  /** Selected hop id (ids are defined by the diagram); null = none. */
  hop: string | null;
  /** Nodes are aggregated into groups when a column has more than this many rows. */
  group: number;
  trace: TraceInputs | null;
  /** Sample external client IP for source-IP / NetworkPolicy answers; null = the engine's default. */
  client: string | null;
  /** External or in-cluster diagrams; null = the Service's default (external when it has an external entry). */
  path: ServicePathKind | null;
  /** In-cluster view: the one client pod (`namespace/name`) to trace instead of every workload; null = all. */
  pod: string | null;
}

/** Default node-grouping threshold. */
export const DEFAULT_GROUP_THRESHOLD = 12;

/** The Service page with no query: both policies side by side, nothing selected. */
export const DEFAULT_SERVICE_STATE: ServiceViewState = Object.freeze({
  view: 'both',
  hop: null,
  group: DEFAULT_GROUP_THRESHOLD,
  trace: null,
  client: null,
  path: null,
  pod: null,
});

const TRACE_KEYS = ['from', 'to', 'port', 'proto', 'node'] as const;
const portText = z
  .string()
  .regex(/^\d{1,5}$/)
  .refine((s) => Number(s) >= 1 && Number(s) <= 65535, 'port out of range');
const ipText = z.string().refine((s) => isIP(s), 'not an IP address');
const podKeyText = text(507).regex(/^[^/\s]+\/[^/\s]+$/, 'expected namespace/name');

/** Decodes the Service page's query; each garbled field falls back to its default with a notice. */
export function decodeServiceState(params: SearchParamsInput): { state: ServiceViewState; notices: string[] } {
  const notices: string[] = [];
  const d = DEFAULT_SERVICE_STATE;
  // The trace exists as soon as any of its inputs is in the URL (probe without duplicate notices).
  const probe: string[] = [];
  const hasTrace = TRACE_KEYS.some((k) => (rawParam(params, k, probe) ?? '') !== '');
  const trace: TraceInputs | null = hasTrace
    ? {
        from: decodeField(params, 'from', text(253), '', notices, 'no source'),
        to: decodeField(params, 'to', text(253), '', notices, "the Service's first address"),
        port: decodeField(params, 'port', portText, '', notices, "the Service's first port"),
        proto: decodeField(params, 'proto', looseEnum(TRACE_PROTOCOLS), 'tcp', notices),
        node: decodeField(params, 'node', text(253), '', notices, 'the default arrival node'),
      }
    : null;
  const state: ServiceViewState = {
    view: decodeField(params, 'view', looseEnum(SERVICE_VIEWS), d.view, notices),
    hop: decodeField<string | null>(params, 'hop', text(200), d.hop, notices, 'no selection'),
    group: decodeField(params, 'group', intInRange(1, 10_000), d.group, notices),
    trace,
    client: decodeField<string | null>(params, 'client', ipText, d.client, notices, 'the default client'),
    path: decodeField<ServicePathKind | null>(
      params,
      'path',
      looseEnum(SERVICE_PATHS),
      d.path,
      notices,
      'the default path',
    ),
    pod: decodeField<string | null>(params, 'pod', podKeyText, d.pod, notices, 'every client workload'),
  };
  return { state, notices };
}

/** Encodes the Service page state as a query string (`?…`, or '' for the defaults); defaults are omitted. */
export function encodeServiceState(state: ServiceViewState): string {
  const t = state.trace;
  return toQueryString([
    ['view', state.view === DEFAULT_SERVICE_STATE.view ? null : state.view],
    ['hop', state.hop],
    ['group', state.group === DEFAULT_SERVICE_STATE.group ? null : state.group],
    // An all-empty trace still needs one key to survive the round trip; `proto` carries it.
    ['from', t?.from],
    ['to', t?.to],
    ['port', t?.port],
    ['proto', t ? (t.proto !== 'tcp' || (!t.from && !t.to && !t.port && !t.node) ? t.proto : null) : null],
    ['node', t?.node],
    ['client', state.client],
    ['path', state.path],
    ['pod', state.pod],
  ]);
}

/** Path of a Service's page (namespace and name are URL-encoded path segments). */
export function servicePath(namespace: string, name: string): string {
  return `/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** Link to a Service's page with an optional view state. */
export function serviceHref(namespace: string, name: string, state?: ServiceViewState): string {
  return servicePath(namespace, name) + (state ? encodeServiceState(state) : '');
}
