// The phone's list of steps holds every box of the diagram once, in the columns' order, with each node row's
// kube-proxy box under it. Concrete clusters: the Northwind demo (storefront-web: LoadBalancer, Local, drops on
// nodes without an endpoint), a front-door story (Kong behind an NLB) and the in-cluster view.
import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../../demo/index';
import kong from '../../demo/stories/kong-aws.json';
import { analyzeObjects } from '../../engine/facade';
import type { KubeObject } from '../../model/k8s';
import type { DiagramView } from '../diagram-types';
import { buildServicePageData, findServiceAnalysis } from '../service-page-data';
import { pathSteps, type PathStep } from './steps';

const demo = analyzeObjects(DEMO_CLUSTERS[0].load());

function pageOf(run: ReturnType<typeof analyzeObjects>, namespace: string, name: string) {
  const a = findServiceAnalysis(run.analysis, namespace, name)!;
  return buildServicePageData(run.model, run.analysis, a, { group: 12 });
}

/** Every box id the steps list, as boxes or as a node row's kube-proxy box. */
const listedIds = (steps: PathStep[]) =>
  steps.flatMap((s) => s.entries.flatMap((e) => [e.box.id, e.then?.id ?? []]).flat());

function expectEveryBoxOnce(view: DiagramView) {
  const ids = listedIds(pathSteps(view));
  expect([...ids].sort()).toEqual(view.nodes.map((n) => n.id).sort());
}

describe('pathSteps', () => {
  const page = pageOf(demo, 'storefront', 'storefront-web');

  it('lists the columns in order, the kube-proxy column folded into the nodes', () => {
    for (const policy of ['Cluster', 'Local'] as const) {
      const steps = pathSteps(page.panels[policy].view);
      expect(steps.map((s) => s.title)).toEqual(['Client', 'Load balancer', 'Nodes', 'Pods']);
      expectEveryBoxOnce(page.panels[policy].view);
    }
  });

  it('puts under each node row the kube-proxy box its edge leads to', () => {
    const view = page.panels.Local.view;
    const nodes = pathSteps(view).find((s) => s.column === 'node')!;
    expect(nodes.entries.length).toBe(view.nodes.filter((n) => n.column === 'node').length);
    for (const e of nodes.entries) {
      expect(e.then?.column).toBe('proxy');
      expect(view.edges.some((edge) => edge.source === e.box.id && edge.target === e.then!.id)).toBe(true);
    }
    // Under Local, prod-worker-01 has endpoints (DNAT, client IP kept); the three control-plane nodes drop.
    const worker = nodes.entries.find((e) => e.box.label === 'prod-worker-01')!;
    expect(worker.then!.kind).toBe('dnat');
    const cp = nodes.entries.find((e) => e.box.sublabel.startsWith('prod-cp-01'))!;
    expect(cp.then!.kind).toBe('drop');
  });

  it("keeps the diagram's order of the boxes within a column", () => {
    const view = page.panels.Cluster.view;
    const pods = pathSteps(view).find((s) => s.column === 'pod')!;
    expect(pods.entries.map((e) => e.box.id)).toEqual(view.nodes.filter((n) => n.column === 'pod').map((n) => n.id));
  });

  it('lists the front-door columns after the pods (Kong behind an AWS NLB)', () => {
    const kongRun = analyzeObjects(kong.items as KubeObject[]);
    const view = pageOf(kongRun, 'kong', 'kong-nlb').panels.Cluster.view;
    const columns = pathSteps(view).map((s) => s.column);
    expect(columns.slice(0, 4)).toEqual(['client', 'loadBalancer', 'node', 'pod']);
    expect(columns.indexOf('l7Proxy')).toBeGreaterThan(columns.indexOf('pod'));
    expectEveryBoxOnce(view);
  });

  it('keeps a kube-proxy box of its own where no node row leads to it alone (the in-cluster view)', () => {
    const view = pageOf(demo, 'checkout', 'checkout-api').paths['in-cluster'].panels.Cluster.view;
    const steps = pathSteps(view);
    expect(steps[0].column).toBe('clients');
    expect(steps.some((s) => s.column === 'proxy')).toBe(true);
    expectEveryBoxOnce(view);
  });

  it('lists every box once for every Service of every demo cluster, both paths and policies', () => {
    let views = 0;
    for (const cluster of DEMO_CLUSTERS) {
      const run = analyzeObjects(cluster.load());
      for (const svc of run.analysis.services) {
        const data = buildServicePageData(run.model, run.analysis, svc, { group: 12 });
        for (const kind of ['external', 'in-cluster'] as const)
          for (const policy of ['Cluster', 'Local'] as const) {
            const view = data.paths[kind].panels[policy].view;
            expectEveryBoxOnce(view);
            // A folded kube-proxy box is its node row's only successor, and that row its only predecessor.
            for (const step of pathSteps(view))
              for (const e of step.entries) {
                if (!e.then) continue;
                expect(view.edges.filter((edge) => edge.source === e.box.id).map((edge) => edge.target)).toEqual([
                  e.then.id,
                ]);
                expect(view.edges.filter((edge) => edge.target === e.then!.id).map((edge) => edge.source)).toEqual([
                  e.box.id,
                ]);
              }
            views++;
          }
      }
    }
    expect(views).toBeGreaterThan(200);
  });

  it('does not fold a kube-proxy box two node rows lead to, and lists a box of an untitled column', () => {
    const view = page.panels.Local.view;
    const proxy = view.nodes.find((n) => n.column === 'proxy')!;
    const rows = view.nodes.filter((n) => n.column === 'node').slice(0, 2);
    const shared: DiagramView = {
      ...view,
      edges: [
        ...view.edges.filter((e) => e.target !== proxy.id),
        ...rows.map((r) => ({ ...view.edges[0], id: `${r.id}>${proxy.id}`, source: r.id, target: proxy.id })),
      ],
      columns: view.columns.filter((c) => c.column !== 'client'),
    };
    const steps = pathSteps(shared);
    expect(steps.find((s) => s.column === 'proxy')!.entries.map((e) => e.box.id)).toContain(proxy.id);
    expect(steps.at(-1)!.column).toBe('client');
    expectEveryBoxOnce(shared);
  });
});
