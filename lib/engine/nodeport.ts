// On which node addresses a NodePort answers (../shared/reference/kube-proxy-semantics.md §10): iptables (and ipvs, whose
// default the tests do not cover: assumed the same) on every local address, nftables on the node's
// primary addresses, or the configured nodePortAddresses; 127.0.0.1 only in iptables mode.
import { cidrContains, parseCidr, parseIP } from '../net/ip';
import type { NodeModel } from '../model/cluster';
import { RULES } from './rules';
import { nodePrimaryIP } from './snat';
import type { Dataplane } from './types';

/** Whether a NodePort is reachable on `address` of `node`, with the reason. */
export interface NodePortReach {
  served: boolean;
  reason: string;
  rule: string;
}

/** All addresses the model knows for a node (InternalIP, ExternalIP, tunnel addresses). */
export function nodeAddresses(node: NodeModel): string[] {
  const t = node.tunnel;
  return [
    ...node.internalIPs,
    ...node.externalIPs,
    t.calicoIPIP,
    t.calicoVXLAN,
    t.calicoVXLANv6,
    t.calicoWireguard,
    t.ciliumHost,
  ].filter((a): a is string => typeof a === 'string');
}

function isLoopback(address: string): boolean {
  const ip = parseIP(address);
  if (!ip) return false;
  return ip.family === 4 ? ip.value >> 24n === 127n : ip.value === 1n;
}

/** Does a NodePort answer on `address` (an address of `node`, or loopback) in this dataplane? */
export function nodePortServedOn(dataplane: Dataplane, node: NodeModel, address: string): NodePortReach {
  if (isLoopback(address)) {
    if (address.includes(':'))
      return {
        served: false,
        reason: 'NodePorts never answer on ::1 (localhost NodePorts are IPv4 only)',
        rule: RULES.localhostNodePorts,
      };
    if (dataplane.localhostNodePorts)
      return {
        served: true,
        reason: 'iptables mode serves NodePorts on 127.0.0.1 (iptables.localhostNodePorts)',
        rule: RULES.localhostNodePorts,
      };
    return {
      served: false,
      reason:
        dataplane.proxyMode === 'iptables'
          ? 'localhost NodePorts are disabled (iptables.localhostNodePorts=false, or nodePortAddresses excludes 127.0.0.1)'
          : `${dataplane.proxyMode} mode does not serve NodePorts on 127.0.0.1`,
      rule: RULES.localhostNodePorts,
    };
  }
  const configured = dataplane.nodePortAddresses;
  if (configured.length > 0) {
    for (const entry of configured) {
      if (entry === 'primary') {
        if (nodePrimaryIP(node, address.includes(':') ? 6 : 4) === address)
          return {
            served: true,
            reason: 'nodePortAddresses "primary" includes the node\'s primary address',
            rule: RULES.nodePortAddressesDefault,
          };
        continue;
      }
      const c = parseCidr(entry);
      if (c && cidrContains(c, address))
        return {
          served: true,
          reason: `nodePortAddresses ${entry} contains ${address}`,
          rule: RULES.nodePortAddressesDefault,
        };
    }
    return {
      served: false,
      reason: `nodePortAddresses (${configured.join(', ')}) does not include ${address}`,
      rule: RULES.nodePortAddressesDefault,
    };
  }
  if (dataplane.proxyMode === 'nftables') {
    const primary = nodePrimaryIP(node, address.includes(':') ? 6 : 4);
    return primary === address
      ? {
          served: true,
          reason: "nftables mode serves NodePorts on the node's primary address by default",
          rule: RULES.nodePortAddressesDefault,
        }
      : {
          served: false,
          reason: `nftables mode serves NodePorts only on the primary node address (${primary ?? 'unknown'}) by default`,
          rule: RULES.nodePortAddressesDefault,
        };
  }
  if (dataplane.proxyMode === 'cilium-kpr') {
    const known = [...node.internalIPs, ...node.externalIPs].includes(address);
    return known
      ? {
          served: true,
          reason: "Cilium serves NodePorts on the node's native-device addresses",
          rule: RULES.ciliumSocketLB,
        }
      : {
          served: false,
          reason: `Cilium serves NodePorts on the node's InternalIP/ExternalIP, not on ${address} (inferred)`,
          rule: RULES.ciliumSocketLB,
        };
  }
  return {
    served: true,
    reason:
      dataplane.proxyMode === 'ipvs'
        ? 'ipvs: NodePorts on every local address assumed (the tests always set nodePortAddresses)'
        : 'iptables mode serves NodePorts on every local address by default (TestNodePorts)',
    rule: RULES.nodePortAddressesDefault,
  };
}
