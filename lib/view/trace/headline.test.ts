import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeObjects, traceInModel } from '../../engine/facade';
import type { TraceEndpoint, TraceResult } from '../../engine/types';
import { dropCause, traceHeadline } from './headline';

const endpoint = (pod: string, policy: TraceEndpoint['policy'], policyReason = ''): TraceEndpoint => ({
  ip: '10.0.0.1',
  port: 80,
  pod,
  node: 'n1',
  share: 1,
  sourceIP: '10.0.0.9',
  clientIPPreserved: false,
  policy,
  policyReason,
});

const forwarded = (endpoints: TraceEndpoint[]): TraceResult => ({
  service: 'ns/svc',
  entry: 'clusterIP',
  node: 'n1',
  verdict: 'forwarded',
  masqueraded: false,
  snatSource: null,
  endpoints,
  policy: null,
  policyReason: null,
  reason: 'kube-proxy sends it',
  hops: [],
  rules: [],
});

const DENY = (pod: string) => `ingress: ${pod} is isolated for ingress by shop/default-deny and no rule admits x`;

describe('traceHeadline', () => {
  it.each([
    [
      'every pod denies',
      [endpoint('shop/a', 'denied', DENY('shop/a')), endpoint('shop/b', 'denied', DENY('shop/b'))],
      'blocked',
      'blocked by NetworkPolicy shop/default-deny at every pod (2)',
    ],
    [
      'the one pod denies',
      [endpoint('shop/a', 'denied', DENY('shop/a'))],
      'blocked',
      'blocked by NetworkPolicy shop/default-deny at shop/a',
    ],
    [
      'some pods deny',
      [endpoint('shop/a', 'allowed'), endpoint('shop/b', 'allowed'), endpoint('shop/c', 'denied', DENY('shop/c'))],
      'partial',
      'reaches 2 of 3 pods; blocked by NetworkPolicy shop/default-deny at 1',
    ],
    ['all allow', [endpoint('shop/a', 'allowed'), endpoint('shop/b', 'allowed')], 'reaches', 'reaches all 2 pods'],
    ['unknown', [endpoint('shop/a', 'unknown')], 'unknown', 'NetworkPolicy verdict unknown at 1 of 1 pods'],
  ] as const)('forwarded, %s', (_, eps, tone, text) => {
    expect(traceHeadline(forwarded([...eps]))).toEqual({ tone, text });
  });

  it('names the node and the cause of a drop', () => {
    const r = {
      ...forwarded([]),
      verdict: 'dropped' as const,
      node: 'prod-worker-02',
      reason:
        'the LoadBalancer IP 192.0.2.21:80 of a/b has externalTrafficPolicy Local and prod-worker-02 has no usable local endpoint (there are some elsewhere), so iptables drops the packet',
    };
    expect(traceHeadline(r)).toEqual({ tone: 'blocked', text: 'dropped at prod-worker-02 (no local endpoint)' });
  });

  it('says rejected for a Service without endpoints', () => {
    expect(
      dropCause('the ClusterIP 10.0.0.1:80 of a/b has no ready or serving endpoint anywhere, so iptables rejects'),
    ).toBe('no endpoint');
  });
});

describe('traceHeadline on the demo cluster (lib/demo/SCENARIOS.md #1)', () => {
  const objects = JSON.parse(readFileSync(new URL('../../demo/demo-cluster.json', import.meta.url), 'utf8'));
  const run = analyzeObjects(objects.items ?? objects);
  const trace = (policy: 'Cluster' | 'Local') =>
    traceInModel(run.model, run.dataplane, {
      source: { kind: 'external', ip: '198.51.100.20' },
      destination: { ip: '192.0.2.22', port: 443, protocol: 'TCP' },
      atNode: 'prod-worker-02',
      policy,
    });

  it('198.51.100.20 → partner-gateway at prod-worker-02 under Cluster is blocked, not "forwarded"', () => {
    const r = trace('Cluster');
    expect(r.verdict).toBe('forwarded');
    const h = traceHeadline(r);
    expect(h.tone).toBe('blocked');
    expect(h.text).toMatch(/^blocked by NetworkPolic(y|ies) partner-api\/\S+.* at every pod \(3\)$/);
  });

  it('under Local it is dropped at prod-worker-02 when the node has no partner-gateway pod, else reaches it', () => {
    const r = trace('Local');
    const h = traceHeadline(r);
    if (r.verdict === 'dropped') expect(h.text).toBe('dropped at prod-worker-02 (no local endpoint)');
    else expect(h.tone).toBe('reaches');
  });
});
