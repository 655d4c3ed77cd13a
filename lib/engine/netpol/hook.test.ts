import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import type { Dataplane } from '../types';
import { compilePolicies } from './compile';
import { createPolicyHook, decidePacketPolicy } from './hook';
import { baseObjects, ciliumDataplane, dataplane, labels, model, netpol, question } from './testing';

const calico = dataplane({ cni: 'calico', overlay: 'ipip' });

function setup(objs: KubeObject[], dp: Dataplane = calico, unavailable?: Record<string, string>) {
  const m = model([...baseObjects(), ...objs], unavailable);
  const index = compilePolicies(m);
  return { m, index, decide: (q: Parameters<typeof question>[1]) => decidePacketPolicy(m, dp, index, question(m, q)) };
}

const webAllowsClient = netpol('shop/web-from-client', {
  podSelector: labels({ app: 'web' }),
  ingress: [{ from: [{ podSelector: labels({ app: 'client' }) }], ports: [{ port: 'http' }] }],
});
const clientDnsOnly = netpol('shop/client-dns-only', {
  podSelector: labels({ app: 'client' }),
  policyTypes: ['Egress'],
  egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
});
const clientToWeb = netpol('shop/client-to-web', {
  podSelector: labels({ app: 'client' }),
  policyTypes: ['Egress'],
  egress: [{ to: [{ podSelector: labels({ app: 'web' }) }], ports: [{ port: 8080 }] }],
});

/** shop/client (on n1) to shop/web-2's port 8080. */
const CLIENT_TO_WEB_2 = {
  clientIP: '10.244.1.20',
  clientPod: 'shop/client',
  ingressNode: 'n1',
  destIP: '10.244.2.10',
  destPod: 'shop/web-2',
  port: 8080,
};

describe('policy hook: the deciding policies', () => {
  it('lists each denying policy once when both ends are isolated by the same twenty policies', () => {
    // Twenty deny-all policies for ingress and egress of every pod in shop: both halves deny, by the same keys.
    const denyAll = Array.from({ length: 20 }, (_, i) =>
      netpol(`shop/deny-${String(i).padStart(2, '0')}`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    );
    const s = setup(denyAll);
    const d = s.decide(CLIENT_TO_WEB_2);
    expect(d.verdict).toBe('denied');
    expect(d.ingress?.policies).toHaveLength(20);
    expect(d.egress?.policies).toHaveLength(20);
    expect(d.policies).toEqual(denyAll.map((p) => `shop/${p.metadata!.name}`));
  });

  it('keeps the shared answers without notes empty: notes of one evaluation never reach another', () => {
    const web = netpol('shop/web-odd', {
      podSelector: labels({ app: 'web' }),
      ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 'no-such-port' }] }],
    });
    const s = setup([web]);
    const ask = () =>
      s.decide({
        clientIP: '198.51.100.7',
        ingressNode: 'n1',
        destIP: '10.244.2.10',
        destPod: 'shop/web-2',
        port: 8080,
      });
    const first = ask();
    expect(first.verdict).toBe('denied');
    expect(first.reason).toContain('named port "no-such-port"');
    // A source the block contains: the port's note again, nothing more.
    const inside = s.decide({
      clientIP: '203.0.113.9',
      ingressNode: 'n1',
      destIP: '10.244.2.10',
      destPod: 'shop/web-2',
      port: 8080,
    });
    expect(inside.reason.match(/named port "no-such-port"/g)).toHaveLength(1);
    expect(ask().reason).toBe(first.reason);
  });
});

describe('policy hook: both ends (§1.1)', () => {
  it('pod to pod needs egress of the client AND ingress of the server', () => {
    const s = setup([webAllowsClient]);
    const ok = s.decide(CLIENT_TO_WEB_2);
    expect(ok.verdict).toBe('allowed');
    expect(ok.ingress?.policies).toEqual(['shop/web-from-client']);
    expect(ok.egress?.isolated).toBe(false);
  });

  it('client-side egress denial wins even if the server explicitly allows (e2e "denying of egress traffic on the client side")', () => {
    const s = setup([webAllowsClient, clientDnsOnly]);
    const d = s.decide(CLIENT_TO_WEB_2);
    expect(d.verdict).toBe('denied');
    expect(d.ingress?.verdict).toBe('allowed');
    expect(d.egress?.verdict).toBe('denied');
    expect(d.policies).toEqual(['shop/client-dns-only']);
    expect(d.reason).toMatch(/^ingress: .*; egress: shop\/client is isolated for egress/);
  });

  it('only the pod end is evaluated for outside clients and outside destinations', () => {
    const s = setup([clientDnsOnly]);
    const ext = s.decide({
      clientIP: '203.0.113.7',
      ingressNode: 'n2',
      destIP: '10.244.2.10',
      destPod: 'shop/web-2',
      port: 8080,
    });
    expect(ext).toMatchObject({ verdict: 'allowed', egress: null });
    const out = s.decide({
      clientIP: '10.244.1.20',
      clientPod: 'shop/client',
      ingressNode: 'n1',
      destIP: '198.51.100.1',
      port: 443,
    });
    expect(out).toMatchObject({ verdict: 'denied', ingress: null });
    const neither = s.decide({ clientIP: '203.0.113.7', ingressNode: 'n1', destIP: '192.168.1.11', port: 22 });
    expect(neither).toMatchObject({ verdict: 'allowed', ingress: null, egress: null });
  });

  it('resolves pods from addresses when the question leaves them out', () => {
    const s = setup([webAllowsClient]);
    const d = s.decide({ clientIP: '10.244.3.5', ingressNode: 'n3', destIP: '10.244.2.10', port: 8080 });
    expect(d.verdict).toBe('denied'); // monitoring/prom, found by IP, is not app=client
    expect(d.ingress?.reason).toContain('pod monitoring/prom');
  });

  it('createPolicyHook answers with verdict and reason only', () => {
    const m = model([...baseObjects(), webAllowsClient]);
    const hook = createPolicyHook(m, calico, compilePolicies(m));
    const a = hook(
      question(m, {
        clientIP: '10.244.1.20',
        clientPod: 'shop/client',
        ingressNode: 'n1',
        destIP: '10.244.1.10',
        destPod: 'shop/web-1',
        port: 8080,
      }),
    );
    expect(Object.keys(a).sort()).toEqual(['reason', 'verdict']);
    expect(a.verdict).toBe('allowed');
  });

  it('answers unknown for pod ends when NetworkPolicies are unreadable', () => {
    const s = setup([], calico, { NetworkPolicy: '403 Forbidden' });
    const d = s.decide({
      clientIP: '10.244.1.20',
      clientPod: 'shop/client',
      ingressNode: 'n1',
      destIP: '10.244.1.10',
      destPod: 'shop/web-1',
      port: 8080,
    });
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('403 Forbidden');
  });
});

describe('policy hook: which destination and port egress sees', () => {
  const viaRemoteNodePort = {
    clientIP: '10.244.1.20',
    clientPod: 'shop/client',
    masqueraded: true,
    snatSource: '10.244.2.192',
    ingressNode: 'n2',
    destIP: '10.244.2.10',
    destPod: 'shop/web-2',
    port: 8080,
    preDnatDestIP: '192.168.1.12',
    preDnatPort: 30080,
  } as const;

  it('pod → NodePort of another node: egress runs before that node DNATs, so a pod-selector egress rule does not admit it', () => {
    const d = setup([clientToWeb]).decide(viaRemoteNodePort);
    expect(d.egress?.verdict).toBe('denied');
    expect(d.egress?.reason).toContain('node n2 (192.168.1.12) on TCP/30080');
  });

  it('with Cilium kube-proxy replacement the socket-level translation happens first, so the same rule admits it', () => {
    const d = setup([clientToWeb], ciliumDataplane({ kpr: true })).decide(viaRemoteNodePort);
    expect(d.egress?.verdict).toBe('allowed');
  });

  it("ClusterIP DNAT on the client's own node: egress sees the endpoint pod and target port", () => {
    const d = setup([clientToWeb]).decide({ ...CLIENT_TO_WEB_2, preDnatDestIP: '10.96.0.10', preDnatPort: 80 });
    expect(d.egress?.verdict).toBe('allowed');
  });

  it('AWS VPC CNI: a Service port different from the target port makes the egress answer unknown', () => {
    const d = setup([clientToWeb], dataplane({ cni: 'aws-vpc-cni' })).decide({
      ...CLIENT_TO_WEB_2,
      preDnatDestIP: '10.96.0.10',
      preDnatPort: 80,
    });
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('Service port 80');
  });

  it('a pod reaching itself through its Service is unknown rather than denied (kubernetes/kubernetes#95879)', () => {
    const s = setup([
      netpol('shop/web-from-client', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ podSelector: labels({ app: 'client' }) }] }],
      }),
    ]);
    const d = s.decide({
      clientIP: '10.244.1.10',
      clientPod: 'shop/web-1',
      masqueraded: true,
      snatSource: '10.244.1.192',
      ingressNode: 'n1',
      destIP: '10.244.1.10',
      destPod: 'shop/web-1',
      port: 8080,
      preDnatDestIP: '10.96.0.10',
      preDnatPort: 80,
    });
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('#95879');
  });
});
