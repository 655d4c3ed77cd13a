import { describe, expect, it } from 'vitest';
import { snatSourceFor } from './snat';
import { clusterOf } from './testing/cluster';
import { ciliumConfig, configMap, kubeProxyConfig, node, type NodeInput } from './testing/fixtures';

function pair(a: Partial<NodeInput>, b: Partial<NodeInput>, ...extra: Parameters<typeof clusterOf>) {
  const c = clusterOf(
    node({ name: 'a', internalIP: '192.168.0.1', podCIDR: '10.244.0.0/24', ...a }),
    node({ name: 'b', internalIP: '192.168.0.2', podCIDR: '10.244.1.0/24', ...b }),
    kubeProxyConfig({ mode: 'iptables', clusterCIDR: '10.244.0.0/16' }),
    ...extra,
  );
  const na = c.model.nodes.get('a')!,
    nb = c.model.nodes.get('b')!;
  return { ...c, na, nb };
}

describe('snatSourceFor: the address MASQUERADE picks', () => {
  it('Calico IPIP: cross-node → tunl0 address; same node → InternalIP', () => {
    const calico = (ip: string) => ({
      'projectcalico.org/IPv4Address': `${ip}/24`,
      'projectcalico.org/IPv4IPIPTunnelAddr': ip === '192.168.0.1' ? '10.244.0.1' : '10.244.1.1',
    });
    const { model, dataplane, na, nb } = pair(
      { annotations: calico('192.168.0.1') },
      { annotations: calico('192.168.0.2') },
    );
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({
      address: '10.244.0.1',
      via: 'tunl0',
      certain: true,
    });
    expect(snatSourceFor(model, dataplane, na, na)).toMatchObject({ address: '192.168.0.1', via: 'InternalIP' });
  });

  it('Calico VXLAN: cross-node → vxlan.calico address', () => {
    const ann = {
      'projectcalico.org/IPv4Address': '192.168.0.1/24',
      'projectcalico.org/IPv4VXLANTunnelAddr': '10.244.0.192',
    };
    const { model, dataplane, na, nb } = pair(
      { annotations: ann },
      { annotations: { 'projectcalico.org/IPv4Address': '192.168.0.2/24' } },
    );
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({ address: '10.244.0.192', via: 'vxlan.calico' });
  });

  it('Calico without encapsulation: InternalIP', () => {
    const { model, dataplane, na, nb } = pair(
      { annotations: { 'projectcalico.org/IPv4Address': '192.168.0.1/24' } },
      {},
    );
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({ address: '192.168.0.1', certain: true });
  });

  it('flannel VXLAN: cross-node → flannel.1 = network address of the podCIDR; same node → cni0 = first address', () => {
    const fl = { 'flannel.alpha.coreos.com/backend-type': 'vxlan' };
    const { model, dataplane, na, nb } = pair({ annotations: fl }, { annotations: fl });
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({ address: '10.244.0.0', via: 'flannel.1' });
    expect(snatSourceFor(model, dataplane, na, 'a')).toMatchObject({ address: '10.244.0.1', via: 'cni0' });
  });

  it('flannel host-gw: cross-node → InternalIP', () => {
    const fl = { 'flannel.alpha.coreos.com/backend-type': 'host-gw' };
    const { model, dataplane, na, nb } = pair({ annotations: fl }, { annotations: fl });
    expect(snatSourceFor(model, dataplane, na, nb).address).toBe('192.168.0.1');
  });

  it('Cilium tunnel: cilium_host when published, InternalIP (uncertain) when not', () => {
    const { model, dataplane, na, nb } = pair(
      { annotations: { 'network.cilium.io/ipv4-cilium-host': '10.244.0.33' } },
      {},
      ciliumConfig({ 'kube-proxy-replacement': 'false' }),
    );
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({
      address: '10.244.0.33',
      via: 'cilium_host',
      certain: true,
    });
    expect(snatSourceFor(model, dataplane, nb, na)).toMatchObject({ address: '192.168.0.2', certain: false });
  });

  it('Cilium native routing: cross-node → InternalIP', () => {
    const { model, dataplane, na, nb } = pair(
      { annotations: { 'network.cilium.io/ipv4-cilium-host': '10.244.0.33' } },
      {},
      ciliumConfig({ 'routing-mode': 'native' }),
    );
    expect(snatSourceFor(model, dataplane, na, nb).address).toBe('192.168.0.1');
  });

  it('Antrea: antrea-gw0 = first address of the podCIDR, same node and cross-node (encap)', () => {
    const { model, dataplane, na, nb } = pair({ annotations: { 'node.antrea.io/mac-address': 'x' } }, {});
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({ address: '10.244.0.1', via: 'antrea-gw0' });
    expect(snatSourceFor(model, dataplane, na, na)).toMatchObject({ address: '10.244.0.1', via: 'antrea-gw0' });
  });

  it('Antrea noEncap: cross-node → InternalIP', () => {
    const { model, dataplane, na, nb } = pair(
      { annotations: { 'node.antrea.io/mac-address': 'x' } },
      {},
      configMap('antrea-config', 'kube-system', { 'antrea-agent.conf': 'trafficEncapMode: noEncap\n' }),
    );
    expect(snatSourceFor(model, dataplane, na, nb).address).toBe('192.168.0.1');
  });

  it('unknown CNI: InternalIP, marked uncertain', () => {
    const { model, dataplane, na, nb } = pair({}, {});
    expect(snatSourceFor(model, dataplane, na, nb)).toMatchObject({ address: '192.168.0.1', certain: false });
  });

  it('IPv6: flannel v6 uses the network address of the IPv6 podCIDR; InternalIP of the right family', () => {
    const fl = { 'flannel.alpha.coreos.com/backend-type': 'vxlan' };
    const { model, dataplane, na, nb } = pair(
      { internalIP: ['192.168.0.1', 'fd00::1'], podCIDR: ['10.244.0.0/24', 'fd00:10:244::/64'], annotations: fl },
      { internalIP: ['192.168.0.2', 'fd00::2'], podCIDR: ['10.244.1.0/24', 'fd00:10:244:1::/64'], annotations: fl },
    );
    expect(snatSourceFor(model, dataplane, na, nb, 6)).toMatchObject({ address: 'fd00:10:244::', via: 'flannel-v6.1' });
    const unknown = pair({ internalIP: ['192.168.0.1', 'fd00::1'] }, {});
    expect(snatSourceFor(unknown.model, unknown.dataplane, unknown.na, unknown.nb, 6).address).toBe('fd00::1');
  });
});
