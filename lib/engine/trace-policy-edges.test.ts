// Traces whose NetworkPolicy answer depends on finding the right pod: a hostNetwork pod behind a node address,
// and pod sources on a snapshot without Node objects (the CLI/dashboard path: resolveTraceSource + traceInModel).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/k8s';
import { analyzeObjects, resolveTraceSource, traceInModel } from './facade';
import { baseObjects, labels, netpol, pod } from './netpol/testing';
import { svc, slice } from './testing/fixtures';

const exporter = pod('kube-system/node-exporter', '192.168.1.12', 'n2', {
  labels: { app: 'exporter' },
  hostNetwork: true,
  ports: [{ name: 'metrics', containerPort: 9100 }],
});
const exporterOnlyProm = netpol('kube-system/exporter-only-prom', {
  podSelector: labels({ app: 'exporter' }),
  ingress: [{ from: [{ namespaceSelector: {}, podSelector: labels({ app: 'prom' }) }] }],
});
const webFromClientOnly = netpol('shop/web-from-client', {
  podSelector: labels({ app: 'web' }),
  ingress: [{ from: [{ podSelector: labels({ app: 'client' }) }] }],
});

function traceFrom(objs: KubeObject[], fromPod: string, ip: string, port: number) {
  const run = analyzeObjects(objs);
  const resolved = resolveTraceSource(run.model, { kind: 'pod', pod: fromPod }, null);
  if ('error' in resolved) throw new Error(resolved.error);
  return traceInModel(run.model, run.dataplane, {
    source: resolved.source,
    atNode: resolved.atNode ?? undefined,
    destination: { ip, port, protocol: 'TCP' },
  });
}

describe('trace to a node address served by a hostNetwork pod', () => {
  it("consults the hostNetwork pod's own ingress policy: unknown (not allowed) when the CNI is not known", () => {
    // No CNI annotations on the nodes: the CNI is unknown.
    const plain = baseObjects().map((o) =>
      o.kind === 'Node' ? { ...o, metadata: { ...o.metadata, annotations: {} } } : o,
    );
    const r = traceFrom([...plain, exporter, exporterOnlyProm], 'monitoring/grafana', '192.168.1.12', 9100);
    expect(r.node).toBe('n2');
    expect(r.policy).toBe('unknown');
    expect(r.policyReason).toContain('kube-system/node-exporter uses hostNetwork');
    expect(r.hops.at(-1)?.label).toBe('hostNetwork pod kube-system/node-exporter on node n2');
    // A port no hostNetwork pod declares is the node's own stack: only the client's egress side applies.
    const other = traceFrom([...plain, exporter, exporterOnlyProm], 'monitoring/grafana', '192.168.1.12', 22);
    expect(other.policy).toBe('allowed');
    expect(other.policyReason).not.toContain('node-exporter');
  });

  it('only a hostNetwork pod that is not terminating serves a node port', () => {
    const plain = baseObjects().map((o) =>
      o.kind === 'Node' ? { ...o, metadata: { ...o.metadata, annotations: {} } } : o,
    );
    // A pod-network pod declaring the same port on that node listens on its own IP, not the node's.
    const decoy = pod('kube-system/decoy', '10.244.2.50', 'n2', { ports: [{ name: 'metrics', containerPort: 9100 }] });
    const viaDecoy = traceFrom([...plain, decoy, exporterOnlyProm], 'monitoring/grafana', '192.168.1.12', 9100);
    expect(viaDecoy.policy).toBe('allowed');
    expect(viaDecoy.policyReason).not.toContain('decoy');
    const leaving = { ...exporter, metadata: { ...exporter.metadata, deletionTimestamp: '2026-12-06T00:00:00Z' } };
    const viaLeaving = traceFrom([...plain, leaving, exporterOnlyProm], 'monitoring/grafana', '192.168.1.12', 9100);
    expect(viaLeaving.policy).toBe('allowed');
    expect(viaLeaving.policyReason).not.toContain('node-exporter');
  });

  it('on Calico (detected from the node annotations) the pod policy does not apply to host traffic: allowed', () => {
    const r = traceFrom([...baseObjects(), exporter, exporterOnlyProm], 'monitoring/grafana', '192.168.1.12', 9100);
    expect(r.policy).toBe('allowed');
    expect(r.policyReason).toContain('no NetworkPolicy applies to its ingress');
  });
});

describe('pod-sourced traces on a snapshot without Node objects', () => {
  const noNodes = (extra: KubeObject[]) => [...baseObjects().filter((o) => o.kind !== 'Node'), ...extra];

  it('pod → pod IP returns the policy verdict, not null', () => {
    const r = traceFrom(noNodes([webFromClientOnly]), 'monitoring/prom', '10.244.1.10', 8080);
    expect(r.verdict).toBe('forwarded');
    expect(r.policy).toBe('denied');
    expect(r.policyReason).toContain('shop/web-from-client');
    expect(traceFrom(noNodes([webFromClientOnly]), 'shop/client', '10.244.1.10', 8080).policy).toBe('allowed');
  });

  it('pod → ClusterIP of a one-endpoint Service is traced from the pod (its node missing) with a verdict', () => {
    const objs = noNodes([
      webFromClientOnly,
      svc({
        name: 'web',
        namespace: 'shop',
        type: 'ClusterIP',
        clusterIP: '10.96.0.80',
        ports: [{ port: 80, targetPort: 8080 }],
      }),
      slice({
        service: 'web',
        namespace: 'shop',
        ports: [{ port: 8080 }],
        endpoints: [{ ip: '10.244.1.10', node: 'n1', pod: 'web-1' }],
      }),
    ]);
    const r = traceFrom(objs, 'monitoring/prom', '10.96.0.80', 80);
    expect(r.verdict).toBe('forwarded');
    expect(r.entry).toBe('clusterIP');
    expect(r.endpoints.map((e) => [e.pod, e.policy])).toEqual([['shop/web-1', 'denied']]);
    expect(r.policy).toBe('denied');
    expect(r.reason).toContain('is not in the cluster data');
  });
});
