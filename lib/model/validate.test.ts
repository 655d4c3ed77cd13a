import { describe, expect, it } from 'vitest';
import { buildClusterModel } from './build';
import { compileCheck, compileClosures } from './compiled-check';
import type { KubeObject, Service } from './k8s';
import { KIND_SCHEMAS } from './schemas';
import { validateByKind } from './validate';

const node = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  kind: 'Node',
  metadata: { name, labels: { 'topology.kubernetes.io/zone': 'z1' } },
  status: { addresses: [{ type: 'InternalIP', address: '192.168.0.1' }] },
  ...extra,
});
const svc = (name: string, ports: unknown[], meta: Record<string, unknown> = {}): KubeObject => ({
  kind: 'Service',
  metadata: { namespace: 'shop', name, ...meta },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ports } as KubeObject['spec'],
});
/** What validateByKind keeps, kind after kind (each test below holds one kind, or kinds in that order). */
const validated = (objects: unknown[]) => {
  const v = validateByKind(objects);
  return { objects: [...v.byKind.values()].flat(), warnings: v.warnings };
};

describe('validateByKind', () => {
  it('groups what it keeps by kind, in order, with a warning per dropped field or left-out object', () => {
    const objects = [
      node('n1'),
      svc('a', [{ port: 80 }]),
      node('bad', { metadata: { name: 'bad', labels: 'zone=a' } }), // left out
      svc('b', [{ port: -1 }, { port: 81 }]), // kept without its bad port (a copy)
      { kind: 'Deployment', spec: 'anything' },
      node('n2'),
      { metadata: { name: 'no-kind' } },
      null,
      [node('in-an-array')],
      svc('c', [{ port: 82 }]),
    ];
    const grouped = validateByKind(objects);
    expect(grouped.warnings).toEqual([
      {
        kind: 'Node',
        object: 'bad',
        message:
          'field metadata.labels: expected a map of strings (keys ≤ 317 characters, values ≤ 63); object left out of the analysis',
      },
      { kind: 'Service', object: 'shop/b', message: 'field spec.ports[0].port: less than 1; spec.ports[0] ignored' },
    ]);
    expect(grouped.warnings.map((w) => w.object)).toEqual(['bad', 'shop/b']);
    expect(grouped.leftOut).toBe(1);
    expect([...grouped.byKind.keys()]).toEqual(['Node', 'Service', 'Deployment']);
    expect(grouped.byKind.get('Node')).toEqual([objects[0], objects[5]]);
    expect(grouped.byKind.get('Service')!.map((o) => o.metadata?.name)).toEqual(['a', 'b', 'c']);
    expect((grouped.byKind.get('Service')![1] as Service).spec?.ports).toEqual([{ port: 81 }]);
    expect(grouped.byKind.get('Deployment')).toEqual([objects[4]]);
  });
});

describe('validateByKind: what is kept', () => {
  it('passes valid objects through untouched (same object) and ignores other kinds', () => {
    const n = node('n1');
    const other = { kind: 'Deployment', spec: 'anything' };
    const v = validated([n, other]);
    expect(v.objects[0]).toBe(n);
    expect(v.objects[1]).toBe(other);
    expect(v.warnings).toEqual([]);
  });

  it('leaves out a Node whose metadata.labels is a string, naming kind, object and field', () => {
    const v = validated([node('bad', { metadata: { name: 'bad', labels: 'zone=a' } }), node('good')]);
    expect(v.objects.map((o) => o.metadata?.name)).toEqual(['good']);
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0].kind).toBe('Node');
    expect(v.warnings[0].object).toBe('bad');
    expect(v.warnings[0].message).toMatch(/field metadata\.labels: .*object left out/);
  });

  it('drops a Service port -1, 70000 or with an unknown protocol and keeps the rest of the Service', () => {
    const v = validated([
      svc('web', [{ port: -1 }, { port: 80 }, { port: 70000 }, { port: 443, protocol: 'QUIC' }, { port: 8080 }]),
    ]);
    const ports = (v.objects[0].spec as { ports: { port: number }[] }).ports.map((p) => p.port);
    expect(ports).toEqual([80, 8080]);
    const messages = v.warnings.map((w) => w.message);
    expect(messages).toEqual([
      'field spec.ports[0].port: less than 1; spec.ports[0] ignored',
      'field spec.ports[2].port: greater than 65535; spec.ports[2] ignored',
      'field spec.ports[3].protocol: not one of TCP, UDP, SCTP; spec.ports[3] ignored',
    ]);
    expect(v.warnings.every((w) => w.kind === 'Service' && w.object === 'shop/web')).toBe(true);
  });

  it('drops only a bad annotation and keeps the object', () => {
    const n = node('n1', {
      metadata: { name: 'n1', annotations: { 'projectcalico.org/IPv4IPIPTunnelAddr': 5, ok: 'yes' } },
    });
    const v = validated([n]);
    expect(v.objects).toHaveLength(1);
    expect(v.objects[0].metadata?.annotations).toEqual({ ok: 'yes' });
    expect(n.metadata?.annotations).toHaveProperty('projectcalico.org/IPv4IPIPTunnelAddr', 5); // input not mutated
    expect(v.warnings[0].message).toMatch(
      /^field metadata\.annotations: expected a map of strings.*; its invalid entries ignored$/,
    );
  });

  it('enforces Kubernetes name and label lengths, and never copies a huge name into the warning', () => {
    const huge = 'a'.repeat(1_000_000);
    const v = validated([
      svc(huge, [{ port: 80 }]),
      svc('labelled', [{ port: 80 }], { labels: { app: 'x'.repeat(64) } }),
    ]);
    expect(v.objects).toEqual([]);
    expect(v.warnings[0].object).toBe(`shop/${'a'.repeat(40)}…(1000000 characters)`);
    expect(v.warnings[0].message).toContain('field metadata.name: longer than 253 characters');
    expect(JSON.stringify(v.warnings).length).toBeLessThan(1000);
    expect(v.warnings[1].message).toMatch(/field metadata\.labels: expected a map of strings/);
  });

  it('keeps an EndpointSlice when one endpoint is malformed, dropping that endpoint', () => {
    const slice: KubeObject = {
      kind: 'EndpointSlice',
      metadata: { namespace: 'shop', name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: 'yes' } }, { addresses: ['10.0.0.2'] }],
      ports: [{ port: 8080 }],
    };
    const v = validated([slice]);
    expect((v.objects[0] as { endpoints: unknown[] }).endpoints).toEqual([{ addresses: ['10.0.0.2'] }]);
    expect(v.warnings[0].message).toBe('field endpoints[0].conditions.ready: expected boolean; endpoints[0] ignored');
  });
});

describe('buildClusterModel with malformed objects (the crash sites the fuzzer found)', () => {
  const crashers: [string, KubeObject][] = [
    ['Node metadata.labels string', node('n', { metadata: { name: 'n', labels: 'x' } })],
    ['Node status.conditions string', node('n', { status: { conditions: 'Ready' } })],
    [
      'Node annotation number',
      node('n', { metadata: { name: 'n', annotations: { 'network.cilium.io/ipv4-cilium-host': 5 } } }),
    ],
    ['Pod status.podIPs string', { kind: 'Pod', metadata: { namespace: 'a', name: 'p' }, status: { podIPs: 'x' } }],
    [
      'Pod status.conditions string',
      { kind: 'Pod', metadata: { namespace: 'a', name: 'p' }, status: { conditions: 'x' } },
    ],
    ['Service ingress string', { ...svc('s', [{ port: 80 }]), status: { loadBalancer: { ingress: 'x' } } }],
    [
      'Service annotation number',
      svc('s', [{ port: 80 }], { annotations: { 'service.cilium.io/forwarding-mode': 5 } }),
    ],
    [
      'NetworkPolicy policyTypes string',
      { kind: 'NetworkPolicy', metadata: { namespace: 'a', name: 'np' }, spec: { policyTypes: 'Ingress' } },
    ],
    ['metadata a string', { kind: 'Pod', metadata: 'p' } as unknown as KubeObject],
  ];
  it.each(crashers)('%s: a warning, no exception', (_, bad) => {
    const m = buildClusterModel([bad, node('ok')]);
    expect(m.nodes.has('ok')).toBe(true);
    expect(m.warnings.length).toBeGreaterThan(0);
    expect(m.warnings[0].kind).toBe(bad.kind);
  });
});

describe('compileCheck', () => {
  it('answers exactly as zod for valid and invalid objects of every kind (generated code and closures)', () => {
    const samples: unknown[] = [
      node('n'),
      node('n', { metadata: { name: 'n', labels: 'x' } }),
      svc('s', [{ port: 80, targetPort: 'http' }]),
      svc('s', [{ port: 80.5 }]),
      svc('s', [{ port: 80, nodePort: null, protocol: 'UDP' }]),
      { kind: 'Pod', metadata: null, spec: { hostNetwork: 'true' } },
      { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 1 } },
      { kind: 'Namespace', metadata: { name: 'x'.repeat(254) } },
      null,
      'Service',
    ];
    for (const [kind, schema] of Object.entries(KIND_SCHEMAS)) {
      for (const check of [compileCheck(schema), compileClosures(schema)]) {
        for (const s of samples) {
          const o = s && typeof s === 'object' ? { ...s, kind } : s;
          expect(check(o), `${kind} ${JSON.stringify(o)?.slice(0, 80)}`).toBe(schema.safeParse(o).success);
        }
      }
    }
  });
});
