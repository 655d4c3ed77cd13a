import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { modelOf } from '../testing/cluster';
import type { SvcInput } from '../testing/fixtures';
import { webObjects } from '../testing/scenarios';
import { identifyLoadBalancer, TOA_ANNOTATION_UNVERIFIED, usesToa } from './load-balancer';

/** The web Service (LoadBalancer, 3 nodes) on a platform, with Service fields and extra objects. */
function lbOf(providerID: string | null, service: Partial<SvcInput> = {}, extra: KubeObject[] = []) {
  const nodeExtras = providerID
    ? Object.fromEntries(
        ['node-a', 'node-b', 'node-c'].map((n) => [n, { providerID: `${providerID}${n.replace('-', '')}` }]),
      )
    : {};
  const model = modelOf(...webObjects({ service, nodeExtras, extra }));
  return identifyLoadBalancer(model, model.services.get('default/web')!)!;
}

const cr = (apiVersion: string, kind: string, name: string, spec: object, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec,
});

describe('load-balancer identity: AWS', () => {
  it('no class and no type annotation on aws:// nodes is the Classic ELB: it terminates TCP, whatever the policy', () => {
    const lb = lbOf('aws:///eu-west-1a/i-', { externalTrafficPolicy: 'Local' });
    expect(lb).toMatchObject({ kind: 'aws-clb-intree', layer: 'L4-proxy', keepsClientIP: false, targets: 'nodes' });
    expect(lb.healthCheck).toBe('healthCheckNodePort');
    expect(lb.evidence).toContain('node providerID aws:///eu-west-1a/i-nodea');
  });

  it('Classic ELB with PROXY annotation "*" sends PROXY v1; http backend makes it L7', () => {
    const pp = lbOf('aws:///x/i-', {
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' },
    });
    expect(pp.proxyProtocol).toBe('v1');
    const l7 = lbOf('aws:///x/i-', {
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-backend-protocol': 'http' },
    });
    expect(l7.layer).toBe('L7');
  });

  it('NLB via the LB controller class, instance targets, PROXY v2: pass-through to nodes, TCP check under Cluster', () => {
    const lb = lbOf('aws:///x/i-', {
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' },
    });
    expect(lb.kind).toBe('aws-clb-intree'); // no class: still the in-tree Classic ELB
    const nlb = lbOf('aws:///x/i-', {
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
      },
    });
    expect(nlb).toMatchObject({
      kind: 'aws-lbc-nlb-instance',
      layer: 'L4-passthrough',
      keepsClientIP: true,
      proxyProtocol: 'v2',
      healthCheck: 'trafficPort',
      targets: 'nodes',
    });
  });

  it('NLB ip targets go to pods; the NLB address unless preserve_client_ip is on', () => {
    const ann = {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    };
    const plain = lbOf('aws:///x/i-', { annotations: ann, externalTrafficPolicy: 'Local' });
    expect(plain).toMatchObject({
      kind: 'aws-lbc-nlb-ip',
      targets: 'pods',
      keepsClientIP: false,
      healthCheck: 'endpoints',
    });
    const kept = lbOf('aws:///x/i-', {
      annotations: {
        ...ann,
        'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true',
      },
    });
    expect(kept.keepsClientIP).toBe(true);
  });
});

describe('load-balancer identity: GKE, AKS, DigitalOcean, Hetzner, Alibaba, OCI', () => {
  it('GKE: target-pool fallback, RBS by class, internal by annotation; Cluster probes kube-proxy healthz', () => {
    expect(lbOf('gce://proj/zone/')).toMatchObject({ kind: 'gke-netlb-targetpool', healthCheck: 'kube-proxy-healthz' });
    const rbs = lbOf('gce://proj/zone/', { externalTrafficPolicy: 'Local' });
    expect(rbs.healthCheck).toBe('healthCheckNodePort');
    expect(lbOf('gce://p/z/', { annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } }).kind).toBe(
      'gke-ilb',
    );
  });

  it('AKS is a pass-through Azure LB that honours healthCheckNodePort under Local', () => {
    expect(lbOf('azure:///subscriptions/s/vm/', { externalTrafficPolicy: 'Local' })).toMatchObject({
      kind: 'aks-azure-lb',
      keepsClientIP: true,
      healthCheck: 'healthCheckNodePort',
    });
  });

  it('DigitalOcean network LB leaves the client question open; REGIONAL proxies with PROXY v1', () => {
    const nlb = lbOf('digitalocean://');
    expect(nlb.kind).toBe('digitalocean-nlb');
    expect(nlb.keepsClientIP).toBeNull();
    expect(nlb.question).toMatch(/pass the client address/);
    const reg = lbOf('digitalocean://', {
      annotations: {
        'service.beta.kubernetes.io/do-loadbalancer-type': 'REGIONAL',
        'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol': 'true',
      },
    });
    expect(reg).toMatchObject({
      kind: 'digitalocean-regional',
      layer: 'L4-proxy',
      keepsClientIP: false,
      proxyProtocol: 'v1',
    });
  });

  it('Hetzner never probes healthCheckNodePort: the traffic port under Local too', () => {
    expect(lbOf('hcloud://', { externalTrafficPolicy: 'Local' })).toMatchObject({
      kind: 'hetzner-lb',
      healthCheck: 'trafficPort',
      keepsClientIP: false,
    });
  });

  it('Alibaba: scheme-less providerID is the CLB; ENI backend type targets pods; NLB class asks about preservation', () => {
    expect(lbOf('cn-hangzhou.i-', {}).kind).toBe('alibaba-ack-clb');
    expect(lbOf('cn-hangzhou.i-', { annotations: { 'service.beta.kubernetes.io/backend-type': 'eni' } })).toMatchObject(
      {
        kind: 'alibaba-ack-eni',
        targets: 'pods',
        keepsClientIP: true,
      },
    );
    const nlbModel = modelOf(...webObjects({}));
    const s = nlbModel.services.get('default/web')!;
    s.loadBalancerClass = 'alibabacloud.com/nlb';
    expect(identifyLoadBalancer(nlbModel, s)!.question).toMatch(/preserve-client-ip/);
  });

  it('OCI by annotation: nlb passes through, lb proxies', () => {
    expect(lbOf(null, { annotations: { 'oci.oraclecloud.com/load-balancer-type': 'nlb' } }).kind).toBe('oci-nlb');
    expect(lbOf(null, { annotations: { 'oci.oraclecloud.com/load-balancer-type': 'lb' } }).layer).toBe('L4-proxy');
  });
});

describe('load-balancer identity: Tencent TKE', () => {
  it('node mode weighted by local pods (local-svc-weighted-balance)', () => {
    const lb = lbOf('qcloud://', {
      externalTrafficPolicy: 'Local',
      annotations: {
        'service.kubernetes.io/local-svc-only-bind-node-with-pod': 'true',
        'service.cloud.tencent.com/local-svc-weighted-balance': 'true',
      },
    });
    expect(lb).toMatchObject({
      kind: 'tencent-tke-clb',
      weights: 'podCount',
      keepsClientIP: true,
      healthCheck: 'unknown',
    });
    expect(lb.question).toMatch(/healthCheckNodePort/);
  });

  it('TOA: the unverified enable-toa annotation is read and its evidence says so; a NAT64 CLB leaves TOA a question', () => {
    const svc = (annotations: Record<string, string>) => {
      const model = modelOf(
        ...webObjects({ service: { annotations }, nodeExtras: { 'node-a': { providerID: 'qcloud://a' } } }),
      );
      return model.services.get('default/web')!;
    };
    const stated = lbOf('qcloud://', { annotations: { [TOA_ANNOTATION_UNVERIFIED]: 'true' } });
    expect(stated.evidence.join(' ')).toMatch(
      /service\.cloud\.tencent\.com\/enable-toa=true .*not in Tencent's TKE annotation list nor in the catalog/,
    );
    expect(usesToa(svc({ [TOA_ANNOTATION_UNVERIFIED]: 'true' }))).toBe(true);
    // Tencent's documented read-only annotation of a NAT64 CLB carries its IPv6 address.
    const nat64 = { 'service.kubernetes.io/loadbalance-nat-ipv6': '2402:4e00:1402:7200:0:9223:5842:2a44' };
    expect(usesToa(svc(nat64))).toBe('unknown');
    const lb = lbOf('qcloud://', { annotations: nat64 });
    expect(lb.question).toMatch(/^The Service's CLB is a NAT64 \(IPv6\) CLB: is TOA switched on .*healthCheckNodePort/);
    expect(lb.evidence.join(' ')).toMatch(/service\.kubernetes\.io\/loadbalance-nat-ipv6 \(a NAT64 CLB/);
    // The name the last session guessed is not Tencent's: no TOA from it.
    expect(usesToa(svc({ 'service.cloud.tencent.com/loadbalance-nat-ipv6': 'true' }))).toBe(false);
    expect(usesToa(svc({}))).toBe(false);
  });

  it('direct access goes straight to pods and keeps the client', () => {
    expect(lbOf('qcloud://', { annotations: { 'service.cloud.tencent.com/direct-access': 'true' } })).toMatchObject({
      kind: 'tencent-tke-clb-direct',
      targets: 'pods',
      keepsClientIP: true,
    });
  });
});

describe('load-balancer identity: bare metal', () => {
  const pool = cr('metallb.io/v1beta1', 'IPAddressPool', 'lan', { addresses: ['198.51.100.0/24'] }, 'metallb-system');
  const metallbAnn = { 'metallb.io/ip-allocated-from-pool': 'lan' };

  it('MetalLB L2: one announcing node, steered by endpoints', () => {
    const l2 = cr('metallb.io/v1beta1', 'L2Advertisement', 'l2', { ipAddressPools: ['lan'] }, 'metallb-system');
    expect(lbOf(null, { annotations: metallbAnn }, [pool, l2])).toMatchObject({
      kind: 'metallb-l2',
      weights: 'singleNode',
      healthCheck: 'endpoints',
      keepsClientIP: true,
    });
  });

  it('MetalLB BGP when only a BGPAdvertisement selects the pool; nothing when no advertisement selects it', () => {
    const bgp = cr('metallb.io/v1beta1', 'BGPAdvertisement', 'bgp', { ipAddressPools: ['lan'] }, 'metallb-system');
    expect(lbOf(null, { annotations: metallbAnn }, [pool, bgp])).toMatchObject({
      kind: 'metallb-bgp',
      weights: 'even',
    });
    const other = cr('metallb.io/v1beta1', 'BGPAdvertisement', 'bgp', { ipAddressPools: ['dmz'] }, 'metallb-system');
    expect(lbOf(null, { annotations: metallbAnn }, [pool, other]).kind).toBe('unknown');
  });

  it('OpenELB layer2 Eip is single-node; kube-vip with vipHost too; Cilium L2 by class', () => {
    const eip = cr('network.kubesphere.io/v1alpha2', 'Eip', 'eip-l2', { address: '198.51.100.10', protocol: 'layer2' });
    expect(
      lbOf(
        null,
        {
          annotations: { 'lb.kubesphere.io/v1alpha1': 'openelb', 'eip.openelb.kubesphere.io/v1alpha2': 'eip-l2' },
        },
        [eip],
      ),
    ).toMatchObject({ kind: 'openelb', weights: 'singleNode' });
    expect(lbOf(null, { annotations: { 'kube-vip.io/vipHost': 'node-b' } }).weights).toBe('singleNode');
  });

  it('Cilium: L2 announcer by class, or by LB-IPAM pool + enable-l2-announcements; BGP control plane likewise', () => {
    const model = modelOf(...webObjects({}));
    const s = model.services.get('default/web')!;
    s.loadBalancerClass = 'io.cilium/l2-announcer';
    expect(identifyLoadBalancer(model, s)).toMatchObject({
      kind: 'cilium-l2-announcer',
      weights: 'singleNode',
      healthCheck: 'endpoints',
    });
    const pool = cr('cilium.io/v2alpha1', 'CiliumLoadBalancerIPPool', 'pool', {
      blocks: [{ cidr: '198.51.100.0/24' }],
    });
    const cfg = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cilium-config', namespace: 'kube-system' },
      data: { 'enable-bgp-control-plane': 'true' },
    };
    expect(lbOf(null, {}, [pool, cfg]).kind).toBe('cilium-bgp-lb');
    expect(lbOf(null, {}, [cfg]).kind).toBe('unknown'); // no LB-IPAM pool: not Cilium's address
  });

  it('K3s ServiceLB needs its svclb pods; OpenStack Octavia proxies and asks which provider', () => {
    const svclb = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'svclb-web-x',
        namespace: 'kube-system',
        labels: { 'svccontroller.k3s.cattle.io/svcname': 'web', 'svccontroller.k3s.cattle.io/svcnamespace': 'default' },
      },
      spec: { nodeName: 'node-a', containers: [{ name: 'lb' }] },
      status: { phase: 'Running', podIP: '10.244.0.99' },
    };
    expect(lbOf('k3s://', {}, [svclb]).kind).toBe('k3s-servicelb');
    expect(lbOf('k3s://').kind).toBe('unknown');
    const octavia = lbOf('openstack:///', {});
    expect(octavia).toMatchObject({ kind: 'openstack-octavia', layer: 'L4-proxy', keepsClientIP: false });
    expect(octavia.question).toMatch(/amphora/);
  });

  it('EKS Auto Mode class with ip targets goes to pods', () => {
    const model = modelOf(
      ...webObjects({
        service: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } },
      }),
    );
    const s = model.services.get('default/web')!;
    s.loadBalancerClass = 'eks.amazonaws.com/nlb';
    expect(identifyLoadBalancer(model, s)).toMatchObject({ kind: 'aws-eks-auto-nlb', targets: 'pods' });
  });

  it('an unknown loadBalancerClass is an external controller: unknown with a question, no platform fallback', () => {
    const model = modelOf(...webObjects({ nodeExtras: { 'node-a': { providerID: 'aws:///x/i-1' } } }));
    const s = model.services.get('default/web')!;
    s.loadBalancerClass = 'example.com/my-lb';
    const lb = identifyLoadBalancer(model, s)!;
    expect(lb).toMatchObject({ kind: 'unknown', keepsClientIP: null, weights: 'unknown' });
    expect(lb.question).toContain('example.com/my-lb');
  });

  it('nothing known at all: unknown; a ClusterIP Service has no load balancer', () => {
    expect(lbOf(null).kind).toBe('unknown');
    const model = modelOf(...webObjects({ service: { type: 'ClusterIP' } }));
    expect(identifyLoadBalancer(model, model.services.get('default/web')!)).toBeNull();
  });
});
