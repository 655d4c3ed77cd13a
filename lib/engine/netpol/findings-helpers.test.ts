import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { compilePolicies } from './compile';
import { ingressRulesForPods, ipBlockAllowLists, ipBlockNodeAddresses, unresolvedNamedPorts } from './findings-helpers';
import { cidrCoversNodeAddress, nodeAddressesInCidr } from './node-addresses';
import { policiesSelectingPod, sameLabels, selectionFor } from './selection';
import { baseObjects, labels, model, netpol, pod } from './testing';

function setup(objs: KubeObject[]) {
  const m = model([...baseObjects(), ...objs]);
  return { m, index: compilePolicies(m), p: (k: string) => m.pods.get(k)! };
}

describe('policiesSelectingPod', () => {
  it("lists the policies of the pod's namespace that select it, per direction, and caches the answer", () => {
    const s = setup([
      netpol('shop/web-in', { podSelector: labels({ app: 'web' }) }),
      netpol('shop/all-out', { podSelector: {}, policyTypes: ['Egress'] }),
      netpol('shop/client-in', { podSelector: labels({ app: 'client' }) }),
      netpol('other/all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ]);
    const web = s.p('shop/web-1');
    expect(policiesSelectingPod(s.index, web, 'Ingress').map((x) => x.policy.key)).toEqual(['shop/web-in']);
    expect(policiesSelectingPod(s.index, web, 'Egress').map((x) => x.policy.key)).toEqual(['shop/all-out']);
    expect(policiesSelectingPod(s.index, web).map((x) => x.policy.key)).toEqual(['shop/web-in', 'shop/all-out']);
    expect(selectionFor(s.index, web)).toBe(selectionFor(s.index, web));
    expect(s.index.selectionCache.has('shop/web-1')).toBe(true);
  });

  it("reuses the previous pod's answer only for a pod of the same namespace with the same labels", () => {
    const s = setup([
      netpol('shop/web-in', { podSelector: labels({ app: 'web' }) }),
      netpol('other/prom-in', { podSelector: labels({ app: 'prom' }) }),
    ]);
    const web1 = selectionFor(s.index, s.p('shop/web-1'));
    // shop/web-2 has the same labels in the same namespace: the very same (read-only) answer.
    expect(selectionFor(s.index, s.p('shop/web-2'))).toBe(web1);
    // Same labels, other namespace: evaluated again against that namespace's policies.
    const shopProm = selectionFor(s.index, s.p('shop/prom'));
    expect(shopProm.Ingress).toEqual([]);
    const otherProm = selectionFor(s.index, s.p('other/prom'));
    expect(otherProm).not.toBe(shopProm);
    expect(otherProm.Ingress.map((x) => x.policy.key)).toEqual(['other/prom-in']);
    // Other labels, same namespace: evaluated again.
    expect(selectionFor(s.index, s.p('shop/client')).Ingress).toEqual([]);
    expect(selectionFor(s.index, s.p('shop/web-2')).Ingress.map((x) => x.policy.key)).toEqual(['shop/web-in']);
  });
});

describe('sameLabels', () => {
  it('compares keys and values, not identity or order', () => {
    expect(sameLabels({ app: 'web', tier: 'a' }, { tier: 'a', app: 'web' })).toBe(true);
    expect(sameLabels({}, {})).toBe(true);
    expect(sameLabels({ app: 'web' }, { app: 'web', tier: 'a' })).toBe(false);
    expect(sameLabels({ app: 'web', tier: 'a' }, { app: 'web' })).toBe(false);
    expect(sameLabels({ app: 'web' }, { app: 'api' })).toBe(false);
    expect(sameLabels({ app: 'web' }, { App: 'web' })).toBe(false);
  });
});

describe('ipBlock allow-lists of the pods behind a Service', () => {
  const allowList = netpol('shop/allow-office', {
    podSelector: labels({ app: 'web' }),
    ingress: [
      {
        from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }, { podSelector: {} }],
        ports: [{ port: 'http' }],
      },
      { from: [{ ipBlock: { cidr: '192.168.1.0/24' } }] },
    ],
  });

  it('returns each ipBlock peer with policy, rule, ports and the selected pods', () => {
    const s = setup([
      allowList,
      netpol('shop/client-only', {
        podSelector: labels({ app: 'client' }),
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      }),
    ]);
    const lists = ipBlockAllowLists(s.index, [s.p('shop/web-1'), s.p('shop/web-2')]);
    expect(
      lists.map((l) => [l.policy, l.ruleIndex, l.cidr, l.except, l.ports?.map((p) => p.text) ?? null, l.pods]),
    ).toEqual([
      ['shop/allow-office', 0, '203.0.113.0/24', ['203.0.113.128/25'], ['TCP/http'], ['shop/web-1', 'shop/web-2']],
      ['shop/allow-office', 1, '192.168.1.0/24', [], null, ['shop/web-1', 'shop/web-2']],
    ]);
    expect(ingressRulesForPods(s.index, [s.p('shop/client')]).map((r) => r.policy.key)).toEqual(['shop/client-only']);
  });

  it('finds node and tunnel addresses an ipBlock admits, minus its excepts', () => {
    const s = setup([]);
    expect(nodeAddressesInCidr(s.m, '192.168.1.0/30').map((a) => [a.node, a.address, a.kind])).toEqual([]);
    expect(nodeAddressesInCidr(s.m, '192.168.1.0/28').map((a) => [a.node, a.kind])).toEqual([
      ['n1', 'InternalIP'],
      ['n2', 'InternalIP'],
      ['n3', 'InternalIP'],
    ]);
    expect(nodeAddressesInCidr(s.m, '10.244.2.0/24').map((a) => [a.address, a.kind, a.derived])).toEqual([
      ['10.244.2.0', 'podCIDRNetwork', true],
      ['10.244.2.1', 'podCIDRGateway', true],
      ['10.244.2.192', 'calicoIPIP', false],
    ]);
    expect(cidrCoversNodeAddress(s.m, '10.244.2.0/25')).toBe(false); // only derived addresses inside
    expect(cidrCoversNodeAddress(s.m, '10.244.2.0/25', true)).toBe(true);
    expect(cidrCoversNodeAddress(s.m, '203.0.113.0/24')).toBe(false);
    expect(cidrCoversNodeAddress(s.m, 'not-a-cidr')).toBe(false);
    const [peer] = compilePolicies(
      model([
        netpol('shop/x', {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24', except: ['192.168.1.12/32'] } }] }],
        }),
      ]),
    ).byKey.get('shop/x')!.rules.Ingress[0].peers!;
    expect(peer.kind).toBe('ipBlock');
    if (peer.kind === 'ipBlock')
      expect(ipBlockNodeAddresses(s.m, peer).map((a) => a.address)).toEqual(['192.168.1.11', '192.168.1.13']);
  });
});

describe('unresolvedNamedPorts', () => {
  it('reports ingress names no selected pod exposes (including protocol mismatches) and egress names no peer pod exposes', () => {
    const s = setup([
      pod('shop/api', '10.244.1.60', 'n1', { labels: { app: 'api' }, ports: [{ name: 'grpc', containerPort: 9000 }] }),
      netpol('shop/web-ok', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ ports: [{ port: 'http' }, { protocol: 'UDP', port: 'dns' }] }],
      }),
      netpol('shop/web-bad', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ ports: [{ port: 'metrics' }, { port: 'dns' }] }],
      }),
      netpol('shop/client-out', {
        podSelector: labels({ app: 'client' }),
        policyTypes: ['Egress'],
        egress: [
          { to: [{ podSelector: labels({ app: 'api' }) }], ports: [{ port: 'grpc' }, { port: 'http' }] },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'https' }] },
        ],
      }),
    ]);
    const issues = unresolvedNamedPorts(s.index);
    expect(issues.map((i) => [i.policy, i.direction, i.ruleIndex, i.name, i.protocol, i.candidatePods])).toEqual([
      ['shop/web-bad', 'Ingress', 0, 'metrics', 'TCP', 2],
      ['shop/web-bad', 'Ingress', 0, 'dns', 'TCP', 2],
      ['shop/client-out', 'Egress', 0, 'http', 'TCP', 1],
      ['shop/client-out', 'Egress', 1, 'https', 'TCP', 0],
    ]);
    expect(issues[0].message).toContain('none of the 2 selected pods exposes');
  });
});
