// A snapshot of the live cluster exactly as the README tells users to take one: the core kinds, then the
// front-door kinds that the cluster serves (kubectl refuses a resource type whose CRD is absent).
import { writeFileSync } from 'node:fs';
import type { ControlPlane } from './controlplane';
import { kubectl } from './kubectl';

/** The kinds kubepath reads, in the README's `kubectl get` order. */
export const SNAPSHOT_KINDS = 'services,endpointslices,nodes,pods,namespaces,networkpolicies,configmaps';

/** The README's front-door `kubectl get` (fully qualified, as `kubectl api-resources -o name` prints them). */
export const FRONT_DOOR_RESOURCES = [
  'ingresses.networking.k8s.io',
  'ingressclasses.networking.k8s.io',
  'gateways.gateway.networking.k8s.io',
  'gatewayclasses.gateway.networking.k8s.io',
  'httproutes.gateway.networking.k8s.io',
  'gateways.networking.istio.io',
  'virtualservices.networking.istio.io',
  'ipaddresspools.metallb.io',
  'l2advertisements.metallb.io',
  'bgpadvertisements.metallb.io',
  'servicel2statuses.metallb.io',
  'eips.network.kubesphere.io',
  'ciliumloadbalancerippools.cilium.io',
  'ciliuml2announcementpolicies.cilium.io',
];

/** Writes `kubectl get SNAPSHOT_KINDS -A -o json` plus the served front-door kinds to `file` as one List. */
export async function takeSnapshot(cp: ControlPlane, file: string, kubeconfig?: string): Promise<void> {
  const core = JSON.parse(await kubectl(cp, ['get', SNAPSHOT_KINDS, '-A', '-o', 'json'], { kubeconfig })) as {
    items: unknown[];
  };
  const served = new Set((await kubectl(cp, ['api-resources', '-o', 'name'], { kubeconfig })).split('\n'));
  const present = FRONT_DOOR_RESOURCES.filter((r) => served.has(r));
  if (present.length) {
    const fd = JSON.parse(await kubectl(cp, ['get', present.join(','), '-A', '-o', 'json'], { kubeconfig })) as {
      items: unknown[];
    };
    core.items.push(...fd.items);
  }
  writeFileSync(file, JSON.stringify(core));
}
