// The Helm chart (deploy/helm/kubepath) with the real helm (scripts/tools/build.sh) and the real API
// server: lint, golden renders of the main value combinations, the properties the issue asks of the
// rendered objects, server-side dry-run applies of every render (and of `kubectl apply -k
// deploy/kustomize`), and a real `helm install --wait` into a namespace that enforces the restricted
// Pod Security Standard.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { finalStage } from '../../e2e/sso/support/dockerfile.mjs';
import { WATCHED_KINDS } from '../../lib/live/kinds';
import { waitForNodesReady } from './harness/cluster';
import { controlPlane, REPO_ROOT } from './harness/controlplane';
import {
  CHART_DIR,
  chartCases,
  expectedFile,
  helm,
  manifests,
  renderCase,
  template,
  valuesFile,
  type Manifest,
} from './harness/helm';
import { apply, getJson, kubectl, kubectlRaw } from './harness/kubectl';
import { KUSTOMIZE_CASE, KUSTOMIZE_HEADER } from './harness/kustomize';
import { kwokNode, namespace } from './harness/objects';

const cp = controlPlane();
const RESTRICTED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };
type Container = {
  command?: string[];
  args?: string[];
  ports: { containerPort: number }[];
  env: { name: string; value?: string }[];
  securityContext: Record<string, unknown>;
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  volumeMounts: { name: string; mountPath: string }[];
};
type PodSpec = { securityContext: Record<string, unknown>; containers: Container[]; serviceAccountName: string };

const rendered = new Map<string, Manifest[]>();
const one = (name: string, kind: string): Manifest => {
  const found = rendered.get(name)!.filter((m) => m.kind === kind);
  expect(found, `${name}: one ${kind}`).toHaveLength(1);
  return found[0];
};
const podSpec = (name: string) => (one(name, 'Deployment').spec as { template: { spec: PodSpec } }).template.spec;
const envOf = (name: string) => Object.fromEntries(podSpec(name).containers[0].env.map((e) => [e.name, e.value]));

beforeAll(async () => {
  for (const name of chartCases()) rendered.set(name, manifests(await renderCase(name)));
  await apply(cp, [
    kwokNode({ name: 'kp-chart-a', ip: '192.0.2.71', podCIDR: '10.244.71.0/24', zone: 'zone-a', pool: 'chart' }),
    namespace('kubepath', RESTRICTED),
    namespace('kp-chart', RESTRICTED),
  ]);
  await waitForNodesReady(cp, 'kubepath.test/pool=chart', 1);
});

describe('helm lint and the value checks', () => {
  it('has golden cases for proxy-headers, jwt, a minimal install and the kustomize render', () => {
    expect(chartCases()).toEqual(['jwt', KUSTOMIZE_CASE, 'minimal', 'proxy-headers']);
  });

  it.each(chartCases())('helm lint --strict passes with %s values', async (name) => {
    const r = await helm(['lint', CHART_DIR, '--strict', '--values', valuesFile(name)]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it.each([
    [[], /auth.mode=proxy-headers needs auth.trustedProxies/],
    [['--set', 'auth.mode=jwt'], /auth.mode=jwt needs auth.jwt.jwksUrl, auth.jwt.issuer and auth.jwt.audience/],
    [['--set', 'auth.mode=none'], /auth.mode=none: .*allowUnauthenticated=true/],
    [['--set', 'auth.mode=basic'], /auth.mode must be none, proxy-headers or jwt, not "basic"/],
  ])('refuses values that would leave kubepath open or unable to start (%j)', async (args, message) => {
    const r = await template([], args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('renders auth=none only with allowUnauthenticated, and then says so in the environment', async () => {
    const r = await template([], ['--set', 'auth.mode=none', '--set', 'auth.allowUnauthenticated=true']);
    expect(r.code, r.stderr).toBe(0);
    const [deploy] = manifests(r.stdout).filter((m) => m.kind === 'Deployment');
    const env = (deploy.spec as { template: { spec: PodSpec } }).template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'KUBEPATH_AUTH', value: 'none' });
    expect(env).toContainEqual({ name: 'KUBEPATH_ALLOW_UNAUTHENTICATED', value: 'true' });
  });
});

describe('golden renders (deploy/helm/testdata; update: npx tsx scripts/tools/update-chart-goldens.ts)', () => {
  it.each(chartCases())('helm template with %s values matches its golden file', async (name) => {
    expect(await renderCase(name)).toBe(readFileSync(expectedFile(name), 'utf8'));
  });

  it('deploy/kustomize/kubepath.yaml is the kustomize render, and the kustomization lists it', () => {
    const file = readFileSync(join(REPO_ROOT, 'deploy', 'kustomize', 'kubepath.yaml'), 'utf8');
    expect(file).toBe(KUSTOMIZE_HEADER + readFileSync(expectedFile(KUSTOMIZE_CASE), 'utf8'));
    const kustomization = parseAllDocuments(
      readFileSync(join(REPO_ROOT, 'deploy', 'kustomize', 'kustomization.yaml'), 'utf8'),
    )[0].toJSON() as { resources: string[] };
    expect(kustomization.resources).toEqual(['namespace.yaml', 'kubepath.yaml']);
  });
});

describe('what the rendered objects promise', () => {
  it('the pod runs restricted: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp', () => {
    for (const name of chartCases()) {
      const pod = podSpec(name);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      const [c] = pod.containers;
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        privileged: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      // Writable scratch only where the standalone server may write.
      expect(c.volumeMounts.map((m) => m.mountPath).sort()).toEqual(['/app/.next/cache', '/tmp']);
      expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    }
  });

  it("the pod matches the image's final stage: its user, its writable paths under its WORKDIR, no command override", () => {
    const stage = finalStage(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
    // Distroless Node.js: no shell, no package manager in the image.
    expect(stage.image).toMatch(/^gcr\.io\/distroless\/nodejs\d+-debian\d+:nonroot$/);
    expect(stage.entrypoint[0]).toMatch(/\/node$/);
    expect(stage.cmd).toEqual(['serve.mjs']);
    expect(stage.copies.map((c) => c.from)).toContain('/src/scripts/serve.mjs');
    const [uid, gid] = stage.user.split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    for (const name of chartCases()) {
      const pod = podSpec(name);
      expect(pod.securityContext).toMatchObject({ runAsUser: uid, runAsGroup: gid });
      const [c] = pod.containers;
      expect(c.command).toBeUndefined();
      expect(c.args).toBeUndefined();
      expect(c.volumeMounts.find((m) => m.name === 'next-cache')?.mountPath).toBe(`${stage.workdir}/.next/cache`);
      expect(envOf(name).PORT ?? stage.env.PORT).toBe(String(c.ports[0].containerPort));
    }
  });

  it('the auth values become the KUBEPATH_* variables', () => {
    expect(envOf('proxy-headers')).toMatchObject({
      KUBEPATH_SOURCE: 'live',
      KUBEPATH_AUTH: 'proxy-headers',
      KUBEPATH_TRUSTED_PROXIES: '10.244.0.0/16',
      KUBEPATH_ALLOWED_GROUPS: 'platform-team',
      KUBEPATH_SIGNIN_URL: '/oauth2/start',
      KUBEPATH_USER_HEADER: 'X-Forwarded-User',
      KUBEPATH_EMAIL_HEADER: 'X-Forwarded-Email',
      KUBEPATH_GROUPS_HEADER: 'X-Forwarded-Groups',
    });
    expect(envOf('minimal')).not.toHaveProperty('KUBEPATH_GROUPS_HEADER');
    expect(envOf('proxy-headers')).not.toHaveProperty('KUBEPATH_ALLOW_UNAUTHENTICATED');
    expect(envOf('jwt')).toMatchObject({
      KUBEPATH_AUTH: 'jwt',
      KUBEPATH_JWKS_URL: 'https://authenticate.example.com/.well-known/pomerium/jwks.json',
      KUBEPATH_JWT_ISSUER: 'authenticate.example.com',
      KUBEPATH_JWT_AUDIENCE: 'kubepath.example.com',
      KUBEPATH_JWT_HEADER: 'X-Pomerium-Jwt-Assertion',
      KUBEPATH_ALLOWED_USERS: 'alice@example.com,bob@example.com',
      KUBEPATH_CONTEXTS: 'in-cluster',
    });
    expect(envOf('jwt')).not.toHaveProperty('KUBEPATH_TRUSTED_PROXIES');
    expect(envOf('minimal').KUBEPATH_TRUSTED_PROXIES).toBe('10.0.0.0/8,fd00::/8');
  });

  it('RBAC: read verbs on exactly the kinds the live source reads, the same rules as deploy/rbac, never Secrets', () => {
    const role = one('proxy-headers', 'ClusterRole');
    const rules = role.rules as Rule[];
    for (const r of rules) expect([...r.verbs].sort()).toEqual(['get', 'list', 'watch']);
    const granted = rules.flatMap((r) => r.resources.map((res) => `${res}.${r.apiGroups[0]}`)).sort();
    expect(granted).toEqual(
      WATCHED_KINDS.filter((k) => !k.fieldSelector)
        .map((k) => `${k.resource}.${k.group}`)
        .sort(),
    );
    expect(granted.some((g) => /secret|configmap|\*/.test(g))).toBe(false);
    const cmRole = one('proxy-headers', 'Role');
    expect(cmRole.metadata.namespace).toBe('kube-system');
    expect((cmRole.rules as Rule[]).flatMap((r) => r.resourceNames ?? []).sort()).toEqual(
      WATCHED_KINDS.filter((k) => k.fieldSelector)
        .map((k) => k.fieldSelector!.replace('metadata.name=', ''))
        .sort(),
    );
    const shipped = (file: string) => manifests(readFileSync(join(REPO_ROOT, 'deploy', 'rbac', file), 'utf8'))[0];
    expect(role.rules).toEqual(shipped('clusterrole.yaml').rules);
    expect(cmRole.rules).toEqual(shipped('role-dataplane-configmaps.yaml').rules);
    // Bound to the chart's own service account.
    const binding = one('proxy-headers', 'ClusterRoleBinding');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'kubepath', namespace: 'kubepath' }]);
    expect(podSpec('proxy-headers').serviceAccountName).toBe('kubepath');
    // The minimal case leaves RBAC and the service account to the operator.
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount'])
      expect(rendered.get('minimal')!.filter((m) => m.kind === kind)).toEqual([]);
  });

  it('the NetworkPolicy admits only the auth proxy (plus extraFrom) on the http port', () => {
    type Ingress = { from: Record<string, unknown>[]; ports: unknown[] };
    const spec = one('proxy-headers', 'NetworkPolicy').spec as { policyTypes: string[]; ingress: Ingress[] };
    expect(spec.policyTypes).toEqual(['Ingress']);
    expect(spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'oauth2-proxy' } }, namespaceSelector: {} }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    const jwt = one('jwt', 'NetworkPolicy').spec as { ingress: Ingress[] };
    expect(jwt.ingress).toHaveLength(1);
    expect(jwt.ingress[0].from).toHaveLength(2);
    expect(jwt.ingress[0].from[0]).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'pomerium' } },
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pomerium' } },
    });
    expect(rendered.get('minimal')!.filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);
  });

  it('a PodDisruptionBudget unless disabled; an Ingress only when enabled', () => {
    expect(one('proxy-headers', 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 1 });
    expect(rendered.get('minimal')!.filter((m) => m.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(rendered.get('proxy-headers')!.filter((m) => m.kind === 'Ingress')).toEqual([]);
    expect(one('jwt', 'Ingress').spec).toMatchObject({
      ingressClassName: 'nginx',
      rules: [{ host: 'kubepath.example.com' }],
      tls: [{ secretName: 'kubepath-tls' }],
    });
  });
});

describe('the real API server accepts the manifests', () => {
  it.each(chartCases())(
    'server-side dry-run apply of the %s render: accepted, no Pod Security warning',
    async (name) => {
      const r = await kubectlRaw(
        cp,
        ['apply', '--server-side', '--dry-run=server', '--field-manager=kubepath-chart-test', '-f', '-'],
        { input: readFileSync(expectedFile(name), 'utf8') },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/Warning|violate PodSecurity/i);
      // One "<kind>/<name> serverside-applied (server dry run)" line per rendered object.
      const applied = r.stdout.split('\n').filter((l) => l.endsWith(' serverside-applied (server dry run)'));
      expect(applied).toHaveLength(rendered.get(name)!.length);
      for (const m of rendered.get(name)!)
        expect(applied.some((l) => l.startsWith(`${m.kind.toLowerCase()}`) && l.includes(`/${m.metadata.name} `))).toBe(
          true,
        );
    },
  );

  it('kubectl apply -k deploy/kustomize --server-side --dry-run=server is accepted', async () => {
    const r = await kubectlRaw(cp, [
      'apply',
      '-k',
      join(REPO_ROOT, 'deploy', 'kustomize'),
      '--server-side',
      '--dry-run=server',
      '--field-manager=kubepath-chart-test',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/deployment.apps\/kubepath serverside-applied \(server dry run\)/);
    expect(r.stdout).toMatch(/clusterrole.rbac.authorization.k8s.io\/kubepath-reader serverside-applied/);
    expect(r.stderr).not.toMatch(/violate PodSecurity/i);
  });

  it('helm install --wait into a restricted namespace: pods admitted and Ready; its identity can read what kubepath reads, not Secrets', async () => {
    const release = 'kp-chart';
    const install = await helm(
      [
        'install',
        release,
        CHART_DIR,
        '--namespace',
        release,
        '--values',
        valuesFile('proxy-headers'),
        '--wait',
        '--timeout',
        '150s',
      ],
      { kubeconfig: cp.kubeconfig, timeoutMs: 170_000 },
    );
    try {
      expect(install.code, install.stderr).toBe(0);
      expect(install.stdout).toMatch(/STATUS: deployed/);
      const pods = await getJson<{ items: { spec: PodSpec; status: { phase: string } }[] }>(cp, [
        'pods',
        '-n',
        release,
        '-l',
        `app.kubernetes.io/instance=${release}`,
      ]);
      expect(pods.items).toHaveLength(2);
      for (const p of pods.items) {
        expect(p.status.phase).toBe('Running');
        expect(p.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
      }
      const sa = `system:serviceaccount:${release}:${release}-kubepath`;
      const can = async (...args: string[]) =>
        (await kubectlRaw(cp, ['auth', 'can-i', `--as=${sa}`, ...args])).stdout.trim();
      expect(await can('watch', 'endpointslices.discovery.k8s.io', '-A')).toBe('yes');
      expect(await can('list', 'networkpolicies.networking.k8s.io', '-A')).toBe('yes');
      expect(await can('get', 'configmaps/kube-proxy', '-n', 'kube-system')).toBe('yes');
      expect(await can('list', 'secrets', '-A')).toBe('no');
      expect(await can('list', 'configmaps', '-n', 'kube-system')).toBe('no');
      expect(await can('create', 'pods', '-n', release)).toBe('no');
    } finally {
      const uninstall = await helm(['uninstall', release, '--namespace', release, '--wait'], {
        kubeconfig: cp.kubeconfig,
      });
      expect(uninstall.code, uninstall.stderr).toBe(0);
    }
    expect((await kubectlRaw(cp, ['get', 'clusterrole', `${release}-kubepath-reader`])).code).not.toBe(0);
    await kubectl(cp, ['delete', 'namespace', release, '--wait=false']);
  });
});
