import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SERVICE_ACCOUNT_TOKEN } from '../live/target';

vi.mock('server-only', () => ({}));
const { createClusterSource, sourceConfigFromEnv } = await import('./index');

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
