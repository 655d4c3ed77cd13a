// Which address MASQUERADE (or a host process) uses as source toward a pod: the primary address of the
// interface the packet leaves through on the node that rewrites it (../shared/reference/kube-proxy-semantics.md §1.4;
// ../shared/reference/netpol-semantics.md §2 "Which address does MASQUERADE pick?", §3, §4; ../shared/reference/source-ip-catalog.md K10, derived).
import { nthAddress, type Cidr } from '../net/ip';
import type { ClusterModel, NodeModel } from '../model/cluster';
import type { Dataplane } from './types';

/** The address a pod sees when a node rewrites (or originates) the packet, and how sure we are. */
export interface SnatAddress {
  address: string | null;
  /** The interface it belongs to, e.g. `tunl0`, `flannel.1`, `cni0`, `cilium_host`, `antrea-gw0`, `InternalIP`. */
  via: string;
  /** False when the address is a fallback (e.g. a tunnel address the node does not publish). */
  certain: boolean;
  /** One sentence: why this address, with its source. */
  why: string;
}

function podCidr(node: NodeModel, family: 4 | 6): Cidr | null {
  for (const c of node.podCIDRs) if (c.family === family) return c;
  return null;
}

/** The node's primary address of a family: first InternalIP, else first ExternalIP. */
export function nodePrimaryIP(node: NodeModel, family: 4 | 6): string | null {
  return firstOfFamily(node.internalIPs, family) ?? firstOfFamily(node.externalIPs, family);
}

/** The first address of a family (model addresses are canonical: only IPv6 text contains ':'); no closure per call. */
function firstOfFamily(ips: readonly string[], family: 4 | 6): string | null {
  for (const ip of ips) if ((ip.includes(':') ? 6 : 4) === family) return ip;
  return null;
}

function internal(node: NodeModel, family: 4 | 6, certain: boolean, why: string): SnatAddress {
  return { address: nodePrimaryIP(node, family), via: 'InternalIP', certain, why };
}

/**
 * The source address the endpoint's pod sees when `ingressNode` masquerades (or sends from a host
 * process) toward an endpoint on `endpointNode` (null = unknown node, treated as another node).
 *
 * Cross-node on overlays the packet leaves through the tunnel device, so its address is used:
 * Calico IPIP `tunl0` / VXLAN `vxlan.calico` / WireGuard (annotations, projectcalico/calico node.go,
 * calico#6235, #3665); flannel VXLAN `flannel.1` = network address of the node's podCIDR
 * (flannel pkg/backend/vxlan/vxlan.go); Cilium `cilium_host` (cilium#24420); Antrea `antrea-gw0` =
 * first address of the podCIDR (Antrea v0.12.2 notes, #1816). Otherwise the node InternalIP
 * (source-ip tutorial).
 *
 * Same node (reference §7 says CNI-dependent; our choice): bridge CNIs use the bridge address — flannel
 * `cni0` and Antrea `antrea-gw0`, both the first address of the podCIDR (the source-ip tutorial's
 * 10.180.1.1 sample, ../shared/reference/netpol-semantics.md §2); Cilium routes local pods via `cilium_host`; Calico and the
 * AWS VPC CNI give the host-side veth no address, so Linux picks the node's primary address (inference
 * from inet_select_addr).
 */
export function snatSourceFor(
  model: ClusterModel,
  dataplane: Dataplane,
  ingressNode: NodeModel,
  endpointNode: NodeModel | string | null,
  family: 4 | 6 = 4,
): SnatAddress {
  const epNodeName = typeof endpointNode === 'string' ? endpointNode : (endpointNode?.name ?? null);
  const sameNode = epNodeName !== null && epNodeName === ingressNode.name;
  const t = ingressNode.tunnel;
  // The podCIDR matters to flannel and Antrea only: looked up there (this runs for every node row of every Service).
  switch (dataplane.cni) {
    case 'calico': {
      if (sameNode)
        return internal(
          ingressNode,
          family,
          false,
          "Calico gives host-side veths no address, so MASQUERADE picks the node's primary address (inference)",
        );
      const wg = family === 4 ? t.calicoWireguard : null;
      if (wg)
        return {
          address: wg,
          via: 'wireguard.cali',
          certain: false,
          why: 'Calico WireGuard: cross-node pod traffic leaves through wireguard.cali (projectcalico.org/IPv4WireguardInterfaceAddr; inference)',
        };
      const vx = family === 4 ? t.calicoVXLAN : t.calicoVXLANv6;
      if (vx)
        return {
          address: vx,
          via: 'vxlan.calico',
          certain: true,
          why: 'Calico VXLAN: cross-node traffic leaves through vxlan.calico (projectcalico.org/IPv4VXLANTunnelAddr)',
        };
      if (family === 4 && t.calicoIPIP)
        return {
          address: t.calicoIPIP,
          via: 'tunl0',
          certain: true,
          why: 'Calico IPIP: cross-node traffic leaves through tunl0 (projectcalico.org/IPv4IPIPTunnelAddr; calico#3665)',
        };
      if (dataplane.overlay === 'ipip' || dataplane.overlay === 'vxlan') {
        return internal(
          ingressNode,
          family,
          false,
          `Calico ${dataplane.overlay} overlay but node ${ingressNode.name} publishes no tunnel address; InternalIP shown`,
        );
      }
      return internal(
        ingressNode,
        family,
        true,
        'Calico without encapsulation: cross-node traffic leaves through the node interface',
      );
    }
    case 'flannel': {
      const cidr = podCidr(ingressNode, family);
      const backend =
        t.flannelBackend ?? (dataplane.overlay === 'vxlan' ? 'vxlan' : dataplane.overlay === 'none' ? 'host-gw' : null);
      if (sameNode) {
        if (cidr)
          return {
            address: nthAddress(cidr, 1),
            via: 'cni0',
            certain: true,
            why: 'flannel: local pods hang off the cni0 bridge, whose address is the first of the node podCIDR',
          };
        return internal(
          ingressNode,
          family,
          false,
          'flannel: node has no podCIDR, so the cni0 address is unknown; InternalIP shown',
        );
      }
      if (backend === 'vxlan') {
        if (cidr)
          return {
            address: nthAddress(cidr, 0),
            via: family === 4 ? 'flannel.1' : 'flannel-v6.1',
            certain: true,
            why: 'flannel VXLAN: flannel.1 holds the network address of the node podCIDR, "used as a source address for host to workload traffic" (flannel pkg/backend/vxlan/vxlan.go)',
          };
        return internal(ingressNode, family, false, 'flannel VXLAN but the node has no podCIDR; InternalIP shown');
      }
      if (backend === 'host-gw')
        return internal(
          ingressNode,
          family,
          true,
          'flannel host-gw: cross-node traffic is routed through the node interface',
        );
      return internal(
        ingressNode,
        family,
        false,
        `flannel backend ${backend ?? 'unknown'}: SNAT address not modelled; InternalIP shown`,
      );
    }
    case 'cilium': {
      if (dataplane.overlay === 'none' && !sameNode)
        return internal(
          ingressNode,
          family,
          true,
          'Cilium native routing: cross-node traffic leaves through the node interface',
        );
      const host = family === 4 ? t.ciliumHost : null;
      if (host)
        return {
          address: host,
          via: 'cilium_host',
          certain: true,
          why: 'Cilium routes pod traffic via cilium_host, whose address is the source (network.cilium.io/ipv4-cilium-host; cilium#24420)',
        };
      return internal(
        ingressNode,
        family,
        false,
        'Cilium uses the cilium_host address, which this node does not publish (annotate-k8s-node is off by default; read CiliumNode CiliumInternalIP); InternalIP shown',
      );
    }
    case 'antrea': {
      const cidr = podCidr(ingressNode, family);
      if (sameNode || dataplane.overlay !== 'none') {
        if (cidr)
          return {
            address: nthAddress(cidr, 1),
            via: 'antrea-gw0',
            certain: true,
            why: 'Antrea: traffic to pods leaves through antrea-gw0, the first address of the node podCIDR (Antrea v0.12.2 notes, #1816)',
          };
        return internal(
          ingressNode,
          family,
          false,
          'Antrea: node has no podCIDR, so the antrea-gw0 address is unknown; InternalIP shown',
        );
      }
      return internal(
        ingressNode,
        family,
        true,
        'Antrea noEncap: cross-node traffic leaves through the node interface',
      );
    }
    case 'aws-vpc-cni':
      return internal(
        ingressNode,
        family,
        true,
        sameNode
          ? "AWS VPC CNI: host-side veths have no address, so the node's primary address is used (inference)"
          : "AWS VPC CNI: pods are VPC addresses, reached through the node's primary interface",
      );
    default:
      return internal(
        ingressNode,
        family,
        false,
        'CNI unknown: the node InternalIP is assumed (source-ip tutorial); overlays would use a tunnel address',
      );
  }
}

/** Cilium's source for a pod that reaches itself through a Service (ipv4-service-loopback-address, default 169.254.42.1). */
export const CILIUM_SERVICE_LOOPBACK_V4 = '169.254.42.1';
