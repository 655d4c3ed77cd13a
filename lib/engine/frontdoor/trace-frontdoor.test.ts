import { describe, expect, it } from 'vitest';
import { analyzeObjects, traceInModel } from '../facade';
import { clusterOf } from '../testing/cluster';
import { WEB, webObjects } from '../testing/scenarios';
import { parseFrontDoorTarget } from './trace-frontdoor';
import { nginxFrontingApi } from './testing';

const ext = { kind: 'external' as const, ip: WEB.externalClient };
const toLB = { ip: WEB.lbIP, port: WEB.port, protocol: 'TCP' as const };
const aws = Object.fromEntries(
  ['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `aws:///x/i-${n.slice(-1)}` }]),
);

describe('trace through load balancers', () => {
  it('Classic ELB under Local: the pod sees the ELB, not the client; app says the client is lost', () => {
    const { model, dataplane } = clusterOf(
      ...webObjects({ service: { externalTrafficPolicy: 'Local' }, nodeExtras: aws }),
    );
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    expect(r.loadBalancer).toMatchObject({ kind: 'aws-clb-intree', layer: 'L4-proxy', keepsClientIP: false });
    expect(r.hops[1]).toMatchObject({ kind: 'loadBalancer', label: 'load balancer (aws-clb-intree)' });
    expect(r.endpoints[0].clientIPPreserved).toBe(false);
    expect(r.endpoints[0].app).toMatchObject({ proxy: null, carrier: 'l3', isClient: false, clientIP: null });
  });

  it('a pass-through NLB under Local keeps the client at L3', () => {
    const { model, dataplane } = clusterOf(
      ...webObjects({
        service: {
          externalTrafficPolicy: 'Local',
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' },
        },
        nodeExtras: aws,
      }),
    );
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    expect(r.endpoints[0].app).toMatchObject({
      peerIP: WEB.externalClient,
      clientIP: WEB.externalClient,
      isClient: true,
      carrier: 'l3',
    });
  });

  it('TKE direct access: straight to the pods, no node and no SNAT even under Cluster', () => {
    const tke = Object.fromEntries(['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `qcloud://${n}` }]));
    const { model, dataplane } = clusterOf(
      ...webObjects({
        service: { annotations: { 'service.cloud.tencent.com/direct-access': 'true' } },
        nodeExtras: tke,
      }),
    );
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB });
    expect(r.hops.map((h) => h.kind)).toEqual(['client', 'loadBalancer', 'pod']);
    expect(r.masqueraded).toBe(false);
    expect(r.endpoints.map((e) => [e.ip, e.share, e.sourceIP])).toEqual([
      ['10.244.0.5', 0.5, WEB.externalClient],
      ['10.244.1.5', 0.5, WEB.externalClient],
    ]);
  });

  it('lb:NS/NAME targets the Service load balancer; bad targets are parsed as such', () => {
    expect(parseFrontDoorTarget('lb:shop/web:443')).toEqual({ kind: 'lb', service: 'shop/web', port: 443 });
    expect(parseFrontDoorTarget('ingress:shop/web')).toEqual({ kind: 'ingress', ingress: 'shop/web' });
    expect(parseFrontDoorTarget('10.0.0.1:80')).toBeNull();
    const { model, dataplane } = clusterOf(...webObjects({ nodeExtras: aws }));
    const r = traceInModel(
      model,
      dataplane,
      { source: ext, destination: toLB },
      { target: { kind: 'lb', service: 'default/web', port: null } },
    );
    expect(r.loadBalancer?.kind).toBe('aws-clb-intree');
    expect(r.entry).toBe('loadBalancerIP');
  });
});

describe('trace through a proxy with --host', () => {
  it('NLB + PROXY v2 into ingress-nginx expecting it: the backend reads the client from X-Forwarded-For', () => {
    const objects = nginxFrontingApi({ proxyProtocol: true });
    const { model, dataplane } = clusterOf(...objects);
    const r = traceInModel(
      model,
      dataplane,
      { source: ext, destination: toLB, atNode: 'node-c' },
      { host: 'api.example.com', path: '/' },
    );
    expect(r.loadBalancer?.proxyProtocol).toBe('v2');
    expect(r.proxy).toEqual({
      kind: 'ingress-nginx',
      pod: 'default/nginx-1',
      service: 'default/web',
      route: 'Ingress default/api',
    });
    const proxyHop = r.hops.find((h) => h.kind === 'proxy')!;
    expect(proxyHop.headers).toEqual({ 'x-forwarded-for': WEB.externalClient, 'x-real-ip': WEB.externalClient });
    expect(r.endpoints).toHaveLength(1);
    expect(r.endpoints[0]).toMatchObject({ ip: '10.244.1.30', sourceIP: '10.244.2.20' });
    expect(r.endpoints[0].app).toEqual({
      proxy: null,
      sidecar: null,
      peerIP: '10.244.2.20',
      clientIP: WEB.externalClient,
      isClient: true,
      carrier: 'x-forwarded-for',
      trusted: true,
    });
    // The analysis asks the same rule: under Cluster the gateway's peer is the SNAT node, inside
    // proxy-real-ip-cidr, so PROXY from it is trusted and the backend learns the client.
    const a = analyzeObjects(objects).analysis.services;
    expect(r.endpoints[0].app).toMatchObject({ isClient: true });
    expect(a.find((x) => x.service === 'default/web')!.paths.Cluster.app).toMatchObject({ clientIP: 'yes' });
    expect(a.find((x) => x.service === 'default/api')!.paths.Cluster.app).toMatchObject({ clientIP: 'yes' });
  });
});

describe('trace and analysis through a NAT64 CLB (TOA a listener switch)', () => {
  it('the app view names TOA as the carrier with the client unknown, and the analysis asks the question', () => {
    const qcloud = Object.fromEntries(['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `qcloud://${n}` }]));
    const objs = webObjects({
      service: {
        externalTrafficPolicy: 'Local',
        annotations: { 'service.kubernetes.io/loadbalance-nat-ipv6': '2402:4e00:1402:7200:0:9223:5842:2a44' },
      },
      nodeExtras: qcloud,
    });
    const { model, dataplane } = clusterOf(...objs);
    const r = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    expect(r.loadBalancer!.kind).toBe('tencent-tke-clb');
    expect(r.endpoints[0].app).toMatchObject({ carrier: 'toa', clientIP: null, isClient: null });
    const a = analyzeObjects(objs).analysis.services.find((s) => s.service === 'default/web')!;
    expect(a.paths.Local.app).toMatchObject({ clientIP: 'unknown', carriers: ['toa'] });
    expect(a.paths.Local.app!.note).toMatch(/is TOA switched on for its TCP listeners/);
  });
});

describe('an unknown load balancer (it may or may not keep the client)', () => {
  it('Local: the L3 "client" may be the LB, so isClient is null and the analysis unknown; Cluster: SNAT, no', () => {
    const objs = webObjects({ service: { externalTrafficPolicy: 'Local' } });
    const { model, dataplane } = clusterOf(...objs);
    const a = analyzeObjects(objs).analysis.services.find((s) => s.service === 'default/web')!;
    expect(a.frontDoor!.loadBalancer).toMatchObject({ kind: 'unknown', keepsClientIP: null });
    const local = traceInModel(model, dataplane, { source: ext, destination: toLB, atNode: 'node-a' });
    expect(local.endpoints[0].app).toMatchObject({ carrier: 'l3', clientIP: WEB.externalClient, isClient: null });
    expect(a.paths.Local.app!.clientIP).toBe('unknown');
    const cluster = traceInModel(model, dataplane, {
      source: ext,
      destination: toLB,
      atNode: 'node-a',
      policy: 'Cluster',
    });
    expect(cluster.endpoints.every((e) => e.app!.isClient === false)).toBe(true);
    expect(a.paths.Cluster.app!.clientIP).toBe('no');
  });
});
