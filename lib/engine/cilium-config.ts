// Reads the kube-system/cilium-config ConfigMap: whether Cilium replaces kube-proxy and how its
// load balancer forwards (../shared/reference/source-ip-catalog.md §5 cilium-kpr configMapKeys; kubeproxy-free.rst).
import type { ClusterModel, Protocol, ServiceModel } from '../model/cluster';
import { RULES } from './rules';
import type { Dataplane } from './types';

/** Cilium settings, with Cilium's defaults applied. */
export interface CiliumSettings {
  kubeProxyReplacement: boolean;
  /** As written, e.g. "partial" (older releases), for notes. */
  kubeProxyReplacementRaw: string | null;
  loadBalancerMode: 'snat' | 'dsr' | 'hybrid' | 'annotation';
  /** The mode for Services without the forwarding-mode annotation when annotation mode is on. */
  defaultForwardingMode: 'snat' | 'dsr' | 'hybrid';
  policyCIDRMatchNodes: boolean;
  sourceRangeCheck: boolean;
  routing: 'tunnel' | 'native';
  tunnelProtocol: 'vxlan' | 'geneve';
  noBackendResponse: 'reject' | 'drop';
  externalClusterIP: boolean;
  /** kube-proxy-replacement-healthz-bind-address: the :10256-style node health server (optional in Cilium). */
  healthzBindAddress: string | null;
  /** enable-health-check-nodeport (default true): Cilium answers on healthCheckNodePort. */
  healthCheckNodePort: boolean;
}

export const CILIUM_CONFIGMAP = 'kube-system/cilium-config';
export const CILIUM_FORWARDING_MODE_ANNOTATION = 'service.cilium.io/forwarding-mode';

const truthy = (v: string | undefined) =>
  v !== undefined && ['true', '1', 'yes', 'strict'].includes(v.trim().toLowerCase());

const cache = new WeakMap<ClusterModel, CiliumSettings | null>();

/** Parses cilium-config (cached per model); null when the ConfigMap is absent. */
export function readCiliumConfig(model: ClusterModel): CiliumSettings | null {
  if (cache.has(model)) return cache.get(model)!;
  const settings = parseCiliumConfig(model);
  cache.set(model, settings);
  return settings;
}

function parseCiliumConfig(model: ClusterModel): CiliumSettings | null {
  const data = model.configMaps.get(CILIUM_CONFIGMAP);
  if (!data) return null;
  const get = (k: string) => (typeof data[k] === 'string' ? data[k].trim() : undefined);
  const kpr = get('kube-proxy-replacement') ?? null;
  const rawMode = (get('bpf-lb-mode') ?? 'snat').toLowerCase();
  const baseMode: CiliumSettings['defaultForwardingMode'] =
    rawMode === 'dsr' || rawMode === 'hybrid' ? rawMode : 'snat';
  const annotation = rawMode === 'annotation' || truthy(get('bpf-lb-mode-annotation'));
  // routing-mode (1.14+) or the legacy `tunnel` key (vxlan | geneve | disabled); Cilium defaults to vxlan tunnelling.
  const legacyTunnel = get('tunnel');
  const routingMode = get('routing-mode');
  const routing: CiliumSettings['routing'] =
    routingMode === 'native' || legacyTunnel === 'disabled' ? 'native' : 'tunnel';
  const proto =
    (get('tunnel-protocol') ?? (legacyTunnel && legacyTunnel !== 'disabled' ? legacyTunnel : 'vxlan')) === 'geneve'
      ? 'geneve'
      : 'vxlan';
  const cidrMatch = (get('policy-cidr-match-mode') ?? '').split(/[,\s]+/).filter(Boolean);
  return {
    kubeProxyReplacement: truthy(kpr ?? undefined),
    kubeProxyReplacementRaw: kpr,
    loadBalancerMode: annotation ? 'annotation' : baseMode,
    defaultForwardingMode: baseMode,
    policyCIDRMatchNodes: cidrMatch.includes('nodes'),
    sourceRangeCheck:
      get('enable-svc-source-range-check') === undefined ? true : truthy(get('enable-svc-source-range-check')),
    routing,
    tunnelProtocol: proto,
    noBackendResponse: get('service-no-backend-response') === 'drop' ? 'drop' : 'reject',
    externalClusterIP: truthy(get('bpf-lb-external-clusterip')),
    healthzBindAddress: get('kube-proxy-replacement-healthz-bind-address') || null,
    healthCheckNodePort:
      get('enable-health-check-nodeport') === undefined ? true : truthy(get('enable-health-check-nodeport')),
  };
}

/** How Cilium's replacement forwards north-south traffic of one Service port to a remote backend. */
export function ciliumForwardingMode(
  dataplane: Dataplane,
  model: ClusterModel,
  service: ServiceModel,
  protocol: Protocol,
): { mode: 'snat' | 'dsr'; rule: string } {
  const settings = readCiliumConfig(model);
  let mode: 'snat' | 'dsr' | 'hybrid' = settings?.defaultForwardingMode ?? 'snat';
  let rule: string = RULES.ciliumSnatMode;
  if (dataplane.cilium?.loadBalancerMode === 'annotation') {
    const a = service.annotations[CILIUM_FORWARDING_MODE_ANNOTATION]?.trim().toLowerCase();
    if (a === 'dsr' || a === 'snat') mode = a;
    rule = RULES.ciliumAnnotationMode;
  } else if (dataplane.cilium) {
    mode = dataplane.cilium.loadBalancerMode;
  }
  if (mode === 'hybrid') return { mode: protocol === 'TCP' ? 'dsr' : 'snat', rule: RULES.ciliumHybridMode };
  if (mode === 'dsr') return { mode: 'dsr', rule: rule === RULES.ciliumAnnotationMode ? rule : RULES.ciliumDsrMode };
  return { mode: 'snat', rule };
}
