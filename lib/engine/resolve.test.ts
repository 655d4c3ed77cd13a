import { describe, expect, it } from 'vitest';
import { serviceEntries } from './entries';
import { resolveDestination } from './resolve';
import { clusterOf } from './testing/cluster';
import { kubeProxyConfig, node, pod, svc } from './testing/fixtures';

function c(mode = 'iptables') {
  return clusterOf(
    node({ name: 'a', internalIP: '192.168.0.1', externalIP: '192.0.2.1', podCIDR: '10.244.0.0/24' }),
    kubeProxyConfig({ mode, clusterCIDR: '10.244.0.0/16' }),
    // Two Services sharing one LB IP on different ports (allow-shared-IP setups).
    svc({
      name: 'http',
      type: 'LoadBalancer',
      clusterIP: '10.96.0.10',
      ports: [{ port: 80, nodePort: 30080 }],
      lbIngress: [{ ip: '198.51.100.10' }],
      externalIPs: ['198.51.100.20'],
    }),
    svc({
      name: 'dns',
      type: 'LoadBalancer',
      clusterIP: '10.96.0.11',
      ports: [{ port: 53, protocol: 'UDP', nodePort: 30053 }],
      lbIngress: [{ ip: '198.51.100.10', ipMode: 'Proxy' }],
    }),
    svc({ name: 'ext', clusterIP: '10.96.0.12', ports: [{ port: 443 }] }),
    pod({ name: 'p', ip: '10.244.0.9', node: 'a' }),
  );
}

describe('resolveDestination', () => {
  const { model, dataplane } = c();
  const at = model.nodes.get('a')!;
  it('ClusterIP, externalIP and shared LB IPs by port and protocol', () => {
    expect(resolveDestination(model, dataplane, '10.96.0.10', 80, 'TCP', null)).toMatchObject({
      kind: 'service',
      entry: 'clusterIP',
      portIndex: 0,
    });
    expect(resolveDestination(model, dataplane, '198.51.100.20', 80, 'TCP', null)).toMatchObject({
      kind: 'service',
      entry: 'externalIP',
    });
    const http = resolveDestination(model, dataplane, '198.51.100.10', 80, 'TCP', null);
    expect(http).toMatchObject({ kind: 'service', entry: 'loadBalancerIP', ipMode: 'VIP' });
    expect(http.kind === 'service' && http.service.key).toBe('default/http');
    const dns = resolveDestination(model, dataplane, '198.51.100.10', 53, 'UDP', null);
    expect(dns).toMatchObject({ kind: 'service', entry: 'loadBalancerIP', ipMode: 'Proxy' });
    expect(dns.kind === 'service' && dns.service.key).toBe('default/dns');
  });
  it('a Service address on an unserved port or protocol', () => {
    expect(resolveDestination(model, dataplane, '10.96.0.12', 80, 'TCP', null)).toMatchObject({
      kind: 'serviceWrongPort',
      entry: 'clusterIP',
    });
    expect(resolveDestination(model, dataplane, '10.96.0.10', 80, 'UDP', null).kind).toBe('serviceWrongPort');
  });
  it('NodePorts on node addresses and on 127.0.0.1 of atNode', () => {
    const np = resolveDestination(model, dataplane, '192.168.0.1', 30080, 'TCP', null);
    expect(np).toMatchObject({ kind: 'nodePort', loopback: false });
    expect(np.kind === 'nodePort' && np.reach.served).toBe(true);
    expect(resolveDestination(model, dataplane, '192.0.2.1', 30053, 'UDP', null)).toMatchObject({ kind: 'nodePort' });
    const lo = resolveDestination(model, dataplane, '127.0.0.1', 30080, 'TCP', at);
    expect(lo).toMatchObject({ kind: 'nodePort', loopback: true });
    expect(lo.kind === 'nodePort' && lo.node?.name).toBe('a');
    expect(resolveDestination(model, dataplane, '127.0.0.1', 30080, 'TCP', null).kind).toBe('outside');
  });
  it('nftables: NodePort on the ExternalIP is known but not served', () => {
    const n = c('nftables');
    const r = resolveDestination(n.model, n.dataplane, '192.0.2.1', 30080, 'TCP', null);
    expect(r.kind === 'nodePort' && r.reach.served).toBe(false);
  });
  it('pod IP, node address without NodePort, outside', () => {
    expect(resolveDestination(model, dataplane, '10.244.0.9', 8080, 'TCP', null)).toMatchObject({ kind: 'pod' });
    expect(resolveDestination(model, dataplane, '192.168.0.1', 22, 'TCP', null)).toMatchObject({ kind: 'node' });
    expect(resolveDestination(model, dataplane, '8.8.8.8', 53, 'UDP', null)).toMatchObject({ kind: 'outside' });
  });
});

describe('serviceEntries', () => {
  it('lists every address and port with ipMode', () => {
    const { model } = c();
    const e = serviceEntries(model.services.get('default/http')!);
    expect(e).toEqual([
      { kind: 'clusterIP', address: '10.96.0.10', port: 80, protocol: 'TCP' },
      { kind: 'nodePort', address: '*', port: 30080, protocol: 'TCP' },
      { kind: 'loadBalancerIP', address: '198.51.100.10', port: 80, protocol: 'TCP', ipMode: 'VIP' },
      { kind: 'externalIP', address: '198.51.100.20', port: 80, protocol: 'TCP' },
    ]);
    expect(serviceEntries(model.services.get('default/dns')!).find((x) => x.kind === 'loadBalancerIP')?.ipMode).toBe(
      'Proxy',
    );
  });
});
