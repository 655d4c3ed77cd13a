// Shared test objects for the policy finding tests: the web scenario (lib/engine/testing/scenarios.ts)
// with an allow-list policy, Calico IPIP tunnel annotations, or a Cilium kube-proxy replacement.
import type { KubeObject, NetworkPolicyPeer } from '../../model/k8s';
import { ciliumConfig, netpol } from '../testing/fixtures';
import { webObjects, type WebOptions } from '../testing/scenarios';

/** An ingress policy on the web pods allowing TCP 8080 from the given ipBlocks. */
export function allowWeb(
  name: string,
  cidrs: (string | { cidr: string; except: string[] })[],
  port: number | string = 8080,
): KubeObject {
  const from: NetworkPolicyPeer[] = cidrs.map((c) => ({ ipBlock: typeof c === 'string' ? { cidr: c } : c }));
  return netpol({
    name,
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from, ports: [{ port, protocol: 'TCP' }] }],
  });
}

/** Calico IPIP tunnel addresses (the network address of each web node's podCIDR, as in the demo cluster). */
export const CALICO_IPIP: WebOptions['nodeAnnotations'] = {
  'node-a': { 'projectcalico.org/IPv4Address': '192.168.0.1/24', 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.0.0' },
  'node-b': { 'projectcalico.org/IPv4Address': '192.168.0.2/24', 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.1.0' },
  'node-c': { 'projectcalico.org/IPv4Address': '192.168.0.3/24', 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.2.0' },
};

/** Calico with BGP only (no tunnel address published: no encapsulation). */
export const CALICO_BGP: WebOptions['nodeAnnotations'] = {
  'node-a': { 'projectcalico.org/IPv4Address': '192.168.0.1/24' },
  'node-b': { 'projectcalico.org/IPv4Address': '192.168.0.2/24' },
  'node-c': { 'projectcalico.org/IPv4Address': '192.168.0.3/24' },
};

/** Web objects on Cilium's kube-proxy replacement (native routing), with extra cilium-config keys. */
export function ciliumWeb(o: WebOptions & { cilium?: Record<string, string> } = {}): KubeObject[] {
  const { cilium, ...rest } = o;
  return webObjects({
    ...rest,
    kubeProxy: null,
    extra: [
      ...(rest.extra ?? []),
      ciliumConfig({
        'kube-proxy-replacement': 'true',
        'routing-mode': 'native',
        'bpf-lb-mode': 'snat',
        ...(cilium ?? {}),
      }),
    ],
  });
}
