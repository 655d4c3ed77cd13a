// The kinds the engine reads, as `kubectl get` resource names, with what an analysis loses when a
// snapshot leaves one out. The /local page builds its example command from this list and names
// what is missing from the files it was given. Pure (tested against lib/model's KNOWN_KINDS).
import { ANTREA_CONFIGMAP, KUBE_PROXY_CONFIGMAP } from '@/lib/engine/dataplane';
import { CILIUM_CONFIGMAP } from '@/lib/engine/cilium-config';
import type { ClusterModel } from '@/lib/model/cluster';
import type { KnownKind } from '@/lib/model/k8s';

/** One kind of the example command. */
export interface SnapshotKind {
  kind: KnownKind;
  /** The `kubectl get` resource name. */
  resource: string;
  /** What the analysis loses without it (one sentence). */
  withoutIt: string;
}

/**
 * Every kind the engine reads, in command order. `Endpoints` (the legacy API) is left out on purpose:
 * it is only read when a snapshot has no EndpointSlices, and kube-proxy itself reads slices.
 */
export const SNAPSHOT_KINDS: readonly SnapshotKind[] = [
  { kind: 'Service', resource: 'services', withoutIt: 'nothing to analyse: no Service, no path.' },
  {
    kind: 'EndpointSlice',
    resource: 'endpointslices',
    withoutIt:
      'endpoints are guessed from Service selectors and pod readiness (no terminating/serving state, no topology hints).',
  },
  {
    kind: 'Node',
    resource: 'nodes',
    withoutIt:
      'no node rows: load-balancer spread, health checks, NodePort addresses and SNAT addresses cannot be worked out.',
  },
  {
    kind: 'Pod',
    resource: 'pods',
    withoutIt: 'no pod names or labels: NetworkPolicy pod selectors match nothing and pod shares are unnamed.',
  },
  {
    kind: 'Namespace',
    resource: 'namespaces',
    withoutIt: 'NetworkPolicy namespaceSelectors can only match the kubernetes.io/metadata.name label.',
  },
  {
    kind: 'NetworkPolicy',
    resource: 'networkpolicies',
    withoutIt: 'every pod counts as open to all traffic: no policy verdicts, no allow-list findings.',
  },
  {
    kind: 'ConfigMap',
    resource: 'configmaps',
    withoutIt: `the dataplane is unknown (${KUBE_PROXY_CONFIGMAP}, ${CILIUM_CONFIGMAP}, ${ANTREA_CONFIGMAP}): kube-proxy in iptables mode is assumed, so a Cilium or IPVS cluster gets wrong answers and false findings.`,
  },
];

/** The example command: every kind, all namespaces, one JSON file. */
export function exampleCommand(file = 'cluster.json'): string {
  return `kubectl get ${SNAPSHOT_KINDS.map((k) => k.resource).join(',')} -A -o json > ${file}`;
}

/** The ConfigMaps the dataplane detection reads (the only ones that matter). */
const DATAPLANE_CONFIGMAPS = [KUBE_PROXY_CONFIGMAP, CILIUM_CONFIGMAP, ANTREA_CONFIGMAP];

/** How many objects of each kind the model holds (for ConfigMaps: only the dataplane ones). */
function countOf(kind: KnownKind, model: ClusterModel): number {
  switch (kind) {
    case 'Service':
      return model.services.size;
    case 'EndpointSlice':
    case 'Endpoints': {
      // Endpoints derived from selectors exist only when the files hold no EndpointSlices/Endpoints at all.
      for (const eps of model.endpointsByService.values()) if (eps.some((e) => e.source === 'selector')) return 0;
      return 1;
    }
    case 'Node':
      return model.nodes.size;
    case 'Pod':
      return model.pods.size;
    case 'Namespace':
      return model.namespaces.size;
    case 'NetworkPolicy': {
      let n = 0;
      for (const list of model.policiesByNamespace.values()) n += list.length;
      return n;
    }
    case 'ConfigMap':
      return DATAPLANE_CONFIGMAPS.filter((k) => model.configMaps.has(k)).length;
    default:
      // The front-door kinds (issue 9) are not in SNAPSHOT_KINDS: most clusters lack their CRDs.
      return 1;
  }
}

/**
 * Kinds the files hold none of. Absence is not proof they were left out (a cluster may have no
 * NetworkPolicies), so the page words it as "if the cluster has them". Nothing is reported for a
 * model without Services: the empty snapshot has its own message.
 */
export function missingKinds(model: ClusterModel): SnapshotKind[] {
  if (model.services.size === 0) return [];
  return SNAPSHOT_KINDS.filter((k) => countOf(k.kind, model) === 0);
}
