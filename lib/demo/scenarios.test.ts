// Each scenario of SCENARIOS.md is really present in the demo objects (checked on the normalised model,
// independently of the engine): the findings tests can then rely on the objects having these shapes.
import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import type { ClusterModel } from '../model/cluster';
import type { KubeObject } from '../model/k8s';
import { cidrContains, parseCidr } from '../net/ip';
import { buildDemoCiliumCluster, buildDemoCluster } from './build-demo';
import { NW_EDGE as E, NW_PROD as P } from './northwind-constants';
import { DEMO_SCENARIOS, fillScenarioPlaceholders, type DemoClusterId } from './scenarios';

const objects: Record<DemoClusterId, KubeObject[]> = {
  'northwind-prod': buildDemoCluster(),
  'northwind-edge': buildDemoCiliumCluster(),
};
const prod = buildClusterModel(objects['northwind-prod']);
const edge = buildClusterModel(objects['northwind-edge']);

const svc = (m: ClusterModel, key: string) => {
  const s = m.services.get(key);
  if (!s) throw new Error(`no Service ${key}`);
  return s;
};
const eps = (m: ClusterModel, key: string) => m.endpointsByService.get(key) ?? [];
const policy = (m: ClusterModel, key: string) => {
  const [ns] = key.split('/');
  const p = (m.policiesByNamespace.get(ns) ?? []).find((x) => x.key === key);
  if (!p) throw new Error(`no NetworkPolicy ${key}`);
  return p;
};
const perNode = (m: ClusterModel, key: string) => {
  const out: Record<string, number> = {};
  for (const e of eps(m, key)) if (e.ready) out[e.nodeName!] = (out[e.nodeName!] ?? 0) + 1;
  return out;
};
const ipBlocks = (m: ClusterModel, key: string) =>
  (policy(m, key).spec.ingress ?? [])
    .flatMap((r) => r.from ?? [])
    .map((p) => p.ipBlock?.cidr)
    .filter((c): c is string => !!c)
    .map((c) => parseCidr(c)!);
const workers = ['prod-worker-01', 'prod-worker-02', 'prod-worker-03', 'prod-worker-04', 'prod-worker-05'];
const node = (m: ClusterModel, name: string) => m.nodes.get(name)!;

describe('scenario catalogue', () => {
  it('every scenario names objects that exist, and its placeholders resolve', () => {
    expect(new Set(DEMO_SCENARIOS.map((s) => s.id)).size).toBe(DEMO_SCENARIOS.length);
    for (const s of DEMO_SCENARIOS) {
      const m = s.cluster === 'northwind-prod' ? prod : edge;
      if (s.service) expect(m.services.has(s.service), s.id).toBe(true);
      for (const ref of s.objects) {
        const [kind, name] = fillScenarioPlaceholders(ref, objects[s.cluster]).split(' ');
        const found = objects[s.cluster].some(
          (o) => o.kind === kind && [o.metadata?.name, `${o.metadata?.namespace}/${o.metadata?.name}`].includes(name),
        );
        expect(found, `${s.id}: ${ref}`).toBe(true);
      }
      expect(() => fillScenarioPlaceholders(`${s.expect} ${s.trace ?? ''}`, objects[s.cluster])).not.toThrow();
    }
  });

  it('covers every finding the issue asks for', () => {
    const rules = new Set(DEMO_SCENARIOS.flatMap((s) => (s.finding ? [s.finding.rule] : [])));
    for (const r of [
      'snat-allowlist',
      'local-imbalance',
      'local-nodes-drop',
      'nodeport-local-no-endpoint',
      'no-endpoints',
      'policy-service-port',
      'policy-named-port-unresolved',
      'node-allowlist',
      'overlay-tunnel-snat',
      'source-ranges-in-cluster',
      'cilium-ipblock-nodes',
    ]) {
      expect(rules.has(r), r).toBe(true);
    }
  });

  it('fillScenarioPlaceholders fails loudly on unknown references', () => {
    expect(() => fillScenarioPlaceholders('{pod:storefront/nope}', objects['northwind-prod'])).toThrow(
      /matches no pod/,
    );
    expect(() => fillScenarioPlaceholders('{hcnp:storefront/storefront-api}', objects['northwind-prod'])).toThrow(
      /has no value/,
    );
  });
});

describe('production cluster dataplane', () => {
  it('kube-proxy iptables with the dual-stack cluster CIDR, Calico IPIP annotations on every node', () => {
    const conf = prod.configMaps.get('kube-system/kube-proxy')!['config.conf'];
    expect(conf).toMatch(/^mode: iptables$/m);
    expect(conf).toMatch(/^clusterCIDR: 10\.244\.0\.0\/16,fd00:10:244::\/56$/m);
    expect(prod.nodes.size).toBe(8);
    for (const n of prod.nodes.values()) {
      expect(n.annotations['projectcalico.org/IPv4Address']).toBe(`${n.internalIPs[0]}/24`);
      // The tunnel address is inside the node's own podCIDR and is not any pod's IP.
      expect(n.tunnel.calicoIPIP).not.toBeNull();
      expect(cidrContains(n.podCIDRs[0], n.tunnel.calicoIPIP!)).toBe(true);
      expect(prod.podsByIP.has(n.tunnel.calicoIPIP!)).toBe(false);
      expect(n.providerID).toBeNull();
    }
    const calico = [...prod.pods.values()].filter((p) => p.labels['k8s-app'] === 'calico-node');
    expect(calico).toHaveLength(8);
  });

  it('MetalLB annotations on its LoadBalancers; the HAProxy-class one is not MetalLB', () => {
    for (const key of [
      'ingress-nginx/ingress-nginx-controller',
      'storefront/storefront-web',
      'partner-api/partner-gateway',
      'payments/psp-callbacks',
      'search/search-api',
    ]) {
      expect(svc(prod, key).annotations['metallb.io/ip-allocated-from-pool'], key).toMatch(/^(public|internal)$/);
      expect(svc(prod, key).loadBalancerIngress[0].ip).not.toBeNull();
    }
    expect(svc(prod, 'identity/keycloak').loadBalancerClass).toBe('lb.northwind.internal/haproxy-edge');
  });
});

describe('production scenarios, object by object', () => {
  it('snat-allowlist: Cluster LB, allow-list of partner CIDRs that contains no node or tunnel address', () => {
    const s = svc(prod, 'partner-api/partner-gateway');
    expect([s.type, s.externalTrafficPolicy]).toEqual(['LoadBalancer', 'Cluster']);
    const blocks = ipBlocks(prod, 'partner-api/partner-gateway-allow-partners');
    expect(blocks.map((b) => b.text)).toEqual([P.partners.acme, P.partners.globex]);
    for (const n of prod.nodes.values()) {
      for (const a of [...n.internalIPs, n.tunnel.calicoIPIP!])
        expect(blocks.some((b) => cidrContains(b, a))).toBe(false);
    }
  });

  it('local-imbalance / local-nodes-drop: storefront-web has 3 pods on worker-01, 1 on worker-03, none elsewhere', () => {
    const s = svc(prod, 'storefront/storefront-web');
    expect([s.type, s.externalTrafficPolicy]).toEqual(['LoadBalancer', 'Local']);
    expect(s.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(perNode(prod, s.key)).toEqual({ 'prod-worker-01': 3, 'prod-worker-03': 1 });
    const without = workers.filter((w) => !(w in perNode(prod, s.key)));
    expect(without).toEqual(['prod-worker-02', 'prod-worker-04', 'prod-worker-05']);
  });

  it('nodeport-local-no-endpoint: the advertised node (worker-01 ExternalIP) has no partner-webhooks pod', () => {
    const s = svc(prod, 'partner-api/partner-webhooks');
    expect([s.type, s.externalTrafficPolicy, s.ports[0].nodePort]).toEqual([
      'NodePort',
      'Local',
      P.partnerWebhooksNodePort,
    ]);
    expect(perNode(prod, s.key)).toEqual({ 'prod-worker-02': 1 });
    expect(node(prod, 'prod-worker-01').externalIPs).toEqual(['192.0.2.41']);
    expect(s.annotations['northwind.io/partner-endpoint']).toContain('192.0.2.41');
  });

  it('ingress-nginx controller: real labels, Local LB, one serving+terminating endpoint on the node being deleted', () => {
    const s = svc(prod, 'ingress-nginx/ingress-nginx-controller');
    expect(s.selector).toMatchObject({
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    });
    expect(s.externalTrafficPolicy).toBe('Local');
    expect(perNode(prod, s.key)).toEqual({ 'prod-worker-02': 1, 'prod-worker-03': 1, 'prod-worker-04': 1 });
    const term = eps(prod, s.key).filter((e) => e.terminating);
    expect(term).toHaveLength(1);
    expect(term[0]).toMatchObject({ ready: false, serving: true, terminating: true, nodeName: 'prod-worker-05' });
    expect(node(prod, 'prod-worker-05').beingDeleted).toBe('tainted ToBeDeletedByClusterAutoscaler');
    expect(prod.configMaps.get('ingress-nginx/ingress-nginx-controller')).toBeDefined();
  });

  it('no-endpoints: catalog-importer selects nothing while a similarly named pod exists', () => {
    expect(eps(prod, 'catalog/catalog-importer')).toEqual([]);
    expect([...prod.pods.values()].some((p) => p.labels['app.kubernetes.io/name'] === 'catalog-import')).toBe(true);
  });

  it('policy-service-port: the checkout-api policy allows 80, the Service targets 8080 and the pods listen on 8080', () => {
    const s = svc(prod, 'checkout/checkout-api');
    expect([s.ports[0].port, s.ports[0].targetPort]).toEqual([80, 8080]);
    expect(policy(prod, 'checkout/checkout-api-from-storefront').spec.ingress![0].ports).toEqual([
      { port: 80, protocol: 'TCP' },
    ]);
    for (const p of prod.podsByNamespace
      .get('checkout')!
      .filter((x) => x.labels['app.kubernetes.io/name'] === 'checkout-api')) {
      expect(p.containerPorts.map((c) => c.port)).toEqual([8080]);
    }
  });

  it('policy-named-port-unresolved: "http-metrics" is on no cart pod', () => {
    expect(policy(prod, 'checkout/cart-allow-metrics-scrape').spec.ingress![0].ports).toEqual([
      { port: 'http-metrics', protocol: 'TCP' },
    ]);
    const cart = prod.podsByNamespace.get('checkout')!.filter((x) => x.labels['app.kubernetes.io/name'] === 'cart');
    expect(cart).toHaveLength(2);
    for (const p of cart) expect(p.containerPorts.map((c) => c.name)).toEqual(['grpc', 'metrics']);
  });

  it('node-allowlist / overlay-tunnel-snat: the psp allow-list covers every InternalIP and no tunnel address', () => {
    expect(svc(prod, 'payments/psp-callbacks').externalTrafficPolicy).toBe('Cluster');
    const blocks = ipBlocks(prod, 'payments/psp-callbacks-allow-psp');
    for (const n of prod.nodes.values()) {
      expect(
        blocks.some((b) => cidrContains(b, n.internalIPs[0])),
        n.name,
      ).toBe(true);
      expect(
        blocks.some((b) => cidrContains(b, n.tunnel.calicoIPIP!)),
        n.name,
      ).toBe(false);
    }
  });

  it('source-ranges-in-cluster: search-api ranges exclude the pod CIDR, and storefront-api calls the LB IP', () => {
    const s = svc(prod, 'search/search-api');
    expect(s.loadBalancerSourceRanges.map((c) => c.text)).toEqual([P.vpnRange, P.officeRange]);
    const pods = prod.podsByNamespace
      .get('storefront')!
      .filter((p) => p.labels['app.kubernetes.io/name'] === 'storefront-api');
    for (const p of pods) expect(s.loadBalancerSourceRanges.some((r) => cidrContains(r, p.ip!))).toBe(false);
    const raw = objects['northwind-prod'].find((o) => o.kind === 'Pod' && o.metadata?.name === pods[0].name) as {
      spec: { containers: { env: { name: string; value: string }[] }[] };
    };
    expect(raw.spec.containers[0].env).toContainEqual({ name: 'SEARCH_API_URL', value: `http://${P.lbIPs.searchApi}` });
  });

  it('LB exclusion, ipMode Proxy, externalIPs, iTP Local, headless, dual-stack, selector-less', () => {
    expect([...prod.nodes.values()].filter((n) => n.excludedFromLB).map((n) => n.name)).toEqual([
      'prod-cp-01',
      'prod-cp-02',
      'prod-cp-03',
    ]);
    expect(svc(prod, 'identity/keycloak').loadBalancerIngress).toEqual([
      { ip: P.lbIPs.keycloakEdge, hostname: null, ipMode: 'Proxy' },
    ]);
    expect(svc(prod, 'billing/sftp-gateway').externalIPs).toEqual([P.sftpExternalIP]);
    const otel = svc(prod, 'monitoring/otel-agent');
    expect(otel.internalTrafficPolicy).toBe('Local');
    expect(eps(prod, otel.key).find((e) => e.nodeName === 'prod-worker-04')).toMatchObject({
      ready: false,
      serving: false,
    });
    expect(svc(prod, 'storefront/session-redis-headless').headless).toBe(true);
    expect(eps(prod, 'storefront/session-redis-headless')).toHaveLength(3);
    const reco = svc(prod, 'storefront/recommendations');
    expect(reco.clusterIPs).toHaveLength(2);
    expect(cidrContains(parseCidr(P.serviceCIDRs.v6)!, reco.clusterIPs[1])).toBe(true);
    const v6 = eps(prod, reco.key).filter((e) => e.ip.includes(':'));
    expect(v6).toHaveLength(2);
    for (const e of v6) expect(cidrContains(parseCidr(P.podCIDRs.v6)!, e.ip)).toBe(true);
    expect(eps(prod, 'default/kubernetes').map((e) => e.ip)).toEqual(['10.20.1.11', '10.20.2.11', '10.20.3.11']);
    // node-exporter runs on the host network: its endpoints are the node addresses.
    expect(
      eps(prod, 'monitoring/node-exporter')
        .map((e) => prod.nodeByAddress.get(e.ip)?.name)
        .sort(),
    ).toEqual([...prod.nodes.keys()].sort());
  });
});

describe('Cilium edge cluster scenarios', () => {
  it('cilium-config: kube-proxy replacement, SNAT mode with per-Service annotation, empty policy-cidr-match-mode; no kube-proxy', () => {
    const cfg = edge.configMaps.get('kube-system/cilium-config')!;
    expect(cfg).toMatchObject({
      'kube-proxy-replacement': 'true',
      'bpf-lb-mode': 'snat',
      'bpf-lb-mode-annotation': 'true',
      'policy-cidr-match-mode': '',
    });
    expect(edge.configMaps.has('kube-system/kube-proxy')).toBe(false);
    expect([...edge.pods.values()].some((p) => p.labels['k8s-app'] === 'kube-proxy')).toBe(false);
    for (const n of edge.nodes.values()) {
      expect(n.tunnel.ciliumHost).not.toBeNull();
      expect(cidrContains(n.podCIDRs[0], n.tunnel.ciliumHost!)).toBe(true);
    }
  });

  it('cilium-ipblock-nodes: the edge-gateway policy lists every node InternalIP as a /32', () => {
    const s = svc(edge, 'edge-api/edge-gateway');
    expect([s.type, s.externalTrafficPolicy]).toEqual(['LoadBalancer', 'Cluster']);
    const blocks = ipBlocks(edge, 'edge-api/edge-gateway-allow-partners');
    expect(blocks[0].text).toBe(E.partners.acme);
    for (const n of edge.nodes.values())
      expect(
        blocks.some((b) => b.prefix === 32 && cidrContains(b, n.internalIPs[0])),
        n.name,
      ).toBe(true);
  });

  it('cilium-dsr: edge-stream opts into DSR and its allow-list names only the partner', () => {
    const s = svc(edge, 'edge-api/edge-stream');
    expect(s.annotations['service.cilium.io/forwarding-mode']).toBe('dsr');
    expect(ipBlocks(edge, 'edge-api/edge-stream-allow-partners').map((b) => b.text)).toEqual([E.partners.acme]);
    expect(Object.values(perNode(edge, s.key)).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
