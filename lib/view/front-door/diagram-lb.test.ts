// The external-path diagram's load-balancer box names the recognised load balancer.
import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../../engine/facade';
import type { KubeObject } from '../../model/k8s';
import kong from '../../demo/stories/kong-aws.json';
import { buildDiagramView } from '../service-view';

const run = analyzeObjects((kong as { items: unknown[] }).items as KubeObject[]);
const lbBox = (service: string, policy: 'Cluster' | 'Local') => {
  const a = run.analysis.services.find((s) => s.service === service)!;
  return buildDiagramView(a, policy, { group: 12 }).nodes.find((n) => n.kind === 'loadBalancer')!;
};

describe('diagram load-balancer box by kind', () => {
  it('a Classic ELB says it replaces the client address, with its own health check under the actual policy', () => {
    const box = lbBox('kong/kong-elb', 'Local');
    expect(box.hop.note).toContain('AWS Classic ELB');
    expect(box.hop.note).toContain('replaces the client address with its own');
    expect(box.ariaLabel).toContain('AWS Classic ELB');
  });

  it('the what-if policy keeps the generic probe sentence', () => {
    expect(lbBox('kong/kong-elb', 'Cluster').hop.note).toContain('probes kube-proxy :10256/healthz');
  });

  it('an NLB (instance targets) under Cluster probes the traffic port and keeps the client', () => {
    const note = lbBox('kong/kong-nlb', 'Cluster').hop.note;
    expect(note).toContain('probes the traffic port (not healthCheckNodePort)');
    expect(note).toContain('keeps the client address');
  });
});
