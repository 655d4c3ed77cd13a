// Citations for every kube-proxy / dataplane rule the engine applies. Traces and paths list the ones
// that decided an answer in `rules`, so a user can check each step against its source.
// Test names refer to kubernetes/kubernetes pkg/proxy/{iptables,nftables,ipvs}/proxier_test.go unless
// another file is named; see ../shared/reference/kube-proxy-semantics.md for the full reading.

/** Rule citations, keyed by what they decide. */
export const RULES = {
  // §1.2 / §1.3 masquerade table
  masqPodToClusterIP:
    'iptables+nftables proxier_test.go::TestInternalExternalMasquerade (pod to ClusterIP): not masqueraded',
  masqHairpin:
    'iptables+nftables proxier_test.go::TestClusterIPGeneral (hairpin to cluster IP): an endpoint reaching itself is masqueraded',
  masqNodeToClusterIP: 'proxier_test.go::TestInternalExternalMasquerade (node to ClusterIP): masqueraded',
  masqExternalToClusterIP: 'proxier_test.go::TestInternalExternalMasquerade (external to ClusterIP): masqueraded',
  masqClusterPolicyExternal:
    'proxier_test.go::TestExternalTrafficPolicyCluster (pod/external to NodePort, LB IP, externalIP): masqueraded',
  masqLocalPolicyPod:
    'proxier_test.go::TestExternalTrafficPolicyLocal (pod to NodePort/LB/externalIP): all endpoints, unmasqueraded (short-circuit)',
  masqLocalPolicyNode:
    'proxier_test.go::TestInternalExternalMasquerade (node to LB with eTP:Local); TestTracePacket (LOCAL, KUBE-MARK-MASQ): all endpoints, masqueraded',
  masqLocalhostNodePort:
    'iptables proxier_test.go::TestInternalExternalMasquerade (localhost to NodePort[ with eTP:Local]); TestNodePorts: masqueraded',
  masqLocalPolicyExternal:
    'proxier_test.go::TestExternalTrafficPolicyLocal (external to NodePort/LB/externalIP): local endpoints only, unmasqueraded',
  masqueradeAll:
    'proxier_test.go::TestInternalExternalMasquerade (masqueradeAll): pod to ClusterIP becomes masqueraded too',
  noLocalDetector:
    'proxier_test.go::TestInternalExternalMasquerade (no LocalTrafficDetector): ClusterIP traffic is assumed to come from pods; no pod short-circuit',
  itpDoesNotMasquerade:
    'proxier_test.go::TestInternalExternalMasquerade (node to ClusterIP with iTP:Local): iTP never changes masquerading',
  localDetector:
    'cmd/kube-proxy/app/server_linux.go::getLocalDetector (ClusterCIDR / NodeCIDR / BridgeInterface / InterfaceNamePrefix; otherwise no-op)',
  // §2 drop vs reject
  rejectNoEndpoints:
    'proxier_test.go::TestNoEndpointsReject; TestTerminatingEndpointsTrafficPolicy{Local,Cluster} (no usable endpoints on any node): REJECT',
  dropLocalNoLocalEndpoints:
    'proxier_test.go::TestTerminatingEndpointsTrafficPolicyLocal (external to LB, no locally-usable endpoints); TestTracePacket (DROP): eTP=Local without a local endpoint drops',
  dropItpNoLocalEndpoints:
    'proxier_test.go::TestInternalTrafficPolicy (… no local endpoints): iTP=Local without a local endpoint drops',
  nftRejectWrongPort:
    "nftables proxier_test.go::TestClusterIPGeneral (TCP-only port does not match UDP traffic; svc1 does not accept svc2's ports): REJECT",
  iptablesWrongPortNoMatch:
    'iptables proxier_test.go::TestClusterIPGeneral: a ClusterIP packet on an unserved port matches no rule',
  nftDropUnallocated:
    'nftables proxier_test.go::TestClusterIPGeneral (packet to unallocated cluster ip): DROP (needs the service CIDR)',
  // §3 / §4 endpoint choice
  categorize:
    'pkg/proxy/topology.go::CategorizeEndpoints: cluster set = ready (topology-narrowed), else serving+terminating cluster-wide; local set = local ready, else local serving+terminating',
  topologyHints:
    'pkg/proxy/topology.go::topologyModeFromHints: hints honoured only when every ready endpoint carries them (PreferSameNode, then PreferSameZone)',
  terminatingLocal:
    'proxier_test.go::TestTerminatingEndpointsTrafficPolicyLocal (only terminating endpoints exist): local serving+terminating used only without a local ready one',
  terminatingCluster:
    'proxier_test.go::TestTerminatingEndpointsTrafficPolicyCluster (only terminating endpoints exist): serving+terminating used only when nothing is ready anywhere',
  etpIgnoredClusterIPOnly:
    'topology_test.go::TestCategorizeEndpoints (externalTrafficPolicy ignored if not externally accessible)',
  // §5 / §6
  shortCircuit:
    'proxier_test.go::TestInternalExternalMasquerade (pod to LB with eTP:Local; pod to NodePort with eTP:Local): in-cluster clients get the cluster-wide set',
  itpOnlyClusterIP:
    'proxier_test.go::TestInternalExternalMasquerade (pod to LB with iTP:Local; pod to NodePort with iTP:Local): iTP applies to ClusterIP traffic only',
  ipModeProxy:
    'proxier_test.go::TestLoadBalancerIngressRouteTypeProxy (iptables, nftables, ipvs): no rule for an ipMode=Proxy LB IP; in-cluster traffic goes to the real LB',
  ipvsLocalOnly:
    'ipvs proxier_test.go::TestOnlyLocalLoadBalancing, TestOnlyLocalNodePorts, TestOnlyLocalExternalIPs: eTP=Local virtual servers hold local real servers only (no short-circuit: inferred)',
  ipvsEmptyVirtualServer:
    'Linux net/netfilter/ipvs/ip_vs_core.c::ip_vs_leave: a virtual server with no real server answers ICMP port unreachable (inferred for kube-proxy ipvs)',
  // §7 health
  healthCheckNodePort:
    'pkg/proxy/healthcheck/healthcheck_test.go::TestServer; proxier_test.go::TestHealthCheckNodePortWhenTerminating: 200 only with ≥1 local READY endpoint',
  proxyHealthz:
    'pkg/proxy/healthcheck/healthcheck_test.go::TestHealthzServer: :10256/healthz is 503 for a node with deletionTimestamp or the ToBeDeletedByClusterAutoscaler taint',
  lbNodeExclusion:
    'label node.kubernetes.io/exclude-from-external-load-balancers: the service controller leaves the node out of every load balancer (KEP-1143)',
  // §8 / §9 / §10
  sourceRangesLbOnly:
    'iptables proxier_test.go::TestLoadBalancer (pod to LB1 (blocked); nodePort bypasses LoadBalancerSourceRanges): ranges apply to the LB IP only, pods included',
  sourceRangesLbSelf:
    'iptables proxier_test.go::TestLoadBalancer (same node to LB1, SNATted to LB1 (implicitly allowed)): a range covering a node IP also admits the LB IP as source',
  externalIPs:
    'proxier_test.go::TestExternalTrafficPolicyLocal/Cluster (external IP); TestOverallIPTablesRules svc4: externalIPs are treated like LB IPs, without source ranges',
  nodePortAddressesDefault:
    'virtual-ips.md (nftables migration notes); iptables TestNodePorts: iptables serves NodePorts on every local IP, nftables on the primary node IPs',
  localhostNodePorts:
    'iptables proxier_test.go::TestNodePorts; virtual-ips.md: NodePorts on 127.0.0.1 in iptables mode only (IPv4, iptables.localhostNodePorts)',
  // SNAT address (§1.4, ../shared/reference/netpol-semantics.md §2/§3/§4, ../shared/reference/source-ip-catalog.md K10)
  masqueradeAddress:
    'source-ip tutorial (Type=NodePort): the node replaces the source with its own address; Linux MASQUERADE picks the outgoing interface address (../shared/reference/source-ip-catalog.md K10, derived)',
  // §11 Cilium kube-proxy replacement
  ciliumSocketLB:
    'cilium kubeproxy-free.rst: east-west traffic is balanced at the socket (no per-packet DNAT, no SNAT); in-cluster clients reach eTP=Local Services through all endpoints',
  ciliumSnatMode:
    'cilium kubeproxy-free.rst (loadBalancer.mode=snat): a remote backend is reached with SNAT to the receiving node; a local backend keeps the client IP',
  ciliumDsrMode:
    'cilium kubeproxy-free.rst (DSR): the backend replies directly; the client IP is preserved even under eTP=Cluster',
  ciliumHybridMode: 'cilium kubeproxy-free.rst (Hybrid DSR and SNAT Mode): DSR for TCP, SNAT for UDP',
  ciliumAnnotationMode:
    'cilium kubeproxy-free.rst (annotation mode): service.cilium.io/forwarding-mode picks dsr or snat per Service',
  ciliumSourceRanges:
    'cilium kubeproxy-free.rst (LoadBalancer source ranges): applied to traffic from outside only; in-cluster clients are never filtered',
  ciliumNoBackend:
    'cilium service-no-backend-response (cilium/cilium#28157): default reject (ICMP unreachable); drop when configured',
  ciliumLoopback:
    'cilium ipv4-service-loopback-address (default 169.254.42.1; cilium/cilium#15709): a pod reaching itself through a Service sees this source',
  ciliumExternalClusterIP:
    'cilium bpf-lb-external-clusterip (default false): ClusterIPs are not reachable from outside the cluster',
  // Placement (finding single-node-replicas)
  singleNodeReplicas:
    'create-external-load-balancer.md (Preserving the client source IP: nodes without local endpoints fail healthCheckNodePort); topology-spread-constraints.md; assign-pod-node.md (inter-pod anti-affinity): replicas spread over nodes only when asked to',
} as const;

/** A rule key. */
export type RuleKey = keyof typeof RULES;
