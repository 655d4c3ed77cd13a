// The ways real users authenticate, against the real API server, with the read-only identity of
// deploy/rbac: a kubeconfig whose user is an exec credential plugin (how EKS, GKE, AKS and OIDC
// helpers hand out tokens), and the in-cluster service account (how the Helm deployment runs: the
// token, CA and namespace files plus KUBERNETES_SERVICE_HOST/PORT, no kubeconfig at all).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import { analyzeJson, runCli } from './harness/cli';
import { waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './harness/cluster';
import { controlPlane, REPO_ROOT } from './harness/controlplane';
import { startDashboard } from './harness/dashboard';
import { apply, kubectl } from './harness/kubectl';
import { normalizeAnalysis } from './harness/normalize';
import { deployment, kwokNode, namespace, service } from './harness/objects';
import { waitFor } from './harness/wait';

const cp = controlPlane();
const NS = 'kp-auth';
const dir = mkdtempSync(join(tmpdir(), 'kubepath-auth-'));
const port = new URL(cp.server).port;
let token = '';
let admin: AnalysisResult;

/** A kubeconfig whose user runs `node plugin.mjs MODE` (client.authentication.k8s.io/v1 ExecCredential). */
function execKubeconfig(file: string, mode: 'ok' | 'fail'): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kubepath-cp',
        cluster: { server: cp.server, 'certificate-authority-data': readFileSync(cp.caFile).toString('base64') },
      },
    ],
    users: [
      {
        name: 'sso-user',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: process.execPath,
            args: [join(dir, 'plugin.mjs'), mode],
            interactiveMode: 'Never',
          },
        },
      },
    ],
    contexts: [{ name: 'sso@kubepath-cp', context: { cluster: 'kubepath-cp', user: 'sso-user' } }],
    'current-context': 'sso@kubepath-cp',
  };
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
}

/** Files of the service account mount, under `root` as KUBEPATH_SERVICE_ACCOUNT_ROOT expects them. */
function serviceAccountMount(root: string): void {
  const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
  mkdirSync(sa, { recursive: true });
  writeFileSync(join(sa, 'token'), token, { mode: 0o600 });
  writeFileSync(join(sa, 'ca.crt'), readFileSync(cp.caFile));
  writeFileSync(join(sa, 'namespace'), 'kubepath');
}

/** The environment of a pod whose service account is mounted under `root` (HOME has no kubeconfig). */
function podEnv(root: string): Record<string, string> {
  const home = join(dir, 'empty-home');
  mkdirSync(home, { recursive: true });
  return {
    HOME: home,
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: port,
    KUBEPATH_SERVICE_ACCOUNT_ROOT: root,
  };
}

beforeAll(async () => {
  // Something to see: a node, a Deployment and a Service of this file's own.
  await apply(cp, [
    kwokNode({ name: 'kp-auth-a', ip: '192.0.2.71', podCIDR: '10.244.71.0/24', zone: 'zone-a', pool: 'auth' }),
    namespace(NS),
  ]);
  await waitForNodesReady(cp, 'kubepath.test/pool=auth', 1);
  await waitForDefaultServiceAccount(cp, NS);
  await apply(cp, [
    deployment({ ns: NS, name: 'api', replicas: 2, pool: 'auth' }),
    service({ ns: NS, name: 'api', app: 'api', type: 'NodePort', port: 80 }),
  ]);
  await waitForReadyEndpoints(cp, NS, 'api', 2);
  // The shipped read-only roles; the token is the kubepath ServiceAccount's, as in the chart.
  await kubectl(cp, ['apply', '-f', join(REPO_ROOT, 'deploy', 'rbac')]);
  token = (await kubectl(cp, ['-n', 'kubepath', 'create', 'token', 'kubepath', '--duration=1h'])).trim();
  writeFileSync(join(dir, 'token'), token, { mode: 0o600 });
  // The plugin logs each call, so the test knows the credential really came from it.
  writeFileSync(
    join(dir, 'plugin.mjs'),
    `
import { appendFileSync, readFileSync } from 'node:fs';
const dir = ${JSON.stringify(dir)};
appendFileSync(dir + '/plugin-calls.log', process.argv[2] + '\\n');
if (process.argv[2] === 'fail') { console.error('sso-login: refresh token expired, run sso-login again'); process.exit(1); }
console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { token: readFileSync(dir + '/token', 'utf8').trim(), expirationTimestamp: new Date(Date.now() + 3600e3).toISOString() } }));
`,
  );
  chmodSync(join(dir, 'plugin.mjs'), 0o700);
  admin = (await analyzeJson(['--kubeconfig', cp.kubeconfig])).analysis;
  expect(admin.services.find((x) => x.service === `${NS}/api`)?.endpoints.ready).toBe(2);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pluginCalls = (): string[] => {
  try {
    return readFileSync(join(dir, 'plugin-calls.log'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

describe('an exec credential plugin in the kubeconfig', () => {
  it('kubepath analyze authenticates through it and sees what the admin sees', async () => {
    const kc = join(dir, 'exec.kubeconfig');
    execKubeconfig(kc, 'ok');
    const before = pluginCalls().length;
    const { analysis, stderr } = await analyzeJson(['--kubeconfig', kc]);
    expect(pluginCalls().length).toBeGreaterThan(before);
    expect(stderr).not.toMatch(/forbidden|403|unauthorized|401/i);
    expect(normalizeAnalysis(analysis)).toEqual(normalizeAnalysis(admin));
  });

  it('a failing plugin is a clear error with its own message and exit 2, not a stack trace', async () => {
    const kc = join(dir, 'exec-fail.kubeconfig');
    execKubeconfig(kc, 'fail');
    const r = await runCli(['analyze', '--kubeconfig', kc]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `kubepath: cannot get credentials for context "sso@kubepath-cp" (${cp.server}): the exec credential plugin "${process.execPath}" failed: sso-login: refresh token expired, run sso-login again`,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the in-cluster service account (no kubeconfig)', () => {
  it('kubepath analyze --live finds the mounted token and sees what the admin sees', async () => {
    const root = join(dir, 'pod-cli');
    serviceAccountMount(root);
    const { analysis, stderr } = await analyzeJson(['--live'], podEnv(root));
    expect(stderr).not.toMatch(/forbidden|403|unauthorized|401/i);
    expect(normalizeAnalysis(analysis)).toEqual(normalizeAnalysis(admin));
  });

  it('without the token file, --live says where it looked', async () => {
    const r = await runCli(['analyze', '--live'], podEnv(join(dir, 'no-such-pod')));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no kubeconfig found');
    expect(r.stderr).toContain('not running inside a cluster');
  });

  it('the dashboard with no source configured picks the service account by itself and shows the live cluster', async () => {
    const root = join(dir, 'pod-dashboard');
    serviceAccountMount(root);
    const dashboard = await startDashboard({ inCluster: podEnv(root) });
    try {
      type Body = { source: { kind: string; label: string }; analysis: AnalysisResult };
      const { value: body } = await waitFor(
        'the dashboard to show the live cluster',
        async () => {
          const b = (await (await fetch(`${dashboard.url}/api/analysis`)).json()) as Body;
          const ready = b.analysis.services.find((x) => x.service === `${NS}/api`)?.endpoints.ready;
          return { ok: ready === 2, value: b, seen: `source ${JSON.stringify(b.source)}, ${NS}/api ready ${ready}` };
        },
        { timeoutMs: 60_000, intervalMs: 300 },
      );
      expect(body.source.kind).toBe('live');
      expect(body.source.label).toContain('in-cluster');
      expect(body.analysis.services.map((x) => x.service)).toEqual(admin.services.map((x) => x.service));
    } finally {
      await dashboard.stop();
    }
  });
});
