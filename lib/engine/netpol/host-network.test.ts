// hostNetwork pods and self-access, end to end through decidePacketPolicy with concrete objects
// (../shared/reference/netpol-semantics.md §1.4, §1.7; host-network.ts for the Calico and Cilium citations).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import type { Dataplane } from '../types';
import { compilePolicies } from './compile';
import { decidePacketPolicy } from './hook';
import { baseObjects, ciliumDataplane, dataplane, labels, model, netpol, pod, question } from './testing';

const unknownCni = dataplane();
const calico = dataplane({ cni: 'calico', overlay: 'ipip' });
const cilium = ciliumDataplane();

// node-exporter: a hostNetwork pod on n2 serving 9100 on the node's address, isolated so that only prom may reach it.
const exporter = pod('kube-system/node-exporter', '192.168.1.12', 'n2', {
  labels: { app: 'exporter' },
  hostNetwork: true,
  ports: [{ name: 'metrics', containerPort: 9100 }],
});
const exporterOnlyProm = netpol('kube-system/exporter-only-prom', {
  podSelector: labels({ app: 'exporter' }),
  ingress: [{ from: [{ namespaceSelector: {}, podSelector: labels({ app: 'prom' }) }] }],
});
// monitoring/prom may only talk to exporter pods (by pod selector).
const promToExporters = netpol('monitoring/prom-to-exporters', {
  podSelector: labels({ app: 'prom' }),
  policyTypes: ['Egress'],
  egress: [{ to: [{ namespaceSelector: {}, podSelector: labels({ app: 'exporter' }) }] }],
});
const webFromClientOnly = netpol('shop/web-from-client', {
  podSelector: labels({ app: 'web' }),
  ingress: [{ from: [{ podSelector: labels({ app: 'client' }) }] }],
});

function decide(dp: Dataplane, objs: KubeObject[], q: Parameters<typeof question>[1]) {
  const m = model([...baseObjects(), exporter, ...objs]);
  return decidePacketPolicy(m, dp, compilePolicies(m), question(m, q));
}

const toExporter = (client: string, clientIP: string) => ({
  clientIP,
  clientPod: client,
  ingressNode: 'n3',
  destIP: '192.168.1.12',
  destPod: 'kube-system/node-exporter',
  port: 9100,
});

describe('traffic to a hostNetwork pod that an ingress policy isolates', () => {
  it('is unknown, with the question, when the CNI is not known (Kubernetes leaves it undefined)', () => {
    const d = decide(unknownCni, [exporterOnlyProm], toExporter('monitoring/grafana', '10.244.3.6'));
    expect(d.verdict).toBe('unknown');
    expect(d.ingress?.reason).toContain('does the CNI enforce its ingress policy?');
    expect(d.ingress?.reason).toContain('enforced as for a pod it would be denied');
  });

  it('is allowed whatever the CNI when the policy admits the client anyway', () => {
    expect(decide(unknownCni, [exporterOnlyProm], toExporter('monitoring/prom', '10.244.3.5')).verdict).toBe('allowed');
  });

  it.each([
    ['Calico', calico, /workload interfaces only .*HostEndpoint/],
    ['Cilium', cilium, /host identity/],
  ])('is host traffic on %s: the pod policy does not apply, so it is allowed', (_name, dp, why) => {
    const d = decide(dp, [exporterOnlyProm], toExporter('monitoring/grafana', '10.244.3.6'));
    expect(d.verdict).toBe('allowed');
    expect(d.ingress).toMatchObject({ verdict: 'allowed', isolated: false });
    expect(d.ingress?.reason).toMatch(why);
  });
});

describe('an egress rule that selects a hostNetwork pod', () => {
  it('is not denied when the CNI is not known: unknown, both readings given', () => {
    const d = decide(unknownCni, [promToExporters], toExporter('monitoring/prom', '10.244.3.5'));
    expect(d.verdict).toBe('unknown');
    expect(d.egress?.reason).toContain('as node n2 traffic');
    expect(d.egress?.reason).toContain('as a pod');
    expect(d.egress?.reason).toContain('monitoring/prom-to-exporters egress[0]');
  });

  it.each([
    ['Calico', calico],
    ['Cilium', cilium],
  ])('is denied on %s, where pod selectors never match host traffic', (_name, dp) => {
    const d = decide(dp, [promToExporters], toExporter('monitoring/prom', '10.244.3.5'));
    expect(d.verdict).toBe('denied');
    expect(d.egress?.verdict).toBe('denied');
    expect(d.egress?.reason).toContain('its traffic is host traffic, which pod and namespace selectors never match');
  });
});

describe('hostNetwork clients on Calico', () => {
  const fromAgent = (dest: 'shop/web-1' | 'shop/web-2') => ({
    clientIP: '192.168.1.11',
    clientPod: 'kube-system/agent',
    clientNode: 'n1',
    ingressNode: 'n1',
    destIP: dest === 'shop/web-1' ? '10.244.1.10' : '10.244.2.10',
    destPod: dest,
    port: 8080,
  });

  it("on the destination's own node: allowed on Calico (host → local workload), unknown on an unknown CNI", () => {
    expect(decide(calico, [webFromClientOnly], fromAgent('shop/web-1')).verdict).toBe('allowed');
    expect(decide(calico, [webFromClientOnly], fromAgent('shop/web-1')).ingress?.reason).toContain('own node');
    expect(decide(unknownCni, [webFromClientOnly], fromAgent('shop/web-1')).verdict).toBe('unknown');
  });

  it('from another node: denied by a policy that admits only selected pods', () => {
    const d = decide(calico, [webFromClientOnly], fromAgent('shop/web-2'));
    expect(d.verdict).toBe('denied');
    expect(d.ingress?.reason).toContain('on Calico its traffic is host traffic');
  });

  it("the hostNetwork pod's own egress policy does not apply on Calico", () => {
    const agentNoEgress = netpol('kube-system/agent-no-egress', {
      podSelector: labels({ app: 'agent' }),
      policyTypes: ['Egress'],
    });
    expect(decide(calico, [agentNoEgress], fromAgent('shop/web-2')).egress).toMatchObject({
      verdict: 'allowed',
      isolated: false,
    });
    expect(decide(unknownCni, [agentNoEgress], fromAgent('shop/web-2')).egress?.verdict).toBe('unknown');
  });
});

describe('a pod calling itself', () => {
  const isolateWeb = netpol('shop/web-isolated', {
    podSelector: labels({ app: 'web' }),
    policyTypes: ['Ingress', 'Egress'],
  });
  const self = {
    clientIP: '10.244.1.10',
    clientPod: 'shop/web-1',
    ingressNode: 'n1',
    destIP: '10.244.1.10',
    destPod: 'shop/web-1',
    port: 8080,
  };

  it('on its own IP is allowed although its policies isolate it both ways ("a pod cannot block access to itself")', () => {
    const d = decide(unknownCni, [isolateWeb], self);
    expect(d.verdict).toBe('allowed');
    expect(d.reason).toContain('a pod cannot block access to itself');
  });

  it('through its own Service (DNAT back to itself) stays unknown, where plugins differ', () => {
    const d = decide(unknownCni, [isolateWeb], { ...self, preDnatDestIP: '10.96.0.10', preDnatPort: 80 });
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('kubernetes/kubernetes#95879');
  });
});
