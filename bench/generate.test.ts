import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/model/k8s';
import { generateCluster, inKubectlOrder, scenarioNamed, SCENARIOS } from './generate';

const obj = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});
const ids = (items: KubeObject[]) =>
  items.map((o) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`);

describe('inKubectlOrder', () => {
  it('groups by resource in the README command order and sorts each by etcd key (namespace/name)', () => {
    const items = [
      obj('Pod', 'app-10', 'ns-1'),
      obj('Namespace', 'ns-1'),
      obj('Service', 'b', 'ns-1'),
      obj('Pod', 'app-9', 'ns-1'),
      obj('Node', 'node-2'),
      obj('Service', 'a', 'ns-1'),
      obj('Pod', 'x', 'a-b'),
      obj('Pod', 'x', 'a'),
      obj('Node', 'node-10'),
    ];
    expect(ids(inKubectlOrder(items))).toEqual([
      'Service ns-1/a',
      'Service ns-1/b',
      'Node node-10',
      'Node node-2',
      // etcd's keys: "a-b/x" < "a/x" ('-' sorts before '/'), and "app-10" < "app-9" (bytes, not numbers)
      'Pod a-b/x',
      'Pod a/x',
      'Pod ns-1/app-10',
      'Pod ns-1/app-9',
      'Namespace ns-1',
    ]);
  });

  it("tells the Gateway API's Gateway from Istio's by API group", () => {
    const items = [
      obj('VirtualService', 'v', 'ns', 'networking.istio.io/v1'),
      obj('Gateway', 'istio', 'ns', 'networking.istio.io/v1'),
      obj('HTTPRoute', 'r', 'ns', 'gateway.networking.k8s.io/v1'),
      obj('Gateway', 'api', 'ns', 'gateway.networking.k8s.io/v1'),
    ];
    expect(ids(inKubectlOrder(items))).toEqual([
      'Gateway ns/api',
      'HTTPRoute ns/r',
      'Gateway ns/istio',
      'VirtualService ns/v',
    ]);
  });

  it('refuses a kind it has no order for instead of placing it anywhere', () => {
    expect(() => inKubectlOrder([obj('Secret', 's', 'ns')])).toThrow(/no kubectl order for Secret/);
  });
});

describe('generateCluster', () => {
  it.each(SCENARIOS)('%s: every object once, in kubectl order', (scenario) => {
    const items = generateCluster({ nodes: 30, pods: 600, services: 100, networkPolicies: 10 }, scenario);
    const list = ids(items);
    expect(new Set(list).size).toBe(list.length);
    expect(ids(inKubectlOrder([...items].reverse()))).toEqual(list);
    // One run per resource: a kind never comes back after another one started.
    const runs = items.map((o) => `${o.kind} ${o.apiVersion}`).filter((r, i, a) => i === 0 || a[i - 1] !== r);
    expect(new Set(runs).size).toBe(runs.length);
  });
});

describe('scenarioNamed', () => {
  it('accepts every shape and the cluster without front doors', () => {
    for (const s of [...SCENARIOS, 'no-front-doors']) expect(scenarioNamed(s)).toBe(s);
  });
  it('refuses a misspelt or missing name, naming the valid ones', () => {
    expect(() => scenarioNamed('node-allowlist')).toThrow(/unknown scenario "node-allowlist".*node-allowlists/);
    expect(() => scenarioNamed(undefined)).toThrow(/unknown scenario ""; the scenarios are standard, /);
  });
});
