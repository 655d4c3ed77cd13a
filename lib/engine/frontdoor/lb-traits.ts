// What the catalog states in prose per load balancer, as data: layer (pass-through, proxying, L7 — catalog
// §3 "layer" and K6), target type switches (K9), which health check it uses under each policy (catalog
// `healthCheckNodePort` and notes; K4/K5), how it weights nodes, and the question to ask when objects
// cannot settle whether the client address survives. Source: ../shared/reference/source-ip-catalog.md §3.
import type { LoadBalancerInfo } from '../types';

type Health = LoadBalancerInfo['healthCheck'];

/** Per-entry behaviour the catalog describes in notes. */
export interface LbTraits {
  layer: LoadBalancerInfo['layer'];
  /** Annotations that make the listener L7 (HTTP backends). */
  l7When?: { annotation: string; values: string[] };
  /** Annotation that switches the targets to pods, with the values that do. */
  podsWhen?: { annotation: string; contains: string };
  /** Health check under Cluster (Local follows `healthCheckNodePort` unless `localHealth` says otherwise). */
  clusterHealth: Health;
  localHealth?: Health;
  /** All traffic enters through one announcing node (L2 announcers). */
  singleNode?: boolean;
  /** Asked when the catalog cannot say whether the client reaches the target. */
  question?: string;
}

const PASS: LbTraits = { layer: 'L4-passthrough', clusterHealth: 'unknown' };

/** Traits by catalog id; entries absent here are pass-through with unknown health checks. */
export const LB_TRAITS: Record<string, LbTraits> = {
  // Classic ELB terminates TCP (catalog aws-clb-intree notes); HTTP/HTTPS backends make it L7.
  'aws-clb-intree': {
    layer: 'L4-proxy',
    l7When: { annotation: 'service.beta.kubernetes.io/aws-load-balancer-backend-protocol', values: ['http', 'https'] },
    clusterHealth: 'trafficPort',
  },
  'aws-nlb-intree': { ...PASS, clusterHealth: 'trafficPort' },
  'aws-lbc-nlb-instance': { ...PASS, clusterHealth: 'trafficPort' },
  'aws-lbc-nlb-ip': { ...PASS, clusterHealth: 'endpoints' },
  'aws-eks-auto-nlb': {
    ...PASS,
    podsWhen: { annotation: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type', contains: 'ip' },
    clusterHealth: 'trafficPort',
    question:
      'EKS Auto Mode supports a subset of the LB controller annotations: is client IP preservation on for its target group?',
  },
  'aws-alb-ingress': {
    layer: 'L7',
    podsWhen: { annotation: 'alb.ingress.kubernetes.io/target-type', contains: 'ip' },
    clusterHealth: 'trafficPort',
  },
  'gke-netlb-rbs': { ...PASS, clusterHealth: 'kube-proxy-healthz' },
  'gke-netlb-targetpool': { ...PASS, clusterHealth: 'kube-proxy-healthz' },
  'gke-ilb': { ...PASS, clusterHealth: 'kube-proxy-healthz' },
  'gke-l7-neg': {
    layer: 'L7',
    podsWhen: { annotation: 'cloud.google.com/neg', contains: '"ingress":true' },
    clusterHealth: 'kube-proxy-healthz',
  },
  'aks-azure-lb': { ...PASS },
  'tencent-tke-clb': {
    ...PASS,
    question: "Does the CLB health-check the Service's healthCheckNodePort (/healthz) for Local Services?",
  },
  'tencent-tke-clb-direct': { ...PASS, clusterHealth: 'endpoints' },
  'tencent-tke-clb-ingress': {
    layer: 'L7',
    podsWhen: { annotation: 'ingress.cloud.tencent.com/direct-access', contains: 'true' },
    clusterHealth: 'unknown',
  },
  // The ACK CCM mounts only nodes hosting pods under Local (catalog alibaba-ack-clb notes).
  'alibaba-ack-clb': { ...PASS, clusterHealth: 'trafficPort', localHealth: 'endpoints' },
  'alibaba-ack-eni': { ...PASS, clusterHealth: 'endpoints' },
  'alibaba-ack-nlb': {
    ...PASS,
    question: 'Is client IP preservation (preserve-client-ip) on for the NLB server group?',
  },
  'digitalocean-nlb': {
    ...PASS,
    clusterHealth: 'kube-proxy-healthz',
    question: 'Does the DigitalOcean network load balancer (REGIONAL_NETWORK) pass the client address to the nodes?',
  },
  'digitalocean-regional': {
    layer: 'L4-proxy',
    l7When: {
      annotation: 'service.beta.kubernetes.io/do-loadbalancer-protocol',
      values: ['http', 'https', 'http2', 'http3'],
    },
    clusterHealth: 'kube-proxy-healthz',
  },
  // The Hetzner CCM never reads healthCheckNodePort: it probes the service port (catalog hetzner-lb notes).
  'hetzner-lb': { layer: 'L4-proxy', clusterHealth: 'trafficPort', localHealth: 'trafficPort' },
  'k3s-servicelb': { ...PASS },
  'kube-vip': { ...PASS, clusterHealth: 'endpoints', localHealth: 'endpoints' },
  'metallb-l2': { ...PASS, clusterHealth: 'endpoints', localHealth: 'endpoints', singleNode: true },
  'metallb-bgp': { ...PASS, clusterHealth: 'endpoints', localHealth: 'endpoints' },
  openelb: { ...PASS, clusterHealth: 'endpoints', localHealth: 'endpoints' },
  'cilium-l2-announcer': { ...PASS, clusterHealth: 'endpoints', localHealth: 'endpoints', singleNode: true },
  'cilium-bgp-lb': { ...PASS, clusterHealth: 'endpoints', localHealth: 'endpoints' },
  'openstack-octavia': {
    layer: 'L4-proxy',
    clusterHealth: 'unknown',
    question: 'Is the Octavia provider amphora (proxying: the nodes see the LB) or OVN (pass-through)?',
  },
  'oci-nlb': { ...PASS, question: 'Is "preserve source/destination" on for the OCI network load balancer?' },
  'oci-lb': { layer: 'L4-proxy', clusterHealth: 'unknown' },
};

/** The traits of an entry (pass-through defaults for an id not listed). */
export function lbTraits(id: string): LbTraits {
  return LB_TRAITS[id] ?? PASS;
}
