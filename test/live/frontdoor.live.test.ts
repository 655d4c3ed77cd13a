// Front doors read live: an IngressClass and an Ingress (built-in kinds) in front of a
// Service, served by an ingress-nginx-like controller whose own ConfigMap is named in its args; a minimal
// Gateway API (test/live/fixtures/gateway-api-minimal.yaml) with a GatewayClass, Gateway and HTTPRoute; every
// other front-door CRD (Istio, MetalLB, OpenELB, Cilium) absent. The one-shot CLI reading and the in-process
// live source equal the snapshot analysis, the proxy's ConfigMap is read by name (and no other), and the
// absent CRDs are neither errors nor warnings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import { analyzeJson } from './harness/cli';
import { waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './harness/cluster';
import { expectLiveEqualsSnapshot, snapshotAnalysis } from './harness/compare';
import { controlPlane, REPO_ROOT } from './harness/controlplane';
import { apply, kubectl, setLoadBalancerIngress } from './harness/kubectl';
import { startLive, type LiveHandle } from './harness/live-source';
import { deployment, kwokNode, namespace, service, type Obj } from './harness/objects';
import { waitFor } from './harness/wait';

const cp = controlPlane();
const dir = mkdtempSync(join(tmpdir(), 'kubepath-frontdoor-'));
const NS = 'kp-fd';
const POOL = 'frontdoor';
const PROXY_CM = 'kp-nginx-settings';
let live: LiveHandle | null = null;

/** An ingress-nginx controller Deployment naming its ConfigMap through $(POD_NAMESPACE), as its chart does. */
function nginxController(): Obj {
  const labels = { app: 'edge', 'app.kubernetes.io/name': 'ingress-nginx' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: NS, name: 'edge' },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          nodeSelector: { 'kubepath.test/pool': POOL },
          containers: [
            {
              name: 'controller',
              // kwok fakes the kubelet: the image is never pulled.
              image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0',
              args: [
                '/nginx-ingress-controller',
                `--configmap=$(POD_NAMESPACE)/${PROXY_CM}`,
                '--ingress-class=kp-nginx',
              ],
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              ports: [{ name: 'http', containerPort: 80 }],
            },
          ],
        },
      },
    },
  };
}

const configMap = (name: string, data: Record<string, string>): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: NS, name },
  data,
});

beforeAll(async () => {
  await kubectl(cp, ['apply', '-f', join(REPO_ROOT, 'test', 'live', 'fixtures', 'gateway-api-minimal.yaml')]);
  await kubectl(cp, [
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    ...['gatewayclasses', 'gateways', 'httproutes'].map((r) => `crd/${r}.gateway.networking.k8s.io`),
  ]);
  await apply(cp, [
    kwokNode({ name: 'kp-fd-a', ip: '192.0.2.71', podCIDR: '10.244.71.0/24', zone: 'zone-a', pool: POOL }),
    kwokNode({ name: 'kp-fd-b', ip: '192.0.2.72', podCIDR: '10.244.72.0/24', zone: 'zone-b', pool: POOL }),
    namespace(NS),
  ]);
  await waitForNodesReady(cp, `kubepath.test/pool=${POOL}`, 2);
  await waitForDefaultServiceAccount(cp, NS);
  await apply(cp, [
    deployment({ ns: NS, name: 'shop', replicas: 2, pool: POOL, spread: true }),
    service({ ns: NS, name: 'shop', app: 'shop', type: 'ClusterIP', port: 80 }),
    nginxController(),
    // The proxy Service under Cluster: the client is lost before the proxy (finding proxy-behind-cluster).
    service({ ns: NS, name: 'edge', app: 'edge', type: 'LoadBalancer', port: 80, externalTrafficPolicy: 'Cluster' }),
    // Trusts X-Forwarded-For from anyone (proxy-real-ip-cidr defaults to 0.0.0.0/0): forwarded-headers-trust-all.
    configMap(PROXY_CM, { 'use-forwarded-headers': 'true' }),
    // Not named by any proxy: never read.
    configMap('bystander', { secret: 'not-for-kubepath' }),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'kp-nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { namespace: NS, name: 'shop' },
      spec: {
        ingressClassName: 'kp-nginx',
        rules: [
          {
            host: 'shop.example',
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } }],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'kp-eg' },
      spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { namespace: NS, name: 'eg' },
      spec: { gatewayClassName: 'kp-eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { namespace: NS, name: 'shop-route' },
      spec: {
        parentRefs: [{ name: 'eg' }],
        hostnames: ['api.shop.example'],
        rules: [{ backendRefs: [{ name: 'shop', port: 80 }] }],
      },
    },
  ]);
  await setLoadBalancerIngress(cp, NS, 'edge', ['203.0.113.71']);
  await waitForReadyEndpoints(cp, NS, 'shop', 2);
  await waitForReadyEndpoints(cp, NS, 'edge', 1);
});

afterAll(async () => {
  await live?.close();
  rmSync(dir, { recursive: true, force: true });
  // The proxy names a ConfigMap the shipped RBAC does not grant (it is cluster-specific): the tests after this
  // one (rbac.live.test.ts) expect every stream readable with deploy/rbac, so the proxy and its pods go away.
  await kubectl(cp, ['delete', 'namespace', NS, '--wait=true', '--timeout=150s']);
  await kubectl(cp, ['delete', 'ingressclass', 'kp-nginx', 'gatewayclass', 'kp-eg', '--ignore-not-found']);
});

const svc = (a: AnalysisResult, name: string) => {
  const s = a.services.find((x) => x.service === `${NS}/${name}`);
  if (!s) throw new Error(`no ${NS}/${name} in the analysis: ${a.services.map((x) => x.service).join(', ')}`);
  return s;
};

/** What the front door of the test cluster must look like, in any of the three readings. */
function expectFrontDoor(a: AnalysisResult): void {
  const edge = svc(a, 'edge');
  expect(edge.frontDoor?.proxy).toBe('ingress-nginx');
  expect(edge.frontDoor?.routes.map((r) => `${r.kind} ${r.object}`)).toContain(`Ingress ${NS}/shop`);
  expect(svc(a, 'shop').frontDoor?.behind).toContainEqual({
    proxyService: `${NS}/edge`,
    route: `Ingress ${NS}/shop`,
  });
  const ids = a.findings.map((f) => f.id);
  // Only the proxy's ConfigMap says use-forwarded-headers: this finding proves it was read.
  expect(ids.some((id) => id.startsWith(`forwarded-headers-trust-all/${NS}/edge`))).toBe(true);
}

describe('front-door kinds read live', () => {
  it('the snapshot (kubectl get of the core and served front-door kinds) sees the Ingress, the proxy and its ConfigMap', async () => {
    expectFrontDoor(await snapshotAnalysis(cp, dir, 'fd-check'));
  });

  it('kubepath analyze --kubeconfig (one-shot LIST) equals the snapshot analysis, absent CRDs without a warning', async () => {
    const run = await analyzeJson(['--kubeconfig', cp.kubeconfig]);
    expect(run.stderr).not.toMatch(/istio|metallb|kubesphere|cilium|404|not served|forbidden/i);
    const result = await expectLiveEqualsSnapshot(
      cp,
      dir,
      async () => (await analyzeJson(['--kubeconfig', cp.kubeconfig])).analysis,
    );
    expectFrontDoor(result);
  });

  it('the in-process live source converges to the same analysis, reads the Gateway API and only the named ConfigMap', async () => {
    live = await startLive({ kubeconfig: cp.kubeconfig });
    await live.waitSynced(60_000);
    const result = await expectLiveEqualsSnapshot(cp, dir, () => live!.analysis(), { settleMs: 10_000 });
    expectFrontDoor(result);
    const status = live.status();
    expect(status.state).toBe('synced');
    expect(status.unavailableKinds).toEqual([]);
    const model = await live.model();
    expect(model.routes).toContain(`HTTPRoute ${NS}/shop-route`);
    expect(model.routes).toContain(`Ingress ${NS}/shop`);
    expect(model.gatewayClasses).toEqual(expect.arrayContaining(['kp-eg']));
    expect(model.configMaps).toContain(`${NS}/${PROXY_CM}`);
    expect(model.configMaps).not.toContain(`${NS}/bystander`);
    // One stream per named ConfigMap, no namespace-wide ConfigMap stream.
    expect(live.streams().filter((id) => id.startsWith('ConfigMap/'))).toEqual(
      expect.arrayContaining([`ConfigMap/${NS}/${PROXY_CM}`]),
    );
    expect(live.streams().filter((id) => id.startsWith('ConfigMap/') && id.endsWith('/bystander'))).toEqual([]);
  });

  it('a change to the proxy ConfigMap reaches the live analysis through its by-name watch', async () => {
    await apply(cp, [configMap(PROXY_CM, { 'use-forwarded-headers': 'false' })]);
    await waitFor(
      'the forwarded-headers-trust-all finding to go away',
      async () => {
        const a = await live!.analysis();
        const ids = a.findings.map((f) => f.id);
        return { ok: !ids.some((id) => id.startsWith(`forwarded-headers-trust-all/${NS}/edge`)), seen: ids.join(', ') };
      },
      { timeoutMs: 15_000 },
    );
  });
});
