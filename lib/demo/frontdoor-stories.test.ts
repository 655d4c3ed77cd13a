// One end-to-end test per front-door story of issue 9: the committed snapshot, analysed and traced as the
// CLI does, asserting hops, addresses, headers, what the application learns, and the findings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeObjects, traceInModel } from '../engine/facade';
import type { FrontDoorOptions } from '../engine/frontdoor/trace-frontdoor';
import type { KubeObject } from '../model/k8s';
import { FRONT_DOOR_STORIES, STORY_CLIENT } from './frontdoor-stories';
import { demoListJSON } from './build-demo';

const client = { kind: 'external' as const, ip: STORY_CLIENT };

function story(id: string) {
  const s = FRONT_DOOR_STORIES.find((x) => x.id === id)!;
  const run = analyzeObjects(s.build());
  const trace = (to: string, fd: FrontDoorOptions = {}, atNode: string | null = null) => {
    const [ip, port] = to.split(':');
    return traceInModel(
      run.model,
      run.dataplane,
      { source: client, destination: { ip, port: Number(port), protocol: 'TCP' }, atNode },
      fd,
    );
  };
  const svc = (key: string) => run.analysis.services.find((x) => x.service === key)!;
  const rules = run.analysis.findings.map((f) => f.id).sort();
  return { run, trace, svc, rules };
}

const lb = (service: string) => ({ target: { kind: 'lb' as const, service, port: null } });

describe('front-door stories (lib/demo/stories)', () => {
  it("the committed snapshots are the builders' output", () => {
    for (const s of FRONT_DOOR_STORIES) {
      const file = fileURLToPath(new URL(`./stories/${s.id}.json`, import.meta.url));
      expect(readFileSync(file, 'utf8')).toBe(demoListJSON(s.build() as KubeObject[]));
    }
  });

  it('1. Pomerium behind a GKE LB under Cluster: Grafana gets the SNAT node in the headers', () => {
    const { trace, svc, rules } = story('pomerium-gke');
    const r = trace('34.120.10.5:443', { host: 'grafana.example.com' }, 'gke-2');
    expect(r.loadBalancer).toMatchObject({
      kind: 'gke-netlb-targetpool',
      layer: 'L4-passthrough',
      keepsClientIP: true,
      proxyProtocol: null,
    });
    expect(r.hops.map((h) => h.kind)).toEqual([
      'client',
      'loadBalancer',
      'node',
      'dnat',
      'snat',
      'pod',
      'proxy',
      'pod',
    ]);
    expect(r.hops[4].src).toBe('10.128.0.12');
    expect(r.hops[6].headers).toEqual({ 'x-forwarded-for': '10.128.0.12', 'x-envoy-external-address': '10.128.0.12' });
    expect(r.proxy).toEqual({
      kind: 'pomerium',
      pod: 'pomerium/pomerium-proxy-0',
      service: 'pomerium/pomerium-proxy',
      route: 'Ingress monitoring/grafana',
    });
    expect(r.endpoints.map((e) => [e.pod, e.app])).toEqual([
      [
        'monitoring/grafana-0',
        {
          proxy: null,
          sidecar: null,
          peerIP: '10.244.1.10',
          clientIP: '10.128.0.12',
          isClient: false,
          carrier: 'x-envoy-external-address',
          trusted: true,
        },
      ],
    ]);
    expect(rules).toEqual(['proxy-behind-cluster/pomerium/pomerium-proxy']);
    const grafana = svc('monitoring/grafana');
    expect(grafana.frontDoor!.behind).toEqual([
      { proxyService: 'pomerium/pomerium-proxy', route: 'Ingress monitoring/grafana' },
    ]);
    expect(grafana.paths.Cluster.app!.clientIP).toBe('no');
    expect(grafana.paths.Local.app!.clientIP).toBe('yes');
    expect(grafana.paths.Cluster.app!.note).toMatch(/decided by that proxy Service under Cluster/);
  });

  it('2. Istio gateway with PROXY v2 from the NLB: REDIRECT sidecar sees 127.0.0.6, TPROXY sees the gateway', () => {
    const { trace, svc, rules } = story('istio-proxy-protocol');
    const reviews = trace('0.0.0.0:1', { ...lb('istio-system/istio-ingressgateway'), host: 'reviews.example.com' });
    expect(reviews.loadBalancer).toMatchObject({ kind: 'aws-lbc-nlb-instance', proxyProtocol: 'v2', targets: 'nodes' });
    const lbHop = reviews.hops.find((h) => h.kind === 'loadBalancer')!;
    expect(lbHop.proxyProtocol).toEqual({ version: 'v2', source: STORY_CLIENT });
    expect(reviews.hops.map((h) => h.kind)).toEqual([
      'client',
      'loadBalancer',
      'node',
      'dnat',
      'snat',
      'pod',
      'proxy',
      'sidecar',
      'pod',
    ]);
    expect(reviews.hops.find((h) => h.kind === 'proxy')!.headers).toEqual({
      'x-forwarded-for': STORY_CLIENT,
      'x-envoy-external-address': STORY_CLIENT,
    });
    expect(reviews.hops.find((h) => h.kind === 'sidecar')!.src).toBe('127.0.0.6');
    expect(reviews.endpoints[0].app).toMatchObject({
      sidecar: 'istio-redirect',
      peerIP: '127.0.0.6',
      clientIP: STORY_CLIENT,
      isClient: true,
      carrier: 'x-envoy-external-address',
    });
    const ratings = trace('0.0.0.0:1', { ...lb('istio-system/istio-ingressgateway'), host: 'ratings.example.com' });
    expect(ratings.endpoints[0].app).toMatchObject({
      sidecar: 'istio-tproxy',
      peerIP: '10.244.1.30',
      clientIP: STORY_CLIENT,
      isClient: true,
    });
    expect(rules).toEqual(['sidecar-loopback-source/shop/reviews']);
    expect(svc('istio-system/istio-ingressgateway').paths.Cluster.app).toMatchObject({
      clientIP: 'yes',
      carriers: ['proxy-protocol', 'x-envoy-external-address'],
    });
  });

  it('3. Kong behind an NLB with PROXY v2, a Classic ELB and an ALB with ip targets', () => {
    const { trace, svc, rules } = story('kong-aws');
    const nlb = trace('0.0.0.0:1', { ...lb('kong/kong-nlb'), host: 'orders.example.com' });
    expect(nlb.loadBalancer).toMatchObject({ kind: 'aws-lbc-nlb-instance', proxyProtocol: 'v2' });
    expect(nlb.hops.find((h) => h.kind === 'proxy')!.headers).toEqual({
      'x-forwarded-for': STORY_CLIENT,
      'x-real-ip': STORY_CLIENT,
    });
    expect(nlb.endpoints[0].app).toEqual({
      proxy: null,
      sidecar: null,
      peerIP: '10.244.1.50',
      clientIP: STORY_CLIENT,
      isClient: true,
      carrier: 'x-forwarded-for',
      trusted: true,
    });

    const elb = trace('0.0.0.0:1', { ...lb('kong/kong-elb'), host: 'orders.example.com' });
    expect(elb.loadBalancer).toMatchObject({ kind: 'aws-clb-intree', layer: 'L4-proxy', keepsClientIP: false });
    expect(elb.hops.find((h) => h.kind === 'pod')!.src).toBeNull();
    expect(elb.hops.find((h) => h.kind === 'proxy')!.headers).toEqual({
      'x-forwarded-for': '<load balancer address>',
      'x-real-ip': '<load balancer address>',
    });
    expect(elb.endpoints[0].app).toMatchObject({ clientIP: null, isClient: false });

    const alb = trace('0.0.0.0:1', { target: { kind: 'ingress', ingress: 'kong/edge' }, host: 'orders.example.com' });
    expect(alb.loadBalancer).toMatchObject({ kind: 'aws-alb-ingress', layer: 'L7', targets: 'pods' });
    expect(alb.hops.map((h) => h.kind)).toEqual(['client', 'loadBalancer', 'pod', 'proxy', 'pod']);
    expect(alb.hops[1].headers).toEqual({ 'x-forwarded-for': STORY_CLIENT });
    expect(alb.proxy).toMatchObject({ kind: 'kong', service: 'kong/kong-alb', route: 'Ingress orders/orders' });
    expect(alb.endpoints[0].app).toMatchObject({
      clientIP: STORY_CLIENT,
      isClient: true,
      carrier: 'x-forwarded-for',
      trusted: true,
    });

    expect(rules).toContain('lb-terminates-connection/kong/kong-elb');
    expect(rules.filter((r) => r.startsWith('proxy-') || r.startsWith('forwarded-'))).toEqual([]);
    expect(svc('orders/orders').paths.Cluster.app!.clientIP).toBe('partial');
    expect(svc('kong/kong-alb').frontDoor!.routes).toContainEqual(
      expect.objectContaining({
        kind: 'Ingress',
        object: 'kong/edge',
        loadBalancer: expect.objectContaining({ kind: 'aws-alb-ingress' }),
      }),
    );
  });

  it('4. TKE: pod-count weights, direct-to-pod without SNAT, L7 CLB headers, TOA', () => {
    const { trace, svc, rules } = story('tke-four-ways');
    const local = svc('game/lobby-local');
    expect(local.frontDoor!.loadBalancer).toMatchObject({ kind: 'tencent-tke-clb', weights: 'podCount' });
    expect(local.paths.Local.pods.map((p) => p.share)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(local.paths.Local.skew).toBe(1);
    expect(rules.some((r) => r.startsWith('local-imbalance/'))).toBe(false);

    const direct = trace('119.28.10.2:80');
    expect(direct.hops.map((h) => h.kind)).toEqual(['client', 'loadBalancer', 'pod']);
    expect(direct.masqueraded).toBe(false);
    expect(direct.endpoints.every((e) => e.sourceIP === STORY_CLIENT && e.app!.isClient)).toBe(true);

    const l7 = trace('0.0.0.0:1', { target: { kind: 'ingress', ingress: 'game/lobby-web' } });
    expect(l7.loadBalancer).toMatchObject({ kind: 'tencent-tke-clb-ingress', layer: 'L7' });
    expect(l7.hops[1].headers).toEqual({ 'x-forwarded-for': STORY_CLIENT });
    expect(l7.endpoints[0].app).toMatchObject({ carrier: 'x-forwarded-for', clientIP: STORY_CLIENT, isClient: true });

    const toa = trace('119.28.10.3:80', {}, 'tke-3');
    expect(toa.endpoints[0].app).toMatchObject({ carrier: 'toa', clientIP: STORY_CLIENT });
    expect(svc('game/lobby-toa').paths.Cluster.app).toMatchObject({ clientIP: 'yes', carriers: ['toa'] });
    expect(svc('game/lobby-toa').paths.Cluster.app!.note).toMatch(/kernel module/);
  });

  it('5. KubeSphere gateway on OpenELB layer2 and Calico IPIP: tunnel address in XFF, allow-list denies the gateway', () => {
    const { trace, svc, rules } = story('kubesphere-calico');
    const r = trace('192.168.10.100:80', { host: 'crm.example.com' }, 'ks-2');
    expect(r.loadBalancer).toMatchObject({ kind: 'openelb', weights: 'singleNode' });
    expect(r.hops.find((h) => h.kind === 'snat')!.src).toBe('10.244.2.1');
    expect(r.hops.find((h) => h.kind === 'proxy')!.headers).toEqual({
      'x-forwarded-for': '10.244.2.1',
      'x-real-ip': '10.244.2.1',
    });
    expect(r.endpoints[0]).toMatchObject({ pod: 'crm/crm-api-0', sourceIP: '10.244.1.100', policy: 'denied' });
    expect(r.endpoints[0].app).toMatchObject({
      proxy: null,
      peerIP: '10.244.1.100',
      clientIP: '10.244.2.1',
      isClient: false,
      carrier: 'x-forwarded-for',
    });
    expect(rules).toEqual(
      expect.arrayContaining([
        'lb-single-node/kubesphere-controls-system/kubesphere-router-crm',
        'proxy-behind-cluster/kubesphere-controls-system/kubesphere-router-crm',
      ]),
    );
    expect(svc('crm/crm-api').paths.Local.app!.clientIP).toBe('yes');
  });
});
