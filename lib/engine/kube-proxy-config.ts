// Reads kube-proxy's KubeProxyConfiguration from a ConfigMap: kube-system/kube-proxy on kubeadm (key
// `config.conf`), kube-system/kube-proxy-config on EKS (key `config`; there kube-system/kube-proxy holds only a
// kubeconfig — https://repost.aws/knowledge-center/eks-configure-ipvs-kube-proxy edits `kube-proxy-config`).
// Only the fields that decide Service SNAT and endpoint choice are kept.
import { parse as parseYaml } from 'yaml';
import { cidrContains, parseCidr } from '../net/ip';
import type { Dataplane } from './types';

/** The KubeProxyConfiguration fields the engine uses, with kube-proxy's defaults applied. */
export interface KubeProxySettings {
  mode: 'iptables' | 'nftables' | 'ipvs';
  /** The mode as written, when kubepath could not use it (e.g. "kernelspace"). */
  unsupportedMode: string | null;
  clusterCIDRs: string[];
  detectLocalMode: Dataplane['detectLocalMode'];
  masqueradeAll: boolean;
  nodePortAddresses: string[];
  /** `iptables.localhostNodePorts` as configured (default true). */
  localhostNodePortsSetting: boolean;
  problems: string[];
}

const CONFIG_KEYS = ['config.conf', 'config.yaml', 'config', 'kube-proxy-config.yaml'];

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function asStrings(v: unknown): string[] {
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v))
    return v
      .filter((s): s is string => typeof s === 'string')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/**
 * Finds and parses the KubeProxyConfiguration in the data of the ConfigMap `source` (`namespace/name`, used in
 * messages); null when none is found.
 */
export function readKubeProxyConfig(
  data: Record<string, string>,
  source = 'kube-system/kube-proxy',
): KubeProxySettings | null {
  const problems: string[] = [];
  const keys = [...CONFIG_KEYS.filter((k) => k in data), ...Object.keys(data).filter((k) => !CONFIG_KEYS.includes(k))];
  let doc: Record<string, unknown> | null = null;
  for (const key of keys) {
    let parsed: unknown;
    try {
      parsed = parseYaml(data[key]);
    } catch (e) {
      if (CONFIG_KEYS.includes(key))
        problems.push(
          `${source} ${key} is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
        );
      continue;
    }
    const rec = asRecord(parsed);
    if (rec.kind === 'KubeProxyConfiguration' || (CONFIG_KEYS.includes(key) && Object.keys(rec).length > 0)) {
      doc = rec;
      break;
    }
  }
  if (!doc) {
    if (problems.length === 0) return null;
    return { ...defaults(), problems };
  }
  const s = defaults();
  s.problems = problems;
  // mode "" means the platform default, iptables on Linux (virtual-ips.md; kube-proxy logs "assuming iptables proxy").
  const mode = typeof doc.mode === 'string' ? doc.mode.trim() : '';
  if (mode === '' || mode === 'iptables') s.mode = 'iptables';
  else if (mode === 'nftables' || mode === 'ipvs') s.mode = mode;
  else {
    s.unsupportedMode = mode;
    s.problems.push(`kube-proxy mode "${mode}" is not modelled; iptables semantics are used`);
  }
  // v1alpha1 `clusterCIDR` (comma-separated); v1alpha2 `detectLocal.clusterCIDRs`.
  const detectLocal = asRecord(doc.detectLocal);
  const cidrs = [...asStrings(doc.clusterCIDR), ...asStrings(detectLocal.clusterCIDRs)];
  for (const c of cidrs) {
    if (parseCidr(c) && c.includes('/')) s.clusterCIDRs.push(c);
    else s.problems.push(`kube-proxy clusterCIDR "${c}" is not a valid CIDR; ignored`);
  }
  const dlm = typeof doc.detectLocalMode === 'string' ? doc.detectLocalMode.trim() : '';
  // Default detectLocalMode is ClusterCIDR (KubeProxyConfiguration defaults).
  if (dlm === '' || dlm === 'ClusterCIDR') s.detectLocalMode = 'ClusterCIDR';
  else if (dlm === 'NodeCIDR' || dlm === 'BridgeInterface' || dlm === 'InterfaceNamePrefix') s.detectLocalMode = dlm;
  else {
    s.detectLocalMode = 'None';
    s.problems.push(`detectLocalMode "${dlm}" is unknown; kube-proxy falls back to no local-traffic detection`);
  }
  // masqueradeAll: v1alpha2 top level; v1alpha1 under iptables (also used by ipvs) or nftables.
  const ipt = asRecord(doc.iptables);
  const nft = asRecord(doc.nftables);
  s.masqueradeAll =
    doc.masqueradeAll === true || ipt.masqueradeAll === true || (s.mode === 'nftables' && nft.masqueradeAll === true);
  s.nodePortAddresses = asStrings(doc.nodePortAddresses);
  s.localhostNodePortsSetting = ipt.localhostNodePorts !== false && doc.localhostNodePorts !== false;
  return s;
}

function defaults(): KubeProxySettings {
  return {
    mode: 'iptables',
    unsupportedMode: null,
    clusterCIDRs: [],
    detectLocalMode: 'ClusterCIDR',
    masqueradeAll: false,
    nodePortAddresses: [],
    localhostNodePortsSetting: true,
    problems: [],
  };
}

/**
 * Whether NodePorts answer on 127.0.0.1: iptables mode only, IPv4 only, unless disabled, and only when
 * nodePortAddresses is unset or contains an IPv4 loopback address (pkg/proxy/iptables/proxier.go NewProxier:
 * `if !nodePortAddresses.ContainsIPv4Loopback() { localhostNodePorts = false }`; iptables TestNodePorts).
 */
export function localhostNodePortsEnabled(
  mode: Dataplane['proxyMode'],
  setting: boolean,
  nodePortAddresses: string[],
): boolean {
  if (mode !== 'iptables' || !setting) return false;
  if (nodePortAddresses.length === 0) return true;
  return nodePortAddresses.some((a) => {
    const c = parseCidr(a);
    return c !== null && a.includes('/') && cidrContains(c, '127.0.0.1');
  });
}
