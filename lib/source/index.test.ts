import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SERVICE_ACCOUNT_TOKEN } from '../live/target';

vi.mock('server-only', () => ({}));
// The browser's cookies for getClusterView (what proxy.ts or an earlier page left); none unless a test sets them.
const browserCookies = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (browserCookies.has(name) ? { value: browserCookies.get(name) } : undefined),
  }),
}));
const { createClusterSource, getClusterView, sourceConfigFromEnv } = await import('./index');

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
const noFiles = () => false;
const inPod = env({ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' });
const tokenMounted = (p: string) => p === SERVICE_ACCOUNT_TOKEN;

describe('source configuration', () => {
  it('defaults to the demo cluster', () => {
    expect(sourceConfigFromEnv(env({}), noFiles)).toEqual({ snapshotPaths: [] });
    expect(createClusterSource({ snapshotPaths: [] }).kind).toBe('demo');
  });

  it('reads comma-separated snapshot paths, ignoring blanks', () => {
    const config = sourceConfigFromEnv(env({ KUBEPATH_SNAPSHOT: ' a.json, ,dir/ ' }), noFiles);
    expect(config).toEqual({ snapshotPaths: ['a.json', 'dir/'] });
    expect(createClusterSource(config).kind).toBe('snapshot');
  });

  it('uses the live cluster only when asked, with the kubeconfig and context given', () => {
    const config = sourceConfigFromEnv(
      env({
        KUBEPATH_SOURCE: 'live',
        KUBEPATH_KUBECONFIG: '/k/config',
        KUBEPATH_CONTEXT: 'prod',
        KUBEPATH_SNAPSHOT: 'a.json',
      }),
      noFiles,
    );
    expect(config).toEqual({ snapshotPaths: [], live: { kubeconfig: '/k/config', context: 'prod' } });
    expect(createClusterSource(config).kind).toBe('live');
    // A kubeconfig on the machine is not a reason to go live: the demo stays the default.
    expect(sourceConfigFromEnv(env({ KUBECONFIG: '/k/config' }), () => true)).toEqual({ snapshotPaths: [] });
  });

  it('goes live by itself in a pod with a service account, unless a snapshot or the demo is configured', () => {
    expect(sourceConfigFromEnv(inPod, tokenMounted)).toEqual({
      snapshotPaths: [],
      live: { kubeconfig: null, context: null },
    });
    expect(sourceConfigFromEnv(inPod, noFiles)).toEqual({ snapshotPaths: [] }); // env without the token is not a pod
    expect(sourceConfigFromEnv(env({ ...inPod, KUBEPATH_SNAPSHOT: 's.json' }), tokenMounted)).toEqual({
      snapshotPaths: ['s.json'],
    });
    expect(sourceConfigFromEnv(env({ ...inPod, KUBEPATH_SOURCE: 'demo' }), tokenMounted)).toEqual({
      snapshotPaths: [],
    });
  });
});

describe('the demo cluster shown', () => {
  it('KUBEPATH_DEMO names the default demo cluster and asks for the demo, unless a snapshot or live mode is configured', () => {
    expect(sourceConfigFromEnv(env({ KUBEPATH_DEMO: ' kong-aws ' }), noFiles)).toEqual({
      snapshotPaths: [],
      demo: 'kong-aws',
    });
    // A demo deployment in a pod shows the demo, not the cluster it runs in.
    expect(sourceConfigFromEnv(env({ ...inPod, KUBEPATH_DEMO: 'kong-aws' }), tokenMounted)).toEqual({
      snapshotPaths: [],
      demo: 'kong-aws',
    });
    expect(sourceConfigFromEnv(env({ KUBEPATH_DEMO: 'kong-aws', KUBEPATH_SNAPSHOT: 's.json' }), noFiles)).toEqual({
      snapshotPaths: ['s.json'],
    });
    expect(
      sourceConfigFromEnv(
        env({ KUBEPATH_DEMO: 'kong-aws', KUBEPATH_SNAPSHOT: 's.json', KUBEPATH_SOURCE: 'demo' }),
        noFiles,
      ),
    ).toEqual({ snapshotPaths: [], demo: 'kong-aws' });
    expect(sourceConfigFromEnv(env({ KUBEPATH_DEMO: 'kong-aws', KUBEPATH_SOURCE: 'live' }), noFiles).live).toBeTruthy();
  });

  it('the configured source serves the default demo cluster, or the one KUBEPATH_DEMO names', async () => {
    expect((await createClusterSource({ snapshotPaths: [] }).current()).source.demo).toBe('northwind-prod');
    const kong = await createClusterSource({ snapshotPaths: [], demo: 'kong-aws' }).current();
    expect(kong.source).toMatchObject({ kind: 'demo', demo: 'kong-aws' });
    expect(kong.model.services.has('kong/kong-nlb')).toBe(true);
  });

  it('an unknown KUBEPATH_DEMO is an error naming the valid ids', () => {
    expect(() => createClusterSource({ snapshotPaths: [], demo: 'kong' })).toThrow(
      /KUBEPATH_DEMO: "kong" is not an embedded demo cluster; the demo clusters are: northwind-prod, northwind-edge, pomerium-gke/,
    );
  });

  it("each request sees its own choice: a route's ?demo=, else the browser's cookie, else the default", async () => {
    vi.stubEnv('KUBEPATH_SOURCE', 'demo');
    vi.stubEnv('KUBEPATH_DEMO', '');
    vi.stubEnv('KUBEPATH_SNAPSHOT', '');
    try {
      expect((await getClusterView()).source.demo).toBe('northwind-prod');
      browserCookies.set('kubepath-demo', 'tke-four-ways');
      const tke = await getClusterView();
      expect(tke.source.demo).toBe('tke-four-ways');
      expect(tke.model.services.has('game/lobby-local')).toBe(true);
      expect(await getClusterView()).toBe(tke); // analysed once per process
      expect((await getClusterView({ demo: 'kong-aws' })).source.demo).toBe('kong-aws');
      browserCookies.set('kubepath-demo', 'no-such-story'); // ignored, not an error
      expect((await getClusterView()).source.demo).toBe('northwind-prod');
      vi.stubEnv('KUBEPATH_DEMO', 'istio-proxy-protocol');
      expect((await getClusterView()).source.demo).toBe('istio-proxy-protocol');
      vi.stubEnv('KUBEPATH_DEMO', 'nope');
      await expect(getClusterView()).rejects.toThrow('KUBEPATH_DEMO: "nope" is not an embedded demo cluster');
    } finally {
      browserCookies.clear();
      vi.unstubAllEnvs();
    }
  });

  it('a snapshot server ignores the demo choice', async () => {
    vi.stubEnv('KUBEPATH_SOURCE', 'snapshot');
    vi.stubEnv('KUBEPATH_SNAPSHOT', 'lib/demo/stories/pomerium-gke.json');
    browserCookies.set('kubepath-demo', 'kong-aws');
    try {
      const view = await getClusterView({ demo: 'tke-four-ways' });
      expect(view.source.kind).toBe('snapshot');
      expect(view.source.demo).toBeUndefined();
      expect(view.model.services.has('pomerium/pomerium-proxy')).toBe(true);
    } finally {
      browserCookies.clear();
      vi.unstubAllEnvs();
    }
  });
});

describe('getClusterView', () => {
  it('shares one source between module instances (Next loads the module once per route bundle)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubepath-shared-'));
    const file = join(dir, 'snap.json');
    writeFileSync(file, readFileSync('lib/demo/demo-cluster.json'));
    vi.stubEnv('KUBEPATH_SNAPSHOT', file);
    vi.stubEnv('KUBEPATH_SOURCE', 'snapshot');
    try {
      const first = await import('./index');
      vi.resetModules(); // a second bundle's copy of the module
      const second = await import('./index');
      expect(second.getClusterView).not.toBe(first.getClusterView);
      const [a, b] = await Promise.all([first.getClusterView(), second.getClusterView()]);
      expect(a.source.kind).toBe('snapshot');
      expect(b).toBe(a); // one load and analysis, shared (concurrent requests included)
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
