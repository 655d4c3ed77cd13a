// The external-path diagram draws the front door: the load balancer by kind, the proxy in the pods with the
// route and the header values it writes, the sidecar, and the address the application takes as the client —
// from the same front-door view as the HTML cards. Concrete clusters: the front-door story snapshots.
import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../../engine/facade';
import type { KubeObject } from '../../model/k8s';
import istio from '../../demo/stories/istio-proxy-protocol.json';
import kong from '../../demo/stories/kong-aws.json';
import pomerium from '../../demo/stories/pomerium-gke.json';
import type { DiagramNode, DiagramView } from '../diagram-types';
import { manyNodesFixture } from '../fixtures';
import type { FrontDoorPolicyView } from '../front-door/types';
import { layoutDiagram } from '../layout';
import { buildServicePageData } from '../service-page-data';
import { buildDiagramView } from '../service-view';
import { hopFacts } from './column-door';
import { walkTarget } from './keyboard';
import { factLines } from './layout-boxes';
import { DOOR_GUTTER } from './layout-metrics';

const load = (data: { items: unknown[] }) => analyzeObjects(data.items as KubeObject[]);
const runs = { kong: load(kong), istio: load(istio), pomerium: load(pomerium) };

function page(run: keyof typeof runs, service: string) {
  const r = runs[run];
  const a = r.analysis.services.find((s) => s.service === service)!;
  return buildServicePageData(r.model, r.analysis, a, { group: 12 });
}

const box = (view: DiagramView, column: DiagramNode['column']) => view.nodes.find((n) => n.column === column)!;
const fact = (n: DiagramNode, label: string) => n.facts.find((f) => f.label === label)?.value;

describe('a proxy Service: Kong behind an AWS NLB with PROXY v2 (kong/kong-nlb)', () => {
  const data = page('kong', 'kong/kong-nlb');
  const cluster = data.panels.Cluster.view;

  it('adds the proxy and app columns after the pods', () => {
    expect(cluster.columns.map((c) => c.column)).toEqual([
      'client',
      'loadBalancer',
      'node',
      'proxy',
      'pod',
      'l7Proxy',
      'app',
    ]);
  });

  it('names the load balancer by kind, with its layer, PROXY protocol and whether it keeps the client', () => {
    const lb = box(cluster, 'loadBalancer');
    expect(lb.label).toBe('AWS NLB via AWS Load Balancer Controller, instance targets');
    expect(lb.facts).toEqual([
      { label: 'Layer', value: 'L4 pass-through', header: false },
      { label: 'Targets', value: 'nodes', header: false },
      { label: 'PROXY', value: 'v2', header: false },
      { label: 'Keeps client IP', value: 'yes', header: false },
    ]);
    expect(lb.ariaLabel).toContain('PROXY v2');
  });

  it('draws Kong with its route to orders and the header values it writes', () => {
    const proxy = box(cluster, 'l7Proxy');
    expect(proxy.label).toBe('Kong Gateway / Kong Ingress Controller');
    expect(proxy.sublabel).toBe('routes to orders/orders');
    expect(fact(proxy, 'Route')).toBe('Ingress orders/orders');
    expect(proxy.facts.filter((f) => f.header)).toEqual([
      { label: 'X-Forwarded-For', value: '203.0.113.10', header: true },
      { label: 'X-Real-IP', value: '203.0.113.10', header: true },
    ]);
    expect(proxy.ariaLabel).toContain('X-Forwarded-For: 203.0.113.10');
  });

  it('ends at the backend pod, which takes the real client from X-Forwarded-For', () => {
    const app = box(cluster, 'app');
    expect(app.label).toBe('orders/orders-0');
    expect(app.sublabel).toBe('a pod of orders/orders');
    expect(fact(app, 'Client')).toBe('203.0.113.10 (X-Forwarded-For)');
    expect(app.clientIP).toBe('preserved');
  });

  it('links every pod with traffic to the proxy, and the proxy to the app by a new connection', () => {
    const proxyId = box(cluster, 'l7Proxy').id;
    const appId = box(cluster, 'app').id;
    const into = cluster.edges.filter((e) => e.target === proxyId);
    expect(into.map((e) => e.source)).toEqual(cluster.nodes.filter((n) => n.column === 'pod').map((n) => n.id));
    expect(cluster.edges.find((e) => e.source === proxyId && e.target === appId)).toMatchObject({
      kind: 'relayed',
      share: 1,
    });
  });

  it('draws what the cards say: the boxes carry each hop’s summary and headers', () => {
    const door = data.frontDoor!.policies.find((p) => p.policy === 'Cluster')!;
    expect(box(cluster, 'l7Proxy').facts).toEqual(hopFacts(door.hops.find((h) => h.kind === 'proxy')!));
    expect(box(cluster, 'app').facts).toEqual(hopFacts(door.hops.find((h) => h.kind === 'app')!));
  });

  it('keyboard: → from the pod reaches its edge into the proxy, and → again the proxy box', () => {
    const layout = data.panels.Cluster.layout;
    const pod = box(cluster, 'pod').id;
    const edge = walkTarget(layout, pod, 'ArrowRight')!;
    expect(edge).toBe(`${pod}>door:proxy`);
    expect(walkTarget(layout, edge, 'ArrowRight')).toBe(box(cluster, 'l7Proxy').id);
  });
});

describe('layout: the front door stacks under the pods, so the diagram is no wider than without it', () => {
  const data = page('kong', 'kong/kong-nlb');
  const layout = data.panels.Cluster.layout;
  const at = (column: string) => layout.nodes.find((n) => n.column === column)!;

  it('puts proxy then app under the pods, captioned, with no column headers of their own', () => {
    const pod = at('pod');
    const proxy = at('l7Proxy');
    const app = at('app');
    expect(proxy.x).toBe(pod.x);
    expect(app.x).toBe(pod.x);
    expect(proxy.y).toBeGreaterThan(pod.y + pod.height);
    expect(app.y).toBeGreaterThan(proxy.y + proxy.height);
    expect(proxy.caption).toBe('Proxy → backend');
    expect(app.caption).toBe('Client IP at the app');
    expect(layout.columns.map((c) => c.column)).toEqual(['client', 'loadBalancer', 'node', 'proxy', 'pod']);
    expect(app.y + app.height).toBeLessThanOrEqual(layout.height);
  });

  it('is as wide as the same diagram without a front door, plus the gutter', () => {
    const r = runs.kong;
    const a = r.analysis.services.find((s) => s.service === 'kong/kong-nlb')!;
    const plain = layoutDiagram(buildDiagramView(a, 'Cluster', { group: 12 }));
    expect(layout.width).toBe(plain.width + DOOR_GUTTER);
  });

  it('the pod → proxy edge turns down the gutter into the proxy box’s right side; proxy → app goes straight down', () => {
    const pod = at('pod');
    const proxy = at('l7Proxy');
    const into = layout.edges.find((e) => e.target === proxy.id)!;
    expect(into.path.startsWith(`M${pod.x + pod.width},`)).toBe(true);
    expect(into.path.endsWith(`H${proxy.x + proxy.width}`)).toBe(true);
    const down = layout.edges.find((e) => e.source === proxy.id)!;
    expect(down.path).toMatch(/^M[\d.]+,[\d.]+V[\d.]+$/);
  });
});

describe('a Classic ELB in front of Kong (kong/kong-elb, Local)', () => {
  const view = page('kong', 'kong/kong-elb').panels.Local.view;

  it('says the ELB is an L4 proxy that does not keep the client, and the app gets no real client', () => {
    expect(box(view, 'loadBalancer').facts.map((f) => `${f.label}=${f.value}`)).toEqual([
      'Layer=L4 proxy',
      'Targets=nodes',
      'PROXY=off',
      'Keeps client IP=no',
    ]);
    const xff = box(view, 'l7Proxy').facts.find((f) => f.label === 'X-Forwarded-For')!.value;
    expect(xff).not.toContain('203.0.113.');
    expect(fact(box(view, 'app'), 'Real client')).toBe('no');
    expect(box(view, 'app').clientIP).toBe('snat');
  });
});

describe('a backend reached only through a proxy (orders/orders)', () => {
  const view = page('kong', 'orders/orders').panels.Cluster.view;

  it('draws client → the proxy’s load balancer → Kong → the orders pod instead of "no external path"', () => {
    expect(view.columns.map((c) => c.column)).toEqual(['client', 'loadBalancer', 'l7Proxy', 'app']);
    expect(box(view, 'loadBalancer').sublabel).toBe('in front of kong/kong-nlb');
    expect(view.notices[0]).toContain('reached through kong/kong-nlb');
    expect(view.edges.map((e) => e.id)).toEqual([
      'Cluster:client>lb',
      'Cluster:lb>door:proxy',
      'Cluster:door:proxy>door:app',
    ]);
  });
});

describe('an Istio gateway in front of a REDIRECT sidecar (istio-system/istio-ingressgateway)', () => {
  const view = page('istio', 'istio-system/istio-ingressgateway').panels.Cluster.view;

  it('draws the sidecar before the app, and the app’s peer is 127.0.0.6 while the client travels in a header', () => {
    expect(view.columns.slice(-3).map((c) => c.column)).toEqual(['l7Proxy', 'sidecar', 'app']);
    const sidecar = box(view, 'sidecar');
    expect(sidecar.label).toBe('Istio (REDIRECT)');
    expect(fact(sidecar, 'App peer')).toBe('127.0.0.6');
    expect(sidecar.alert).toBe(true);
    expect(sidecar.clientIP).toBe('snat');
    expect(box(view, 'l7Proxy').facts.find((f) => f.label === 'x-envoy-external-address')?.value).toBe('203.0.113.10');
    const app = box(view, 'app');
    expect(fact(app, 'Peer')).toBe('127.0.0.6');
    expect(fact(app, 'Client')).toBe('203.0.113.10 (x-envoy-external-address)');
    expect(fact(app, 'Spoofable')).toBe('yes');
  });
});

describe('Pomerium behind a GKE NLB under Cluster (monitoring/grafana)', () => {
  it('the headers carry a node address, so the app does not get the client', () => {
    const view = page('pomerium', 'monitoring/grafana').panels.Cluster.view;
    const xff = box(view, 'l7Proxy').facts.find((f) => f.label === 'X-Forwarded-For')!.value;
    expect(xff).toMatch(/^10\./);
    expect(box(view, 'app').clientIP).toBe('snat');
    // Lost before Pomerium (kube-proxy SNAT on its nodes): the edge into the proxy says so too.
    expect(view.edges.find((e) => e.target === box(view, 'l7Proxy').id)?.clientIP).toBe('snat');
  });
});

describe('readability', () => {
  it('a long header value is cut on the box, ending in …, while the box keeps the whole value', () => {
    const value = `${'203.0.113.10, '.repeat(40)}198.51.100.7`;
    const lines = factLines({ label: 'X-Forwarded-For', value, header: true }, 40).map((l) => l.text);
    expect(lines).toEqual(['X-Forwarded-For:', `${value.slice(0, 37)}…`]);
    expect(factLines({ label: 'PROXY', value: 'v2', header: false }, 40).map((l) => l.text)).toEqual(['PROXY: v2']);
    const door: FrontDoorPolicyView = {
      policy: 'Cluster',
      actual: true,
      answer: 'yes',
      how: 'X-Forwarded-For',
      note: '',
      command: null,
      empty: null,
      hops: [
        {
          id: 'Cluster:proxy',
          kind: 'proxy',
          title: 'Proxy',
          subtitle: 'NGINX Ingress Controller',
          facts: [],
          summary: [{ label: 'Route', value: 'Ingress shop/web' }],
          headers: [{ label: 'X-Forwarded-For', value }],
          backend: 'shop/web',
          alert: false,
        },
      ],
    };
    const view = buildDiagramView(manyNodesFixture(5000, 400), 'Cluster', { group: 12, frontDoor: door });
    const layout = layoutDiagram(view);
    const proxy = layout.nodes.find((n) => n.column === 'l7Proxy')!;
    expect(proxy.facts[1].value).toBe(value);
    const drawn = proxy.factLines.filter((l) => l.label === 'X-Forwarded-For').map((l) => l.text);
    expect(drawn).toHaveLength(2);
    expect(drawn[1].length).toBeLessThan(40);
    expect(drawn[1].endsWith('…')).toBe(true);
    // 400 pods are drawn as at most 16 rows and a "more pods" row, each with one edge into the proxy.
    const into = view.edges.filter((e) => e.target === proxy.id);
    expect(into.length).toBeLessThanOrEqual(17);
    expect(into.reduce((n, e) => n + e.share, 0)).toBeCloseTo(proxy.share, 6);
  });

  it('plain pods behind an LB get an app column only when the client reaches them other than at L3', () => {
    const app = (how: string): FrontDoorPolicyView => ({
      policy: 'Local',
      actual: true,
      answer: 'yes',
      how,
      note: '',
      command: null,
      empty: null,
      hops: [
        {
          id: 'Local:app',
          kind: 'app',
          title: 'Application',
          subtitle: '4 pods of shop/web',
          facts: [],
          summary: [{ label: 'Client', value: `198.51.100.7 (${how})` }],
          headers: [],
          backend: null,
          alert: false,
        },
      ],
    });
    const columns = (how: string) =>
      buildDiagramView(manyNodesFixture(10), 'Local', { group: 12, frontDoor: app(how) }).columns.at(-1)!.column;
    expect(columns('L3')).toBe('pod');
    expect(columns('PROXY')).toBe('app');
  });

  it('a Service without a front door draws no front-door column', () => {
    const view = buildDiagramView(manyNodesFixture(10), 'Local', { group: 12 });
    expect(view.columns.map((c) => c.column)).toEqual(['client', 'loadBalancer', 'node', 'proxy', 'pod']);
  });
});
