// Detects the service proxy, the CNI and the overlay from cluster objects (../shared/reference/source-ip-catalog.md §2 step 6,
// §5, §6). A kube-proxy replacement wins over a kube-proxy ConfigMap that may still exist. Whatever the
// snapshot does not say is assumed and written into `assumptions`, which every output shows.
import type { ClusterModel, NodeModel } from '../model/cluster';
import { readCiliumConfig, type CiliumSettings } from './cilium-config';
import { localhostNodePortsEnabled, readKubeProxyConfig, type KubeProxySettings } from './kube-proxy-config';
import type { CniKind, Dataplane } from './types';
import { parse as parseYaml } from 'yaml';

export const KUBE_PROXY_CONFIGMAP = 'kube-system/kube-proxy';
/**
 * EKS keeps the KubeProxyConfiguration here (key `config`) and only a kubeconfig in kube-system/kube-proxy
 * (https://repost.aws/knowledge-center/eks-configure-ipvs-kube-proxy: "kubectl edit cm kube-proxy-config -n
 * kube-system … change the mode parameter from iptables to ipvs").
 */
export const KUBE_PROXY_EKS_CONFIGMAP = 'kube-system/kube-proxy-config';
export const ANTREA_CONFIGMAP = 'kube-system/antrea-config';

/** How many node pod CIDRs `clusterCIDRs` lists when they stand in for clusterCIDR. */
const MAX_LISTED_POD_CIDRS = 16;

/** Detects (or assumes) the dataplane; reads ConfigMaps and node annotations once, O(nodes). */
export function detectDataplane(model: ClusterModel): Dataplane {
  const assumptions: string[] = [];
  const cilium = readCiliumConfig(model);
  const found = findKubeProxyConfig(model, assumptions);
  const kp = found?.settings ?? null;
  const cmUnreadable = model.unavailableKinds.ConfigMap;
  const cni = detectCni(model, cilium, assumptions);

  let dp: Dataplane;
  if (cilium?.kubeProxyReplacement) {
    dp = base('cilium-kpr', 'cilium-config', cni.kind, cni.overlay, assumptions);
    if (found)
      assumptions.push(
        `${found.name} exists but Cilium replaces kube-proxy (kube-proxy-replacement=true); the ConfigMap is ignored`,
      );
    // Cilium's replacement decides SNAT by itself; the kube-proxy LocalTrafficDetector does not exist.
    dp.clusterCIDRs = podCIDRsOfNodes(model, assumptions, false);
    dp.detectLocalMode = 'None';
  } else if (kp) {
    dp = base(kp.mode, 'kube-proxy-configmap', cni.kind, cni.overlay, assumptions);
    applyKubeProxy(dp, kp, model, assumptions);
  } else {
    dp = base('iptables', 'assumed', cni.kind, cni.overlay, assumptions);
    assumptions.push(
      cmUnreadable
        ? `ConfigMaps could not be read (${cmUnreadable}); assumed kube-proxy in iptables mode`
        : missingKubeProxyConfig(model, cilium !== null),
    );
    // Without clusterCIDR, use each node's podCIDR as the pod range (detectLocalMode NodeCIDR).
    const cidrs = podCIDRsOfNodes(model, assumptions, true);
    dp.clusterCIDRs = cidrs;
    if (cidrs.length > 0) {
      dp.detectLocalMode = 'NodeCIDR';
      assumptions.push(
        "clusterCIDR unknown: pod traffic recognised by each node's spec.podCIDR (as detectLocalMode NodeCIDR)",
      );
    } else {
      dp.detectLocalMode = 'None';
      assumptions.push(
        'no pod CIDR known (no clusterCIDR, no node podCIDR): kube-proxy cannot tell pods from other sources, so node and external traffic to ClusterIPs is not masqueraded and pods lose the short-circuit to eTP=Local Services (TestInternalExternalMasquerade, no LocalTrafficDetector)',
      );
    }
  }
  if (cilium) {
    dp.cilium = {
      kubeProxyReplacement: cilium.kubeProxyReplacement,
      loadBalancerMode: cilium.loadBalancerMode,
      policyCIDRMatchNodes: cilium.policyCIDRMatchNodes,
      sourceRangeCheck: cilium.sourceRangeCheck,
    };
    if (
      !cilium.kubeProxyReplacement &&
      cilium.kubeProxyReplacementRaw &&
      !['false', 'disabled'].includes(cilium.kubeProxyReplacementRaw)
    ) {
      assumptions.push(
        `cilium kube-proxy-replacement="${cilium.kubeProxyReplacementRaw}" is treated as no replacement (kube-proxy still handles Services)`,
      );
    }
    if (cilium.kubeProxyReplacement && cilium.loadBalancerMode === 'annotation') {
      assumptions.push(
        `Cilium annotation mode: Services without ${'service.cilium.io/forwarding-mode'} use ${cilium.defaultForwardingMode}`,
      );
    }
  }
  return dp;
}

/**
 * The KubeProxyConfiguration of kube-system/kube-proxy (kubeadm) or, failing that, kube-system/kube-proxy-config
 * (EKS). Which file kube-proxy reads is its `--config` flag, which no ConfigMap shows: when both hold a
 * configuration with different modes, the kubeadm one is used and the conflict is written into the assumptions.
 */
function findKubeProxyConfig(
  model: ClusterModel,
  assumptions: string[],
): { name: string; settings: KubeProxySettings } | null {
  const found: { name: string; settings: KubeProxySettings }[] = [];
  for (const name of [KUBE_PROXY_CONFIGMAP, KUBE_PROXY_EKS_CONFIGMAP]) {
    const data = model.configMaps.get(name);
    const settings = data ? readKubeProxyConfig(data, name) : null;
    if (settings) found.push({ name, settings });
  }
  if (found.length === 0) return null;
  const [used, other] = found;
  assumptions.push(...used.settings.problems);
  if (other && other.settings.mode !== used.settings.mode)
    assumptions.push(
      `${used.name} (mode ${used.settings.mode}) and ${other.name} (mode ${other.settings.mode}) both hold a KubeProxyConfiguration; ${used.name} is used (kube-proxy reads the file its --config flag names)`,
    );
  return used;
}

/** The assumption when no KubeProxyConfiguration was found: names what the snapshot has and what it lacks. */
function missingKubeProxyConfig(model: ClusterModel, hasCiliumConfig: boolean): string {
  const names = [KUBE_PROXY_CONFIGMAP, KUBE_PROXY_EKS_CONFIGMAP];
  const present = names.filter((n) => model.configMaps.has(n));
  const absent = names.filter((n) => !model.configMaps.has(n));
  const cilium = hasCiliumConfig ? ', and cilium-config does not replace kube-proxy' : '';
  if (present.length === 0)
    return hasCiliumConfig
      ? `no kube-system/kube-proxy or kube-proxy-config ConfigMap in the snapshot${cilium}; assumed kube-proxy in iptables mode`
      : 'no kube-system/kube-proxy, kube-proxy-config or cilium-config ConfigMap in the snapshot; assumed kube-proxy in iptables mode';
  const held = present.map((n) => `${n} (keys: ${Object.keys(model.configMaps.get(n) ?? {}).join(', ') || 'none'})`);
  const missing = absent.length > 0 ? `, no ${absent.join(', ')} ConfigMap in the snapshot` : '';
  return `no KubeProxyConfiguration in ${held.join(' or ')}${missing}${cilium}; kube-proxy defaults assumed: iptables mode`;
}

function base(
  proxyMode: Dataplane['proxyMode'],
  source: Dataplane['proxyModeSource'],
  cni: CniKind,
  overlay: Dataplane['overlay'],
  assumptions: string[],
): Dataplane {
  return {
    proxyMode,
    proxyModeSource: source,
    clusterCIDRs: [],
    detectLocalMode: 'ClusterCIDR',
    masqueradeAll: false,
    nodePortAddresses: [],
    localhostNodePorts: proxyMode === 'iptables',
    cni,
    overlay,
    cilium: null,
    assumptions,
  };
}

function applyKubeProxy(dp: Dataplane, kp: KubeProxySettings, model: ClusterModel, assumptions: string[]): void {
  dp.masqueradeAll = kp.masqueradeAll;
  dp.nodePortAddresses = kp.nodePortAddresses;
  dp.localhostNodePorts = localhostNodePortsEnabled(kp.mode, kp.localhostNodePortsSetting, kp.nodePortAddresses);
  dp.detectLocalMode = kp.detectLocalMode;
  if (kp.detectLocalMode === 'ClusterCIDR') {
    dp.clusterCIDRs = kp.clusterCIDRs;
    if (kp.clusterCIDRs.length === 0) {
      // cmd/kube-proxy/app/server_linux.go getLocalDetector: ClusterCIDR mode without a CIDR → no-op detector.
      dp.detectLocalMode = 'None';
      assumptions.push(
        'kube-proxy detectLocalMode is ClusterCIDR but clusterCIDR is empty: kube-proxy runs without a LocalTrafficDetector, so node and external traffic to ClusterIPs is not masqueraded and pods lose the short-circuit to eTP=Local Services',
      );
    }
  } else if (kp.detectLocalMode === 'NodeCIDR') {
    dp.clusterCIDRs = podCIDRsOfNodes(model, assumptions, true);
    if (dp.clusterCIDRs.length === 0) {
      dp.detectLocalMode = 'None';
      assumptions.push('detectLocalMode NodeCIDR but no node has spec.podCIDR: no LocalTrafficDetector');
    }
  } else if (kp.detectLocalMode === 'BridgeInterface' || kp.detectLocalMode === 'InterfaceNamePrefix') {
    dp.clusterCIDRs = podCIDRsOfNodes(model, assumptions, true);
    assumptions.push(
      `detectLocalMode ${kp.detectLocalMode}: pods are recognised by the interface they arrive on; modelled as "pods on the receiving node" (their node's podCIDR or pod IP)`,
    );
  }
}

function podCIDRsOfNodes(model: ClusterModel, assumptions: string[], note: boolean): string[] {
  const seen = new Set<string>();
  for (const n of model.nodes.values()) for (const c of n.podCIDRs) seen.add(c.text);
  const all = [...seen];
  if (note && all.length > MAX_LISTED_POD_CIDRS) {
    assumptions.push(`clusterCIDRs lists ${MAX_LISTED_POD_CIDRS} of ${all.length} node pod CIDRs`);
  }
  return all.slice(0, MAX_LISTED_POD_CIDRS);
}

// ---- CNI and overlay -------------------------------------------------------------------------

interface CniGuess {
  kind: CniKind;
  overlay: Dataplane['overlay'];
}

function hasPrefix(n: NodeModel, prefixes: string[]): boolean {
  for (const k of Object.keys(n.annotations)) if (prefixes.some((p) => k.startsWith(p))) return true;
  return false;
}

/** CNI from node annotations (../shared/reference/source-ip-catalog.md §6) and ConfigMaps; overlay from tunnel annotations / backend. */
function detectCni(model: ClusterModel, cilium: CiliumSettings | null, assumptions: string[]): CniGuess {
  let calico = 0,
    flannel = 0,
    ciliumNodes = 0,
    antrea = 0,
    ipip = 0,
    vxlan = 0;
  const flannelBackends = new Map<string, number>();
  for (const n of model.nodes.values()) {
    if (hasPrefix(n, ['projectcalico.org/'])) calico++;
    if (hasPrefix(n, ['flannel.alpha.coreos.com/'])) flannel++;
    if (hasPrefix(n, ['network.cilium.io/', 'io.cilium.network.'])) ciliumNodes++;
    if (hasPrefix(n, ['node.antrea.io/'])) antrea++;
    if (n.tunnel.calicoIPIP) ipip++;
    if (n.tunnel.calicoVXLAN || n.tunnel.calicoVXLANv6) vxlan++;
    if (n.tunnel.flannelBackend)
      flannelBackends.set(n.tunnel.flannelBackend, (flannelBackends.get(n.tunnel.flannelBackend) ?? 0) + 1);
  }
  if (cilium || ciliumNodes > 0) {
    if (!cilium) {
      assumptions.push('Cilium node annotations found but no kube-system/cilium-config: routing mode unknown');
      return { kind: 'cilium', overlay: 'unknown' };
    }
    if (cilium.routing === 'native') return { kind: 'cilium', overlay: 'none' };
    if (cilium.tunnelProtocol === 'geneve')
      assumptions.push(
        'Cilium tunnels with Geneve; reported as overlay "vxlan" (both encapsulate; the SNAT source is cilium_host)',
      );
    return { kind: 'cilium', overlay: 'vxlan' };
  }
  if (flannel > 0) {
    // Canal = flannel routing + Calico policy: SNAT addresses follow flannel.
    if (calico > 0)
      assumptions.push('flannel and Calico annotations on nodes (Canal): routing and SNAT addresses follow flannel');
    const backend = [...flannelBackends.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const overlay: Dataplane['overlay'] =
      backend === 'vxlan' ? 'vxlan' : backend === 'host-gw' ? 'none' : backend === 'ipip' ? 'ipip' : 'unknown';
    if (flannelBackends.size > 1)
      assumptions.push(
        `nodes use different flannel backends (${[...flannelBackends.keys()].join(', ')}); the most common, ${backend}, is reported`,
      );
    return { kind: 'flannel', overlay };
  }
  if (calico > 0) {
    if (vxlan > 0 || ipip > 0) {
      if (vxlan > 0 && ipip > 0)
        assumptions.push(
          "Calico nodes publish both IPIP and VXLAN tunnel addresses; each node's own annotation is used for its SNAT address",
        );
      return { kind: 'calico', overlay: vxlan >= ipip ? 'vxlan' : 'ipip' };
    }
    assumptions.push(
      'Calico nodes publish no IPIP/VXLAN tunnel address: assumed no encapsulation (BGP); with host-local IPAM the tunnel address would be the first address of the podCIDR and is not annotated',
    );
    return { kind: 'calico', overlay: 'none' };
  }
  if (antrea > 0 || model.configMaps.has(ANTREA_CONFIGMAP))
    return { kind: 'antrea', overlay: antreaOverlay(model, assumptions) };
  const kubeSystem = model.podsByNamespace.get('kube-system') ?? [];
  if (kubeSystem.some((p) => p.name.startsWith('aws-node-') || p.labels['k8s-app'] === 'aws-node'))
    return { kind: 'aws-vpc-cni', overlay: 'none' };
  assumptions.push('CNI not recognised from node annotations: SNAT addresses are taken as node InternalIPs');
  return { kind: 'unknown', overlay: 'unknown' };
}

/** Antrea `trafficEncapMode` (encap by default, Geneve tunnels) from antrea-config `antrea-agent.conf`. */
function antreaOverlay(model: ClusterModel, assumptions: string[]): Dataplane['overlay'] {
  const raw = model.configMaps.get(ANTREA_CONFIGMAP)?.['antrea-agent.conf'];
  let mode = 'encap';
  if (raw) {
    try {
      const doc = parseYaml(raw) as Record<string, unknown> | null;
      if (doc && typeof doc.trafficEncapMode === 'string') mode = doc.trafficEncapMode;
    } catch {
      assumptions.push('antrea-config antrea-agent.conf is not valid YAML; assumed trafficEncapMode encap');
    }
  } else assumptions.push('Antrea trafficEncapMode unknown; assumed encap (the default)');
  if (mode === 'noEncap' || mode === 'networkPolicyOnly') return 'none';
  if (mode === 'hybrid') return 'unknown';
  return 'vxlan';
}
