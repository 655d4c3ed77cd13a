import { describe, expect, it } from 'vitest';
import { analyzeObjects } from './facade';
import { mainPortIndex } from './main-port';
import { modelOf } from './testing/cluster';
import { node, svc } from './testing/fixtures';

// Istio's ingress gateway Service as its Helm chart renders it: status-port 15021 comes first.
const istioGateway = svc({
  name: 'istio-ingressgateway',
  namespace: 'istio-system',
  type: 'LoadBalancer',
  clusterIP: '10.96.40.10',
  lbIngress: [{ ip: '192.0.2.50' }],
  ports: [
    { name: 'status-port', port: 15021, targetPort: 15021, nodePort: 31021 },
    { name: 'http2', port: 80, targetPort: 8080, nodePort: 31080 },
    { name: 'https', port: 443, targetPort: 8443, nodePort: 31443 },
  ],
});

const portsOf = (o: ReturnType<typeof svc>) => [...modelOf(o).services.values()][0].ports;

describe('mainPortIndex: the port that stands for a Service', () => {
  it("skips Istio's status port and picks the first traffic port", () => {
    expect(mainPortIndex(portsOf(istioGateway))).toBe(1);
  });

  it('skips ports named or numbered as metrics / health / admin ports', () => {
    const s = svc({
      name: 'app',
      ports: [
        { name: 'metrics', port: 9090 },
        { name: 'healthz', port: 8086 },
        { name: 'api', port: 8443 },
      ],
    });
    expect(mainPortIndex(portsOf(s))).toBe(2);
    const nginx = svc({
      name: 'ingress-nginx',
      ports: [{ port: 10254 }, { name: 'grpc-api', port: 9000 }],
    });
    expect(mainPortIndex(portsOf(nginx))).toBe(1);
  });

  it('judges a name by its first token: http-metrics is an HTTP port (Loki, kube-state-metrics)', () => {
    const loki = svc({
      name: 'loki',
      ports: [
        { name: 'http-metrics', port: 3100 },
        { name: 'grpc', port: 9095 },
      ],
    });
    expect(mainPortIndex(portsOf(loki))).toBe(0);
    const ksm = svc({
      name: 'kube-state-metrics',
      ports: [
        { name: 'telemetry', port: 8081 },
        { name: 'http-metrics', port: 8080 },
      ],
    });
    expect(mainPortIndex(portsOf(ksm))).toBe(1);
  });

  it('keeps spec order among equals and for a single port', () => {
    expect(mainPortIndex(portsOf(svc({ name: 'dns', ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }] })))).toBe(0);
    expect(mainPortIndex(portsOf(svc({ name: 'one', ports: [{ name: 'status-port', port: 15021 }] })))).toBe(0);
  });
});

describe('the Service summary and paths use the main port', () => {
  it('entries list the traffic port first and the paths note names it', () => {
    const run = analyzeObjects([
      node({ name: 'n1', internalIP: '192.168.0.1', podCIDR: '10.244.0.0/24' }),
      istioGateway,
    ]);
    const a = run.analysis.services[0];
    expect(a.entries[0]).toMatchObject({ kind: 'clusterIP', port: 80 });
    expect(a.entries.find((e) => e.kind === 'loadBalancerIP')).toMatchObject({ address: '192.0.2.50', port: 80 });
    expect(a.paths.Cluster.notes.join(' ')).toContain(
      'paths shown for port http2 (TCP/80), chosen as the traffic port of 3',
    );
  });
});
