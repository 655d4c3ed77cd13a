// The committed demo snapshots are exactly the builders' output, internally consistent like a real
// cluster, and load into the model without warnings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import type { KubeObject } from '../model/k8s';
import { buildDemoCiliumCluster, buildDemoCluster, demoListJSON, toKubectlList } from './build-demo';
import { checkSnapshotConsistency, type ConsistencyRanges } from './consistency';
import { DEMO_CLUSTERS, findDemoCluster } from './index';
import { NW_EDGE, NW_PROD } from './northwind-constants';
import { renderStoriesMarkdown } from './frontdoor-stories';
import { renderScenariosMarkdown } from './scenarios';

const read = (file: string) => readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
const PROD_RANGES: ConsistencyRanges = {
  clusterCIDRs: [NW_PROD.podCIDRs.v4, NW_PROD.podCIDRs.v6],
  serviceCIDRs: [NW_PROD.serviceCIDRs.v4, NW_PROD.serviceCIDRs.v6],
};
const EDGE_RANGES: ConsistencyRanges = { clusterCIDRs: [NW_EDGE.podCIDRs.v4], serviceCIDRs: [NW_EDGE.serviceCIDRs.v4] };
const clone = (objs: KubeObject[]) => JSON.parse(JSON.stringify(objs)) as KubeObject[];
const count = (objs: KubeObject[], kind: string) => objs.filter((o) => o.kind === kind).length;

describe('committed demo snapshots', () => {
  it('demo-cluster.json is exactly buildDemoCluster() (run write-demo.ts after changing the builder)', () => {
    expect(read('./demo-cluster.json') === demoListJSON(buildDemoCluster())).toBe(true);
  });

  it('demo-cilium-cluster.json is exactly buildDemoCiliumCluster()', () => {
    expect(read('./demo-cilium-cluster.json') === demoListJSON(buildDemoCiliumCluster())).toBe(true);
  });

  it('SCENARIOS.md is rendered from the current scenarios and objects', () => {
    expect(read('./SCENARIOS.md')).toBe(
      renderScenariosMarkdown({ 'northwind-prod': buildDemoCluster(), 'northwind-edge': buildDemoCiliumCluster() }) +
        renderStoriesMarkdown(),
    );
  });

  it('the builders are deterministic', () => {
    expect(demoListJSON(buildDemoCluster())).toBe(demoListJSON(buildDemoCluster()));
    expect(demoListJSON(buildDemoCiliumCluster())).toBe(demoListJSON(buildDemoCiliumCluster()));
  });

  it('is a kubectl List with sorted keys, kinds in kubectl order, objects sorted by namespace/name', () => {
    const list = JSON.parse(read('./demo-cluster.json'));
    expect(Object.keys(list)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    const kinds = [...new Set(list.items.map((o: KubeObject) => o.kind))];
    expect(kinds).toEqual(['Service', 'EndpointSlice', 'Node', 'Pod', 'Namespace', 'NetworkPolicy', 'ConfigMap']);
    const pods = list.items
      .filter((o: KubeObject) => o.kind === 'Pod')
      .map((o: KubeObject) => `${o.metadata!.namespace}/${o.metadata!.name}`);
    expect(pods).toEqual([...pods].sort());
    expect(Object.keys(list.items[0].metadata)).toEqual([...Object.keys(list.items[0].metadata)].sort());
  });

  it('toKubectlList drops undefined fields and sorts nested keys', () => {
    const l = toKubectlList([
      { kind: 'Pod', metadata: { name: 'p', namespace: undefined, labels: { b: '1', a: '2' } } },
    ]);
    expect(JSON.stringify(l.items[0])).toBe('{"kind":"Pod","metadata":{"labels":{"a":"2","b":"1"},"name":"p"}}');
  });

  it('has the size of a real small production cluster', () => {
    const prod = buildDemoCluster();
    expect(count(prod, 'Node')).toBe(8);
    expect(count(prod, 'Service')).toBeGreaterThanOrEqual(25);
    expect(count(prod, 'Service')).toBeLessThanOrEqual(40);
    expect(count(prod, 'Pod')).toBeGreaterThanOrEqual(100);
    expect(count(prod, 'Pod')).toBeLessThanOrEqual(200);
    const zones = new Set(
      prod.filter((o) => o.kind === 'Node').map((n) => n.metadata!.labels!['topology.kubernetes.io/zone']),
    );
    expect([...zones].sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    const edge = buildDemoCiliumCluster();
    expect(count(edge, 'Node')).toBeGreaterThanOrEqual(3);
    expect(count(edge, 'Node')).toBeLessThanOrEqual(4);
  });
});

describe('DEMO_CLUSTERS', () => {
  it('lists both Northwind clusters, production first, then the five front-door stories, loading the committed objects', () => {
    expect(DEMO_CLUSTERS.map((c) => c.id)).toEqual([
      'northwind-prod',
      'northwind-edge',
      'pomerium-gke',
      'istio-proxy-protocol',
      'kong-aws',
      'tke-four-ways',
      'kubesphere-calico',
    ]);
    expect(DEMO_CLUSTERS[0].load()).toEqual(JSON.parse(read('./demo-cluster.json')).items);
    expect(findDemoCluster('northwind-edge')!.load()).toHaveLength(buildDemoCiliumCluster().length);
    expect(findDemoCluster('nope')).toBeUndefined();
    for (const c of DEMO_CLUSTERS) {
      expect(read(`../../${c.file}`).length).toBeGreaterThan(1000);
      expect(c.load(), c.id).toEqual(JSON.parse(read(`../../${c.file}`)).items);
    }
  });
});

describe('consistency of the demo clusters', () => {
  it('production: slices match pods, pod IPs in podCIDRs, unique ClusterIPs/NodePorts/LB IPs', () => {
    expect(checkSnapshotConsistency(buildDemoCluster(), PROD_RANGES)).toEqual([]);
  });

  it('edge (Cilium): consistent too', () => {
    expect(checkSnapshotConsistency(buildDemoCiliumCluster(), EDGE_RANGES)).toEqual([]);
  });

  it('both load into the model without a single warning', () => {
    for (const objs of [buildDemoCluster(), buildDemoCiliumCluster()]) {
      const model = buildClusterModel(objs);
      expect(model.warnings).toEqual([]);
      expect(model.services.size).toBe(count(objs, 'Service'));
      expect(model.pods.size).toBe(count(objs, 'Pod'));
      // Every pod-backed endpoint resolves to a pod of the model.
      for (const eps of model.endpointsByService.values())
        for (const ep of eps) if (ep.podKey) expect(model.pods.has(ep.podKey)).toBe(true);
    }
  });
});

describe('the consistency checker itself catches broken snapshots', () => {
  const mutate = (fn: (objs: KubeObject[]) => void): string[] => {
    const objs = clone(buildDemoCluster());
    fn(objs);
    return checkSnapshotConsistency(objs, PROD_RANGES);
  };
  const find = (objs: KubeObject[], kind: string, nsName: string) =>
    objs.find((o) => o.kind === kind && `${o.metadata?.namespace ?? ''}/${o.metadata?.name}` === nsName) as Record<
      string,
      any
    >;
  const sliceOf = (objs: KubeObject[], svc: string) =>
    objs.find(
      (o) =>
        o.kind === 'EndpointSlice' &&
        `${o.metadata?.namespace}/${o.metadata?.labels?.['kubernetes.io/service-name']}` === svc,
    ) as Record<string, any>;

  it('a slice endpoint address that is not its pod IP', () => {
    const problems = mutate((objs) => {
      sliceOf(objs, 'storefront/storefront-api').endpoints[0].addresses = ['10.244.99.99'];
    });
    expect(problems.some((p) => p.includes('not an IP of pod'))).toBe(true);
  });

  it('a slice endpoint on the wrong node', () => {
    const problems = mutate((objs) => {
      sliceOf(objs, 'storefront/storefront-api').endpoints[0].nodeName = 'prod-cp-01';
    });
    expect(problems.some((p) => p.includes('nodeName prod-cp-01 but the pod runs on'))).toBe(true);
  });

  it('a pod IP outside its node podCIDR', () => {
    const problems = mutate((objs) => {
      const pod = objs.find((o) => o.kind === 'Pod' && o.metadata?.name?.startsWith('cart-')) as Record<string, any>;
      pod.status.podIP = '10.244.250.7';
      pod.status.podIPs[0].ip = '10.244.250.7';
    });
    expect(problems.some((p) => p.includes('is outside prod-worker-0'))).toBe(true);
  });

  it('two Services with the same NodePort', () => {
    const problems = mutate((objs) => {
      const a = find(objs, 'Service', 'storefront/storefront-web');
      const b = find(objs, 'Service', 'partner-api/partner-gateway');
      b.spec.ports[0].nodePort = a.spec.ports[0].nodePort;
    });
    expect(problems.some((p) => p.startsWith('nodePort ') && p.includes('used by both'))).toBe(true);
  });

  it('a Local LoadBalancer without healthCheckNodePort', () => {
    const problems = mutate((objs) => {
      delete find(objs, 'Service', 'storefront/storefront-web').spec.healthCheckNodePort;
    });
    expect(problems).toContain(
      'Service storefront/storefront-web: healthCheckNodePort missing on a Local LoadBalancer',
    );
  });

  it('a selector Service whose slices were lost, and a pod that the slices forgot', () => {
    const lost = mutate((objs) => {
      objs.splice(objs.indexOf(sliceOf(objs, 'checkout/cart') as KubeObject), 1);
    });
    expect(lost).toContain('Service checkout/cart has a selector but no EndpointSlice');
    const forgot = mutate((objs) => {
      sliceOf(objs, 'checkout/cart').endpoints.pop();
    });
    expect(forgot.some((p) => p.startsWith('Service checkout/cart selects pod'))).toBe(true);
  });

  it('a slice that claims a terminating pod is ready', () => {
    const problems = mutate((objs) => {
      const ep = sliceOf(objs, 'ingress-nginx/ingress-nginx-controller').endpoints.find(
        (e: any) => e.conditions.terminating,
      );
      ep.conditions.ready = true;
    });
    expect(problems.some((p) => p.includes('ready=true disagrees with the pod'))).toBe(true);
  });

  it('a pod created before its node joined', () => {
    const problems = mutate((objs) => {
      const pod = objs.find(
        (o) => o.kind === 'Pod' && o.spec && (o.spec as { nodeName?: string }).nodeName === 'prod-worker-05',
      ) as Record<string, any>;
      pod.metadata.creationTimestamp = '2024-05-01T00:00:00Z';
    });
    expect(problems.some((p) => p.endsWith('was created before its node'))).toBe(true);
  });

  it('a ClusterIP outside the service CIDR', () => {
    const problems = mutate((objs) => {
      const s = find(objs, 'Service', 'billing/invoice-service');
      s.spec.clusterIP = '10.200.0.5';
      s.spec.clusterIPs = ['10.200.0.5'];
    });
    expect(problems).toContain('Service billing/invoice-service ClusterIP 10.200.0.5 is outside the service CIDRs');
  });
});
