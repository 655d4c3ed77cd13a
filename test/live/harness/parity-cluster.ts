// The cluster the parity test builds: three kwok nodes in two zones (two with a Calico IPIP tunnel
// address), Deployments behind every Service type (ClusterIP, NodePort, LoadBalancer; Cluster and
// Local), a Service without endpoints, NetworkPolicies, and kube-proxy's ConfigMap.
import type { ControlPlane } from './controlplane';
import { waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './cluster';
import { apply, setLoadBalancerIngress } from './kubectl';
import { deployment, kubeProxyConfigMap, kwokNode, namespace, networkPolicy, service, type Obj } from './objects';

/** Namespace of the parity objects. */
export const PARITY_NS = 'kp-parity';
const POOL = 'parity';

/** Services and the ready endpoints each must reach before the comparison. */
export const PARITY_SERVICES: { name: string; endpoints: number }[] = [
  { name: 'web-lb-local', endpoints: 3 },
  { name: 'web-lb-cluster', endpoints: 3 },
  { name: 'api-nodeport', endpoints: 2 },
  { name: 'api-nodeport-local', endpoints: 2 },
  { name: 'db', endpoints: 1 },
];

/** LoadBalancer ingress IPs set through the status subresource (TEST-NET-3, data only). */
export const PARITY_LB_IPS: Record<string, string> = {
  'web-lb-local': '203.0.113.10',
  'web-lb-cluster': '203.0.113.11',
};

function objects(): Obj[] {
  const ns = PARITY_NS;
  return [
    kwokNode({
      name: 'kp-par-a1',
      ip: '192.0.2.21',
      podCIDR: '10.244.21.0/24',
      zone: 'zone-a',
      pool: POOL,
      ipipTunnel: '10.244.21.254',
    }),
    kwokNode({
      name: 'kp-par-a2',
      ip: '192.0.2.22',
      podCIDR: '10.244.22.0/24',
      zone: 'zone-a',
      pool: POOL,
      ipipTunnel: '10.244.22.254',
    }),
    kwokNode({ name: 'kp-par-b1', ip: '192.0.2.23', podCIDR: '10.244.23.0/24', zone: 'zone-b', pool: POOL }),
    kubeProxyConfigMap({ mode: 'iptables', clusterCIDR: '10.244.0.0/16' }),
    namespace(ns),
    deployment({ ns, name: 'web', replicas: 3, pool: POOL }),
    deployment({ ns, name: 'api', replicas: 2, pool: POOL, port: 9090 }),
    deployment({ ns, name: 'db', replicas: 1, pool: POOL, port: 5432 }),
    service({ ns, name: 'web-lb-local', app: 'web', type: 'LoadBalancer', port: 80, externalTrafficPolicy: 'Local' }),
    service({
      ns,
      name: 'web-lb-cluster',
      app: 'web',
      type: 'LoadBalancer',
      port: 8081,
      externalTrafficPolicy: 'Cluster',
    }),
    service({ ns, name: 'api-nodeport', app: 'api', type: 'NodePort', port: 9090, externalTrafficPolicy: 'Cluster' }),
    service({
      ns,
      name: 'api-nodeport-local',
      app: 'api',
      type: 'NodePort',
      port: 9091,
      externalTrafficPolicy: 'Local',
    }),
    service({ ns, name: 'db', app: 'db', type: 'ClusterIP', port: 5432 }),
    // Selects nothing: the no-endpoints finding must show up in both analyses.
    service({ ns, name: 'orphan', app: 'nothing-has-this-label', type: 'ClusterIP', port: 80 }),
    networkPolicy(ns, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
    networkPolicy(ns, 'web-from-internet', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [
        {
          from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
          ports: [{ port: 'http', protocol: 'TCP' }],
        },
      ],
    }),
    networkPolicy(ns, 'api-from-web', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 9090, protocol: 'TCP' }] }],
    }),
    networkPolicy(ns, 'db-from-api', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
              podSelector: { matchLabels: { app: 'api' } },
            },
          ],
        },
      ],
    }),
  ];
}

/** Creates the parity cluster and waits until every Service has its ready endpoints. */
export async function createParityCluster(cp: ControlPlane): Promise<void> {
  const all = objects();
  const isNode = (o: Obj) => o.kind === 'Node';
  const isNs = (o: Obj) => o.kind === 'Namespace';
  await apply(
    cp,
    all.filter((o) => isNode(o) || isNs(o) || o.kind === 'ConfigMap'),
  );
  await waitForNodesReady(cp, `kubepath.test/pool=${POOL}`, 3);
  await waitForDefaultServiceAccount(cp, PARITY_NS);
  await apply(
    cp,
    all.filter((o) => !isNode(o) && !isNs(o) && o.kind !== 'ConfigMap'),
  );
  for (const [name, ip] of Object.entries(PARITY_LB_IPS)) await setLoadBalancerIngress(cp, PARITY_NS, name, [ip]);
  for (const s of PARITY_SERVICES) await waitForReadyEndpoints(cp, PARITY_NS, s.name, s.endpoints);
}
