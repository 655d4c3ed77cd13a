// The five front-door stories, each a small cluster of its own (the platforms differ, and LB
// detection reads the nodes' providerIDs, so they cannot share one cluster): Pomerium behind a GKE LB,
// an Istio gateway with PROXY protocol and sidecars, Kong behind three AWS load balancers, Tencent TKE's
// four ways in, and a KubeSphere gateway on Calico IPIP with allow-lists. Written to lib/demo/stories/*.json
// by write-demo.ts; FRONT_DOOR_STORIES lists what each shows and the trace command that shows it.
import type { KubeObject } from '../model/k8s';
import { DEMO_CLUSTER_INFO } from './catalog';
import { ingress, ingressClass, proxyPod } from '../engine/frontdoor/testing';
import { configMap, kubeProxyConfig, netpol, node, ns, slice, svc, type SvcInput } from '../engine/testing/fixtures';

/** One story: its snapshot, and what kubepath shows for it. */
export interface FrontDoorStory {
  id: 'pomerium-gke' | 'istio-proxy-protocol' | 'kong-aws' | 'tke-four-ways' | 'kubesphere-calico';
  title: string;
  file: string;
  expect: string;
  traces: string[];
}

/** A client on the internet used by every story. */
export const STORY_CLIENT = '203.0.113.50';

function nodes(
  prefix: string,
  providerID: string | null,
  base: string,
  annotations?: (i: number) => Record<string, string>,
) {
  return [1, 2, 3].map((i) =>
    node({
      name: `${prefix}-${i}`,
      internalIP: `${base}.${10 + i}`,
      podCIDR: `10.244.${i}.0/24`,
      zone: 'zone-a',
      ...(providerID ? { providerID: `${providerID}${prefix}-${i}` } : {}),
      annotations: annotations?.(i),
    }),
  );
}

/** A Deployment's pods, its Service and EndpointSlice. */
function workload(o: {
  ns: string;
  name: string;
  pods: { node: string; ip: string; annotations?: Record<string, string> }[];
  pod?: Parameters<typeof proxyPod>[0] extends infer P ? Partial<P> : never;
  service?: Partial<SvcInput>;
  port?: number;
  targetPort?: number;
}): KubeObject[] {
  const port = o.port ?? 80;
  const targetPort = o.targetPort ?? 8080;
  const out: KubeObject[] = [
    svc({
      name: o.name,
      namespace: o.ns,
      clusterIP: `10.96.0.${++seq}`,
      ports: [
        {
          name: 'http',
          port,
          targetPort,
          ...(o.service?.type && o.service.type !== 'ClusterIP' ? { nodePort: 30000 + seq } : {}),
        },
      ],
      selector: { app: o.name },
      ...o.service,
    }),
    slice({
      service: o.name,
      namespace: o.ns,
      name: `${o.name}-abc`,
      ports: [{ name: 'http', port: targetPort }],
      endpoints: o.pods.map((p, i) => ({ ip: p.ip, node: p.node, pod: `${o.name}-${i}` })),
    }),
  ];
  o.pods.forEach((p, i) =>
    out.push(
      proxyPod({
        name: `${o.name}-${i}`,
        namespace: o.ns,
        ip: p.ip,
        node: p.node,
        containerPort: targetPort,
        ...o.pod,
        labels: { app: o.name, ...(o.pod?.labels ?? {}) },
        annotations: { ...(o.pod?.annotations ?? {}), ...(p.annotations ?? {}) },
      }),
    ),
  );
  return out;
}

let seq = 10;

/** Numbers ClusterIPs and NodePorts from the same start on every build (the snapshots are committed). */
function fresh(build: () => KubeObject[]): () => KubeObject[] {
  return () => {
    seq = 10;
    return build();
  };
}

const kp = () => kubeProxyConfig({ mode: 'iptables', clusterCIDR: '10.244.0.0/16' });

/** Story 1: Pomerium (use_remote_address) behind a GKE passthrough LB under Cluster. */
export function pomeriumGke(): KubeObject[] {
  return [
    ...nodes('gke', 'gce://shop-prod/europe-west1-b/', '10.128.0'),
    kp(),
    ns('pomerium'),
    ns('monitoring'),
    ...workload({
      ns: 'pomerium',
      name: 'pomerium-proxy',
      port: 443,
      targetPort: 8443,
      pods: [{ node: 'gke-1', ip: '10.244.1.10' }],
      pod: { image: 'pomerium/ingress-controller:v0.28.0' },
      service: { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', lbIngress: [{ ip: '34.120.10.5' }] },
    }),
    ...workload({ ns: 'monitoring', name: 'grafana', targetPort: 3000, pods: [{ node: 'gke-3', ip: '10.244.3.20' }] }),
    ingressClass('pomerium', 'pomerium.io/ingress-controller'),
    ingress({
      name: 'grafana',
      namespace: 'monitoring',
      className: 'pomerium',
      host: 'grafana.example.com',
      service: 'grafana',
      port: 80,
      annotations: { 'ingress.pomerium.io/allowed_domains': '["example.com"]' },
    }),
  ];
}

/** Story 2: Istio ingress gateway behind an AWS NLB sending PROXY v2; backends with REDIRECT and TPROXY sidecars. */
export function istioProxyProtocol(): KubeObject[] {
  const topology = JSON.stringify({ gatewayTopology: { proxyProtocol: {} } });
  const sidecar = { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' };
  return [
    ...nodes('ip-10-0-1', 'aws:///eu-west-1a/i-0', '10.0.1'),
    kp(),
    ns('istio-system'),
    ns('shop'),
    ...workload({
      ns: 'istio-system',
      name: 'istio-ingressgateway',
      targetPort: 8080,
      pods: [{ node: 'ip-10-0-1-1', ip: '10.244.1.30' }],
      pod: {
        labels: { istio: 'ingressgateway' },
        annotations: { 'proxy.istio.io/config': topology },
        image: 'docker.io/istio/proxyv2:1.24.0',
      },
      service: {
        type: 'LoadBalancer',
        annotations: {
          'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
          'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance',
          'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
        },
        lbIngress: [{ hostname: 'k8s-istiosys-istioing-0123456789.elb.eu-west-1.amazonaws.com' }],
      },
    }),
    ...workload({
      ns: 'shop',
      name: 'reviews',
      pods: [{ node: 'ip-10-0-1-2', ip: '10.244.2.40' }],
      pod: { annotations: sidecar },
    }),
    ...workload({
      ns: 'shop',
      name: 'ratings',
      pods: [{ node: 'ip-10-0-1-3', ip: '10.244.3.41' }],
      pod: { annotations: { ...sidecar, 'sidecar.istio.io/interceptionMode': 'TPROXY' } },
    }),
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'istio-system' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ hosts: ['*.example.com'], port: { number: 80, protocol: 'HTTP' } }],
      },
    },
    ...['reviews', 'ratings'].map((name) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace: 'shop' },
      spec: {
        hosts: [`${name}.example.com`],
        gateways: ['istio-system/public'],
        http: [{ route: [{ destination: { host: `${name}.shop.svc.cluster.local`, port: { number: 80 } } }] }],
      },
    })),
  ];
}

/** Story 3: Kong behind an NLB (instance targets + PROXY v2), a Classic ELB, and an ALB with ip targets. */
export function kongAws(): KubeObject[] {
  const kongPod = (env: Record<string, string>) => ({
    image: 'kong/kong-gateway:3.9',
    env: { KONG_PROXY_LISTEN: '0.0.0.0:8000', ...env },
  });
  return [
    ...nodes('ip-10-0-2', 'aws:///us-east-1a/i-0', '10.0.2'),
    kp(),
    ns('kong'),
    ns('orders'),
    ...workload({
      ns: 'kong',
      name: 'kong-nlb',
      targetPort: 8000,
      pods: [{ node: 'ip-10-0-2-1', ip: '10.244.1.50' }],
      pod: kongPod({
        KONG_PROXY_LISTEN: '0.0.0.0:8000 proxy_protocol',
        KONG_REAL_IP_HEADER: 'proxy_protocol',
        KONG_TRUSTED_IPS: '10.0.0.0/16',
      }),
      service: {
        type: 'LoadBalancer',
        annotations: {
          'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
          'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
        },
        lbIngress: [{ hostname: 'kong-nlb-0123.elb.us-east-1.amazonaws.com' }],
      },
    }),
    ...workload({
      ns: 'kong',
      name: 'kong-elb',
      targetPort: 8000,
      pods: [{ node: 'ip-10-0-2-2', ip: '10.244.2.51' }],
      pod: kongPod({}),
      service: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31500,
        lbIngress: [{ hostname: 'a0123-kong-elb.us-east-1.elb.amazonaws.com' }],
      },
    }),
    ...workload({
      ns: 'kong',
      name: 'kong-alb',
      targetPort: 8000,
      pods: [{ node: 'ip-10-0-2-3', ip: '10.244.3.52' }],
      pod: kongPod({ KONG_TRUSTED_IPS: '10.0.0.0/16', KONG_REAL_IP_HEADER: 'X-Forwarded-For' }),
    }),
    ...workload({ ns: 'orders', name: 'orders', pods: [{ node: 'ip-10-0-2-3', ip: '10.244.3.60' }] }),
    ingressClass('kong', 'ingress-controllers.konghq.com/kong'),
    ingressClass('alb', 'ingress.k8s.aws/alb'),
    ingress({
      name: 'orders',
      namespace: 'orders',
      className: 'kong',
      host: 'orders.example.com',
      service: 'orders',
      port: 80,
    }),
    ingress({
      name: 'edge',
      namespace: 'kong',
      className: 'alb',
      host: 'orders.example.com',
      service: 'kong-alb',
      port: 80,
      annotations: { 'alb.ingress.kubernetes.io/target-type': 'ip' },
    }),
  ];
}

/** Story 4: Tencent TKE — Local with pod-count weights, direct-to-pod, an L7 CLB Ingress, and TOA. */
export function tkeFourWays(): KubeObject[] {
  const three = [
    { node: 'tke-1', ip: '10.244.1.70' },
    { node: 'tke-1', ip: '10.244.1.71' },
    { node: 'tke-1', ip: '10.244.1.72' },
    { node: 'tke-2', ip: '10.244.2.73' },
  ];
  return [
    ...nodes('tke', 'qcloud:///800002/ins-', '172.16.0'),
    kp(),
    ns('game'),
    ...workload({
      ns: 'game',
      name: 'lobby-local',
      pods: three,
      service: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 32100,
        annotations: {
          'service.kubernetes.io/local-svc-only-bind-node-with-pod': 'true',
          'service.cloud.tencent.com/local-svc-weighted-balance': 'true',
        },
        lbIngress: [{ ip: '119.28.10.1' }],
      },
    }),
    ...workload({
      ns: 'game',
      name: 'lobby-direct',
      pods: three.map((p, i) => ({ ...p, ip: `10.244.${p.node === 'tke-1' ? 1 : 2}.${80 + i}` })),
      service: {
        type: 'LoadBalancer',
        annotations: { 'service.cloud.tencent.com/direct-access': 'true' },
        lbIngress: [{ ip: '119.28.10.2' }],
      },
    }),
    ...workload({
      ns: 'game',
      name: 'lobby-web',
      pods: [{ node: 'tke-3', ip: '10.244.3.90' }],
      service: { type: 'NodePort' },
    }),
    ingress({
      name: 'lobby-web',
      namespace: 'game',
      host: 'play.example.com',
      service: 'lobby-web',
      port: 80,
      annotations: { 'kubernetes.io/ingress.class': 'qcloud' },
    }),
    ...workload({
      ns: 'game',
      name: 'lobby-toa',
      pods: [{ node: 'tke-3', ip: '10.244.3.91' }],
      service: {
        type: 'LoadBalancer',
        annotations: { 'service.cloud.tencent.com/enable-toa': 'true' },
        lbIngress: [{ ip: '119.28.10.3' }],
      },
    }),
  ];
}

/** Story 5: a KubeSphere gateway (ingress-nginx) on OpenELB layer2, Calico IPIP, backend allow-listing clients. */
export function kubesphereCalico(): KubeObject[] {
  const calico = (i: number) => ({
    'projectcalico.org/IPv4Address': `192.168.10.${10 + i}/24`,
    'projectcalico.org/IPv4IPIPTunnelAddr': `10.244.${i}.1`,
  });
  return [
    ...nodes('ks', null, '192.168.10', calico),
    kp(),
    ns('kubesphere-controls-system'),
    ns('crm'),
    {
      apiVersion: 'network.kubesphere.io/v1alpha2',
      kind: 'Eip',
      metadata: { name: 'eip-pool' },
      spec: { address: '192.168.10.100-192.168.10.110', protocol: 'layer2', interface: 'eth0' },
    },
    ...workload({
      ns: 'kubesphere-controls-system',
      name: 'kubesphere-router-crm',
      targetPort: 80,
      pods: [{ node: 'ks-1', ip: '10.244.1.100' }],
      pod: {
        labels: { 'app.kubernetes.io/name': 'ingress-nginx', component: 'kubesphere-router' },
        image: 'kubesphere/nginx-ingress-controller:v1.3.1',
        args: ['/nginx-ingress-controller', '--configmap=$(POD_NAMESPACE)/kubesphere-router-crm-nginx'],
      },
      service: {
        type: 'LoadBalancer',
        annotations: { 'lb.kubesphere.io/v1alpha1': 'openelb', 'eip.openelb.kubesphere.io/v1alpha2': 'eip-pool' },
        lbIngress: [{ ip: '192.168.10.100' }],
      },
    }),
    // The gateway's own ConfigMap (named by --configmap), without forwarded-header or PROXY keys: defaults apply.
    configMap('kubesphere-router-crm-nginx', 'kubesphere-controls-system', { 'worker-processes': '2' }),
    ...workload({ ns: 'crm', name: 'crm-api', pods: [{ node: 'ks-2', ip: '10.244.2.110' }] }),
    ingress({
      name: 'crm',
      namespace: 'crm',
      host: 'crm.example.com',
      service: 'crm-api',
      port: 80,
      annotations: { 'kubernetes.io/ingress.class': 'nginx' },
      status: '192.168.10.100',
    }),
    netpol({
      name: 'crm-api-allow-office',
      namespace: 'crm',
      podSelector: { matchLabels: { app: 'crm-api' } },
      ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    }),
  ];
}

const DIR = 'lib/demo/stories';

/** The stories, in the order. */
export const FRONT_DOOR_STORIES: (FrontDoorStory & { build: () => KubeObject[] })[] = [
  {
    id: 'pomerium-gke',
    title: 'Pomerium behind a GKE passthrough LB under externalTrafficPolicy Cluster',
    file: `${DIR}/pomerium-gke.json`,
    build: fresh(pomeriumGke),
    expect:
      'Pomerium always uses the remote address, and under Cluster that is the SNAT node: Grafana gets 10.128.0.12 in X-Forwarded-For and x-envoy-external-address, not the client (proxy-behind-cluster); under Local it would be the client.',
    traces: [
      `kubepath trace -f ${DIR}/pomerium-gke.json --from ${STORY_CLIENT} --to 34.120.10.5:443 --at-node gke-2 --host grafana.example.com`,
    ],
  },
  {
    id: 'istio-proxy-protocol',
    title: 'Istio ingress gateway with PROXY v2 from an AWS NLB; REDIRECT and TPROXY sidecars behind it',
    file: `${DIR}/istio-proxy-protocol.json`,
    build: fresh(istioProxyProtocol),
    expect:
      'The gateway learns the client from PROXY v2 and writes it into x-envoy-external-address; reviews (REDIRECT) sees 127.0.0.6 as its peer (sidecar-loopback-source), ratings (TPROXY) sees the gateway pod.',
    traces: [
      `kubepath trace -f ${DIR}/istio-proxy-protocol.json --from ${STORY_CLIENT} --to lb:istio-system/istio-ingressgateway --host reviews.example.com`,
      `kubepath trace -f ${DIR}/istio-proxy-protocol.json --from ${STORY_CLIENT} --to lb:istio-system/istio-ingressgateway --host ratings.example.com`,
    ],
  },
  {
    id: 'kong-aws',
    title: 'Kong behind an NLB (instance + PROXY v2), a Classic ELB, and an ALB with ip targets and KONG_TRUSTED_IPS',
    file: `${DIR}/kong-aws.json`,
    build: fresh(kongAws),
    expect:
      'NLB + PROXY v2: Kong takes the client from PROXY (trusted 10.0.0.0/16). Classic ELB: the ELB terminates TCP, Kong sees the ELB whatever the policy (lb-terminates-connection). ALB: Kong trusts the VPC and takes the client from X-Forwarded-For.',
    traces: [
      `kubepath trace -f ${DIR}/kong-aws.json --from ${STORY_CLIENT} --to lb:kong/kong-nlb --host orders.example.com`,
      `kubepath trace -f ${DIR}/kong-aws.json --from ${STORY_CLIENT} --to lb:kong/kong-elb --host orders.example.com`,
      `kubepath trace -f ${DIR}/kong-aws.json --from ${STORY_CLIENT} --to ingress:kong/edge --host orders.example.com`,
    ],
  },
  {
    id: 'tke-four-ways',
    title: 'Tencent TKE: Local with pod-count weights, direct-to-pod, an L7 CLB Ingress, and TOA',
    file: `${DIR}/tke-four-ways.json`,
    build: fresh(tkeFourWays),
    expect:
      'lobby-local: the CLB weights nodes by local pods, so each of 4 pods gets 1/4 (no local-imbalance). lobby-direct: straight to pods, no SNAT under Cluster. lobby-web: the L7 CLB writes X-Forwarded-For. lobby-toa: carrier toa, every node needs the TOA module.',
    traces: [
      `kubepath trace -f ${DIR}/tke-four-ways.json --from ${STORY_CLIENT} --to 119.28.10.2:80`,
      `kubepath trace -f ${DIR}/tke-four-ways.json --from ${STORY_CLIENT} --to ingress:game/lobby-web`,
      `kubepath trace -f ${DIR}/tke-four-ways.json --from ${STORY_CLIENT} --to 119.28.10.3:80 --at-node tke-3`,
    ],
  },
  {
    id: 'kubesphere-calico',
    title: 'KubeSphere gateway (ingress-nginx) on OpenELB layer2 and Calico IPIP; the backend allow-lists client CIDRs',
    file: `${DIR}/kubesphere-calico.json`,
    build: fresh(kubesphereCalico),
    expect:
      'All traffic enters on one node (lb-single-node); under Cluster the gateway sees the Calico tunnel address 10.244.2.1 and writes it into X-Forwarded-For (proxy-behind-cluster); the backend allow-list of 203.0.113.0/24 denies the gateway pod.',
    traces: [
      `kubepath trace -f ${DIR}/kubesphere-calico.json --from ${STORY_CLIENT} --to 192.168.10.100:80 --at-node ks-2 --host crm.example.com`,
    ],
  },
];

/** The SCENARIOS.md section for the stories. */
export function renderStoriesMarkdown(): string {
  const lines = [
    '',
    '## Front-door stories',
    '',
    'One small snapshot per story in `lib/demo/stories/` (the platforms differ). Each is an embedded demo cluster',
    "too: pick it in the dashboard header's demo switcher, start on it with `npm run demo -- --cluster ID`, or open",
    'the page shown under "Dashboard" (`?demo=ID` works on any page).',
    '',
  ];
  for (const s of FRONT_DOOR_STORIES) {
    const info = DEMO_CLUSTER_INFO.find((c) => c.id === s.id);
    const dashboard = info
      ? [`Dashboard: \`npm run demo -- --cluster ${s.id}\`, then \`${servicePath(info.service, s.id)}\``, '']
      : [];
    lines.push(
      `### ${s.title}`,
      '',
      `File: \`${s.file}\``,
      '',
      s.expect,
      '',
      ...dashboard,
      '```sh',
      ...s.traces,
      '```',
      '',
    );
  }
  return lines.join('\n');
}

/** The dashboard path of a Service page in a demo cluster. */
function servicePath(service: string, demo: string): string {
  const [namespace, name] = service.split('/');
  return `/services/${namespace}/${name}?demo=${demo}`;
}
