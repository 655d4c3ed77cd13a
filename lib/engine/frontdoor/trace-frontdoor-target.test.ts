import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/cluster';
import { webObjects } from '../testing/scenarios';
import { ingress } from './testing';
import { closeMatches, frontDoorTargetError } from './trace-frontdoor-target';

describe('front-door target checks', () => {
  it('close matches: the same name in another namespace, a prefix, a typo; nothing for unrelated names', () => {
    const keys = ['shop/web', 'shop/web-canary', 'prod/web', 'shop/api', 'kube-system/kube-dns'];
    expect(closeMatches('default/web', keys)).toEqual(['prod/web', 'shop/web', 'shop/web-canary']);
    expect(closeMatches('shop/wbe', keys)).toEqual(['shop/web']);
    expect(closeMatches('shop/payments', keys)).toEqual([]);
    expect(closeMatches('', keys)).toEqual([]);
    expect(closeMatches('a/x', ['b/x', 'c/x', 'd/x', 'e/x', 'f/x', 'g/x'])).toHaveLength(5);
  });

  it('null for a target the cluster data has; the reason otherwise', () => {
    const model = modelOf(
      ...webObjects({
        extra: [
          ingress({
            name: 'edge',
            annotations: { 'kubernetes.io/ingress.class': 'qcloud' },
            host: 'a.example',
            service: 'web',
            port: 80,
          }),
        ],
      }),
    );
    expect(frontDoorTargetError(model, { kind: 'lb', service: 'default/web', port: null })).toBeNull();
    expect(frontDoorTargetError(model, { kind: 'ingress', ingress: 'default/edge' }, 'a.example', '/x')).toBeNull();
    expect(frontDoorTargetError(model, { kind: 'lb', service: 'default/web', port: 81 })).toMatch(
      /^lb:default\/web:81: the Service has no port 81 \(ports: 80\/TCP\)$/,
    );
    expect(frontDoorTargetError(model, { kind: 'ingress', ingress: 'default/edge' }, 'b.example')).toBe(
      'ingress:default/edge: no rule of the Ingress matches host b.example and path / (rules: a.example/)',
    );
  });
});
