// The cluster's platform from node providerIDs (../shared/reference/source-ip-catalog.md §2 step 1: use the
// majority prefix, flag mixtures) and the per-Service detection subject the catalog rules read.
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import { emptyFrontDoor, type FrontDoorModel } from '../../model/frontdoor';
import type { ConditionSubject } from './conditions';

const fdCache = new WeakMap<ClusterModel, FrontDoorModel>();

/** The model's front-door part (an empty one when the model was built without it). */
export function frontDoorOf(model: ClusterModel): FrontDoorModel {
  if (model.frontDoor) return model.frontDoor;
  let fd = fdCache.get(model);
  if (!fd) fdCache.set(model, (fd = emptyFrontDoor()));
  return fd;
}

const platformCache = new WeakMap<ClusterModel, { providerID: string | null; mixed: boolean }>();

/** The providerID most nodes share the scheme of (a sample of it), and whether schemes are mixed. */
export function platformOf(model: ClusterModel): { providerID: string | null; mixed: boolean } {
  let p = platformCache.get(model);
  if (p) return p;
  const counts = new Map<string, { n: number; sample: string }>();
  for (const node of model.nodes.values()) {
    if (!node.providerID) continue;
    // Alibaba's scheme-less `<region>.<instance-id>` counts as its own scheme.
    const scheme = node.providerID.includes('://') ? node.providerID.split('://')[0] : '(none)';
    const c = counts.get(scheme);
    if (c) c.n++;
    else counts.set(scheme, { n: 1, sample: node.providerID });
  }
  let best: { n: number; sample: string } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  p = { providerID: best?.sample ?? null, mixed: counts.size > 1 };
  platformCache.set(model, p);
  return p;
}

/** The catalog condition subject of a LoadBalancer Service. */
export function serviceSubject(model: ClusterModel, service: ServiceModel): ConditionSubject {
  const fd = frontDoorOf(model);
  const announcers = fd.announcers;
  const pool =
    service.annotations['metallb.io/ip-allocated-from-pool'] ??
    service.annotations['metallb.universe.tf/ip-allocated-from-pool'];
  const selectsPool = (ads: { pools: string[]; poolSelectors: unknown[] }[]) =>
    ads.some(
      (a) => (a.pools.length === 0 && a.poolSelectors.length === 0) || (pool !== undefined && a.pools.includes(pool)),
    );
  return {
    annotations: service.annotations,
    loadBalancerClass: service.loadBalancerClass,
    providerID: platformOf(model).providerID,
    servicePortProtocols: service.ports.map((p) => p.protocol),
    configMap: (key) => model.configMaps.get(key),
    custom(key, value) {
      if (key === 'objectsExist') {
        const kind = (value as { kind?: string }).kind;
        if (kind === 'L2Advertisement') return selectsPool(announcers.l2Advertisements);
        if (kind === 'BGPAdvertisement') return selectsPool(announcers.bgpAdvertisements);
        return false;
      }
      // The Service's status conditions are not in the model; an address from a Cilium LB-IPAM pool is the same fact.
      if (key === 'serviceCondition')
        return announcers.ciliumPools.length > 0 && service.loadBalancerIngress.length > 0;
      if (key === 'podLabelsInNamespace') {
        const pods = model.podsByNamespace.get('kube-system') ?? [];
        return pods.some(
          (p) =>
            p.labels['svccontroller.k3s.cattle.io/svcname'] === service.name &&
            (p.labels['svccontroller.k3s.cattle.io/svcnamespace'] ?? service.namespace) === service.namespace,
        );
      }
      return undefined;
    },
  };
}
