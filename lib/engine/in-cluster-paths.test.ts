import { describe, expect, it } from 'vitest';
import { policyIndexFor } from './facade';
import { clientGroups, inClusterPaths, workloadOf } from './in-cluster-paths';
import { createPolicyHook } from './netpol';
import { netpol, pod } from './testing/fixtures';
import { WEB, webCluster } from './testing/scenarios';
import type { WebOptions } from './testing/scenarios';

/** The web scenario (endpoints web-a on node-a, web-b on node-b; client pod on node-c) as a context. */
function context(o: WebOptions = {}) {
  const { model, dataplane } = webCluster({ service: { type: 'ClusterIP' }, ...o });
  return {
    ctx: { model, dataplane, hook: createPolicyHook(model, dataplane, policyIndexFor(model)) },
    service: model.services.get('default/web')!,
  };
}

const groupOf = (p: ReturnType<typeof inClusterPaths>, key: string) => {
  const g = p.clients.find((c) => c.group.key === key);
  if (!g) throw new Error(`no group ${key} in ${p.clients.map((c) => c.group.key).join(', ')}`);
  return g;
};

describe('workloadOf', () => {
  it.each([
    ['storefront-web-6d6498549d-8qv27', null, 'storefront-web'],
    ['otel-agent-4qz5m', null, 'otel-agent'],
    ['session-redis-0', null, 'session-redis'],
    ['kube-apiserver-prod-cp-01', 'prod-cp-01', 'kube-apiserver'],
    ['client', null, 'client'],
  ])('%s → %s', (name, nodeName, workload) => {
    expect(workloadOf({ name, nodeName })).toBe(workload);
  });
});

describe('clientGroups', () => {
  const objects = [
    pod({ name: 'api-0', namespace: 'shop', ip: '10.244.1.10', node: 'node-a' }),
    pod({ name: 'api-1', namespace: 'shop', ip: '10.244.1.11', node: 'node-b' }),
    pod({ name: 'batch-7d9f8c6b5d-x2k4p', namespace: 'jobs', ip: '10.244.1.12', node: 'node-a' }),
    pod({ name: 'agent-4qz5m', namespace: 'ops', ip: '10.244.1.13', node: 'node-b' }),
    pod({ name: 'host-agent', namespace: 'ops', ip: '192.168.0.5', node: 'node-b', hostNetwork: true }),
  ];

  it("lists the Service's own namespace first, then by key; host-network pods are no clients", () => {
    const { model } = webCluster({ service: { type: 'ClusterIP' }, extra: objects });
    const inShop = { ...model.services.get('default/web')!, namespace: 'shop' };
    const keys = (svc: typeof inShop) => [...clientGroups(model, svc).keys()];
    expect(keys(inShop).slice(0, 1)).toEqual(['shop/api']);
    expect(keys(inShop).filter((k) => !k.startsWith('shop/'))).toEqual(
      keys(inShop)
        .filter((k) => !k.startsWith('shop/'))
        .sort((a, b) => a.localeCompare(b)),
    );
    expect(keys(inShop)).toContain('jobs/batch');
    expect(keys(inShop)).toContain('ops/agent');
    expect(keys(inShop)).not.toContain('ops/host-agent');
    expect(
      clientGroups(model, inShop)
        .get('shop/api')!
        .map((p) => p.key),
    ).toEqual(['shop/api-0', 'shop/api-1']);
    // Another Service's namespace first, from the same grouping.
    const inOps = { ...inShop, namespace: 'ops' };
    expect(keys(inOps)[0]).toBe('ops/agent');
    expect(new Set(keys(inOps))).toEqual(new Set(keys(inShop)));
  });

  it('groups a pod set once: a model sharing the pods reuses it, a rebuilt model is grouped afresh', () => {
    const { model } = webCluster({ service: { type: 'ClusterIP' }, extra: objects });
    const svc = model.services.get('default/web')!;
    const first = clientGroups(model, svc).get('shop/api')!;
    // A what-if model (another Service map, the same pods) gets the very same groups.
    expect(clientGroups({ ...model, services: new Map(model.services) }, svc).get('shop/api')).toBe(first);
    const rebuilt = webCluster({ service: { type: 'ClusterIP' }, extra: objects.slice(0, 1) }).model;
    expect(
      clientGroups(rebuilt, svc)
        .get('shop/api')!
        .map((p) => p.key),
    ).toEqual(['shop/api-0']);
  });
});

describe('inClusterPaths', () => {
  it('iTP=Cluster: the client pod reaches both endpoints through its own node, not masqueraded', () => {
    const { ctx, service } = context();
    const p = inClusterPaths(ctx, service, 'Cluster');
    expect(p.actual).toBe(true);
    expect(p.entry).toEqual({ address: WEB.clusterIP, port: WEB.port, protocol: 'TCP' });
    const g = groupOf(p, 'default/client');
    expect(g.routes).toHaveLength(1);
    expect(g.routes[0]).toMatchObject({ node: 'node-c', verdict: 'forwarded', tracedPod: 'default/client' });
    expect(g.routes[0].endpoints.map((e) => e.pod).sort()).toEqual(['default/web-a', 'default/web-b']);
    expect(g.routes[0].endpoints.every((e) => e.sourceIP === WEB.clientPod.ip)).toBe(true);
    expect(g.policy).toBe('allowed');
  });

  it('iTP=Local (what-if): a client on a node without an endpoint is dropped; one beside web-a reaches only it', () => {
    const extra = [pod({ name: 'client-a', ip: '10.244.0.9', node: 'node-a', labels: { app: 'client' } })];
    const { ctx, service } = context({ extra });
    const p = inClusterPaths(ctx, service, 'Local');
    expect(p.actual).toBe(false);
    const c = groupOf(p, 'default/client');
    expect(c.routes[0]).toMatchObject({ node: 'node-c', verdict: 'dropped', endpoints: [] });
    expect(c.policy).toBeNull();
    const a = groupOf(p, 'default/client-a');
    expect(a.routes[0].endpoints.map((e) => e.pod)).toEqual(['default/web-a']);
    // The Service itself is untouched: the what-if lives in a copy of the model.
    expect(ctx.model.services.get('default/web')!.internalTrafficPolicy).toBe('Cluster');
  });

  it('a default-deny policy on the web pods denies every client group, naming the policy', () => {
    const deny = netpol({ name: 'web-deny', podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    const { ctx, service } = context({ extra: [deny] });
    const g = groupOf(inClusterPaths(ctx, service, 'Cluster'), 'default/client');
    expect(g.policy).toBe('denied');
    expect(g.policyReason).toContain('default/web-deny');
  });

  it('traces one chosen pod instead of every workload', () => {
    const { ctx, service } = context();
    const p = inClusterPaths(ctx, service, 'Cluster', { clientPod: 'default/client' });
    expect(p.clients.map((c) => c.group.key)).toEqual(['default/client']);
    const missing = inClusterPaths(ctx, service, 'Cluster', { clientPod: 'default/nope' });
    expect(missing.clients).toEqual([]);
    expect(missing.notes[0]).toContain('default/nope');
  });

  it('traces a workload once under iTP=Cluster (every node decides alike) and once per node under Local', () => {
    const extra = [
      pod({ name: 'client-7d9f8c6b5-abcde', ip: '10.244.0.9', node: 'node-a', labels: { app: 'client' } }),
      pod({ name: 'client-7d9f8c6b5-fghij', ip: '10.244.2.9', node: 'node-c', labels: { app: 'client' } }),
    ];
    const { ctx, service } = context({ extra });
    const cluster = groupOf(inClusterPaths(ctx, service, 'Cluster'), 'default/client');
    expect(cluster.group.pods).toBe(3);
    expect(cluster.routes).toHaveLength(1);
    expect(cluster.routes[0]).toMatchObject({ nodes: ['node-a', 'node-c'], pods: 3 });
    const local = groupOf(inClusterPaths(ctx, service, 'Local'), 'default/client');
    expect(local.routes.map((r) => [r.node, r.pods, r.verdict])).toEqual([
      ['node-a', 1, 'forwarded'],
      ['node-c', 2, 'dropped'],
    ]);
  });

  it('a headless Service has no ClusterIP path', () => {
    const { ctx, service } = context({ service: { type: 'ClusterIP', clusterIP: 'None' } });
    const p = inClusterPaths(ctx, service, 'Cluster');
    expect(p.entry).toBeNull();
    expect(p.notes[0]).toMatch(/headless/);
  });
});
