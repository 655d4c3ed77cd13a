// Through the real analyze and trace paths (analyzeObjects → analyzeService; traceInModel): what the JSON
// contract fields say when a proxy's Service pods disagree, its ConfigMap is missing, it is Envoy Gateway
// (ClientTrafficPolicy not read) or Contour (flags on the controller pod).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { analyzeObjects, traceInModel } from '../facade';
import { clusterOf } from '../testing/cluster';
import { configMap, slice, svc } from '../testing/fixtures';
import { WEB } from '../testing/scenarios';
import { ingress, ingressClass, NLB_PP, proxiedPair, proxiedWeb, proxyPod, type ProxyPodInput } from './testing';

const ext = { kind: 'external' as const, ip: WEB.externalClient };
const toLB = { ip: WEB.lbIP, port: WEB.port, protocol: 'TCP' as const };
const opts = { providerID: 'aws:///x/i-', service: { annotations: NLB_PP } };

/** A backend Service api (one pod on node-c) behind an Ingress of class nginx for api.example.com. */
const apiBehindNginx: KubeObject[] = [
  proxyPod({ name: 'api-1', ip: '10.244.2.30', node: 'node-c', labels: { app: 'api' } }),
  svc({ name: 'api', clusterIP: '10.96.0.30', ports: [{ port: 80, targetPort: 8080 }] }),
  slice({ service: 'api', ports: [{ port: 8080 }], endpoints: [{ ip: '10.244.2.30', node: 'node-c', pod: 'api-1' }] }),
  ingressClass('nginx', 'k8s.io/ingress-nginx'),
  ingress({ name: 'api', className: 'nginx', host: 'api.example.com', service: 'api', port: 80 }),
];

const web = (objs: KubeObject[]) => analyzeObjects(objs).analysis.services.find((s) => s.service === 'default/web')!;

const nginx = (hash: string, cm: string): Partial<ProxyPodInput> => ({
  labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'pod-template-hash': hash },
  args: ['/nginx-ingress-controller', `--configmap=default/${cm}`],
});

describe('trace and analyze: proxy settings kubepath cannot be sure of', () => {
  it('item 1 — pods of a half-done rollout disagree: analyze says unknown, each traced endpoint answers for its own pod', () => {
    const objs = proxiedPair(nginx('old', 'nginx-old'), nginx('new', 'nginx-new'), {
      ...opts,
      extra: [
        configMap('nginx-old', 'default', { 'use-proxy-protocol': 'false' }),
        configMap('nginx-new', 'default', { 'use-proxy-protocol': 'true' }),
      ],
    });
    const a = web(objs);
    expect(a.frontDoor!.proxy).toBe('ingress-nginx');
    expect(a.paths.Cluster.app).toMatchObject({ clientIP: 'unknown', carriers: [] });
    expect(a.paths.Cluster.app!.note).toMatch(/disagree: 1 pod like default\/web-a: .*; 1 pod like default\/web-b/);
    expect(a.findings).not.toContain('proxy-protocol-mismatch/default/web');
    const { model, dataplane } = clusterOf(...objs);
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    const app = Object.fromEntries(r.endpoints.map((e) => [e.pod, e.app]));
    // The old pod reads the PROXY line as a broken request; the new one takes the client from it.
    expect(app['default/web-a']).toMatchObject({ proxy: 'ingress-nginx', clientIP: null, isClient: false });
    expect(app['default/web-b']).toMatchObject({
      proxy: 'ingress-nginx',
      clientIP: WEB.externalClient,
      isClient: true,
      carrier: 'proxy-protocol',
    });
  });

  it('item 2 — the ConfigMap named by --configmap is missing: endpoint and backend app are unknown, the reason asks', () => {
    const objs = proxiedWeb({
      ...opts,
      pod: {
        labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        args: ['/nginx-ingress-controller', '--configmap=default/nginx-conf'],
      },
      extra: apiBehindNginx,
    });
    const a = web(objs);
    expect(a.paths.Local.app!.clientIP).toBe('unknown');
    expect(a.findings).not.toContain('proxy-protocol-mismatch/default/web');
    const api = analyzeObjects(objs).analysis.services.find((s) => s.service === 'default/api')!;
    expect(api.frontDoor!.behind).toEqual([{ proxyService: 'default/web', route: 'Ingress default/api' }]);
    expect(api.paths.Local.app!.clientIP).toBe('unknown');
    const { model, dataplane } = clusterOf(...objs);
    const r = traceInModel(
      model,
      dataplane,
      { source: ext, destination: toLB, atNode: 'node-a' },
      { host: 'api.example.com' },
    );
    expect(r.proxy).toMatchObject({ kind: 'ingress-nginx', service: 'default/web', route: 'Ingress default/api' });
    expect(r.endpoints[0].app).toEqual({
      proxy: null,
      sidecar: null,
      peerIP: r.endpoints[0].sourceIP,
      clientIP: null,
      isClient: null,
      carrier: null,
      trusted: null,
    });
    expect(r.hops.find((h) => h.kind === 'proxy')!.detail).toMatch(
      /what the proxy takes as the client is unknown: Is ConfigMap default\/nginx-conf/,
    );
    expect(r.reason).toMatch(/What the proxy takes as the client is unknown: Is ConfigMap default\/nginx-conf/);
  });

  it('item 3 — Envoy Gateway: the traced endpoint app is unknown and the reason names the Gateway', () => {
    const objs = proxiedWeb({
      ...opts,
      pod: {
        image: 'docker.io/envoyproxy/envoy:distroless-v1.31.0',
        labels: {
          'gateway.envoyproxy.io/owning-gateway-name': 'eg',
          'gateway.envoyproxy.io/owning-gateway-namespace': 'default',
        },
      },
    });
    const a = web(objs);
    expect(a.frontDoor!.proxy).toBe('envoy-gateway');
    expect(a.paths.Local.app!.note).toMatch(/ClientTrafficPolicy targeting Gateway default\/eg/);
    expect(a.findings).not.toContain('proxy-protocol-mismatch/default/web');
    const { model, dataplane } = clusterOf(...objs);
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    expect(r.endpoints[0].app).toMatchObject({ proxy: 'envoy-gateway', clientIP: null, isClient: null });
    expect(r.reason).toMatch(/ClientTrafficPolicy targeting Gateway default\/eg/);
  });

  it('item 4 — Contour with contour serve --use-proxy-protocol: the PROXY header carries the client to Envoy', () => {
    const controller = (args: string[]) =>
      proxyPod({
        name: 'contour-1',
        ip: '10.244.2.40',
        node: 'node-c',
        image: 'ghcr.io/projectcontour/contour:v1.30.0',
        args: ['contour', 'serve', '--incluster', ...args],
      });
    const envoy = { image: 'docker.io/envoyproxy/envoy:v1.31.0', labels: { app: 'envoy' } };
    const objs = proxiedWeb({
      ...opts,
      pod: envoy,
      extra: [controller(['--use-proxy-protocol'])],
    });
    const a = web(objs);
    expect(a.frontDoor!.proxy).toBe('contour');
    expect(a.paths.Cluster.app).toMatchObject({
      clientIP: 'yes',
      carriers: ['proxy-protocol', 'x-envoy-external-address'],
    });
    expect(a.findings).not.toContain('proxy-protocol-mismatch/default/web');
    const { model, dataplane } = clusterOf(...objs);
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    expect(r.endpoints[0].app).toMatchObject({
      proxy: 'contour',
      clientIP: WEB.externalClient,
      isClient: true,
      carrier: 'proxy-protocol',
    });
    // Without the flag the same NLB's PROXY header breaks every request: a certain finding.
    const off = proxiedWeb({ ...opts, pod: envoy, extra: [controller([])] });
    expect(web(off).findings).toContain('proxy-protocol-mismatch/default/web');
  });
});
