import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KubeCredentialsError } from './errors';
import { LiveSource } from './live-source';
import type { LiveEvent } from './status';
import { FakeTransport, raw } from './testing/fake-transport';

const WEB = { app: 'web' };

/** A small cluster: two nodes, a Local LoadBalancer with 3 pods packed 2+1, and an allow-list policy. */
function seed(t: FakeTransport) {
  t.seed('Namespace', [raw.ns('shop'), raw.ns('kube-system')]);
  t.seed('Node', [raw.node('node-a', '192.0.2.1', 'z1'), raw.node('node-b', '192.0.2.2', 'z2')]);
  t.seed('Pod', [
    raw.pod('shop', 'web-1', 'node-a', '10.244.1.5', WEB),
    raw.pod('shop', 'web-2', 'node-a', '10.244.1.6', WEB),
    raw.pod('shop', 'web-3', 'node-b', '10.244.2.5', WEB),
  ]);
  t.seed('Service', [
    raw.svc('shop', 'web', {
      type: 'LoadBalancer',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      selector: WEB,
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }],
    }),
  ]);
  const s = raw.slice('shop', 'web-abc', 'web', [
    { ip: '10.244.1.5', node: 'node-a', pod: 'web-1' },
    { ip: '10.244.1.6', node: 'node-a', pod: 'web-2' },
    { ip: '10.244.2.5', node: 'node-b', pod: 'web-3' },
  ]);
  t.seed('EndpointSlice', [s]);
  t.seed('NetworkPolicy', [
    raw.netpol('shop', 'allow-office', {
      podSelector: { matchLabels: WEB },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }],
    }),
  ]);
  return { slice: s };
}

let clock: number;
function setup(t = new FakeTransport('kwok-test', 'https://127.0.0.1:26444')) {
  const events: LiveEvent[] = [];
  const source = new LiveSource({
    transport: t,
    context: 'kwok-test',
    initialWaitMs: 5000,
    now: () => clock,
    log: () => {},
    reflector: {
      backoff: { initialMs: 1000, maxMs: 4000, jitter: 0 },
      random: () => 0.5,
      relistMs: 0,
      now: () => clock,
    },
  });
  source.subscribe((e) => events.push(e));
  const tick = async (ms: number) => {
    clock += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { t, source, events, tick };
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = Date.UTC(2026, 5, 1, 12, 0, 0);
});
afterEach(() => vi.useRealTimers());

describe('LiveSource', () => {
  it('publishes the first view once every kind is listed, labelled with the context and fresh', async () => {
    const { t, source, tick } = setup();
    seed(t);
    expect(source.status()).toMatchObject({ state: 'connecting', version: 0, syncedAt: null });
    void source.start();
    expect(source.status().state).toBe('connecting');
    const pending = source.current();
    await tick(300);
    const view = await pending;
    expect(view.source).toMatchObject({
      kind: 'live',
      label: 'kwok-test',
      errors: [],
      loadedAt: new Date(clock).toISOString(),
    });
    expect(view.analysis.services.map((s) => s.service)).toEqual(['shop/web']);
    expect(view.model.pods.size).toBe(3);
    expect(source.status()).toMatchObject({
      state: 'synced',
      version: 1,
      server: 'https://127.0.0.1:26444',
      lastAnalysis: { mode: 'full' },
    });
    // Lists were paged and every kind (with the four dataplane ConfigMaps by name) was watched, the
    // front-door kinds (Ingress, Gateway API, Istio, MetalLB, OpenELB, Cilium LB-IPAM) included.
    expect(t.calls.watches.map((w) => w.streamId).sort()).toEqual([
      'BGPAdvertisement',
      'CiliumL2AnnouncementPolicy',
      'CiliumLoadBalancerIPPool',
      'ConfigMap/kube-system/antrea-config',
      'ConfigMap/kube-system/cilium-config',
      'ConfigMap/kube-system/kube-proxy',
      'ConfigMap/kube-system/kube-proxy-config',
      'Eip',
      'EndpointSlice',
      'Gateway',
      'Gateway.networking.istio.io',
      'GatewayClass',
      'HTTPRoute',
      'IPAddressPool',
      'Ingress',
      'IngressClass',
      'L2Advertisement',
      'Namespace',
      'NetworkPolicy',
      'Node',
      'Pod',
      'Service',
      'ServiceL2Status',
      'VirtualService',
    ]);
    source.stop();
  });

  it('debounces a burst of endpoint changes into one incremental re-analysis of that Service', async () => {
    const { t, source, events, tick } = setup();
    const { slice } = seed(t);
    void source.start();
    await tick(300);
    const before = await source.current();
    const imbalance = before.analysis.findings.filter((f) => f.rule === 'local-imbalance').length;
    expect(imbalance).toBe(1);
    events.length = 0;
    // Scale to 2 pods, one per node: the Local imbalance goes away.
    t.emit('Pod', 'DELETED', raw.pod('shop', 'web-2', 'node-a', '10.244.1.6', WEB));
    await tick(100);
    t.emit('EndpointSlice', 'MODIFIED', { ...slice, endpoints: [slice.endpoints[0], slice.endpoints[2]] });
    await tick(299);
    expect(source.currentVersion).toBe(1); // still within the quiet period
    await tick(1);
    expect(source.currentVersion).toBe(2);
    const after = await source.current();
    expect(after.analysis.findings.filter((f) => f.rule === 'local-imbalance')).toHaveLength(0);
    expect(source.lastAnalysis).toMatchObject({ mode: 'full', reason: 'Pod changed' });
    expect(events.map((e) => e.version)).toContain(2);

    t.emit('EndpointSlice', 'MODIFIED', { ...slice, endpoints: slice.endpoints });
    await tick(300);
    expect(source.lastAnalysis).toMatchObject({ mode: 'incremental', services: 1 });
    expect((await source.current()).analysis.services[0].endpoints.total).toBe(3);
    source.stop();
  });

  it('keeps working when NetworkPolicies are forbidden, and says their verdicts are unknown', async () => {
    const t = new FakeTransport('restricted', 'https://127.0.0.1:26444');
    seed(t);
    t.forbidden.add('NetworkPolicy');
    const { source, tick } = setup(t);
    void source.start();
    await tick(300);
    const view = await source.current();
    expect(view.model.unavailableKinds.NetworkPolicy).toMatch(
      /^403 Forbidden: cannot list\/watch networkpolicies\.networking\.k8s\.io/,
    );
    expect(view.analysis.services).toHaveLength(1);
    expect(view.analysis.findings.some((f) => f.rule === 'policy-unknown' && f.severity === 'warning')).toBe(true);
    const pod = view.analysis.services[0].paths.Local.pods[0];
    expect(pod.policy).toBe('unknown');
    expect(view.source.warnings[0]).toMatch(
      /^NetworkPolicy could not be read \(403 Forbidden.*\); NetworkPolicy verdicts are unknown\.$/,
    );
    expect(source.status()).toMatchObject({
      state: 'synced',
      unavailable: { NetworkPolicy: expect.stringContaining('403') },
    });
    source.stop();
  });

  it('an absent CRD (404) is not an error: synced, no warning, re-checked every few minutes, picked up once installed', async () => {
    const t = new FakeTransport('bare', 'https://127.0.0.1:26444');
    seed(t);
    const absent = ['Gateway', 'GatewayClass', 'HTTPRoute', 'IPAddressPool', 'L2Advertisement', 'VirtualService'];
    for (const id of absent) t.notServed.add(id);
    const { source, tick } = setup(t);
    void source.start();
    await tick(300);
    const view = await source.current();
    expect(source.status()).toMatchObject({ state: 'synced', unavailable: {}, version: 1 });
    expect(view.source.warnings).toEqual([]);
    expect(view.model.unavailableKinds).toEqual({});
    const listsOf = (id: string) => t.calls.lists.filter((c) => c.streamId === id).length;
    // Not retried in a tight loop: one check in the first four minutes (a LIST per served version: v1, v1beta1) …
    await tick(240_000);
    expect(listsOf('HTTPRoute')).toBe(2);
    expect(listsOf('IPAddressPool')).toBe(1);
    // … then the CRD is installed, and the next check (forbiddenRetryMs, 5 min) reads it and watches it.
    t.notServed.delete('HTTPRoute');
    t.seed('HTTPRoute', [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { hostnames: ['shop.example'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
      },
    ]);
    await tick(61_000);
    expect(listsOf('HTTPRoute')).toBe(3);
    expect(listsOf('IPAddressPool')).toBe(2);
    await tick(300);
    const later = await source.current();
    expect(later.model.frontDoor!.routes.map((r) => `${r.kind} ${r.key}`)).toEqual(['HTTPRoute shop/web']);
    expect(t.openWatches('HTTPRoute')).toBe(1);
    source.stop();
  });

  it('reads a CRD that serves only an older version (Istio v1beta1) in that version, and watches it there', async () => {
    const t = new FakeTransport('old-istio', 'https://127.0.0.1:26444');
    seed(t);
    t.notServedPaths.add('/apis/networking.istio.io/v1/gateways');
    t.seed('Gateway.networking.istio.io', [
      { metadata: { name: 'gw', namespace: 'istio-system' }, spec: { selector: { istio: 'ingressgateway' } } },
    ]);
    const { source, tick } = setup(t);
    void source.start();
    await tick(300);
    const view = await source.current();
    expect(view.model.frontDoor!.gateways.map((g) => `${g.key} istio=${g.istio}`)).toEqual([
      'istio-system/gw istio=true',
    ]);
    expect(t.watchPaths).toContain('/apis/networking.istio.io/v1beta1/gateways');
    expect(t.watchPaths).not.toContain('/apis/networking.istio.io/v1/gateways');
    expect(source.status()).toMatchObject({ state: 'synced', unavailable: {} });
    // A watch event carries the served apiVersion and keeps the Gateway Istio's.
    t.emit('Gateway.networking.istio.io', 'MODIFIED', {
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'istio-system' },
      spec: { selector: { istio: 'edge' } },
    });
    await tick(300);
    expect((await source.current()).model.frontDoor!.gateways[0]).toMatchObject({
      istio: true,
      selector: { istio: 'edge' },
    });
    source.stop();
  });

  it('a forbidden front-door kind is reported as a warning naming it; the rest is analysed', async () => {
    const t = new FakeTransport('restricted', 'https://127.0.0.1:26444');
    seed(t);
    t.forbidden.add('Ingress');
    const { source, tick } = setup(t);
    void source.start();
    await tick(300);
    const view = await source.current();
    expect(view.analysis.services).toHaveLength(1);
    expect(view.model.unavailableKinds.Ingress).toMatch(
      /^403 Forbidden: cannot list\/watch ingresses\.networking\.k8s\.io/,
    );
    expect(view.source.warnings).toEqual([
      expect.stringMatching(/^Ingress could not be read \(403 Forbidden.*\); answers that depend on it are unknown\.$/),
    ]);
    source.stop();
  });

  it('reads exactly the ConfigMaps recognised proxies name, by name, following the pods', async () => {
    const { t, source, tick } = setup();
    seed(t);
    const controller = raw.ingressNginxPod();
    t.seed('Pod', [...(t.collections.get('Pod') ?? []), controller]);
    t.seed('ConfigMap/ingress-nginx/ingress-nginx-controller', [
      {
        metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
        data: { 'use-forwarded-headers': 'true' },
      },
    ]);
    void source.start();
    // The pods' LIST names the ConfigMap; its stream is listed before the first analysis.
    await tick(300);
    expect(source.status().version).toBe(0);
    await tick(300);
    let view = await source.current();
    expect(view.model.configMaps.get('ingress-nginx/ingress-nginx-controller')).toEqual({
      'use-forwarded-headers': 'true',
    });
    const cmStreams = () =>
      source
        .status()
        .streams.map((s) => s.id)
        .filter((id) => id.startsWith('ConfigMap/'))
        .sort();
    expect(cmStreams()).toEqual([
      'ConfigMap/ingress-nginx/ingress-nginx-controller',
      'ConfigMap/kube-system/antrea-config',
      'ConfigMap/kube-system/cilium-config',
      'ConfigMap/kube-system/kube-proxy',
      'ConfigMap/kube-system/kube-proxy-config',
    ]);
    // Never a list of all (or a namespace's) ConfigMaps: every request names one.
    const cmRequests = t.listRequests.filter((r) => r.includes('/configmaps'));
    expect(
      cmRequests.every((r) => /\/namespaces\/[a-z-]+\/configmaps\?fieldSelector=metadata\.name=[a-z-]+$/.test(r)),
    ).toBe(true);
    expect(t.openWatches('ConfigMap/ingress-nginx/ingress-nginx-controller')).toBe(1);
    // A change to the named ConfigMap reaches the model through its watch.
    t.emit('ConfigMap/ingress-nginx/ingress-nginx-controller', 'MODIFIED', {
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
      data: { 'use-forwarded-headers': 'false' },
    });
    await tick(300);
    view = await source.current();
    expect(view.model.configMaps.get('ingress-nginx/ingress-nginx-controller')).toEqual({
      'use-forwarded-headers': 'false',
    });
    // The controller goes away: its ConfigMap is no longer watched nor kept.
    t.emit('Pod', 'DELETED', controller);
    await tick(300);
    view = await source.current();
    expect(view.model.configMaps.has('ingress-nginx/ingress-nginx-controller')).toBe(false);
    expect(cmStreams()).not.toContain('ConfigMap/ingress-nginx/ingress-nginx-controller');
    expect(t.openWatches('ConfigMap/ingress-nginx/ingress-nginx-controller')).toBe(0);
    source.stop();
  });

  it('a proxy ConfigMap it may not read is a warning naming it; the dataplane ConfigMaps stay known', async () => {
    const t = new FakeTransport('restricted', 'https://127.0.0.1:26444');
    seed(t);
    t.seed('Pod', [...(t.collections.get('Pod') ?? []), raw.ingressNginxPod()]);
    t.seed('ConfigMap/kube-system/kube-proxy', [
      { metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': 'mode: ipvs\n' } },
    ]);
    t.forbidden.add('ConfigMap/ingress-nginx/ingress-nginx-controller');
    const { source, tick } = setup(t);
    void source.start();
    // The pods' LIST names the ConfigMap; its stream is listed before the first analysis.
    await tick(300);
    expect(source.status().version).toBe(0);
    await tick(300);
    const view = await source.current();
    expect(view.model.unavailableKinds.ConfigMap).toBeUndefined();
    expect(view.model.frontDoor!.unreadableConfigMaps.get('ingress-nginx/ingress-nginx-controller')).toMatch(
      /^403 Forbidden/,
    );
    expect(view.dataplane.proxyMode).toBe('ipvs');
    expect(source.status().unavailable).toEqual({
      'ConfigMap ingress-nginx/ingress-nginx-controller': expect.stringMatching(/^403 Forbidden/),
    });
    expect(view.source.warnings).toEqual([
      expect.stringMatching(/^ConfigMap ingress-nginx\/ingress-nginx-controller could not be read \(403 Forbidden/),
    ]);
    source.stop();
  });

  it('reports an outage with the context and server, keeps the data with its age, and re-syncs when the server is back', async () => {
    const { t, source, events, tick } = setup();
    seed(t);
    void source.start();
    await tick(300);
    const syncedAt = clock;
    await tick(10_000);
    events.length = 0;
    t.goDown();
    await tick(0);
    const status = source.status();
    expect(status.state).toBe('reconnecting');
    expect(status.error).toMatch(
      /^cannot reach the API server of context "kwok-test" at https:\/\/127\.0\.0\.1:26444: /,
    );
    // In sync until the open watches broke (10 s after the first sync), then ageing.
    expect(status.syncedAt).toBe(new Date(syncedAt + 10_000).toISOString());
    expect(events.at(-1)!.status.state).toBe('reconnecting');
    await tick(20_000);
    const stale = await source.current();
    expect(stale.source.loadedAt).toBe(status.syncedAt);
    expect(stale.source.errors[0]).toContain('cannot reach the API server of context "kwok-test"');
    expect(stale.analysis.services).toHaveLength(1); // last known data still shown

    t.down = false;
    t.emit(
      'Service',
      'ADDED',
      raw.svc('shop', 'api', { type: 'ClusterIP', clusterIP: '10.96.0.11', ports: [{ port: 80 }] }),
    );
    for (const id of ['Namespace', 'Node', 'Pod', 'Service', 'EndpointSlice', 'NetworkPolicy']) t.goneOnWatch.add(id);
    await tick(5000);
    await tick(300);
    expect(source.status().state).toBe('synced');
    const fresh = await source.current();
    expect(fresh.source.errors).toEqual([]);
    expect(fresh.source.loadedAt).toBe(new Date(clock).toISOString());
    expect(fresh.analysis.services.map((s) => s.service)).toEqual(['shop/api', 'shop/web']);
    source.stop();
  });

  it('answers with a clear error (not a spinner) when the API server is unreachable from the start', async () => {
    const t = new FakeTransport('prod-eu', 'https://10.20.0.1:6443');
    t.down = true;
    const { source, tick } = setup(t);
    void source.start();
    const pending = source.current();
    await tick(0); // no waiting for the initial-sync timeout: the first failure answers
    const view = await pending;
    expect(source.status().state).toBe('error');
    expect(view.source.errors).toEqual([
      expect.stringMatching(
        /^cannot reach the API server of context "prod-eu" at https:\/\/10\.20\.0\.1:6443: fetch failed/,
      ),
    ]);
    expect(view.analysis.services).toEqual([]);
    source.stop();
  });

  it('says when the credentials cannot be obtained (a failing exec plugin), not that the server is unreachable', async () => {
    const t = new FakeTransport('eks-prod', 'https://ABC.eks.amazonaws.com');
    t.credentialsError = new KubeCredentialsError(
      'the exec credential plugin "aws" failed: Token has expired and refresh failed',
    );
    const { source, tick } = setup(t);
    void source.start();
    const pending = source.current();
    await tick(0);
    const view = await pending;
    const message =
      'cannot get credentials for context "eks-prod" (https://ABC.eks.amazonaws.com): the exec credential plugin "aws" failed: Token has expired and refresh failed';
    expect(source.status()).toMatchObject({ state: 'error', error: message });
    expect(view.source.errors).toEqual([message]);
    source.stop();
  });

  it('reports a kubeconfig that cannot be loaded', async () => {
    const source = new LiveSource({
      transport: () => Promise.reject(new Error('context "nope" is not in the kubeconfig (contexts: a, b)')),
      context: 'nope',
      log: () => {},
    });
    await source.start();
    const view = await source.current();
    expect(source.status()).toMatchObject({
      state: 'error',
      error: 'context "nope" is not in the kubeconfig (contexts: a, b)',
    });
    expect(view.source.errors).toEqual(['context "nope" is not in the kubeconfig (contexts: a, b)']);
  });

  it('re-syncs within the probe interval once the API server answers, not after a long backoff sleep', async () => {
    const t = new FakeTransport('kwok-test', 'https://127.0.0.1:26444');
    seed(t);
    const source = new LiveSource({
      transport: t,
      context: 'kwok-test',
      now: () => clock,
      log: () => {},
      probeMs: 1000,
      reflector: {
        backoff: { initialMs: 1000, maxMs: 30_000, jitter: 0 },
        random: () => 0.5,
        relistMs: 0,
        now: () => clock,
      },
    });
    const tick = async (ms: number) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    void source.start();
    await tick(300);
    expect(source.status().state).toBe('synced');
    t.goDown();
    // 40 s down: the backoff sleeps 1+2+4+8+16 s, then 30 s from t=31 s — 21 s of it still to go.
    for (let i = 0; i < 40; i++) await tick(1000);
    expect(source.status().state).toBe('reconnecting');
    t.down = false;
    t.emit(
      'Service',
      'ADDED',
      raw.svc('shop', 'api', { type: 'ClusterIP', clusterIP: '10.96.0.11', ports: [{ port: 80 }] }),
    );
    // The fake does not replay history to a resumed watch: every stream re-lists (410), as after a compaction.
    for (const id of ['Namespace', 'Node', 'Pod', 'Service', 'EndpointSlice', 'NetworkPolicy']) t.goneOnWatch.add(id);
    await tick(1000); // the probe's interval
    await tick(500); // LIST + WATCH, then the 300 ms debounce
    expect(source.status().state).toBe('synced');
    expect((await source.current()).analysis.services.map((s) => s.service)).toEqual(['shop/api', 'shop/web']);
    source.stop();
  });

  it('once stopped: watches closed at once, shown as paused with the data it had (never "synced"), subscribers told', async () => {
    const { t, source, events, tick } = setup();
    seed(t);
    void source.start();
    await tick(300);
    const syncedAt = new Date(clock).toISOString();
    expect(t.openWatches()).toBeGreaterThan(0);
    source.stop();
    expect(t.openWatches()).toBe(0);
    expect(events.at(-1)!.status).toMatchObject({ state: 'paused', syncedAt });
    await tick(60_000);
    expect(source.status()).toMatchObject({ state: 'paused', syncedAt, error: null });
    const view = await source.current();
    expect(view.source.loadedAt).toBe(syncedAt);
    expect(view.source.errors).toEqual([expect.stringContaining('Context "kwok-test" is paused')]);
    expect(view.analysis.services).toHaveLength(1);
    const watches = t.calls.watches.length;
    await tick(600_000);
    expect(t.calls.watches.length).toBe(watches);
    expect(source.syncAges()).toEqual([]);
  });

  it('with redact on, browsers get no server address, file path, plugin output or API message; the log has them', async () => {
    const logged: string[] = [];
    const t = new FakeTransport('eks-prod', 'https://ABC.eks.amazonaws.com');
    t.credentialsError = new KubeCredentialsError(
      'the exec credential plugin "/usr/local/bin/aws" failed: token expired',
    );
    const source = new LiveSource({
      transport: t,
      context: 'eks-prod',
      redact: true,
      log: (m) => logged.push(m),
      now: () => clock,
    });
    void source.start();
    const pending = source.current();
    await vi.advanceTimersByTimeAsync(0);
    const view = await pending;
    const shown = JSON.stringify([source.status(), view.source]);
    expect(shown).not.toContain('amazonaws');
    expect(shown).not.toContain('/usr/local/bin');
    expect(shown).not.toContain('token expired');
    expect(source.status()).toMatchObject({
      state: 'error',
      server: '',
      error: 'cannot read context "eks-prod"; the server log has the details',
    });
    expect(view.source.errors).toEqual(['cannot read context "eks-prod"; the server log has the details']);
    expect(logged.join('\n')).toContain('/usr/local/bin/aws');
    expect(logged.join('\n')).toContain('https://ABC.eks.amazonaws.com');
    source.stop();

    const t2 = new FakeTransport('dev', 'https://10.0.0.1:6443');
    seed(t2);
    t2.forbidden.add('NetworkPolicy');
    const s2 = new LiveSource({ transport: t2, context: 'dev', redact: true, log: () => {}, now: () => clock });
    void s2.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(s2.status().unavailable).toEqual({
      NetworkPolicy: 'not allowed (403 Forbidden); the server log has the details',
    });
    expect(JSON.stringify(await s2.current())).not.toContain('User \\"test\\"');
    s2.stop();
  });
});
