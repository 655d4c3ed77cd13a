// Raw API shapes of the front-door kinds kubepath reads (issue 9 "Kinds read"): Ingress, IngressClass, the
// Gateway API (Gateway, GatewayClass, HTTPRoute), Istio's Gateway and VirtualService, and the objects of
// the bare-metal load-balancer controllers (MetalLB, OpenELB, Cilium LB-IPAM / L2 announcements). Only
// the fields the engine reads; everything optional, as in k8s.ts.
import type { KubeObject, LabelSelector } from './k8s';

/** networking.k8s.io/v1 IngressServiceBackend inside an Ingress. */
export interface IngressBackend {
  service?: { name?: string; port?: { number?: number; name?: string } };
}

/** networking.k8s.io/v1 Ingress. */
export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: {
      host?: string;
      http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] };
    }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** networking.k8s.io/v1 IngressClass. */
export interface IngressClass extends KubeObject {
  spec?: { controller?: string; parameters?: { kind?: string; name?: string; namespace?: string } };
}

/** gateway.networking.k8s.io GatewayClass. */
export interface GatewayClass extends KubeObject {
  spec?: { controllerName?: string };
}

/** gateway.networking.k8s.io Gateway, or networking.istio.io Gateway (told apart by apiVersion). */
export interface Gateway extends KubeObject {
  spec?: {
    gatewayClassName?: string;
    listeners?: { name?: string; hostname?: string; port?: number; protocol?: string }[];
    /** Istio Gateway: labels of the gateway pods. */
    selector?: Record<string, string>;
    /** Istio Gateway servers. */
    servers?: { hosts?: string[]; port?: { number?: number; protocol?: string } }[];
  };
  status?: { addresses?: { type?: string; value?: string }[] };
}

/** gateway.networking.k8s.io HTTPRoute. */
export interface HTTPRoute extends KubeObject {
  spec?: {
    parentRefs?: { name?: string; namespace?: string; kind?: string }[];
    hostnames?: string[];
    rules?: {
      matches?: { path?: { type?: string; value?: string } }[];
      backendRefs?: { name?: string; namespace?: string; port?: number; kind?: string; weight?: number }[];
    }[];
  };
}

/** networking.istio.io VirtualService. */
export interface VirtualService extends KubeObject {
  spec?: {
    hosts?: string[];
    gateways?: string[];
    http?: {
      match?: { uri?: { prefix?: string; exact?: string; regex?: string } }[];
      route?: { destination?: { host?: string; port?: { number?: number } }; weight?: number }[];
    }[];
  };
}

/** metallb.io IPAddressPool. */
export interface IPAddressPool extends KubeObject {
  spec?: { addresses?: string[] };
}

/** metallb.io L2Advertisement / BGPAdvertisement. */
export interface MetalLBAdvertisement extends KubeObject {
  spec?: { ipAddressPools?: string[]; ipAddressPoolSelectors?: LabelSelector[]; nodeSelectors?: LabelSelector[] };
}

/** metallb.io ServiceL2Status: which node announces a Service. */
export interface ServiceL2Status extends KubeObject {
  status?: { node?: string; serviceName?: string; serviceNamespace?: string; interfaces?: { name?: string }[] };
}

/** network.kubesphere.io Eip (OpenELB). */
export interface Eip extends KubeObject {
  spec?: { address?: string; protocol?: string; interface?: string; disable?: boolean };
}

/** cilium.io CiliumLoadBalancerIPPool. */
export interface CiliumLoadBalancerIPPool extends KubeObject {
  spec?: { blocks?: { cidr?: string; start?: string; stop?: string }[]; serviceSelector?: LabelSelector };
}

/** cilium.io CiliumL2AnnouncementPolicy. */
export interface CiliumL2AnnouncementPolicy extends KubeObject {
  spec?: {
    serviceSelector?: LabelSelector;
    nodeSelector?: LabelSelector;
    loadBalancerIPs?: boolean;
    externalIPs?: boolean;
    interfaces?: string[];
  };
}

/** The front-door kinds (added to KNOWN_KINDS). */
export const FRONT_DOOR_KINDS = [
  'Ingress',
  'IngressClass',
  'Gateway',
  'GatewayClass',
  'HTTPRoute',
  'VirtualService',
  'IPAddressPool',
  'L2Advertisement',
  'BGPAdvertisement',
  'ServiceL2Status',
  'Eip',
  'CiliumLoadBalancerIPPool',
  'CiliumL2AnnouncementPolicy',
] as const;

/** True when a `Gateway` object is Istio's own (networking.istio.io), not the Gateway API's. */
export function isIstioGateway(o: KubeObject): boolean {
  return typeof o.apiVersion === 'string' && o.apiVersion.startsWith('networking.istio.io/');
}
