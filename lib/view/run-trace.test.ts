import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import { detectDataplane } from '../engine/dataplane';
import type { KubeObject } from '../model/k8s';
import { runTrace } from './run-trace';

// One node, one pod, one NodePort Service with eTP=Local: a packet from outside to the node's
// NodePort reaches the pod unmasqueraded (iptables/proxier_test.go::TestExternalTrafficPolicyLocal).
const objects = [
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'w1' },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
    status: {
      addresses: [{ type: 'InternalIP', address: '10.0.0.11' }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'shop', name: 'web-1', labels: { app: 'web' } },
    spec: { nodeName: 'w1', containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] },
    status: {
      phase: 'Running',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'shop', name: 'web' },
    spec: {
      type: 'NodePort',
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      externalTrafficPolicy: 'Local',
      ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }],
    },
  },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: 'shop', name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: ['10.244.1.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'w1',
        targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1' },
      },
    ],
    ports: [{ port: 8080, protocol: 'TCP' }],
  },
] as KubeObject[];

function cluster() {
  const model = buildClusterModel(objects);
  return { model, dataplane: detectDataplane(model) };
}
const inputs = (p: Partial<{ from: string; to: string; port: string; node: string }>) => ({
  from: '',
  to: '',
  port: '',
  proto: 'tcp' as const,
  node: '',
  ...p,
});

describe('runTrace', () => {
  it('traces an outside client to the NodePort and reaches the pod with its own address', () => {
    const out = runTrace(cluster(), [], inputs({ from: '203.0.113.7', to: '10.0.0.11', port: '30080' }), null);
    expect(out).toMatchObject({ ok: true, sourceKind: 'external' });
    if (!out.ok) return;
    expect(out.result.verdict).toBe('forwarded');
    expect(out.result.endpoints.map((e) => [e.pod, e.sourceIP])).toEqual([['shop/web-1', '203.0.113.7']]);
  });

  it('turns an IP the model knows as a pod into that pod', () => {
    const out = runTrace(cluster(), [], inputs({ from: '10.244.1.5', to: '10.96.0.10', port: '80' }), null);
    expect(out).toMatchObject({
      ok: true,
      sourceKind: 'pod',
      result: { entry: 'clusterIP', endpoints: [{ pod: 'shop/web-1' }] },
    });
  });

  it('says which input is wrong', () => {
    expect(runTrace(cluster(), [], inputs({ from: 'pod:shop/nope', to: '10.96.0.10', port: '80' }), null)).toEqual({
      ok: false,
      error: 'pod shop/nope is not in the cluster data',
    });
    expect(
      runTrace(cluster(), [], inputs({ from: '1.2.3.4', to: '10.96.0.10', port: '80', node: 'ghost' }), null),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^arrival node ghost: no such node/) });
    expect(runTrace(cluster(), [], inputs({ from: '1.2.3.4' }), null)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no address/),
    });
  });
});
