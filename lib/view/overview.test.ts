import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import type { KubeObject } from '../model/k8s';
import type { AnalysisResult, Dataplane, Finding, PolicyPaths, ServiceAnalysis, Severity } from '../engine/types';
import {
  MAX_FINDINGS_PER_GROUP,
  buildOverviewData,
  buildServiceRows,
  groupProblems,
  hasOverviewFilters,
  nextSort,
  sortRows,
  type FindingRow,
  type OverviewData,
  type ServiceRow,
} from './overview';
import { DEFAULT_OVERVIEW_STATE, type OverviewState } from './url-state';

const dataplane: Dataplane = {
  proxyMode: 'iptables',
  proxyModeSource: 'assumed',
  clusterCIDRs: [],
  detectLocalMode: 'None',
  masqueradeAll: false,
  nodePortAddresses: [],
  localhostNodePorts: true,
  cni: 'unknown',
  overlay: 'unknown',
  cilium: null,
  assumptions: [],
};

function paths(policy: 'Cluster' | 'Local', actual: boolean, preserved: 'yes' | 'no' | 'partial'): PolicyPaths {
  return {
    policy,
    actual,
    clientIP: '203.0.113.10',
    nodes: [],
    pods: [],
    droppedShare: 0,
    clientIPPreserved: preserved,
    skew: null,
    notes: [],
  };
}

/** A ServiceAnalysis with the fields the overview reads. */
function analysed(
  namespace: string,
  name: string,
  type: string,
  policy: 'Cluster' | 'Local',
  ready = 1,
  total = 1,
): ServiceAnalysis {
  const p = { Cluster: paths('Cluster', policy === 'Cluster', 'no'), Local: paths('Local', policy === 'Local', 'yes') };
  return {
    service: `${namespace}/${name}`,
    namespace,
    name,
    type,
    externalTrafficPolicy: policy,
    internalTrafficPolicy: 'Cluster',
    entries: [],
    endpoints: { total, ready, terminating: 0, nodes: 1 },
    paths: p,
    nodes: [],
    findings: [],
  };
}

function finding(service: string | null, severity: Severity, rule = 'r'): Finding {
  return {
    id: `${rule}/${service ?? 'cluster'}/${severity}`,
    rule,
    severity,
    service,
    title: `${rule} ${severity}`,
    message: 'm',
    evidence: [],
    fix: 'f',
    fixYaml: null,
    source: 's',
  };
}

function analysis(services: ServiceAnalysis[], findings: Finding[] = []): AnalysisResult {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    dataplane,
    summary: { nodes: 3, pods: 5, services: services.length, networkPolicies: 1, findings: counts },
    services,
    findings,
    warnings: [],
  };
}

const svcObject = (namespace: string, name: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name },
    spec: { clusterIP: '10.96.0.1', selector: { app: name }, ports: [{ port: 80 }] },
  }) as KubeObject;

/** An EndpointSlice with one endpoint per (ip, pod) pair; pod null = no targetRef. */
function sliceObject(namespace: string, service: string, eps: [string, string | null][]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name: `${service}-abc`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports: [{ port: 8080, protocol: 'TCP' }],
    endpoints: eps.map(([ip, pod]) => ({
      addresses: [ip],
      conditions: { ready: true },
      ...(pod ? { targetRef: { kind: 'Pod', namespace, name: pod } } : {}),
    })),
  } as unknown as KubeObject;
}

describe('buildServiceRows', () => {
  it('counts distinct pods, findings per severity and the client-IP answer of external Services only', () => {
    const model = buildClusterModel([
      svcObject('shop', 'web'),
      svcObject('shop', 'db'),
      sliceObject('shop', 'web', [
        ['10.0.0.1', 'web-1'],
        ['10.0.0.2', 'web-2'],
        ['10.0.0.3', null],
      ]),
    ]);
    const result = analysis(
      [analysed('shop', 'web', 'LoadBalancer', 'Local', 3, 3), analysed('shop', 'db', 'ClusterIP', 'Cluster', 0, 0)],
      [
        finding('shop/web', 'error', 'snat-allowlist'),
        finding('shop/web', 'warning', 'local-nodes-drop'),
        finding('shop/web', 'warning', 'local-imbalance'),
        finding(null, 'info'),
      ],
    );
    const [web, db] = buildServiceRows(result, model);
    expect(web).toMatchObject({
      key: 'shop/web',
      pods: 3,
      preserved: 'yes',
      endpointsReady: 3,
      findings: { error: 1, warning: 2, info: 0 },
      rules: ['local-imbalance', 'local-nodes-drop', 'snat-allowlist'],
    });
    expect(db).toMatchObject({
      key: 'shop/db',
      pods: 0,
      preserved: 'n/a',
      findings: { error: 0, warning: 0, info: 0 },
      rules: [],
    });
  });
});

/** Rows without going through a model, for filter/sort/page tests. */
function row(namespace: string, name: string, over: Partial<ServiceRow> = {}): ServiceRow {
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    type: 'ClusterIP',
    policy: 'Cluster',
    endpointsReady: 1,
    endpointsTotal: 1,
    pods: 1,
    preserved: 'n/a',
    app: { clientIP: 'n/a', how: '' },
    findings: { error: 0, warning: 0, info: 0 },
    rules: [],
    ...over,
  };
}

/** Every finding listed on the overview, group by group. */
const listed = (d: OverviewData) => d.problems.flatMap((g) => g.findings);

describe('buildOverviewData', () => {
  const rows = [
    row('shop', 'web', {
      type: 'LoadBalancer',
      policy: 'Local',
      findings: { error: 0, warning: 3, info: 0 },
      rules: ['r'],
    }),
    row('shop', 'db'),
    row('pay', 'api', { type: 'NodePort', findings: { error: 1, warning: 0, info: 0 }, rules: ['r'] }),
    row('pay', 'web-admin', { findings: { error: 0, warning: 0, info: 1 }, rules: ['r'] }),
  ];
  const result = analysis(
    rows.map((r) => analysed(r.namespace, r.name, r.type, r.policy)),
    [
      finding('shop/web', 'warning'),
      finding('pay/api', 'error'),
      finding('pay/web-admin', 'info'),
      finding(null, 'warning', 'cluster'),
    ],
  );
  const data = (over: Partial<OverviewState>, pageSize?: number) =>
    buildOverviewData(result, rows, { ...DEFAULT_OVERVIEW_STATE, ...over }, pageSize);

  it('lists model warnings grouped, at most 50 lines, the rest counted', () => {
    const same = 'no EndpointSlice for this Service; using the legacy Endpoints object';
    const warnings = [
      ...Array.from({ length: 400 }, (_, i) => ({ kind: 'Endpoints', object: `shop/s${i}`, message: same })),
      ...Array.from({ length: 60 }, (_, i) => ({
        kind: 'Pod',
        object: `shop/p${i}`,
        message: `pod IP "x${i}" is invalid`,
      })),
    ];
    const d = buildOverviewData({ ...result, warnings }, rows, DEFAULT_OVERVIEW_STATE);
    expect(d.modelWarnings[0]).toBe(`Endpoints shop/s0, shop/s1, shop/s2 and 397 more: ${same}`);
    expect(d.modelWarnings[1]).toBe('Pod shop/p0: pod IP "x0" is invalid');
    expect(d.modelWarnings).toHaveLength(51);
    expect(d.modelWarnings[50]).toBe('… and 11 more warnings.');
  });

  it('defaults to every Service, the worst findings first, then by namespace/name', () => {
    const d = data({});
    expect(d.rows.map((r) => r.key)).toEqual(['pay/api', 'shop/web', 'pay/web-admin', 'shop/db']);
    expect(d.matchedServices).toBe(4);
    expect(listed(d).map((f) => f.severity)).toEqual(['error', 'warning', 'warning', 'info']);
    expect(d.namespaces).toEqual(['pay', 'shop']);
  });

  it('searches namespace/name case-insensitively and narrows the findings to the matched Services', () => {
    const d = data({ q: 'WEB' });
    expect(d.rows.map((r) => r.key).sort()).toEqual(['pay/web-admin', 'shop/web']);
    // Cluster-wide findings (service: null) stay listed whatever the filter.
    expect(
      listed(d)
        .map((f) => f.id)
        .sort(),
    ).toEqual(['cluster/cluster/warning', 'r/pay/web-admin/info', 'r/shop/web/warning']);
  });

  it('filters by namespace, type, policy and severity', () => {
    expect(
      data({ ns: 'pay' })
        .rows.map((r) => r.name)
        .sort(),
    ).toEqual(['api', 'web-admin']);
    expect(data({ type: 'NodePort' }).rows.map((r) => r.name)).toEqual(['api']);
    expect(data({ policy: 'Local' }).rows.map((r) => r.name)).toEqual(['web']);
    expect(data({ severity: 'warning' }).rows.map((r) => r.name)).toEqual(['web']);
    expect(data({ severity: 'any' }).matchedServices).toBe(3);
    expect(data({ severity: 'none' }).rows.map((r) => r.name)).toEqual(['db']);
    expect(listed(data({ severity: 'error' })).map((f) => f.id)).toEqual(['r/pay/api/error']);
  });

  it('says so when nothing matches, without failing', () => {
    const d = data({ q: 'nothing-like-this' });
    expect(d.rows).toEqual([]);
    expect(d.matchedServices).toBe(0);
    expect(d.pageCount).toBe(1);
    expect(d.notices).toEqual([]);
  });

  it('pages, and clamps a page past the end with a notice', () => {
    const p2 = data({ sort: 'name', dir: 'asc', page: 2 }, 3);
    expect(p2.rows.map((r) => r.name)).toEqual(['web-admin']);
    expect(p2.pageCount).toBe(2);
    const p9 = data({ page: 9 }, 3);
    expect(p9.page).toBe(2);
    expect(p9.notices).toEqual(['Page 9 does not exist (2 pages); showing page 2.']);
  });

  it('links findings to their Service by namespace and name', () => {
    const f = listed(data({ severity: 'error' }))[0];
    expect(f.service).toEqual({ namespace: 'pay', name: 'api' });
  });
});

describe('sorting', () => {
  it('sorts each column both ways with a stable namespace/name tie-break', () => {
    const rows = [row('b', 'x', { pods: 2 }), row('a', 'y', { pods: 2 }), row('a', 'x', { pods: 5 })];
    expect(sortRows(rows, 'pods', 'asc').map((r) => r.key)).toEqual(['a/y', 'b/x', 'a/x']);
    expect(sortRows(rows, 'pods', 'desc').map((r) => r.key)).toEqual(['a/x', 'a/y', 'b/x']);
    expect(sortRows(rows, 'name', 'asc').map((r) => r.key)).toEqual(['a/x', 'b/x', 'a/y']);
  });

  it('orders client-IP answers worst first', () => {
    const rows = [
      row('a', 'y', { preserved: 'yes' }),
      row('a', 'n', { preserved: 'no' }),
      row('a', 'p', { preserved: 'partial' }),
      row('a', 'z', { preserved: 'n/a' }),
    ];
    expect(sortRows(rows, 'preserved', 'asc').map((r) => r.preserved)).toEqual(['no', 'partial', 'yes', 'n/a']);
  });

  it('flips the direction on the same column and resets the page', () => {
    const s = nextSort({ ...DEFAULT_OVERVIEW_STATE, page: 4 }, 'findings');
    expect(s).toMatchObject({ sort: 'findings', dir: 'asc', page: 1 });
    expect(nextSort(s, 'name')).toMatchObject({ sort: 'name', dir: 'asc' });
  });
});

describe('problems first', () => {
  const rows = [
    row('shop', 'web', { findings: { error: 1, warning: 1, info: 0 }, rules: ['local-nodes-drop', 'snat-allowlist'] }),
    row('pay', 'psp', { findings: { error: 1, warning: 0, info: 0 }, rules: ['snat-allowlist'] }),
    row('pay', 'api', { findings: { error: 1, warning: 0, info: 0 }, rules: ['no-endpoints'] }),
    row('shop', 'db'),
  ];
  const result = analysis(
    rows.map((r) => analysed(r.namespace, r.name, r.type, r.policy)),
    [
      finding('shop/web', 'warning', 'local-nodes-drop'),
      finding('pay/api', 'error', 'no-endpoints'),
      finding('shop/web', 'error', 'snat-allowlist'),
      finding('pay/psp', 'error', 'snat-allowlist'),
      finding(null, 'info', 'dataplane-assumed'),
    ],
  );
  const data = (over: Partial<OverviewState>) =>
    buildOverviewData(result, rows, { ...DEFAULT_OVERVIEW_STATE, ...over });

  it('groups findings by severity and rule: errors first, the rule hitting the most Services first', () => {
    const d = data({});
    expect(d.problems.map((g) => [g.key, g.total, g.services])).toEqual([
      ['error/snat-allowlist', 2, 2],
      ['error/no-endpoints', 1, 1],
      ['warning/local-nodes-drop', 1, 1],
      ['info/dataplane-assumed', 1, 0],
    ]);
    expect(d.problems[0].title).toBe('snat-allowlist error');
    expect(d.problems[0].findings.map((f) => f.service)).toEqual([
      { namespace: 'pay', name: 'psp' },
      { namespace: 'shop', name: 'web' },
    ]);
    expect(d.matchedFindings).toBe(5);
  });

  it('sorts the table worst first by default (errors before warnings before none)', () => {
    expect(data({}).rows.map((r) => r.key)).toEqual(['shop/web', 'pay/api', 'pay/psp', 'shop/db']);
  });

  it('the severity filter narrows both the table and the groups', () => {
    const d = data({ severity: 'error' });
    expect(d.rows.map((r) => r.key).sort()).toEqual(['pay/api', 'pay/psp', 'shop/web']);
    expect(d.problems.map((g) => g.key)).toEqual(['error/snat-allowlist', 'error/no-endpoints']);
  });

  it('the rule filter shows only the Services with a finding of that rule, and only that rule', () => {
    const d = data({ rule: 'snat-allowlist' });
    expect(d.rows.map((r) => r.key).sort()).toEqual(['pay/psp', 'shop/web']);
    expect(d.problems.map((g) => g.key)).toEqual(['error/snat-allowlist']);
    expect(hasOverviewFilters({ ...DEFAULT_OVERVIEW_STATE, rule: 'snat-allowlist' })).toBe(true);
    expect(hasOverviewFilters({ ...DEFAULT_OVERVIEW_STATE, sort: 'name', page: 3 })).toBe(false);
  });

  it('caps the findings listed per group and counts the rest', () => {
    const many: FindingRow[] = Array.from({ length: MAX_FINDINGS_PER_GROUP + 7 }, (_, i) => ({
      id: `r/ns/s${i}`,
      rule: 'r',
      severity: 'warning',
      title: 't',
      message: 'm',
      fix: 'f',
      fixYaml: null,
      source: 's',
      service: { namespace: 'ns', name: `s${i}` },
    }));
    const [g] = groupProblems(many);
    expect(g.findings).toHaveLength(MAX_FINDINGS_PER_GROUP);
    expect(g.total).toBe(MAX_FINDINGS_PER_GROUP + 7);
    expect(g.services).toBe(MAX_FINDINGS_PER_GROUP + 7);
  });
});
