import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../../engine/facade';
import { nginxFrontingApi } from '../../engine/frontdoor/testing';
import { webObjects } from '../../engine/testing/scenarios';
import type { NodePath } from '../../engine/types';
import { frontDoorPanel } from './run';
import { chooseSample, sampleNode } from './samples';
import { carriersText } from './words';

const aws = Object.fromEntries(
  ['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `aws:///x/i-${n.slice(-1)}` }]),
);

/** default/web: an AWS NLB with PROXY v2 into ingress-nginx (expecting PROXY), routing api.example.com to default/api. */
function proxiedCluster(policy: 'Cluster' | 'Local' = 'Local') {
  const objects = nginxFrontingApi({ policy, proxyProtocol: true });
  return analyzeObjects(objects);
}

describe('front-door panel of a proxy Service behind an NLB with PROXY v2', () => {
  const run = proxiedCluster();
  const web = run.analysis.services.find((s) => s.service === 'default/web')!;
  const view = frontDoorPanel(run.model, run.analysis, web)!;
  const local = view.policies.find((p) => p.policy === 'Local')!;

  it('names the proxy and links its route to the backend Service', () => {
    expect(view.proxy).toMatch(/ingress-nginx/);
    expect(view.routes).toEqual([
      {
        kind: 'Ingress',
        object: 'default/api',
        hosts: ['api.example.com'],
        backends: [{ service: 'default/api', namespace: 'default', name: 'api' }],
        loadBalancer: null,
      },
    ]);
    expect(view.behind).toEqual([]);
  });

  it('draws LB → proxy → application, the LB by kind with its PROXY protocol and health check', () => {
    expect(local.hops.map((h) => h.kind)).toEqual(['loadBalancer', 'proxy', 'app']);
    const lb = local.hops[0];
    const fact = (label: string) => lb.facts.find((f) => f.label === label)?.value;
    expect(fact('Kind')).toBe('aws-lbc-nlb-instance');
    expect(fact('PROXY protocol')).toBe('on (v2)');
    expect(fact('Health check')).toBe('probes healthCheckNodePort');
    expect(lb.alert).toBe(false);
  });

  it('shows the headers the proxy writes, with the client address as their value', () => {
    const proxy = local.hops[1];
    expect(proxy.facts).toContainEqual({ label: 'Route', value: expect.stringContaining('default/api') });
    const client = local.command!.match(/--from (\S+)/)![1];
    expect(client).toBe(run.analysis.services.find((s) => s.service === 'default/web')!.paths.Local.clientIP);
    expect(proxy.headers).toContainEqual({ label: 'X-Forwarded-For', value: client });
    expect(proxy.headers).toContainEqual({ label: 'X-Real-IP', value: client });
    expect(local.command).toContain('--to lb:default/web');
    expect(local.command).toContain('--host api.example.com');
  });

  it('says the application learns the client, and how', () => {
    const app = local.hops[2];
    expect(app.subtitle).toBe('default/api-1');
    expect(app.facts.find((f) => f.label === 'Peer (L3)')?.value).toBe('10.244.2.20');
    expect(app.facts.find((f) => f.label === 'Client IP at the app')?.value).toMatch(
      /via X-Forwarded-For; the real client/,
    );
    expect(local.answer).toBe(web.paths.Local.app!.clientIP);
    expect(local.how).toBe(carriersText(web.paths.Local.app!.carriers));
  });
});

describe('front-door panel of a Service behind a proxy', () => {
  const run = proxiedCluster();
  const api = run.analysis.services.find((s) => s.service === 'default/api')!;

  it('links the proxy Service in front and traces through its route', () => {
    const view = frontDoorPanel(run.model, run.analysis, api)!;
    expect(view.behind).toEqual([
      { service: 'default/web', namespace: 'default', name: 'web', route: 'Ingress default/api' },
    ]);
    const local = view.policies.find((p) => p.policy === 'Local')!;
    expect(local.hops.map((h) => h.kind)).toEqual(['loadBalancer', 'proxy', 'app']);
    expect(local.hops[2].subtitle).toBe('default/api-1');
    expect(local.empty).toBeNull();
  });

  it('the sample enters at the proxy Service load balancer with the route host', () => {
    expect(chooseSample(run.analysis, api, 'Cluster')).toMatchObject({
      lbService: 'default/web',
      via: 'lb',
      host: 'api.example.com',
      viaProxy: 'default/web',
    });
  });
});

describe('front-door panel without a front door', () => {
  it('is null for a plain ClusterIP Service', () => {
    const run = analyzeObjects(webObjects({ service: { type: 'ClusterIP' } }));
    const web = run.analysis.services.find((s) => s.service === 'default/web')!;
    expect(frontDoorPanel(run.model, run.analysis, web)).toBeNull();
  });

  it('a Classic ELB is drawn as taking the client address (alert) under Local', () => {
    const run = analyzeObjects(webObjects({ service: { externalTrafficPolicy: 'Local' }, nodeExtras: aws }));
    const web = run.analysis.services.find((s) => s.service === 'default/web')!;
    const local = frontDoorPanel(run.model, run.analysis, web)!.policies.find((p) => p.policy === 'Local')!;
    expect(local.hops[0].facts).toContainEqual({ label: 'Kind', value: 'aws-clb-intree' });
    expect(local.hops[0].alert).toBe(true);
    expect(local.hops.at(-1)!.kind).toBe('app');
    expect(local.hops.at(-1)!.alert).toBe(true);
  });

  it('says where the app takes the client from when nothing carries it: its connection, under Cluster a node', () => {
    const run = analyzeObjects(webObjects());
    const web = run.analysis.services.find((s) => s.service === 'default/web')!;
    const cluster = frontDoorPanel(run.model, run.analysis, web)!.policies.find((p) => p.policy === 'Cluster')!;
    const app = cluster.hops.at(-1)!;
    expect(app.kind).toBe('app');
    expect(web.paths.Cluster.app!.carriers).toEqual([]);
    expect(app.facts.find((f) => f.label === 'Client IP at the app')?.value).toMatch(
      /^\S+ \(its connection's source address; not the client\)$/,
    );
  });
});

describe('sampleNode', () => {
  const row = (node: string, over: Partial<NodePath>): NodePath => ({
    node,
    count: 1,
    sampleNodes: [node],
    zone: null,
    healthCheck: null,
    proxyHealthz: 200,
    localEndpoints: 0,
    localUsableEndpoints: 0,
    verdict: 'forwarded',
    inLoadBalancer: true,
    lbExcludedReason: null,
    lbShare: 0.5,
    snatSource: null,
    clientIPPreserved: null,
    ...over,
  });

  it('under Cluster prefers a node that SNATs, under Local one passing the health check', () => {
    const rows = [
      row('a', { healthCheck: 503, verdict: 'dropped', snatSource: null }),
      row('b', { healthCheck: 200, snatSource: null }),
      row('c', { snatSource: '10.0.0.3' }),
    ];
    expect(sampleNode(rows, 'Cluster')).toBe('c');
    expect(sampleNode(rows, 'Local')).toBe('b');
  });

  it('skips nodes the LB does not send to; an aggregate row stands in by its first node', () => {
    const rows = [row('x', { inLoadBalancer: false }), { ...row('g', {}), node: null, sampleNodes: ['g1', 'g2'] }];
    expect(sampleNode(rows, 'Cluster')).toBe('g1');
    expect(sampleNode([row('x', { inLoadBalancer: false })], 'Local')).toBeNull();
  });
});
