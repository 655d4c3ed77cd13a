import { describe, expect, it } from 'vitest';
import { detectDataplane } from './dataplane';
import { ciliumConfig, configMap, kubeProxyConfig, node, pod } from './testing/fixtures';
import { modelOf } from './testing/cluster';
import { readKubeProxyConfig } from './kube-proxy-config';

const nodes = [
  node({ name: 'n1', internalIP: '192.168.0.1', podCIDR: '10.244.0.0/24' }),
  node({ name: 'n2', internalIP: '192.168.0.2', podCIDR: '10.244.1.0/24' }),
];

describe('detectDataplane: kube-proxy ConfigMap', () => {
  it('mode "" means iptables; clusterCIDR and masqueradeAll are read', () => {
    const dp = detectDataplane(
      modelOf(...nodes, kubeProxyConfig({ mode: '', clusterCIDR: '10.244.0.0/16,fd00:10::/56', masqueradeAll: true })),
    );
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.proxyModeSource).toBe('kube-proxy-configmap');
    expect(dp.clusterCIDRs).toEqual(['10.244.0.0/16', 'fd00:10::/56']);
    expect(dp.detectLocalMode).toBe('ClusterCIDR');
    expect(dp.masqueradeAll).toBe(true);
    expect(dp.localhostNodePorts).toBe(true);
  });

  it.each(['nftables', 'ipvs'] as const)('mode %s', (mode) => {
    const dp = detectDataplane(modelOf(...nodes, kubeProxyConfig({ mode, clusterCIDR: '10.244.0.0/16' })));
    expect(dp.proxyMode).toBe(mode);
    // localhost NodePorts exist in iptables mode only (virtual-ips.md).
    expect(dp.localhostNodePorts).toBe(false);
  });

  it('empty clusterCIDR in ClusterCIDR mode leaves kube-proxy without a LocalTrafficDetector (getLocalDetector)', () => {
    const dp = detectDataplane(modelOf(...nodes, kubeProxyConfig({ mode: 'iptables' })));
    expect(dp.detectLocalMode).toBe('None');
    expect(dp.clusterCIDRs).toEqual([]);
    expect(dp.assumptions.join(' ')).toMatch(/without a LocalTrafficDetector/);
  });

  it("detectLocalMode NodeCIDR uses the nodes' podCIDRs", () => {
    const dp = detectDataplane(modelOf(...nodes, kubeProxyConfig({ mode: 'iptables', detectLocalMode: 'NodeCIDR' })));
    expect(dp.detectLocalMode).toBe('NodeCIDR');
    expect(dp.clusterCIDRs).toEqual(['10.244.0.0/24', '10.244.1.0/24']);
  });

  it('nodePortAddresses and localhostNodePorts', () => {
    let dp = detectDataplane(modelOf(kubeProxyConfig({ mode: 'iptables', nodePortAddresses: ['192.168.0.0/24'] })));
    expect(dp.nodePortAddresses).toEqual(['192.168.0.0/24']);
    expect(dp.localhostNodePorts).toBe(false); // nodePortAddresses without 127.0.0.1 disables them (iptables NewProxier)
    dp = detectDataplane(
      modelOf(kubeProxyConfig({ mode: 'iptables', nodePortAddresses: ['127.0.0.0/8', '192.168.0.0/24'] })),
    );
    expect(dp.localhostNodePorts).toBe(true);
    dp = detectDataplane(modelOf(kubeProxyConfig({ mode: 'iptables', localhostNodePorts: false })));
    expect(dp.localhostNodePorts).toBe(false);
  });

  it('v1alpha2 layout: top-level masqueradeAll and detectLocal.clusterCIDRs', () => {
    const s = readKubeProxyConfig({
      'config.conf':
        'kind: KubeProxyConfiguration\nmode: nftables\nmasqueradeAll: true\ndetectLocal:\n  clusterCIDRs: ["10.0.0.0/16"]\n',
    });
    expect(s?.mode).toBe('nftables');
    expect(s?.masqueradeAll).toBe(true);
    expect(s?.clusterCIDRs).toEqual(['10.0.0.0/16']);
  });

  it('invalid YAML is reported, not thrown', () => {
    const dp = detectDataplane(modelOf(configMap('kube-proxy', 'kube-system', { 'config.conf': 'mode: [unclosed' })));
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.assumptions.join(' ')).toMatch(/not valid YAML/);
  });

  it('an unknown mode falls back to iptables with a note', () => {
    const dp = detectDataplane(modelOf(kubeProxyConfig({ mode: 'kernelspace', clusterCIDR: '10.244.0.0/16' })));
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.assumptions.join(' ')).toMatch(/kernelspace/);
  });
});

// EKS: kube-system/kube-proxy holds only a kubeconfig, kube-system/kube-proxy-config the KubeProxyConfiguration
// under `config` (https://repost.aws/knowledge-center/eks-configure-ipvs-kube-proxy).
const EKS_KUBECONFIG = configMap('kube-proxy', 'kube-system', {
  kubeconfig: [
    'kind: Config',
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    '    server: https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com',
    '  name: default',
    'users:',
    '- name: default',
    '  user:',
    '    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
    '',
  ].join('\n'),
});

function eksKubeProxyConfig(mode: string): ReturnType<typeof configMap> {
  return configMap('kube-proxy-config', 'kube-system', {
    config: [
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
      'bindAddress: 0.0.0.0',
      'clientConnection:',
      '  kubeconfig: /var/lib/kube-proxy/kubeconfig',
      'clusterCIDR: ""',
      'healthzBindAddress: 0.0.0.0:10256',
      'iptables:',
      '  masqueradeAll: false',
      '  masqueradeBit: 14',
      'ipvs:',
      '  scheduler: "rr"',
      'kind: KubeProxyConfiguration',
      'metricsBindAddress: 0.0.0.0:10249',
      `mode: "${mode}"`,
      'nodePortAddresses: null',
      '',
    ].join('\n'),
  });
}

describe('detectDataplane: EKS layout (kube-proxy-config)', () => {
  it('an EKS cluster switched to ipvs is analysed as ipvs, read from kube-system/kube-proxy-config', () => {
    const dp = detectDataplane(modelOf(...nodes, EKS_KUBECONFIG, eksKubeProxyConfig('ipvs')));
    expect(dp.proxyMode).toBe('ipvs');
    expect(dp.proxyModeSource).toBe('kube-proxy-configmap');
    const said = dp.assumptions.join(' | ');
    expect(said).not.toMatch(/defaults assumed|assumed kube-proxy in iptables mode|no KubeProxyConfiguration/);
    // EKS leaves clusterCIDR empty: no LocalTrafficDetector, as for any empty clusterCIDR (getLocalDetector).
    expect(dp.detectLocalMode).toBe('None');
  });

  it('kube-proxy with only a kubeconfig and no kube-proxy-config: one true sentence, never "no kube-proxy ConfigMap"', () => {
    const dp = detectDataplane(modelOf(...nodes, EKS_KUBECONFIG));
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.proxyModeSource).toBe('assumed');
    const about = dp.assumptions.filter((a) => /KubeProxyConfiguration|kube-proxy ConfigMap|kube-proxy-config/.test(a));
    expect(about).toEqual([
      'no KubeProxyConfiguration in kube-system/kube-proxy (keys: kubeconfig), no kube-system/kube-proxy-config ConfigMap in the snapshot; kube-proxy defaults assumed: iptables mode',
    ]);
    expect(dp.assumptions.join(' ')).not.toMatch(/no kube-system\/kube-proxy[ ,]/);
  });

  it('the kubeadm ConfigMap wins when both hold a configuration, and a conflict of modes is said', () => {
    const dp = detectDataplane(
      modelOf(
        ...nodes,
        kubeProxyConfig({ mode: 'nftables', clusterCIDR: '10.244.0.0/16' }),
        eksKubeProxyConfig('ipvs'),
      ),
    );
    expect(dp.proxyMode).toBe('nftables');
    expect(dp.assumptions.join(' ')).toMatch(
      /kube-system\/kube-proxy \(mode nftables\) and kube-system\/kube-proxy-config \(mode ipvs\) both hold/,
    );
  });

  it('invalid YAML in kube-proxy-config is reported under its own name', () => {
    const dp = detectDataplane(
      modelOf(EKS_KUBECONFIG, configMap('kube-proxy-config', 'kube-system', { config: 'mode: [unclosed' })),
    );
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.assumptions.join(' ')).toMatch(/kube-system\/kube-proxy-config config is not valid YAML/);
  });

  it('Cilium as CNI without any kube-proxy ConfigMap: the assumption does not deny cilium-config exists', () => {
    const dp = detectDataplane(modelOf(...nodes, ciliumConfig({ 'kube-proxy-replacement': 'false' })));
    expect(dp.proxyModeSource).toBe('assumed');
    expect(dp.assumptions).toContain(
      'no kube-system/kube-proxy or kube-proxy-config ConfigMap in the snapshot, and cilium-config does not replace kube-proxy; assumed kube-proxy in iptables mode',
    );
  });
});

describe('detectDataplane: nothing configured', () => {
  it('assumes iptables, uses node podCIDRs as NodeCIDR detector and says so', () => {
    const dp = detectDataplane(modelOf(...nodes));
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.proxyModeSource).toBe('assumed');
    expect(dp.detectLocalMode).toBe('NodeCIDR');
    expect(dp.clusterCIDRs).toEqual(['10.244.0.0/24', '10.244.1.0/24']);
    expect(dp.assumptions.join(' ')).toMatch(/assumed kube-proxy in iptables mode/);
  });

  it('no pod CIDR anywhere → no detector, with the §1.3 consequence spelled out', () => {
    const dp = detectDataplane(modelOf(node({ name: 'n1', internalIP: '192.168.0.1' })));
    expect(dp.detectLocalMode).toBe('None');
    expect(dp.assumptions.join(' ')).toMatch(/not masqueraded/);
  });
});

describe('detectDataplane: Cilium', () => {
  it('kube-proxy-replacement=true wins over a kube-proxy ConfigMap', () => {
    const dp = detectDataplane(
      modelOf(
        ...nodes,
        kubeProxyConfig({ mode: 'ipvs', clusterCIDR: '10.244.0.0/16' }),
        ciliumConfig({ 'kube-proxy-replacement': 'true', 'bpf-lb-mode': 'dsr', 'routing-mode': 'native' }),
      ),
    );
    expect(dp.proxyMode).toBe('cilium-kpr');
    expect(dp.proxyModeSource).toBe('cilium-config');
    expect(dp.cni).toBe('cilium');
    expect(dp.overlay).toBe('none');
    expect(dp.cilium).toEqual({
      kubeProxyReplacement: true,
      loadBalancerMode: 'dsr',
      policyCIDRMatchNodes: false,
      sourceRangeCheck: true,
    });
    expect(dp.assumptions.join(' ')).toMatch(/ConfigMap is ignored/);
  });

  it('strict (older releases) counts as replacement; hybrid; policy-cidr-match-mode nodes; source range check off', () => {
    const dp = detectDataplane(
      modelOf(
        ciliumConfig({
          'kube-proxy-replacement': 'strict',
          'bpf-lb-mode': 'hybrid',
          'policy-cidr-match-mode': 'nodes',
          'enable-svc-source-range-check': 'false',
        }),
      ),
    );
    expect(dp.proxyMode).toBe('cilium-kpr');
    expect(dp.cilium?.loadBalancerMode).toBe('hybrid');
    expect(dp.cilium?.policyCIDRMatchNodes).toBe(true);
    expect(dp.cilium?.sourceRangeCheck).toBe(false);
    expect(dp.overlay).toBe('vxlan'); // Cilium tunnels by default
  });

  it('annotation mode via bpf-lb-mode-annotation', () => {
    const dp = detectDataplane(
      modelOf(
        ciliumConfig({ 'kube-proxy-replacement': 'true', 'bpf-lb-mode': 'snat', 'bpf-lb-mode-annotation': 'true' }),
      ),
    );
    expect(dp.cilium?.loadBalancerMode).toBe('annotation');
  });

  it('Cilium as CNI only keeps kube-proxy in charge', () => {
    const dp = detectDataplane(
      modelOf(
        ...nodes,
        kubeProxyConfig({ mode: 'iptables', clusterCIDR: '10.244.0.0/16' }),
        ciliumConfig({ 'kube-proxy-replacement': 'false' }),
      ),
    );
    expect(dp.proxyMode).toBe('iptables');
    expect(dp.cni).toBe('cilium');
    expect(dp.cilium?.kubeProxyReplacement).toBe(false);
  });
});

describe('detectDataplane: CNI and overlay from node annotations', () => {
  it('Calico IPIP', () => {
    const dp = detectDataplane(
      modelOf(
        node({
          name: 'n1',
          internalIP: '192.168.0.1',
          annotations: {
            'projectcalico.org/IPv4Address': '192.168.0.1/24',
            'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.0.1',
          },
        }),
      ),
    );
    expect(dp.cni).toBe('calico');
    expect(dp.overlay).toBe('ipip');
  });
  it('Calico VXLAN', () => {
    const dp = detectDataplane(
      modelOf(
        node({
          name: 'n1',
          internalIP: '192.168.0.1',
          annotations: {
            'projectcalico.org/IPv4Address': '192.168.0.1/24',
            'projectcalico.org/IPv4VXLANTunnelAddr': '10.244.0.64',
          },
        }),
      ),
    );
    expect(dp.overlay).toBe('vxlan');
  });
  it('Calico without tunnel annotations → no encapsulation assumed, said so', () => {
    const dp = detectDataplane(
      modelOf(
        node({
          name: 'n1',
          internalIP: '192.168.0.1',
          annotations: { 'projectcalico.org/IPv4Address': '192.168.0.1/24' },
        }),
      ),
    );
    expect(dp.overlay).toBe('none');
    expect(dp.assumptions.join(' ')).toMatch(/no encapsulation/);
  });
  it('flannel vxlan and host-gw', () => {
    const fl = (b: string) =>
      detectDataplane(
        modelOf(
          node({
            name: 'n1',
            internalIP: '192.168.0.1',
            annotations: {
              'flannel.alpha.coreos.com/backend-type': b,
              'flannel.alpha.coreos.com/public-ip': '192.168.0.1',
            },
          }),
        ),
      );
    expect(fl('vxlan')).toMatchObject({ cni: 'flannel', overlay: 'vxlan' });
    expect(fl('host-gw')).toMatchObject({ cni: 'flannel', overlay: 'none' });
  });
  it('Antrea (encap by default)', () => {
    const dp = detectDataplane(
      modelOf(node({ name: 'n1', internalIP: '192.168.0.1', annotations: { 'node.antrea.io/mac-address': 'aa:bb' } })),
    );
    expect(dp).toMatchObject({ cni: 'antrea', overlay: 'vxlan' });
  });
  it('AWS VPC CNI from the aws-node DaemonSet pods', () => {
    const dp = detectDataplane(
      modelOf(
        node({ name: 'n1', internalIP: '192.168.0.1' }),
        pod({
          name: 'aws-node-x7k2p',
          namespace: 'kube-system',
          node: 'n1',
          hostNetwork: true,
          labels: { 'k8s-app': 'aws-node' },
        }),
      ),
    );
    expect(dp).toMatchObject({ cni: 'aws-vpc-cni', overlay: 'none' });
  });
  it('unknown CNI is said so', () => {
    const dp = detectDataplane(modelOf(...nodes));
    expect(dp.cni).toBe('unknown');
    expect(dp.assumptions.join(' ')).toMatch(/CNI not recognised/);
  });
});
