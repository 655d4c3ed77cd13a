import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { proxyProtocolMismatch } from '../findings/proxy-protocol-mismatch';
import { contextOf, runOn } from '../findings/testing';
import { modelOf } from '../testing/cluster';
import { configMap, slice, svc } from '../testing/fixtures';
import { proxySettings } from './proxy-settings';
import { proxyOfService } from './proxy-service';
import { NLB_PP, proxiedPair, proxyPod, type ProxyPodInput } from './testing';

/** ingress-nginx pod of one ReplicaSet (pod-template-hash) reading ConfigMap `cm`. */
const nginx = (hash: string, cm: string): Partial<ProxyPodInput> => ({
  labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'pod-template-hash': hash },
  args: ['/nginx-ingress-controller', `--configmap=default/${cm}`],
});

const twoPods = (a: Partial<ProxyPodInput>, b: Partial<ProxyPodInput>, extra: KubeObject[] = []) =>
  proxiedPair(a, b, { service: { annotations: NLB_PP }, providerID: 'aws:///x/i-', extra });

const PP_ON = configMap('nginx-new', 'default', { 'use-proxy-protocol': 'true' });
const PP_OFF = configMap('nginx-old', 'default', { 'use-proxy-protocol': 'false' });

describe('proxyOfService: all ready endpoint pods, grouped by template', () => {
  it('counts interleaved pods of two templates in their own groups (a run of one template does not swallow the other)', () => {
    const objs = [
      svc({ name: 'web', type: 'LoadBalancer', ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
      proxyPod({ name: 'web-a', ip: '10.244.0.5', node: 'node-a', ...nginx('old', 'nginx-old') }),
      proxyPod({ name: 'web-b', ip: '10.244.1.5', node: 'node-b', ...nginx('new', 'nginx-new') }),
      proxyPod({ name: 'web-c', ip: '10.244.2.5', node: 'node-c', ...nginx('old', 'nginx-old') }),
      slice({
        service: 'web',
        ports: [{ name: 'http', port: 8080 }],
        endpoints: [
          { ip: '10.244.0.5', pod: 'web-a', node: 'node-a' },
          { ip: '10.244.1.5', pod: 'web-b', node: 'node-b' },
          { ip: '10.244.2.5', pod: 'web-c', node: 'node-c' },
        ],
      }),
      PP_ON,
      PP_OFF,
    ];
    const model = modelOf(...objs);
    const s = proxySettings(model, proxyOfService(model, model.services.get('default/web')!)!);
    expect(s.question).toMatch(/2 pods like default\/web-a: ingress-nginx \(ConfigMap default\/nginx-old/);
    expect(s.question).toMatch(/1 pod like default\/web-b: ingress-nginx \(ConfigMap default\/nginx-new/);
  });

  it('a rollout half done (two ReplicaSets reading different ConfigMaps): settings unknown, question names both groups', () => {
    const objs = twoPods(nginx('old', 'nginx-old'), nginx('new', 'nginx-new'), [PP_ON, PP_OFF]);
    const model = modelOf(...objs);
    const p = proxyOfService(model, model.services.get('default/web')!)!;
    expect(p.id).toBe('ingress-nginx');
    const s = proxySettings(model, p);
    expect(s.expectsProxyProtocol).toBeNull();
    expect(s.forwardedTrust.mode).toBe('unknown');
    expect(s.question).toMatch(/ready pods of Service default\/web disagree/);
    expect(s.question).toMatch(
      /1 pod like default\/web-a: ingress-nginx \(ConfigMap default\/nginx-old: use-proxy-protocol=false/,
    );
    expect(s.question).toMatch(
      /1 pod like default\/web-b: ingress-nginx \(ConfigMap default\/nginx-new: use-proxy-protocol=true/,
    );
  });

  it('the first pod alone would claim a PROXY mismatch; judged together no finding claims certainty', () => {
    const objs = twoPods(nginx('old', 'nginx-old'), nginx('new', 'nginx-new'), [PP_ON, PP_OFF]);
    expect(runOn(proxyProtocolMismatch, objs, 'default/web')).toEqual([]);
    const a = contextOf(objs, 'default/web').svc.analysis;
    expect(a.frontDoor!.proxy).toBe('ingress-nginx');
    expect(a.paths.Local.app!.clientIP).toBe('unknown');
    expect(a.paths.Local.app!.note).toMatch(/^ingress-nginx: The ready pods of Service default\/web disagree/);
    // Both pods on the old ConfigMap: a certain mismatch again.
    const old = twoPods(nginx('old', 'nginx-old'), nginx('old', 'nginx-old'), [PP_OFF]);
    expect(runOn(proxyProtocolMismatch, old, 'default/web').map((f) => f.severity)).toEqual(['error']);
  });

  it('two templates with identical settings (an image bump) agree; one template is detected once', () => {
    const bump = twoPods(
      { ...nginx('v1', 'nginx-new'), image: 'registry.k8s.io/ingress-nginx/controller:v1.11.0' },
      { ...nginx('v2', 'nginx-new'), image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0' },
      [PP_ON],
    );
    const model = modelOf(...bump);
    const p = proxyOfService(model, model.services.get('default/web')!)!;
    expect(p.conflict ?? null).toBeNull();
    expect(proxySettings(model, p)).toMatchObject({ expectsProxyProtocol: true, question: null });
  });

  it('a not-ready pod of another template does not decide; a selector that also picks a plain pod does', () => {
    const objs = twoPods(nginx('a', 'nginx-new'), { labels: { app: 'web' } }, [PP_ON]);
    const model = modelOf(...objs);
    const mixed = proxyOfService(model, model.services.get('default/web')!)!;
    expect(mixed.id).toBe('ingress-nginx');
    expect(proxySettings(model, mixed).question).toMatch(/1 pod like default\/web-b: not a recognised proxy/);
    // web-b not ready: only web-a decides.
    const notReady = objs.map((o) =>
      o.kind === 'EndpointSlice'
        ? {
            ...o,
            endpoints: (o as { endpoints: { addresses: string[] }[] }).endpoints.map((e) =>
              e.addresses[0] === '10.244.1.5' ? { ...e, conditions: { ready: false, serving: false } } : e,
            ),
          }
        : o,
    );
    const m2 = modelOf(...notReady);
    const p2 = proxyOfService(m2, m2.services.get('default/web')!)!;
    expect(p2.conflict ?? null).toBeNull();
    expect(proxySettings(m2, p2).expectsProxyProtocol).toBe(true);
  });

  it('pods of different proxies: id unknown, settings unknown', () => {
    const objs = twoPods(nginx('a', 'nginx-new'), { labels: { 'app.kubernetes.io/name': 'traefik' } }, [PP_ON]);
    const model = modelOf(...objs);
    const p = proxyOfService(model, model.services.get('default/web')!)!;
    expect(p.id).toBe('unknown');
    expect(proxySettings(model, p).question).toMatch(/default\/web-b: traefik/);
  });
});
