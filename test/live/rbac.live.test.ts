// RBAC against the real authorizer: a ServiceAccount token bound only to the Helm chart's RBAC (its
// read-only ClusterRole + the by-name ConfigMap Role, rendered by the real helm; deploy/rbac/ holds the
// same rules, test/live/chart.live.test.ts compares them) runs kubepath fully and cannot read
// Secrets or other ConfigMaps; a token without NetworkPolicy access gets the partial-access warning and
// `unknown` policy verdicts, not a crash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import { WATCHED_KINDS } from '../../lib/live/kinds';
import { analyzeJson, runCli } from './harness/cli';
import { waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './harness/cluster';
import { controlPlane } from './harness/controlplane';
import { manifests, template, valuesFile } from './harness/helm';
import { apply, kubectl, kubectlRaw, setLoadBalancerIngress } from './harness/kubectl';
import { startLive } from './harness/live-source';
import { writeServiceAccountKubeconfig } from './harness/token-kubeconfig';
import { normalizeAnalysis } from './harness/normalize';
import {
  deployment,
  kubeProxyConfigMap,
  kwokNode,
  namespace,
  networkPolicy,
  service,
  type Obj,
} from './harness/objects';

const cp = controlPlane();
const dir = mkdtempSync(join(tmpdir(), 'kubepath-rbac-'));
const NS = 'kp-rbac';
const KEY = `${NS}/shop`;
let readerKubeconfig = '';
let noNetpolKubeconfig = '';

/** The chart's RBAC and service account, as `helm template` renders them for release kubepath/kubepath. */
let chartRbac: Obj[] = [];
function shipped(kind: 'ClusterRole' | 'Role'): Obj[] {
  return chartRbac.filter((o) => o.kind === kind);
}

beforeAll(async () => {
  await apply(cp, [
    kwokNode({ name: 'kp-rb-a', ip: '192.0.2.51', podCIDR: '10.244.51.0/24', zone: 'zone-a', pool: 'rbac' }),
    kwokNode({ name: 'kp-rb-b', ip: '192.0.2.52', podCIDR: '10.244.52.0/24', zone: 'zone-b', pool: 'rbac' }),
    namespace(NS),
    kubeProxyConfigMap({ mode: 'iptables', clusterCIDR: '10.244.0.0/16' }),
    // Neither may be readable with the kubepath roles.
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'kube-system', name: 'not-for-kubepath' },
      data: { k: 'v' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace: 'kube-system', name: 'kp-rbac-secret' },
      stringData: { password: 'hunter2' },
    },
  ]);
  await waitForNodesReady(cp, 'kubepath.test/pool=rbac', 2);
  await waitForDefaultServiceAccount(cp, NS);
  await apply(cp, [
    deployment({ ns: NS, name: 'shop', replicas: 2, pool: 'rbac', spread: true }),
    service({ ns: NS, name: 'shop', app: 'shop', type: 'LoadBalancer', port: 443, externalTrafficPolicy: 'Local' }),
    networkPolicy(NS, 'shop-from-lb-only', {
      podSelector: { matchLabels: { app: 'shop' } },
      ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
    }),
  ]);
  await setLoadBalancerIngress(cp, NS, 'shop', ['203.0.113.30']);
  await waitForReadyEndpoints(cp, NS, 'shop', 2);

  // The chart's RBAC objects, exactly as helm renders them.
  const rendered = await template(
    [valuesFile('proxy-headers')],
    ['--show-only', 'templates/rbac.yaml', '--show-only', 'templates/serviceaccount.yaml'],
  );
  expect(rendered.code, rendered.stderr).toBe(0);
  chartRbac = manifests(rendered.stdout) as Obj[];
  expect(chartRbac.map((o) => o.kind).sort()).toEqual([
    'ClusterRole',
    'ClusterRoleBinding',
    'Role',
    'RoleBinding',
    'ServiceAccount',
  ]);
  await apply(cp, [namespace('kubepath'), ...chartRbac]);
  // A second identity: the shipped ClusterRole minus its NetworkPolicy rule, plus the same ConfigMap Role.
  const [reader] = shipped('ClusterRole');
  const rules = (reader.rules as { apiGroups: string[]; resources: string[] }[]).filter(
    (r) => !r.resources.includes('networkpolicies'),
  );
  expect(rules.length).toBe((reader.rules as unknown[]).length - 1);
  await apply(cp, [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: 'kubepath', name: 'kubepath-no-netpol' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'kubepath-reader-no-netpol' },
      rules,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'kubepath-reader-no-netpol' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubepath-reader-no-netpol' },
      subjects: [{ kind: 'ServiceAccount', namespace: 'kubepath', name: 'kubepath-no-netpol' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { namespace: 'kube-system', name: 'kubepath-no-netpol-dataplane-config' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kubepath-dataplane-config' },
      subjects: [{ kind: 'ServiceAccount', namespace: 'kubepath', name: 'kubepath-no-netpol' }],
    },
  ]);
  readerKubeconfig = join(dir, 'reader.kubeconfig');
  noNetpolKubeconfig = join(dir, 'no-netpol.kubeconfig');
  await writeServiceAccountKubeconfig(cp, 'kubepath', 'kubepath', readerKubeconfig);
  await writeServiceAccountKubeconfig(cp, 'kubepath', 'kubepath-no-netpol', noNetpolKubeconfig);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `kubectl auth can-i` as the token's identity (a SelfSubjectAccessReview: the real authorizer answers). */
async function canI(kubeconfig: string, ...args: string[]): Promise<boolean> {
  const r = await kubectlRaw(cp, ['auth', 'can-i', ...args], { kubeconfig });
  if (r.code !== 0 && r.code !== 1)
    throw new Error(`kubectl auth can-i ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  return r.stdout.trim() === 'yes';
}

/**
 * A SelfSubjectAccessReview with the exact API group and resource, as the token's identity. `kubectl auth
 * can-i` resolves a resource through discovery first and gets `gateways.networking.istio.io` wrong once the
 * Gateway API's `gateways` is served without Istio's (frontdoor.live.test.ts installs it): it then answers
 * "no" for a grant the authorizer allows.
 */
async function canAccess(
  kubeconfig: string,
  a: { verb: string; group: string; resource: string; namespace?: string; name?: string },
): Promise<boolean> {
  const review = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: a },
  };
  const out = await kubectl(cp, ['create', '--validate=false', '-f', '-', '-o', 'json'], {
    kubeconfig,
    input: JSON.stringify(review),
  });
  return (JSON.parse(out) as { status?: { allowed?: boolean } }).status?.allowed === true;
}

describe("the chart's read-only ClusterRole and ConfigMap Role against the real authorizer", () => {
  it('grants get/list/watch on every stream the live source opens (lib/live/kinds.ts), and the ClusterRole on nothing more', async () => {
    for (const k of WATCHED_KINDS) {
      for (const verb of ['get', 'list', 'watch']) {
        const attrs = k.fieldSelector
          ? {
              verb,
              group: k.group,
              resource: k.resource,
              namespace: k.path.split('/')[4],
              name: k.fieldSelector.replace('metadata.name=', ''),
            }
          : { verb, group: k.group, resource: k.resource };
        expect(await canAccess(readerKubeconfig, attrs), `${k.id}: ${JSON.stringify(attrs)}`).toBe(true);
      }
    }
    // The same review says no where nothing grants: all ConfigMaps, or Istio's Gateways written.
    expect(await canAccess(readerKubeconfig, { verb: 'list', group: '', resource: 'configmaps' })).toBe(false);
    expect(
      await canAccess(readerKubeconfig, { verb: 'create', group: 'networking.istio.io', resource: 'gateways' }),
    ).toBe(false);
    // The ClusterRole names exactly the cluster-wide streams' resources; ConfigMaps only by name in the Role.
    const [role] = shipped('ClusterRole');
    const granted = (role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[])
      .flatMap((r) => r.resources.map((res) => `${res}.${r.apiGroups[0]}|${[...r.verbs].sort().join(',')}`))
      .sort();
    const wanted = WATCHED_KINDS.filter((k) => !k.fieldSelector)
      .map((k) => `${k.resource}.${k.group}|get,list,watch`)
      .sort();
    expect(granted).toEqual(wanted);
    const [cmRole] = shipped('Role');
    const names = (cmRole.rules as { resourceNames: string[] }[]).flatMap((r) => r.resourceNames).sort();
    expect(names).toEqual(
      WATCHED_KINDS.filter((k) => k.fieldSelector)
        .map((k) => k.fieldSelector!.replace('metadata.name=', ''))
        .sort(),
    );
  });

  it('denies Secrets, other ConfigMaps, writes, and every subresource that would dial a pod or node', async () => {
    const denied: string[][] = [
      ['get', 'secrets', '-A'],
      ['list', 'secrets', '-A'],
      ['watch', 'secrets', '-A'],
      ['get', 'secrets/kp-rbac-secret', '-n', 'kube-system'],
      ['list', 'configmaps', '-n', 'kube-system'],
      ['get', 'configmaps/not-for-kubepath', '-n', 'kube-system'],
      ['list', 'configmaps', '-A'],
      ['create', 'pods', '-n', NS],
      ['delete', 'services', '-n', NS],
      ['patch', 'nodes'],
      ['update', 'networkpolicies.networking.k8s.io', '-n', NS],
      ['get', 'pods', '--subresource=log', '-n', NS],
      ['create', 'pods', '--subresource=exec', '-n', NS],
      ['create', 'pods', '--subresource=portforward', '-n', NS],
      ['get', 'services', '--subresource=proxy', '-n', NS],
      ['get', 'nodes', '--subresource=proxy'],
      ['get', 'endpoints', '-A'],
      ['create', 'serviceaccounts', '--subresource=token', '-n', 'kubepath'],
    ];
    for (const args of denied) expect(await canI(readerKubeconfig, ...args), args.join(' ')).toBe(false);
  });

  it('a real GET of Secrets with the token is 403 Forbidden; a plain LIST of kube-system ConfigMaps too', async () => {
    const secrets = await kubectlRaw(cp, ['-n', 'kube-system', 'get', 'secret', 'kp-rbac-secret', '-o', 'name'], {
      kubeconfig: readerKubeconfig,
    });
    expect(secrets.code).not.toBe(0);
    expect(secrets.stderr).toMatch(/Forbidden.*cannot get resource "secrets"/);
    expect(secrets.stdout).not.toContain('hunter2');
    const cms = await kubectlRaw(cp, ['-n', 'kube-system', 'get', 'configmaps', '-o', 'name'], {
      kubeconfig: readerKubeconfig,
    });
    expect(cms.code).not.toBe(0);
    expect(cms.stderr).toMatch(/Forbidden.*cannot list resource "configmaps"/);
    // …while the by-name LIST the live source uses (fieldSelector metadata.name) is allowed.
    const byName = await kubectlRaw(
      cp,
      ['-n', 'kube-system', 'get', 'configmaps', '--field-selector=metadata.name=kube-proxy', '-o', 'name'],
      { kubeconfig: readerKubeconfig },
    );
    expect(byName).toMatchObject({ code: 0, stdout: 'configmap/kube-proxy\n' });
  });
});

describe('kubepath with the read-only token', () => {
  it('kubepath analyze --kubeconfig works and gives the same analysis as the admin', async () => {
    const asReader = await analyzeJson(['--kubeconfig', readerKubeconfig]);
    const asAdmin = await analyzeJson(['--kubeconfig', cp.kubeconfig]);
    expect(asReader.stderr).not.toMatch(/forbidden|403|cannot list/i);
    expect(normalizeAnalysis(asReader.analysis)).toEqual(normalizeAnalysis(asAdmin.analysis));
    const shop = asReader.analysis.services.find((s) => s.service === KEY);
    expect(shop?.endpoints.ready).toBe(2);
    // The kube-proxy ConfigMap was readable by name.
    expect(asReader.analysis.dataplane.proxyModeSource).toBe('kube-proxy-configmap');
    expect(asReader.analysis.findings.map((f) => f.id)).not.toContain('policy-unknown/cluster/networkpolicies');
    expect(shop?.paths.Local.pods.every((p) => p.policy !== 'unknown')).toBe(true);
  });

  it('the in-process live source syncs with it, every kind readable', async () => {
    const live = await startLive({ kubeconfig: readerKubeconfig });
    try {
      await live.waitSynced(60_000);
      expect(live.status().unavailableKinds).toEqual([]);
      const a = await live.analysis();
      expect(a.services.find((s) => s.service === KEY)?.endpoints.ready).toBe(2);
      expect(a.dataplane.proxyModeSource).toBe('kube-proxy-configmap');
    } finally {
      await live.close();
    }
  });
});

describe('kubepath with a token that cannot read NetworkPolicies', () => {
  let asNoNetpol: { analysis: AnalysisResult; stderr: string };

  it('the token really is denied NetworkPolicies', async () => {
    expect(await canI(noNetpolKubeconfig, 'list', 'networkpolicies.networking.k8s.io', '-A')).toBe(false);
    expect(await canI(noNetpolKubeconfig, 'list', 'pods', '-A')).toBe(true);
  });

  it('kubepath analyze exits 0 with the partial-access warning and unknown policy verdicts', async () => {
    const run = await runCli(['analyze', '--kubeconfig', noNetpolKubeconfig, '--json']);
    expect(run.code, run.stderr).toBe(0);
    asNoNetpol = { analysis: JSON.parse(run.stdout) as AnalysisResult, stderr: run.stderr };
    expect(run.stderr).toMatch(/warning/i);
    expect(run.stderr).toMatch(/networkpolic/i);
    expect(run.stderr).toMatch(/403|forbidden/i);
    const a = asNoNetpol.analysis;
    expect(a.findings.map((f) => f.id)).toContain('policy-unknown/cluster/networkpolicies');
    // Their number is unknown, not 0 (lib/engine/types.ts AnalysisResult.summary).
    expect(a.summary.networkPolicies).toBeNull();
    const shop = a.services.find((s) => s.service === KEY);
    expect(shop?.endpoints.ready).toBe(2);
    expect(shop?.paths.Local.pods.length).toBe(2);
    for (const p of shop!.paths.Local.pods) expect(p.policy).toBe('unknown');
    // Everything else still works: the same Services as with full access.
    const full = await analyzeJson(['--kubeconfig', readerKubeconfig]);
    expect(a.services.map((s) => s.service)).toEqual(full.analysis.services.map((s) => s.service));
    expect(a.dataplane.proxyModeSource).toBe('kube-proxy-configmap');
  });

  it('the in-process live source reports NetworkPolicy as unavailable and keeps the rest live', async () => {
    const live = await startLive({ kubeconfig: noNetpolKubeconfig });
    try {
      await live.waitSynced(60_000);
      expect(live.status().unavailableKinds).toEqual(['NetworkPolicy']);
      const a = await live.analysis();
      expect(a.findings.map((f) => f.id)).toContain('policy-unknown/cluster/networkpolicies');
      const shop = a.services.find((s) => s.service === KEY);
      expect(shop?.endpoints.ready).toBe(2);
      for (const p of shop!.paths.Local.pods) expect(p.policy).toBe('unknown');
    } finally {
      await live.close();
    }
  });
});
