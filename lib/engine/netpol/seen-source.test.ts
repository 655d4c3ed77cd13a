import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import type { Dataplane } from '../types';
import { compilePolicies } from './compile';
import { decidePacketPolicy } from './hook';
import { policySeenSource } from './seen-source';
import { baseObjects, ciliumDataplane, dataplane, labels, model, netpol, question } from './testing';

const CLIENT = '203.0.113.7';
const allowClients = netpol('shop/allow-clients', {
  podSelector: labels({ app: 'web' }),
  ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }],
});
const allowCidr = (cidr: string) =>
  netpol('shop/allow-cidr', { podSelector: labels({ app: 'web' }), ingress: [{ from: [{ ipBlock: { cidr } }] }] });
const denyAll = netpol('shop/deny-all', { podSelector: {} });

const calicoIPIP = dataplane({ cni: 'calico', overlay: 'ipip' });

/** External client → NodePort on `at`, Cluster policy, endpoint shop/web-N. */
function externalViaNode(
  policies: KubeObject[],
  dp: Dataplane,
  at: string,
  dest: 'shop/web-1' | 'shop/web-2',
  snat: string | null,
  masqueraded = true,
) {
  const m = model([...baseObjects(), ...policies]);
  const q = question(m, {
    clientIP: CLIENT,
    masqueraded,
    snatSource: masqueraded ? snat : null,
    ingressNode: at,
    destIP: m.pods.get(dest)!.ip!,
    destPod: dest,
    port: 8080,
    preDnatDestIP: m.nodes.get(at)!.internalIPs[0],
    preDnatPort: 30080,
  });
  return { seen: policySeenSource(dp, q, m), decision: decidePacketPolicy(m, dp, compilePolicies(m), q) };
}

describe('source seen by ingress policy: Calico with kube-proxy (§3.1)', () => {
  it("cross-node under IPIP: the policy sees the ingress node's tunnel address, so a client allow-list denies", () => {
    const r = externalViaNode([allowClients], calicoIPIP, 'n2', 'shop/web-1', '10.244.2.192');
    expect(r.seen.views).toHaveLength(1);
    expect(r.seen.views[0]).toMatchObject({ kind: 'node', ip: '10.244.2.192', ownNode: false });
    expect(r.seen.explanation).toContain('projectcalico/calico#1379');
    expect(r.decision.verdict).toBe('denied');
    expect(r.decision.reason).toContain('the tunnel address on IPIP/VXLAN');
    // allow-listing the tunnel address admits it (and with it every client entering through n2)
    expect(
      externalViaNode([allowCidr('10.244.2.192/32')], calicoIPIP, 'n2', 'shop/web-1', '10.244.2.192').decision.verdict,
    ).toBe('allowed');
    // the node InternalIP is not what the policy sees on IPIP
    expect(
      externalViaNode([allowCidr('192.168.1.12/32')], calicoIPIP, 'n2', 'shop/web-1', '10.244.2.192').decision.verdict,
    ).toBe('denied');
  });

  it('same node: policy runs before MASQUERADE and sees the client, so the same allow-list admits it', () => {
    const r = externalViaNode([allowClients], calicoIPIP, 'n1', 'shop/web-1', '10.244.1.192');
    expect(r.seen.views.map((v) => v.ip)).toEqual([CLIENT]);
    expect(r.seen.explanation).toContain('before POSTROUTING MASQUERADE');
    expect(r.decision.verdict).toBe('allowed');
  });

  it('same node with kube-proxy ipvs: ordering undocumented, so differing answers are unknown', () => {
    const r = externalViaNode(
      [allowClients],
      dataplane({ cni: 'calico', proxyMode: 'ipvs' }),
      'n1',
      'shop/web-1',
      '10.244.1.192',
    );
    expect(r.seen.views.map((v) => v.ip)).toEqual([CLIENT, '10.244.1.192']);
    expect(r.decision.verdict).toBe('unknown');
    expect(r.decision.reason).toContain('if the policy sees client 203.0.113.7: allowed');
  });

  it('externalTrafficPolicy Local (no masquerade): the client is seen on any CNI', () => {
    for (const dp of [calicoIPIP, ciliumDataplane(), dataplane()]) {
      expect(externalViaNode([allowClients], dp, 'n2', 'shop/web-2', null, false).decision.verdict).toBe('allowed');
    }
  });
});

describe('source seen by ingress policy: Cilium (§3.3)', () => {
  it('with kube-proxy, SNATed traffic is identity world: a client /24 denies, 0.0.0.0/0 allows', () => {
    const r = externalViaNode([allowClients], ciliumDataplane(), 'n2', 'shop/web-1', '192.168.1.12');
    expect(r.seen.views[0]).toMatchObject({ kind: 'world', ip: '192.168.1.12' });
    expect(r.seen.explanation).toContain('cilium/cilium#23603');
    expect(r.decision.verdict).toBe('denied');
    expect(
      externalViaNode([allowCidr('0.0.0.0/0')], ciliumDataplane(), 'n2', 'shop/web-1', '192.168.1.12').decision.verdict,
    ).toBe('allowed');
    // even on the endpoint's own node kube-proxy SNATs and Cilium sees world
    expect(externalViaNode([allowClients], ciliumDataplane(), 'n1', 'shop/web-1', '10.244.1.1').decision.verdict).toBe(
      'denied',
    );
  });

  it('kube-proxy replacement SNAT: remote-node identity; node allow-lists match only with policy-cidr-match-mode=nodes', () => {
    const nodes = allowCidr('192.168.1.0/24');
    const without = externalViaNode([nodes], ciliumDataplane({ kpr: true }), 'n2', 'shop/web-1', '192.168.1.12');
    expect(without.seen.views[0]).toMatchObject({ kind: 'node', ipBlockMode: 'never' });
    expect(without.decision.verdict).toBe('denied');
    expect(without.decision.reason).toContain('unless policy-cidr-match-mode includes nodes');
    expect(
      externalViaNode([nodes], ciliumDataplane({ kpr: true, cidrMatchNodes: true }), 'n2', 'shop/web-1', '192.168.1.12')
        .decision.verdict,
    ).toBe('allowed');
  });

  it('kube-proxy replacement DSR preserves the client, so the client allow-list admits it', () => {
    const r = externalViaNode(
      [allowClients],
      ciliumDataplane({ kpr: true, mode: 'dsr' }),
      'n2',
      'shop/web-1',
      null,
      false,
    );
    expect(r.seen.views[0]).toMatchObject({ kind: 'external', ip: CLIENT });
    expect(r.decision.verdict).toBe('allowed');
  });
});

describe('source seen by ingress policy: Antrea and unknown CNIs (§3.5, §1.7)', () => {
  it("Antrea SNATs to antrea-gw0 before policy, even on the endpoint's own node, and that is not node traffic", () => {
    const dp = dataplane({ cni: 'antrea' });
    const r = externalViaNode([denyAll], dp, 'n1', 'shop/web-1', '10.244.1.1');
    expect(r.seen.views).toHaveLength(1);
    expect(r.seen.views[0]).toMatchObject({ ip: '10.244.1.1', ownNode: false });
    expect(r.decision.verdict).toBe('denied');
    expect(externalViaNode([allowClients], dp, 'n1', 'shop/web-1', '10.244.1.1').decision.verdict).toBe('denied');
    expect(externalViaNode([allowCidr('10.244.1.1/32')], dp, 'n1', 'shop/web-1', '10.244.1.1').decision.verdict).toBe(
      'allowed',
    );
  });

  it('unknown CNI, cross-node: the SNAT address with plain address matching', () => {
    const r = externalViaNode([allowCidr('192.168.1.12/32')], dataplane(), 'n2', 'shop/web-1', '192.168.1.12');
    expect(r.seen.views.map((v) => v.ip)).toEqual(['192.168.1.12']);
    expect(r.decision.verdict).toBe('allowed');
  });

  it('unknown CNI, same node: unknown when the verdict depends on NAT/policy ordering, decided when both agree', () => {
    const differ = externalViaNode([allowClients], dataplane(), 'n1', 'shop/web-1', '192.168.1.11');
    expect(differ.decision.verdict).toBe('unknown');
    expect(differ.decision.reason).toContain('implementation-defined');
    // SNATed traffic with the pod's own node address is not exempt (§1.7): deny-all denies either way
    const agree = externalViaNode([denyAll], dataplane(), 'n1', 'shop/web-1', '192.168.1.11');
    expect(agree.decision.verdict).toBe('denied');
    expect(agree.decision.reason).toContain('the same whether the policy sees');
  });
});

describe('host and hostNetwork clients (§1.4, §1.7)', () => {
  const hostClient = (
    dp: Dataplane,
    objs: KubeObject[],
    o: { from: string; dest: 'shop/web-1' | 'shop/web-2'; masq?: boolean; hostNetworkPod?: string },
  ) => {
    const m = model([...baseObjects(), ...objs]);
    const q = question(m, {
      clientIP: m.nodes.get(o.from)!.internalIPs[0],
      clientNode: o.from,
      clientPod: o.hostNetworkPod,
      masqueraded: o.masq ?? false,
      snatSource: o.masq ? m.nodes.get(o.from)!.internalIPs[0] : null,
      ingressNode: o.from,
      destIP: m.pods.get(o.dest)!.ip!,
      destPod: o.dest,
      port: 8080,
    });
    return decidePacketPolicy(m, dp, compilePolicies(m), q);
  };

  it("a host process on the pod's own node is allowed through deny-all; one on another node is not", () => {
    expect(hostClient(calicoIPIP, [denyAll], { from: 'n1', dest: 'shop/web-1' }).verdict).toBe('allowed');
    expect(hostClient(calicoIPIP, [denyAll], { from: 'n2', dest: 'shop/web-1' }).verdict).toBe('denied');
    // node → own NodePort with a local endpoint: masqueraded, but host-originated and policy runs first on Calico
    expect(hostClient(calicoIPIP, [denyAll], { from: 'n1', dest: 'shop/web-1', masq: true }).verdict).toBe('allowed');
  });

  it('Cilium with kube-proxy cannot tell masqueraded host traffic from SNATed external traffic: unknown', () => {
    const d = hostClient(ciliumDataplane(), [denyAll], { from: 'n1', dest: 'shop/web-1', masq: true });
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('cilium/cilium#23603');
  });

  it('a hostNetwork client pod: unknown where the CNI is not known, host traffic on Calico and Cilium', () => {
    const allPods = netpol('shop/from-all-pods', {
      podSelector: labels({ app: 'web' }),
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const unknownCni = hostClient(dataplane(), [allPods], {
      from: 'n1',
      dest: 'shop/web-2',
      hostNetworkPod: 'kube-system/agent',
    });
    expect(unknownCni.verdict).toBe('unknown');
    expect(unknownCni.reason).toContain('hostNetwork pod kube-system/agent as a pod');
    expect(unknownCni.reason).toContain('behaviour for hostNetwork pods is undefined');
    // Calico: host traffic, which pod and namespace selectors never match (projectcalico/calico#4493): a policy
    // admitting only (selected) pods denies it.
    const calico = hostClient(calicoIPIP, [allPods], {
      from: 'n1',
      dest: 'shop/web-2',
      hostNetworkPod: 'kube-system/agent',
    });
    expect(calico.verdict).toBe('denied');
    expect(calico.ingress?.reason).toContain('on Calico its traffic is host traffic');
    expect(calico.ingress?.reason).not.toContain('as a pod');
    // Its own (egress) side: no NetworkPolicy applies to a hostNetwork pod on Calico.
    expect(calico.egress).toMatchObject({ verdict: 'allowed', isolated: false });
    // Cilium documents hostNetwork pods as host/remote-node identities: not matched by pod selectors
    expect(
      hostClient(ciliumDataplane(), [allPods], { from: 'n1', dest: 'shop/web-2', hostNetworkPod: 'kube-system/agent' })
        .verdict,
    ).toBe('denied');
    // on its own node it is node traffic: allowed (the same whether seen as node or pod)
    expect(
      hostClient(calicoIPIP, [allPods], { from: 'n1', dest: 'shop/web-1', hostNetworkPod: 'kube-system/agent' })
        .verdict,
    ).toBe('allowed');
  });
});
