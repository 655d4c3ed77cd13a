import { describe, expect, it } from 'vitest';
import {
  chooseConfigSource,
  chooseContext,
  runningInCluster,
  SERVICE_ACCOUNT_TOKEN,
  serviceAccountRoot,
} from './target';

const files =
  (...present: string[]) =>
  (p: string) =>
    present.includes(p);
const inCluster = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
} as unknown as NodeJS.ProcessEnv;

describe('chooseConfigSource', () => {
  it('prefers --kubeconfig, then $KUBECONFIG, then ~/.kube/config, then the service account', () => {
    const all = files('/x/kc', '/a', '/b', '/home/u/.kube/config', SERVICE_ACCOUNT_TOKEN);
    const env = { ...inCluster, KUBECONFIG: '/a:/missing:/b' } as unknown as NodeJS.ProcessEnv;
    expect(chooseConfigSource({ kubeconfig: '/x/kc', context: null }, env, all, '/home/u')).toEqual({
      kind: 'files',
      paths: ['/x/kc'],
      origin: '--kubeconfig',
    });
    expect(chooseConfigSource({ kubeconfig: null, context: null }, env, all, '/home/u')).toEqual({
      kind: 'files',
      paths: ['/a', '/b'],
      origin: 'KUBECONFIG',
    });
    expect(chooseConfigSource({ kubeconfig: null, context: null }, inCluster, all, '/home/u')).toEqual({
      kind: 'files',
      paths: ['/home/u/.kube/config'],
      origin: '~/.kube/config',
    });
    expect(
      chooseConfigSource({ kubeconfig: null, context: null }, inCluster, files(SERVICE_ACCOUNT_TOKEN), '/home/u'),
    ).toEqual({ kind: 'in-cluster' });
  });

  it('says what is missing', () => {
    expect(chooseConfigSource({ kubeconfig: '/nope', context: null }, {} as NodeJS.ProcessEnv, files(), null)).toEqual({
      kind: 'none',
      message: 'kubeconfig /nope does not exist',
    });
    expect(
      chooseConfigSource(
        { kubeconfig: null, context: null },
        { KUBECONFIG: '/a:/b' } as unknown as NodeJS.ProcessEnv,
        files(),
        null,
      ),
    ).toEqual({ kind: 'none', message: 'none of the KUBECONFIG files exist (/a:/b)' });
    // The env alone is not enough: the token must be mounted.
    expect(chooseConfigSource({ kubeconfig: null, context: null }, inCluster, files(), null).kind).toBe('none');
    expect(runningInCluster(inCluster, files(SERVICE_ACCOUNT_TOKEN))).toBe(true);
  });

  it('KUBEPATH_SERVICE_ACCOUNT_ROOT moves where the token is looked for', () => {
    const moved = { ...inCluster, KUBEPATH_SERVICE_ACCOUNT_ROOT: '/mnt/pod/' } as unknown as NodeJS.ProcessEnv;
    expect(serviceAccountRoot(moved)).toBe('/mnt/pod');
    expect(runningInCluster(moved, files(`/mnt/pod${SERVICE_ACCOUNT_TOKEN}`))).toBe(true);
    expect(runningInCluster(moved, files(SERVICE_ACCOUNT_TOKEN))).toBe(false);
    expect(
      chooseConfigSource({ kubeconfig: null, context: null }, moved, files(`/mnt/pod${SERVICE_ACCOUNT_TOKEN}`), null),
    ).toEqual({ kind: 'in-cluster' });
  });
});

describe('chooseContext', () => {
  it('validates a requested context against the kubeconfig, else uses the current one', () => {
    expect(chooseContext(['dev', 'prod'], 'dev', 'prod')).toEqual({ context: 'prod' });
    expect(chooseContext(['dev', 'prod'], 'dev', null)).toEqual({ context: 'dev' });
    expect(chooseContext(['dev', 'prod'], 'dev', 'prod"><script>')).toEqual({
      error: 'context "prod"><script>" is not in the kubeconfig (contexts: dev, prod)',
    });
    expect(chooseContext(['only'], null, null)).toEqual({ context: 'only' });
    expect(chooseContext(['a', 'b'], '', null)).toEqual({
      error: 'the kubeconfig has no current-context; pass --context (contexts: a, b)',
    });
  });
});
