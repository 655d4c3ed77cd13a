import { describe, expect, it } from 'vitest';
import { buildClusterModel } from './build';
import type { KubeObject } from './k8s';

const node = (name: string, ip: string, extra: Record<string, unknown> = {}): KubeObject => ({
  kind: 'Node',
  metadata: {
    name,
    labels: { 'topology.kubernetes.io/zone': 'z1' },
    annotations: { 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.1.64' },
  },
  spec: { podCIDR: '10.244.1.0/24' },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
  ...extra,
});
const pod = (
  ns: string,
  name: string,
  ip: string,
  nodeName: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  kind: 'Pod',
  metadata: { namespace: ns, name, labels },
  spec: { nodeName, containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { podIP: ip, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});
const svc = (ns: string, name: string, spec: Record<string, unknown>, status?: unknown): KubeObject => ({
  kind: 'Service',
  metadata: { namespace: ns, name },
  spec,
  status,
});

describe('buildClusterModel', () => {
  it('gives each pod its containers ports; a pod with the same ports as the pod before shares its list', () => {
    const withPorts = (name: string, containers: unknown): KubeObject => ({
      kind: 'Pod',
      metadata: { namespace: 'shop', name },
      spec: { containers },
    });
    const http = { name: 'http', containerPort: 8080 };
    const m = buildClusterModel([
      withPorts('a1', [{ name: 'c', ports: [http] }]),
      withPorts('a2', [{ name: 'c', ports: [{ ...http }] }]),
      withPorts('b', [{ name: 'c', ports: [http, { containerPort: 9090, protocol: 'UDP' }] }]),
      withPorts('b2', [{ name: 'c', ports: [http] }]),
      withPorts('c', [
        { name: 'c', ports: [http] },
        { name: 'd', ports: [{ containerPort: 9090 }] },
      ]),
      withPorts('d', [{ name: 'c', ports: [{ containerPort: 8080 }] }]),
      withPorts('e', [{ name: 'c' }]),
      withPorts('f', []),
      withPorts('g', [{ name: 'c', ports: [http] }]),
    ]);
    const ports = (name: string) => m.pods.get(`shop/${name}`)!.containerPorts;
    const tcp8080 = { name: 'http', port: 8080, protocol: 'TCP' };
    expect(ports('a1')).toEqual([tcp8080]);
    expect(ports('a2')).toBe(ports('a1'));
    expect(ports('b')).toEqual([tcp8080, { name: null, port: 9090, protocol: 'UDP' }]);
    expect(ports('b2')).toEqual([tcp8080]);
    expect(ports('c')).toEqual([tcp8080, { name: null, port: 9090, protocol: 'TCP' }]);
    expect(ports('d')).toEqual([{ name: null, port: 8080, protocol: 'TCP' }]);
    expect(ports('e')).toEqual([]);
    expect(ports('f')).toEqual([]);
    expect(ports('g')).toEqual([tcp8080]);
    expect(ports('g')).not.toBe(ports('a1'));
  });
  it('indexes services by address and nodePort, and applies API defaults', () => {
    const m = buildClusterModel([
      svc(
        'shop',
        'web',
        {
          type: 'LoadBalancer',
          clusterIP: '10.96.0.10',
          ports: [{ port: 80, nodePort: 30080 }],
          externalIPs: ['192.0.2.5'],
          externalTrafficPolicy: 'Local',
          healthCheckNodePort: 32000,
        },
        { loadBalancer: { ingress: [{ ip: '198.51.100.7' }, { ip: '198.51.100.8', ipMode: 'Proxy' }] } },
      ),
    ]);
    const s = m.services.get('shop/web')!;
    expect(s.ports[0]).toEqual({ name: null, protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080 });
    expect(s.internalTrafficPolicy).toBe('Cluster');
    expect(s.loadBalancerIngress.map((i) => i.ipMode)).toEqual(['VIP', 'Proxy']);
    expect(m.addressIndex.get('10.96.0.10')).toEqual([{ serviceKey: 'shop/web', kind: 'clusterIP' }]);
    expect(m.addressIndex.get('192.0.2.5')?.[0].kind).toBe('externalIP');
    expect(m.addressIndex.get('198.51.100.8')?.[0].kind).toBe('loadBalancerIP');
    expect(m.nodePortIndex.get('TCP/30080')).toEqual({ serviceKey: 'shop/web', portIndex: 0 });
  });

  it('merges EndpointSlices of a Service and reads conditions with their nil defaults', () => {
    const slice = (name: string, endpoints: unknown[]): KubeObject => ({
      kind: 'EndpointSlice',
      metadata: { namespace: 'shop', name, labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      endpoints,
    });
    const m = buildClusterModel([
      svc('shop', 'web', { clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 8080 }] }),
      slice('web-a', [{ addresses: ['10.244.1.5'], nodeName: 'n1', targetRef: { kind: 'Pod', name: 'web-1' } }]),
      slice('web-b', [
        { addresses: ['10.244.2.5'], conditions: { ready: false, serving: true, terminating: true }, nodeName: 'n2' },
      ]),
      {
        kind: 'Endpoints',
        metadata: { namespace: 'shop', name: 'web' },
        subsets: [{ addresses: [{ ip: '10.9.9.9' }] }],
      },
    ]);
    const eps = m.endpointsByService.get('shop/web')!;
    expect(eps).toHaveLength(2); // legacy Endpoints ignored because slices exist
    expect(eps[0]).toMatchObject({
      ip: '10.244.1.5',
      ready: true,
      serving: true,
      terminating: false,
      podKey: 'shop/web-1',
    });
    expect(eps[1]).toMatchObject({ ready: false, serving: true, terminating: true, podKey: null });
  });

  it("names an endpoint's pod by its targetRef, whichever pod holds the endpoint's address", () => {
    const slice: KubeObject = {
      kind: 'EndpointSlice',
      metadata: { namespace: 'shop', name: 'web-a', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['10.244.1.5'], targetRef: { kind: 'Pod', name: 'web-1' } }, // the address's own pod
        { addresses: ['10.244.1.6'], targetRef: { kind: 'Pod', name: 'web-2' } }, // address now held by web-3
        { addresses: ['10.244.1.7'], targetRef: { kind: 'Pod', name: 'web-1', namespace: 'other' } },
        { addresses: ['10.244.1.8'], targetRef: { kind: 'Pod', name: 'gone' } }, // pod not in the snapshot
        { addresses: ['10.244.1.9'], targetRef: { kind: 'Pod', name: 'host' } }, // hostNetwork: not in podsByIP
        { addresses: ['10.244.1.5'], targetRef: { kind: 'Node', name: 'web-1' } },
      ],
    };
    const host = pod('shop', 'host', '10.244.1.9', 'n1');
    (host.spec as Record<string, unknown>).hostNetwork = true;
    const m = buildClusterModel([
      svc('shop', 'web', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] }),
      pod('shop', 'web-1', '10.244.1.5', 'n1'),
      pod('shop', 'web-2', '10.244.2.2', 'n1'),
      pod('shop', 'web-3', '10.244.1.6', 'n1'),
      pod('other', 'web-1', '10.244.3.3', 'n1'),
      host,
      slice,
    ]);
    const eps = m.endpointsByService.get('shop/web')!;
    expect(eps.map((e) => e.podKey)).toEqual([
      'shop/web-1',
      'shop/web-2',
      'other/web-1',
      'shop/gone',
      'shop/host',
      null,
    ]);
    // The model's own key strings, not copies (every later pods.get(ep.podKey) finds the hash already made).
    expect(eps[0].podKey).toBe(m.pods.get('shop/web-1')!.key);
    expect(eps[1].podKey).toBe(m.pods.get('shop/web-2')!.key);
  });

  it('lists pods by namespace in snapshot order when namespaces alternate', () => {
    const m = buildClusterModel([
      pod('a', 'p1', '10.0.0.1', 'n1'),
      pod('a', 'p2', '10.0.0.2', 'n1'),
      pod('b', 'p3', '10.0.0.3', 'n1'),
      pod('a', 'p4', '10.0.0.4', 'n1'),
      { kind: 'Pod', metadata: { name: 'p5' } },
      pod('b', 'p6', '10.0.0.6', 'n1'),
    ]);
    const names = (ns: string) => m.podsByNamespace.get(ns)?.map((p) => p.name);
    expect([...m.podsByNamespace.keys()]).toEqual(['a', 'b', 'default']);
    expect(names('a')).toEqual(['p1', 'p2', 'p4']);
    expect(names('b')).toEqual(['p3', 'p6']);
    expect(names('default')).toEqual(['p5']);
  });

  it('falls back to core Endpoints only for Services without slices', () => {
    const m = buildClusterModel([
      svc('shop', 'legacy', { clusterIP: '10.96.0.11', ports: [{ port: 80 }] }),
      {
        kind: 'Endpoints',
        metadata: { namespace: 'shop', name: 'legacy' },
        subsets: [
          {
            addresses: [{ ip: '10.244.1.9', nodeName: 'n1' }],
            notReadyAddresses: [{ ip: '10.244.1.10' }],
            ports: [{ port: 80 }],
          },
        ],
      },
    ]);
    expect(m.endpointsByService.get('shop/legacy')!.map((e) => [e.ip, e.ready])).toEqual([
      ['10.244.1.9', true],
      ['10.244.1.10', false],
    ]);
    expect(m.warnings.some((w) => w.message.includes('legacy Endpoints'))).toBe(true);
  });

  it('derives endpoints from selectors when the snapshot has no endpoint objects, and says so', () => {
    const m = buildClusterModel([
      node('n1', '192.168.1.11'),
      svc('shop', 'web', {
        clusterIP: '10.96.0.10',
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 'http' }],
      }),
      pod('shop', 'web-1', '10.244.1.5', 'n1', { app: 'web', tier: 'fe' }),
      pod('shop', 'api-1', '10.244.1.6', 'n1', { app: 'api' }),
      pod('other', 'web-x', '10.244.1.7', 'n1', { app: 'web' }),
    ]);
    const eps = m.endpointsByService.get('shop/web')!;
    expect(eps.map((e) => e.podKey)).toEqual(['shop/web-1']);
    expect(eps[0].ports).toEqual([{ name: null, port: 8080, protocol: 'TCP' }]);
    expect(m.warnings.some((w) => w.message.includes('derived from their selectors'))).toBe(true);
  });

  it('reads nodes: addresses, tunnel annotations, LB exclusion, deletion', () => {
    const m = buildClusterModel([
      node('n1', '192.168.1.11'),
      node('n2', '192.168.1.12', {
        spec: { podCIDR: 'bogus', taints: [{ key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' }] },
        metadata: { name: 'n2', labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } },
      }),
    ]);
    const n1 = m.nodes.get('n1')!;
    expect(n1.tunnel.calicoIPIP).toBe('10.244.1.64');
    expect(n1.zone).toBe('z1');
    expect(m.nodeByAddress.get('10.244.1.64')?.name).toBe('n1');
    expect(m.nodeByAddress.get('192.168.1.12')?.name).toBe('n2');
    const n2 = m.nodes.get('n2')!;
    expect(n2.beingDeleted).toMatch(/ToBeDeletedByClusterAutoscaler/);
    expect(n2.excludedFromLB).toMatch(/exclude-from-external-load-balancers/);
    expect(m.warnings.some((w) => w.object === 'n2' && w.message.includes('podCIDR "bogus"'))).toBe(true);
  });

  it('tolerates missing fields and invalid values with warnings, never throwing', () => {
    const m = buildClusterModel([
      { kind: 'Service', metadata: { namespace: 'a', name: 'nospec' } },
      { kind: 'Service', metadata: { namespace: 'a' } },
      svc('a', 'badranges', {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.300',
        loadBalancerSourceRanges: ['10.0.0.0/33', ' 203.0.113.0/24 '],
        ports: [{ name: 'x' }],
      }),
      { kind: 'Pod', metadata: { namespace: 'a', name: 'p' } },
      { kind: 'NetworkPolicy', metadata: { namespace: 'a', name: 'np' } },
      { kind: 'Node', metadata: { name: 'bare' } },
    ]);
    expect(m.services.get('a/nospec')?.ports).toEqual([]);
    const b = m.services.get('a/badranges')!;
    expect(b.clusterIPs).toEqual([]);
    expect(b.loadBalancerSourceRanges.map((c) => c.prefix)).toEqual([24]);
    expect(m.pods.get('a/p')?.ip).toBeNull();
    expect(m.policiesByNamespace.get('a')?.[0].policyTypes).toEqual(['Ingress']);
    const messages = m.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/no spec/);
    expect(messages).toMatch(/without metadata.name/);
    expect(messages).toMatch(/10.0.0.0\/33/);
    expect(messages).toMatch(/10.96.0.300/);
    expect(messages).toMatch(/no status.addresses/);
  });

  it('defaults NetworkPolicy policyTypes as the API server does', () => {
    const m = buildClusterModel([
      {
        kind: 'NetworkPolicy',
        metadata: { namespace: 'a', name: 'egress-only' },
        spec: { podSelector: {}, egress: [{}] },
      },
      {
        kind: 'NetworkPolicy',
        metadata: { namespace: 'a', name: 'explicit' },
        spec: { podSelector: {}, policyTypes: ['Egress'] },
      },
    ]);
    const [e, x] = m.policiesByNamespace.get('a')!;
    expect(e.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(e.policyTypesDefaulted).toBe(true);
    expect(x.policyTypes).toEqual(['Egress']);
  });

  it('handles IPv6 and dual-stack Services', () => {
    const m = buildClusterModel([
      svc('a', 'v6', {
        clusterIP: 'fd00:10:96::a',
        clusterIPs: ['fd00:10:96::a', '10.96.0.20'],
        ipFamilies: ['IPv6', 'IPv4'],
        ports: [{ port: 80 }],
      }),
    ]);
    expect(m.services.get('a/v6')!.clusterIPs).toEqual(['fd00:10:96::a', '10.96.0.20']);
    expect(m.addressIndex.get('fd00:10:96::a')?.[0].serviceKey).toBe('a/v6');
  });
  it('keys IPv6 addresses in canonical form wherever they are written, warning about invalid ones', () => {
    const slice = (addresses: string[]): KubeObject => ({
      kind: 'EndpointSlice',
      metadata: { namespace: 'a', name: 'web-x', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv6',
      endpoints: [{ addresses, targetRef: { kind: 'Pod', namespace: 'a', name: 'p1' } }],
    });
    const m = buildClusterModel([
      node('n1', 'FD00:0:0:0:0:0:AC10:1'),
      pod('a', 'p1', 'FD00:0:0:0:0:0:0A00:0002', 'n1'),
      { ...pod('a', 'p2', 'fd00::a00:3', 'n1'), status: { podIPs: [{ ip: 'fd00::a00:3' }, { ip: '10.0.0.3' }] } },
      pod('a', 'p3', '1.2.3.4::', 'n1'),
      svc(
        'a',
        'web',
        { type: 'LoadBalancer', clusterIP: 'fd00::1', ports: [{ port: 80 }] },
        { loadBalancer: { ingress: [{ ip: 'FD00::0:5' }] } },
      ),
      slice(['fd00:0::a00:2']),
      slice(['fd00::a00:2::1']),
    ]);
    expect(m.pods.get('a/p1')!.ips).toEqual(['fd00::a00:2']);
    expect(m.pods.get('a/p2')!.ips).toEqual(['fd00::a00:3', '10.0.0.3']);
    expect(m.podsByIP.get('fd00::a00:2')?.key).toBe('a/p1');
    expect(m.pods.get('a/p3')!.ips).toEqual([]);
    expect(m.nodes.get('n1')!.internalIPs).toEqual(['fd00::ac10:1']);
    expect(m.services.get('a/web')!.loadBalancerIngress[0].ip).toBe('fd00::5');
    expect(m.endpointsByService.get('a/web')!.map((e) => [e.ip, e.podKey])).toEqual([['fd00::a00:2', 'a/p1']]);
    const texts = m.warnings.map((w) => w.message);
    expect(texts).toContain('pod IP "1.2.3.4::" is not a valid IP address; ignored');
    expect(texts).toContain('endpoint with invalid address "fd00::a00:2::1"; ignored');
  });
});

describe('buildClusterModel: ghost references', () => {
  const sliceOf = (service: string, nodeNames: string[]): KubeObject => ({
    kind: 'EndpointSlice',
    metadata: { namespace: 'shop', name: `${service}-abc`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints: nodeNames.map((n, i) => ({ addresses: [`10.244.0.${i + 1}`], nodeName: n })),
    ports: [{ port: 8080 }],
  });
  it('warns about endpoints and pods on nodes that do not exist, and slices of unknown Services', () => {
    const m = buildClusterModel([
      node('n1', '192.168.0.1'),
      svc('shop', 'web', { ports: [{ port: 80 }], selector: { app: 'web' } }),
      sliceOf('web', ['n1', 'ghost-a', 'ghost-a']),
      sliceOf('old', ['n1']),
      pod('shop', 'p1', '10.244.0.9', 'ghost-b'),
      pod('shop', 'p2', '10.244.0.10', 'n1'),
    ]);
    expect(m.warnings).toEqual([
      {
        kind: 'EndpointSlice',
        object: 'shop/old-abc',
        message: expect.stringMatching(/Service shop\/old is not in the snapshot/),
      },
      { kind: 'Pod', object: null, message: '1 pod(s) run on node ghost-b, which is not in the snapshot: shop/p1' },
      {
        kind: 'EndpointSlice',
        object: 'shop/web',
        message: expect.stringMatching(/^endpoints on nodes that are not in the snapshot \(ghost-a\)/),
      },
    ]);
  });
  it('a later pod of a repeated key or address wins; a repeated key keeps its first position', () => {
    const m = buildClusterModel([
      pod('shop', 'a', '10.244.0.1', 'n1'),
      pod('shop', 'b', '10.244.0.2', 'n1'),
      pod('shop', 'a', '10.244.0.3', 'n1', { v: '2' }),
      pod('shop', 'c', '10.244.0.2', 'n1'),
    ]);
    expect([...m.pods.keys()]).toEqual(['shop/a', 'shop/b', 'shop/c']);
    expect(m.pods.get('shop/a')!.labels).toEqual({ v: '2' });
    expect(m.podsByIP.get('10.244.0.3')!.key).toBe('shop/a');
    expect(m.podsByIP.get('10.244.0.2')!.key).toBe('shop/c');
    // The earlier object's address stays indexed to it (nothing removes it), as when each pod was indexed in turn.
    expect(m.podsByIP.get('10.244.0.1')!.ips).toEqual(['10.244.0.1']);
  });
  it('indexes hostNetwork pods by node, and pods by node only for nodes the data does not hold', () => {
    const host = (name: string, nodeName: string): KubeObject => {
      const p = pod('ops', name, '192.168.0.1', nodeName);
      return { ...p, spec: { ...(p.spec as object), hostNetwork: true } };
    };
    const m = buildClusterModel([
      node('n1', '192.168.0.1'),
      pod('shop', 'p1', '10.244.0.9', 'n1'),
      host('agent', 'n1'),
      pod('shop', 'p2', '10.244.0.10', 'ghost'),
      host('agent-2', 'ghost'),
      pod('shop', 'p3', '10.244.0.11', 'ghost'),
    ]);
    const keys = (pods: { key: string }[] | undefined) => pods?.map((p) => p.key);
    expect([...m.hostNetworkPodsByNode.keys()]).toEqual(['n1', 'ghost']);
    expect(keys(m.hostNetworkPodsByNode.get('n1'))).toEqual(['ops/agent']);
    expect(keys(m.hostNetworkPodsByNode.get('ghost'))).toEqual(['ops/agent-2']);
    expect([...m.podsOnMissingNodes.keys()]).toEqual(['ghost']);
    expect(keys(m.podsOnMissingNodes.get('ghost'))).toEqual(['shop/p2', 'ops/agent-2', 'shop/p3']);
    // Without any Node object no node is "missing": one warning says the data has no Nodes instead.
    expect(buildClusterModel([pod('shop', 'p1', '10.244.0.9', 'n1')]).podsOnMissingNodes.size).toBe(0);
  });
  it('lists each unknown node of a Service once, in the order its endpoints name them', () => {
    const m = buildClusterModel([
      node('n1', '192.168.0.1'),
      svc('shop', 'web', { ports: [{ port: 80 }] }),
      sliceOf('web', ['ghost-b', 'n1', 'ghost-a', 'ghost-b']),
    ]);
    expect(m.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^endpoints on nodes that are not in the snapshot \(ghost-b, ghost-a\);/),
    ]);
  });
  it('with no Node objects says so once instead of naming every node', () => {
    const m = buildClusterModel([
      svc('shop', 'web', { ports: [{ port: 80 }] }),
      sliceOf('web', ['n1', 'n2']),
      pod('shop', 'p1', '10.244.0.9', 'n1'),
    ]);
    expect(m.warnings).toEqual([
      {
        kind: 'Node',
        object: null,
        message: expect.stringMatching(/^the cluster data has no Node objects: .* unknown$/),
      },
    ]);
  });
  it('says nothing about nodes when the Node kind could not be read (reported elsewhere)', () => {
    const m = buildClusterModel([sliceOf('web', ['n1']), svc('shop', 'web', { ports: [{ port: 80 }] })], {
      unavailableKinds: { Node: '403 Forbidden' },
    });
    expect(m.warnings).toEqual([]);
  });
});
