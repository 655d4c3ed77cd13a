import { describe, expect, it } from 'vitest';
import { proxiedWeb } from '../frontdoor/testing';
import { sidecarLoopbackSource } from './sidecar-loopback-source';
import { runOn } from './testing';

describe('sidecar-loopback-source', () => {
  it('both pods injected in REDIRECT mode behind an external entry', () => {
    const f = runOn(
      sidecarLoopbackSource,
      proxiedWeb({ pod: { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('2 of 2 pods of default/web run an Istio sidecar in REDIRECT mode');
    expect(f[0].fixYaml).toContain('TPROXY');
  });

  it('TPROXY keeps the source; a ClusterIP Service nobody proxies to is not reported', () => {
    const tproxy = { annotations: { 'sidecar.istio.io/status': '{}', 'sidecar.istio.io/interceptionMode': 'TPROXY' } };
    expect(runOn(sidecarLoopbackSource, proxiedWeb({ pod: tproxy }), 'default/web')).toEqual([]);
    const internal = proxiedWeb({
      pod: { annotations: { 'sidecar.istio.io/status': '{}' } },
      service: { type: 'ClusterIP' },
    });
    expect(runOn(sidecarLoopbackSource, internal, 'default/web')).toEqual([]);
  });
});
