import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../../model/build';
import { anySidecarPods, sidecarOfPod } from './sidecar';
import { proxyPod } from './testing';

const STATUS = { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' };

describe('sidecarOfPod', () => {
  const model = buildClusterModel([
    proxyPod({ name: 'redirect', ip: '10.0.0.1', node: 'n1', annotations: STATUS }),
    proxyPod({
      name: 'tproxy',
      ip: '10.0.0.2',
      node: 'n1',
      annotations: { ...STATUS, 'sidecar.istio.io/interceptionMode': 'TPROXY' },
    }),
    // Interception mode without the status annotation: not injected.
    proxyPod({
      name: 'plain',
      ip: '10.0.0.3',
      node: 'n1',
      annotations: { 'sidecar.istio.io/interceptionMode': 'REDIRECT' },
    }),
    proxyPod({ name: 'redirect', namespace: 'other', ip: '10.0.0.4', node: 'n1' }),
  ]);

  it('reads the mode of injected pods only (istio sidecar injection annotations)', () => {
    expect(sidecarOfPod(model, 'default/redirect')).toBe('istio-redirect');
    expect(sidecarOfPod(model, 'default/tproxy')).toBe('istio-tproxy');
    expect(sidecarOfPod(model, 'default/plain')).toBeNull();
  });

  it('tells same-named pods of other namespaces apart, and unknown pods have none', () => {
    expect(sidecarOfPod(model, 'other/redirect')).toBeNull();
    expect(sidecarOfPod(model, 'default/missing')).toBeNull();
  });
});

describe('anySidecarPods', () => {
  it('is true only when some pod carries the sidecar status annotation', () => {
    const injected = buildClusterModel([
      proxyPod({ name: 'plain', ip: '10.0.0.3', node: 'n1' }),
      proxyPod({ name: 'redirect', ip: '10.0.0.1', node: 'n1', annotations: STATUS }),
    ]);
    expect(anySidecarPods(injected)).toBe(true);
    // The interception-mode annotation alone is not an injected sidecar.
    const plain = buildClusterModel([
      proxyPod({
        name: 'plain',
        ip: '10.0.0.3',
        node: 'n1',
        annotations: { 'sidecar.istio.io/interceptionMode': 'REDIRECT' },
      }),
    ]);
    expect(anySidecarPods(plain)).toBe(false);
    expect(sidecarOfPod(plain, 'default/plain')).toBeNull();
  });
});
