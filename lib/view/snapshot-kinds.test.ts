import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '@/lib/model/build';
import { FRONT_DOOR_KINDS } from '@/lib/model/frontdoor-k8s';
import { KNOWN_KINDS, type KubeObject } from '@/lib/model/k8s';
import { SNAPSHOT_KINDS, exampleCommand, frontDoorCommand, missingKinds } from './snapshot-kinds';

const demo = JSON.parse(readFileSync('lib/demo/demo-cluster.json', 'utf8')) as { items: KubeObject[] };
const modelWithout = (kind: string | null) => buildClusterModel(demo.items.filter((o) => o.kind !== kind));

describe('the /local example command', () => {
  it('asks for every kind the engine reads (the legacy Endpoints API aside), configmaps included', () => {
    const asked = new Set<string>(SNAPSHOT_KINDS.map((k) => k.kind));
    // The front-door kinds are a second command: kubectl refuses a resource type whose CRD is absent.
    const frontDoor = new Set<string>(FRONT_DOOR_KINDS);
    expect(KNOWN_KINDS.filter((k) => k !== 'Endpoints' && !frontDoor.has(k) && !asked.has(k))).toEqual([]);
    expect(exampleCommand()).toBe(
      'kubectl get services,endpointslices,nodes,pods,namespaces,networkpolicies,configmaps -A -o json > cluster.json',
    );
  });

  it('asks for every front-door kind in a second command (one resource per kind; Gateway twice: Gateway API and Istio)', () => {
    const resources = frontDoorCommand().split(' ')[2].split(',');
    expect(resources).toHaveLength(FRONT_DOOR_KINDS.length + 1);
    expect(resources).toContain('gateways.networking.istio.io');
    expect(resources).toContain('ingresses');
  });

  it('says what is lost without each kind', () => {
    for (const k of SNAPSHOT_KINDS) expect(k.withoutIt.length, k.kind).toBeGreaterThan(20);
    expect(SNAPSHOT_KINDS.find((k) => k.kind === 'ConfigMap')?.withoutIt).toMatch(/iptables mode is assumed/);
  });
});

describe('missingKinds', () => {
  it('reports nothing for the full demo snapshot', () => {
    expect(missingKinds(modelWithout(null))).toEqual([]);
  });

  it.each(['EndpointSlice', 'Node', 'Pod', 'Namespace', 'NetworkPolicy', 'ConfigMap'])(
    'names %s when the files hold none',
    (kind) => {
      expect(missingKinds(modelWithout(kind)).map((k) => k.kind)).toEqual([kind]);
    },
  );

  it('counts only the dataplane ConfigMaps (kube-proxy, cilium-config, antrea-config)', () => {
    const onlyOthers = demo.items.filter(
      (o) =>
        o.kind !== 'ConfigMap' || !['kube-proxy', 'cilium-config', 'antrea-config'].includes(o.metadata?.name ?? ''),
    );
    expect(onlyOthers.some((o) => o.kind === 'ConfigMap')).toBe(true);
    expect(missingKinds(buildClusterModel(onlyOthers)).map((k) => k.kind)).toEqual(['ConfigMap']);
  });

  it('stays quiet when there are no Services at all', () => {
    expect(missingKinds(buildClusterModel([]))).toEqual([]);
  });
});
