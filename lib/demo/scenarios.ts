// The catalogue of situations the demo clusters exhibit: which object shows each one and what the
// engine should report. SCENARIOS.md is rendered from this list (write-demo.ts; demo.test.ts checks
// it is current), and the findings tests can iterate DEMO_SCENARIOS to assert each finding is raised.
import type { KubeObject } from '../model/k8s';
import type { Severity } from '../engine/types';
import { NW_EDGE as E, NW_PROD as P } from './northwind-constants';

/** Which embedded cluster a scenario lives in (the DEMO_CLUSTERS ids). */
export type DemoClusterId = 'northwind-prod' | 'northwind-edge';

/** One situation a demo cluster exhibits. */
export interface DemoScenario {
  /** Stable id. */
  id: string;
  cluster: DemoClusterId;
  situation: string;
  /** `namespace/name` of the Service that exhibits it, when one does. */
  service: string | null;
  /** Other evidence objects, as `Kind namespace/name` (or `Kind name` for nodes). */
  objects: string[];
  /**
   * The finding the engine should raise. `rule` is the proposed rule id (the findings module owns the
   * final names); null = behaviour only, no finding expected.
   */
  finding: { rule: string; severity: Severity } | null;
  /** What kubepath should answer, with the numbers. `{pod:ns/prefix}` and `{hcnp:ns/name}` are filled in from the objects. */
  expect: string;
  /** A CLI command that shows it (same placeholders). */
  trace: string | null;
}

const PROD = 'lib/demo/demo-cluster.json';
const EDGE = 'lib/demo/demo-cilium-cluster.json';

/** Every scenario of the two demo clusters. */
export const DEMO_SCENARIOS: DemoScenario[] = [
  {
    id: 'snat-allowlist-denied',
    cluster: 'northwind-prod',
    situation:
      'Cluster LoadBalancer whose NetworkPolicy allow-lists the client CIDR: the SNATed traffic is silently denied',
    service: 'partner-api/partner-gateway',
    objects: ['NetworkPolicy partner-api/partner-gateway-allow-partners'],
    finding: { rule: 'snat-allowlist', severity: 'error' },
    expect: `Partners ${P.partners.acme} / ${P.partners.globex} reach ${P.lbIPs.partnerGateway}:443 (MetalLB pool "public"); under externalTrafficPolicy Cluster the pods see a node/tunnel address, which the ipBlock allow-list does not contain, so the policy denies it (allowed only when the LB picks the pod's own node).`,
    trace: `kubepath trace -f ${PROD} --from 198.51.100.20 --to ${P.lbIPs.partnerGateway}:443 --at-node prod-worker-03`,
  },
  {
    id: 'local-imbalance',
    cluster: 'northwind-prod',
    situation: 'Local LoadBalancer with pods packed unevenly (per-pod share skew)',
    service: 'storefront/storefront-web',
    objects: ['Node prod-worker-01', 'Node prod-worker-03'],
    finding: { rule: 'local-imbalance', severity: 'warning' },
    expect:
      'The LB spreads over the 2 nodes that pass the health check: the 3 pods on prod-worker-01 get 1/6 each, the single pod on prod-worker-03 gets 1/2 (skew 3.0). Under Cluster (what-if) each pod would get 1/4.',
    trace: `kubepath analyze -f ${PROD}`,
  },
  {
    id: 'local-nodes-fail-health-check',
    cluster: 'northwind-prod',
    situation: 'Nodes without a local endpoint fail the health check and drop (black-hole) under Local',
    service: 'storefront/storefront-web',
    objects: ['Node prod-worker-02', 'Node prod-worker-04', 'Node prod-worker-05'],
    finding: { rule: 'local-nodes-drop', severity: 'warning' },
    expect:
      'healthCheckNodePort {hcnp:storefront/storefront-web} answers 503 on prod-worker-02, -04 and -05 (0 local endpoints) and 200 on prod-worker-01 (3) and -03 (1); traffic that still reaches the 503 nodes is dropped; the control-plane nodes are excluded from the LB.',
    trace: `kubepath trace -f ${PROD} --from 203.0.113.10 --to ${P.lbIPs.storefrontWeb}:80 --at-node prod-worker-02`,
  },
  {
    id: 'nodeport-local-wrong-node',
    cluster: 'northwind-prod',
    situation: 'NodePort (externalTrafficPolicy Local) reached through a node without a local endpoint',
    service: 'partner-api/partner-webhooks',
    objects: ['Node prod-worker-01', 'Node prod-worker-02'],
    finding: { rule: 'nodeport-local-no-endpoint', severity: 'warning' },
    expect: `Partners were given http://192.0.2.41:${P.partnerWebhooksNodePort} (prod-worker-01's ExternalIP) but the only replica runs on prod-worker-02: every node except prod-worker-02 (7 of 8) drops NodePort ${P.partnerWebhooksNodePort}.`,
    trace: `kubepath trace -f ${PROD} --from 198.51.100.20 --to 192.0.2.41:${P.partnerWebhooksNodePort}`,
  },
  {
    id: 'local-allowlist-works',
    cluster: 'northwind-prod',
    situation:
      'Control case: the same partner allow-list on a Local NodePort works on the right node (client IP preserved)',
    service: 'partner-api/partner-webhooks',
    objects: ['NetworkPolicy partner-api/partner-webhooks-allow-partners'],
    finding: null,
    expect: `198.51.100.20 → 192.0.2.42:${P.partnerWebhooksNodePort} (prod-worker-02) is forwarded unmasqueraded; the pod sees 198.51.100.20 and the policy allows it. No snat-allowlist finding for this Service.`,
    trace: `kubepath trace -f ${PROD} --from 198.51.100.20 --to 192.0.2.42:${P.partnerWebhooksNodePort}`,
  },
  {
    id: 'no-endpoints-reject',
    cluster: 'northwind-prod',
    situation: 'Service whose selector matches no pod (rejected)',
    service: 'catalog/catalog-importer',
    objects: ['Pod catalog/{pod:catalog/catalog-import}'],
    finding: { rule: 'no-endpoints', severity: 'error' },
    expect:
      'Selector app.kubernetes.io/name=catalog-importer matches nothing (the Deployment was renamed catalog-import); its EndpointSlice is an empty placeholder, so every packet to the ClusterIP is rejected (ICMP unreachable / TCP reset), not dropped.',
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-api} --to {clusterIP:catalog/catalog-importer}:80`,
  },
  {
    id: 'policy-service-port',
    cluster: 'northwind-prod',
    situation: 'NetworkPolicy allows the Service port (80) instead of the targetPort (8080)',
    service: 'checkout/checkout-api',
    objects: ['NetworkPolicy checkout/checkout-api-from-storefront'],
    finding: { rule: 'policy-service-port', severity: 'error' },
    expect:
      'checkout-api-from-storefront allows TCP 80 from namespace storefront, but after DNAT the pods receive 8080; storefront → checkout-api is denied by the namespace default-deny.',
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-api} --to {clusterIP:checkout/checkout-api}:80`,
  },
  {
    id: 'policy-named-port-unresolved',
    cluster: 'northwind-prod',
    situation: 'NetworkPolicy names a port that no selected pod exposes',
    service: 'checkout/cart',
    objects: ['NetworkPolicy checkout/cart-allow-metrics-scrape'],
    finding: { rule: 'policy-named-port-unresolved', severity: 'warning' },
    expect:
      'cart-allow-metrics-scrape allows port "http-metrics", but the 2 cart pods name their ports grpc (9090) and metrics (9102): the rule admits nothing and Prometheus scrapes are denied.',
    trace: null,
  },
  {
    id: 'node-allowlist-admits-all',
    cluster: 'northwind-prod',
    situation: 'NetworkPolicy allow-lists the node InternalIPs: admits every client that enters through a node',
    service: 'payments/psp-callbacks',
    objects: ['NetworkPolicy payments/psp-callbacks-allow-psp'],
    finding: { rule: 'node-allowlist', severity: 'warning' },
    expect: `psp-callbacks-allow-psp adds ${P.nodeAllowListRange}, which covers all 8 node InternalIPs: it admits host processes, hostNetwork pods and any client a node masquerades to its InternalIP — on a dataplane that SNATs to the node address that is every client entering through a node, defeating the ${P.pspCallbackRange} allow-list. On this Calico IPIP cluster an outside client is seen with its own address on the pod's node and with the tunnel address elsewhere, so 203.0.113.200 is still denied.`,
    trace: `kubepath trace -f ${PROD} --from 203.0.113.200 --to ${P.lbIPs.pspCallbacks}:443 --at-node prod-worker-02`,
  },
  {
    id: 'overlay-tunnel-snat',
    cluster: 'northwind-prod',
    situation: 'Calico IPIP: the cross-node SNAT source is the tunl0 address, not the node InternalIP',
    service: 'payments/psp-callbacks',
    objects: [
      'Node prod-worker-01 (projectcalico.org/IPv4IPIPTunnelAddr)',
      'NetworkPolicy payments/psp-callbacks-allow-psp',
    ],
    finding: { rule: 'overlay-tunnel-snat', severity: 'warning' },
    expect:
      "Traffic arriving at a node without a psp-callbacks pod is masqueraded to that node's IPIP tunnel address (10.244.N.0, from the Calico annotation), which is outside 10.20.0.0/16: the node allow-list does not even match cross-node traffic.",
    trace: `kubepath trace -f ${PROD} --from 203.0.113.70 --to ${P.lbIPs.pspCallbacks}:443 --at-node prod-worker-01`,
  },
  {
    id: 'source-ranges-in-cluster',
    cluster: 'northwind-prod',
    situation: 'LoadBalancer with loadBalancerSourceRanges that in-cluster pods also call',
    service: 'search/search-api',
    objects: ['Pod storefront/{pod:storefront/storefront-api} (env SEARCH_API_URL)'],
    finding: { rule: 'source-ranges-in-cluster', severity: 'warning' },
    expect: `search-api (${P.lbIPs.searchApi}) only admits ${P.vpnRange} and ${P.officeRange}; kube-proxy enforces the ranges on in-cluster traffic to the LB IP too, so storefront-api (pod IP in 10.244.0.0/16) calling http://${P.lbIPs.searchApi} is dropped.`,
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-api} --to ${P.lbIPs.searchApi}:80`,
  },
  {
    id: 'terminating-endpoint',
    cluster: 'northwind-prod',
    situation: 'Terminating endpoint (serving, terminating, not ready) on a node being drained',
    service: 'ingress-nginx/ingress-nginx-controller',
    objects: ['Pod ingress-nginx/{pod:ingress-nginx/ingress-nginx-controller@prod-worker-05}', 'Node prod-worker-05'],
    finding: null,
    expect:
      'Under Local, prod-worker-05 has no ready local endpoint: its health check answers 503 (0 local endpoints) so the LB drains it, yet a packet that still arrives is forwarded to the serving+terminating pod. Under Cluster the terminating pod is ignored because ready endpoints exist. prod-worker-01 has no controller: 503 and drop.',
    trace: `kubepath trace -f ${PROD} --from 203.0.113.10 --to ${P.lbIPs.ingressNginx}:443 --at-node prod-worker-05`,
  },
  {
    id: 'node-being-deleted',
    cluster: 'northwind-prod',
    situation: 'Node tainted ToBeDeletedByClusterAutoscaler',
    service: 'partner-api/partner-gateway',
    objects: ['Node prod-worker-05'],
    finding: null,
    expect:
      'kube-proxy :10256/healthz answers 503 on prod-worker-05 (the signal a load balancer probing it uses to drain the node for Cluster-policy Services such as partner-gateway); the per-Service healthCheckNodePort of Local Services ignores the taint.',
    trace: null,
  },
  {
    id: 'excluded-from-lb',
    cluster: 'northwind-prod',
    situation: 'Nodes labelled node.kubernetes.io/exclude-from-external-load-balancers',
    service: 'ingress-nginx/ingress-nginx-controller',
    objects: ['Node prod-cp-01', 'Node prod-cp-02', 'Node prod-cp-03'],
    finding: null,
    expect:
      'The three kubeadm control-plane nodes carry the label and are never LoadBalancer targets (inLoadBalancer false, with the reason), whatever their health.',
    trace: null,
  },
  {
    id: 'ipmode-proxy',
    cluster: 'northwind-prod',
    situation: 'LoadBalancer with ipMode: Proxy',
    service: 'identity/keycloak',
    objects: [],
    finding: null,
    expect: `kube-proxy installs no rule for ${P.lbIPs.keycloakEdge} (ipMode Proxy): a pod calling it is not short-circuited, the packet leaves the cluster to the edge HAProxy, which comes back through a NodePort.`,
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-api} --to ${P.lbIPs.keycloakEdge}:443`,
  },
  {
    id: 'external-ips',
    cluster: 'northwind-prod',
    situation: 'Service with externalIPs',
    service: 'billing/sftp-gateway',
    objects: [],
    finding: null,
    expect: `${P.sftpExternalIP}:22 is handled like an LB IP without source ranges: forwarded to the pod on prod-worker-02 and masqueraded (externalTrafficPolicy Cluster).`,
    trace: `kubepath trace -f ${PROD} --from 172.16.40.25 --to ${P.sftpExternalIP}:22 --at-node prod-worker-03`,
  },
  {
    id: 'internal-traffic-policy-local',
    cluster: 'northwind-prod',
    situation: "internalTrafficPolicy: Local (node-local agent), one node's agent not ready",
    service: 'monitoring/otel-agent',
    objects: ['Pod monitoring/{pod:monitoring/otel-agent@prod-worker-04}'],
    finding: null,
    expect:
      'Pods reach the agent on their own node only; on prod-worker-04 the agent is crash-looping (endpoint not ready, not serving), so ClusterIP traffic from pods there is dropped. Control-plane nodes have no agent either.',
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-api@prod-worker-04} --to {clusterIP:monitoring/otel-agent}:4317`,
  },
  {
    id: 'plain-clusterip',
    cluster: 'northwind-prod',
    situation: 'Plain ClusterIP Service',
    service: 'storefront/storefront-api',
    objects: [],
    finding: null,
    expect:
      'Pod → ClusterIP is forwarded to the 3 ready pods, 1/3 each, not masqueraded: the backend sees the client pod IP.',
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-web} --to {clusterIP:storefront/storefront-api}:80`,
  },
  {
    id: 'headless',
    cluster: 'northwind-prod',
    situation: 'Headless Services (no ClusterIP; DNS returns the pod IPs)',
    service: 'storefront/session-redis-headless',
    objects: ['Service catalog/catalog-db-hl', 'Service monitoring/node-exporter (hostNetwork endpoints)'],
    finding: null,
    expect:
      'No Service entry and no kube-proxy rule; clients connect to pod IPs directly (entry "pod"). node-exporter\'s endpoints are the node IPs of its hostNetwork pods.',
    trace: null,
  },
  {
    id: 'dual-stack',
    cluster: 'northwind-prod',
    situation: 'Dual-stack ClusterIP Service (IPv4 + IPv6)',
    service: 'storefront/recommendations',
    objects: [],
    finding: null,
    expect:
      'Two ClusterIPs (10.96.0.0/12 and fd00:10:96::/112) and two EndpointSlices (IPv4, IPv6); an IPv6 trace to the IPv6 ClusterIP lands on fd00:10:244:… pod addresses.',
    trace: `kubepath trace -f ${PROD} --from pod:storefront/{pod:storefront/storefront-web} --to [{clusterIP6:storefront/recommendations}]:8080`,
  },
  {
    id: 'selectorless-service',
    cluster: 'northwind-prod',
    situation: 'Selector-less Service with API-server-managed endpoints',
    service: 'default/kubernetes',
    objects: [],
    finding: null,
    expect: 'Endpoints are the 3 control-plane node IPs on 6443 (no targetRef pods).',
    trace: null,
  },
  {
    id: 'cilium-ipblock-nodes',
    cluster: 'northwind-edge',
    situation: 'Cilium: ipBlock with node IPs does not match nodes unless policy-cidr-match-mode includes nodes',
    service: 'edge-api/edge-gateway',
    objects: ['NetworkPolicy edge-api/edge-gateway-allow-partners', 'ConfigMap kube-system/cilium-config'],
    finding: { rule: 'cilium-ipblock-nodes', severity: 'error' },
    expect:
      'edge-gateway-allow-partners lists the 4 node IPs as /32 ipBlocks, but policy-cidr-match-mode is "": Cilium treats SNATed traffic from other nodes as remote-node, which CIDR rules never match, so partner traffic that lands on a node without the chosen backend is denied.',
    trace: `kubepath trace -f ${EDGE} --from 198.51.100.20 --to ${E.lbIPs.edgeGateway}:443 --at-node edge-worker-01`,
  },
  {
    id: 'cilium-snat-allowlist',
    cluster: 'northwind-edge',
    situation: 'Cilium kube-proxy replacement in SNAT mode: the partner allow-list fails for remote backends',
    service: 'edge-api/edge-gateway',
    objects: ['NetworkPolicy edge-api/edge-gateway-allow-partners'],
    finding: { rule: 'snat-allowlist', severity: 'error' },
    expect:
      'bpf-lb-mode snat: a backend on another node sees the receiving node, not 198.51.100.0/26; only the backend on the receiving node keeps the client IP.',
    trace: null,
  },
  {
    id: 'cilium-dsr',
    cluster: 'northwind-edge',
    situation: 'Cilium DSR opt-in per Service (service.cilium.io/forwarding-mode: dsr)',
    service: 'edge-api/edge-stream',
    objects: ['NetworkPolicy edge-api/edge-stream-allow-partners'],
    finding: null,
    expect:
      'bpf-lb-mode-annotation is on and the Service asks for DSR: backends see the client IP even under externalTrafficPolicy Cluster, so the ACME allow-list works; no snat-allowlist finding.',
    trace: `kubepath trace -f ${EDGE} --from 198.51.100.20 --to ${E.lbIPs.edgeStream}:443 --at-node edge-worker-01`,
  },
  {
    id: 'single-node-replicas',
    cluster: 'northwind-edge',
    situation: 'LoadBalancer whose two ready replicas both run on one node (no spread constraint)',
    service: 'edge-tools/status-page',
    objects: ['Node edge-worker-02'],
    finding: { rule: 'single-node-replicas', severity: 'warning' },
    expect:
      'Both ready replicas of status-page run on edge-worker-02: one node failure or drain takes the public status page down, and every node the load balancer picks forwards to that one node. The fix is a topologySpreadConstraint on kubernetes.io/hostname (or pod anti-affinity).',
    trace: `kubepath analyze -f ${EDGE}`,
  },
];

type Item = { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: Record<string, unknown> };

/** Fills `{pod:ns/prefix[@node]}`, `{hcnp:ns/name}`, `{clusterIP:ns/name}` and `{clusterIP6:ns/name}` from the objects. */
export function fillScenarioPlaceholders(text: string, objects: KubeObject[]): string {
  const items = objects as Item[];
  return text.replace(
    /\{(pod|hcnp|clusterIP|clusterIP6):([^}@]+)(?:@([^}]+))?\}/g,
    (whole, what: string, ref: string, node?: string) => {
      const [ns, name] = ref.split('/');
      if (what === 'pod') {
        const pod = items.find(
          (o) =>
            o.kind === 'Pod' &&
            o.metadata?.namespace === ns &&
            o.metadata?.name?.startsWith(`${name}-`) &&
            (!node || (o.spec as { nodeName?: string } | undefined)?.nodeName === node),
        );
        if (!pod) throw new Error(`scenario placeholder ${whole} matches no pod`);
        return pod.metadata!.name!;
      }
      const svc = items.find((o) => o.kind === 'Service' && o.metadata?.namespace === ns && o.metadata?.name === name);
      const spec = (svc?.spec ?? {}) as { healthCheckNodePort?: number; clusterIPs?: string[] };
      const value =
        what === 'hcnp'
          ? spec.healthCheckNodePort
          : what === 'clusterIP'
            ? spec.clusterIPs?.[0]
            : spec.clusterIPs?.find((ip) => ip.includes(':'));
      if (value === undefined) throw new Error(`scenario placeholder ${whole} has no value`);
      return String(value);
    },
  );
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** SCENARIOS.md, rendered from DEMO_SCENARIOS and the built objects. */
export function renderScenariosMarkdown(objects: Record<DemoClusterId, KubeObject[]>): string {
  const rows = DEMO_SCENARIOS.map((s, i) => {
    const fill = (t: string) => fillScenarioPlaceholders(t, objects[s.cluster]);
    const evidence = [s.service ? `Service ${s.service}` : null, ...s.objects.map(fill)].filter(Boolean).join('<br>');
    const finding = s.finding ? `\`${s.finding.rule}\` (${s.finding.severity})` : '— (behaviour only)';
    const trace = s.trace ? `<br>\`${fill(s.trace)}\`` : '';
    return `| ${i + 1} | \`${s.id}\` | ${s.cluster} | ${cell(s.situation)} | ${cell(evidence)} | ${finding} | ${cell(fill(s.expect))}${cell(trace)} |`;
  });
  return `# Demo cluster scenarios

Generated from \`lib/demo/scenarios.ts\` by \`node --import tsx lib/demo/write-demo.ts\`; do not edit by hand.

Seven embedded demo clusters (\`lib/demo/clusters.json\`): the two Northwind clusters of the table below, and the
five front-door stories at the end. The dashboard header's demo switcher picks one; \`npm run demo -- --cluster ID\`
(or \`KUBEPATH_DEMO=ID\`) starts on one, and \`?demo=ID\` in any dashboard address opens it.

- **northwind-prod** (\`lib/demo/demo-cluster.json\`): Northwind Retail production, kubeadm on bare metal,
  8 nodes in eu-west-1a/b/c (3 control-plane, 5 workers), dual-stack, Calico IPIP, kube-proxy iptables,
  MetalLB (pool "public" ${P.metallbPools.public} over BGP, pool "internal" ${P.metallbPools.internal} over L2), ingress-nginx.
- **northwind-edge** (\`lib/demo/demo-cilium-cluster.json\`): 4 nodes, Cilium v1.16 as kube-proxy replacement
  (bpf-lb-mode snat, bpf-lb-mode-annotation on, native routing, policy-cidr-match-mode ""), LB-IPAM ${E.lbPool}.

"Finding" is the rule the engine should raise for that Service (proposed rule id; the findings module owns the
final names). Rows marked "behaviour only" are there so traces and per-node paths exercise that rule.
Addresses: 192.0.2.0/24 is Northwind's public block, 198.51.100.0/24 the partners, 203.0.113.0/24 internet clients.

| # | Id | Cluster | Situation | Evidence | Finding | What kubepath should say |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
