import { describe, expect, it } from 'vitest';
import { ciliumConfig, netpol, node, pod } from '../testing/fixtures';
import { webObjects } from '../testing/scenarios';
import { allowWeb, CALICO_IPIP, ciliumWeb } from './policy-fixtures';
import { snatAllowList } from './snat-allowlist';
import { MAX_TRACED_FLOWS } from './policy-share';
import { contextOf, runOn } from './testing';

const partners = allowWeb('web-allow-partners', ['203.0.113.0/26']);

describe('snat-allowlist (../shared/reference/netpol-semantics.md §3, §5 rule 1)', () => {
  it('Calico IPIP, Cluster LoadBalancer: cross-node SNAT to tunl0 hides the allow-listed client; error with the figures', () => {
    const f = runOn(snatAllowList, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [partners] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('snat-allowlist/default/web');
    expect(f[0].severity).toBe('error');
    // node-a's own address (same-node SNAT) and the tunl0 addresses of node-b and node-c (cross-node SNAT).
    expect(f[0].message).toMatch(
      /^Under externalTrafficPolicy Cluster the receiving node masquerades external clients \(the pods see addresses such as 192\.168\.0\.1, 10\.244\.1\.0 and 10\.244\.2\.0\)/,
    );
    expect(f[0].message).toContain(
      "a client such as 203.0.113.20 — inside 203.0.113.0/26 of web-allow-partners — is denied by 2 of 2 pods (about 66.7% of the traffic: the flows that enter through a node other than the pod's own",
    );
    // 3 nodes in the LB, pods on node-a and node-b: the flows node-a and node-b keep for their own pod (2 × 1/3 × 1/2)
    // are seen unmasqueraded by Calico's policy; the other 2/3 are denied — not 100%.
    expect(f[0].message).not.toContain('100%');
    expect(f[0].message).toContain('under Local 2 of 2 pods would allow it');
    expect(f[0].evidence).toContainEqual({ kind: 'NetworkPolicy', name: 'default/web-allow-partners' });
    expect(f[0].fixYaml).toContain('externalTrafficPolicy: Local');
  });

  it('the same allow-list under Local keeps the client address: no finding', () => {
    const objs = webObjects({
      service: { externalTrafficPolicy: 'Local' },
      nodeAnnotations: CALICO_IPIP,
      extra: [partners],
    });
    expect(runOn(snatAllowList, objs, 'default/web')).toEqual([]);
  });

  it('no client allow-list (0.0.0.0/0 is "everyone"), or one for another port: no finding', () => {
    const everyone = allowWeb('web-allow-all', [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }]);
    expect(
      runOn(snatAllowList, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [everyone] }), 'default/web'),
    ).toEqual([]);
    const otherPort = allowWeb('web-metrics', ['203.0.113.0/26'], 9090);
    expect(
      runOn(snatAllowList, webObjects({ nodeAnnotations: CALICO_IPIP, extra: [otherPort] }), 'default/web'),
    ).toEqual([]);
  });

  it('pods whose policy denies the client even unmasqueraded are not counted: the policy, not SNAT, denies them', () => {
    const objs = [
      ...webObjects({ nodeAnnotations: CALICO_IPIP }).filter((o) => o.kind !== 'Pod'),
      pod({
        name: 'web-a',
        ip: '10.244.0.5',
        node: 'node-a',
        labels: { app: 'web', tier: 'a' },
        ports: [{ name: 'http', containerPort: 8080 }],
      }),
      pod({
        name: 'web-b',
        ip: '10.244.1.5',
        node: 'node-b',
        labels: { app: 'web', tier: 'b' },
        ports: [{ name: 'http', containerPort: 8080 }],
      }),
      netpol({ name: 'default-deny', podSelector: {}, policyTypes: ['Ingress'] }),
      netpol({
        name: 'web-a-partners',
        podSelector: { matchLabels: { tier: 'a' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/26' } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      }),
    ];
    const f = runOn(snatAllowList, objs, 'default/web');
    expect(f).toHaveLength(1);
    // web-a receives 1/2 of the flows; the 1/6 that node-a keeps for it are seen with the client address.
    expect(f[0].message).toContain('is denied by 1 of 2 pods (about 33.3% of the traffic');
    expect(f[0].evidence).toContainEqual({ kind: 'Pod', name: 'default/web-a' });
    expect(f[0].evidence).not.toContainEqual({ kind: 'Pod', name: 'default/web-b' });
  });

  it('Cilium kube-proxy replacement in SNAT mode: remote backends see the node; with annotation mode the fix is the DSR annotation', () => {
    const f = runOn(
      snatAllowList,
      ciliumWeb({ extra: [partners], cilium: { 'bpf-lb-mode-annotation': 'true' } }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toMatch(
      /Cilium's kube-proxy replacement \(SNAT mode\) forwards external clients to backends on other nodes/,
    );
    expect(f[0].fixYaml).toContain('service.cilium.io/forwarding-mode: dsr');
  });

  it('Cilium behind kube-proxy: even the pod on the receiving node sees identity world, so all of the traffic is denied', () => {
    // kube-proxy masquerades every external flow under Cluster, and Cilium treats the node address of a possibly
    // SNATed packet as world (cilium/cilium#23603): a client /26 never matches, whichever node the LB picks.
    const objs = webObjects({
      extra: [partners, ciliumConfig({ 'kube-proxy-replacement': 'false', 'routing-mode': 'native' })],
    });
    const f = runOn(snatAllowList, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('is denied by 2 of 2 pods (100% of the traffic, whichever node it enters through)');
  });

  it('a Service on many nodes: traced node by node up to MAX_TRACED_FLOWS, then its whole share, said so', () => {
    // n more Calico nodes beside node-a..c, one web pod on each: n individual node rows and one aggregate row
    // (node-a..c, which host none) receive traffic, each sending to every one of the n pods.
    const spread = (n: number) => {
      const names = Array.from({ length: n }, (_, i) => `node-${String(i).padStart(3, '0')}`);
      const ip = (i: number, net: number) => `${net}.${100 + (i >> 8)}.${i & 255}`;
      const nodes = names.map((name, i) =>
        node({
          name,
          internalIP: `192.168.${1 + (i >> 8)}.${i & 255}`,
          podCIDR: `${ip(i, 10)}.0/24`,
          zone: 'zone-1',
          annotations: {
            'projectcalico.org/IPv4Address': `192.168.${1 + (i >> 8)}.${i & 255}/16`,
            'projectcalico.org/IPv4IPIPTunnelAddr': `${ip(i, 10)}.0`,
          },
        }),
      );
      const endpoints = names.map((name, i) => ({ ip: `${ip(i, 10)}.5`, node: name, pod: `web-${i}` }));
      return webObjects({ endpoints, extra: [partners, ...nodes], nodeAnnotations: CALICO_IPIP });
    };
    // 40 pods: the aggregate row of node-a..c names its nodes (the class's first samples are all endpoint
    // nodes) and the share is traced: the flows each pod's own node keeps (1/43 of them) are seen unmasqueraded.
    const ctx = contextOf(spread(40), 'default/web');
    const aggregate = ctx.svc.analysis.paths.Cluster.nodes.find((r) => r.node === null)!;
    expect(aggregate.count).toBe(3);
    expect(aggregate.sampleNodes).toEqual(['node-a', 'node-b', 'node-c']);
    const traced = snatAllowList(ctx);
    expect(traced).toHaveLength(1);
    expect(traced[0].message).toContain(
      "is denied by 40 of 40 pods (about 97.7% of the traffic: the flows that enter through a node other than the pod's own",
    );
    // 240 pods: 241 rows × 240 endpoints is more than MAX_TRACED_FLOWS.
    expect(241 * 240).toBeGreaterThan(MAX_TRACED_FLOWS);
    expect(221 * 220).toBeLessThan(MAX_TRACED_FLOWS);
    const [untraced] = runOn(snatAllowList, spread(240), 'default/web');
    expect(untraced.message).toContain(
      "is denied by 240 of 240 pods (100% of the traffic, not traced node by node for 241 receiving nodes × 240 endpoints: it includes the flows that enter through a pod's own node, where that pod may still see the client)",
    );
    expect(runOn(snatAllowList, spread(220), 'default/web')[0].message).toContain('(about 99.6% of the traffic'); // 1 − 1/223
  });

  it('Cilium DSR (per-Service annotation) preserves the client: no finding', () => {
    const objs = ciliumWeb({
      extra: [partners],
      cilium: { 'bpf-lb-mode-annotation': 'true' },
      service: { annotations: { 'service.cilium.io/forwarding-mode': 'dsr' } },
    });
    expect(runOn(snatAllowList, objs, 'default/web')).toEqual([]);
  });
});
