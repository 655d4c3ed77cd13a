import { describe, expect, it } from 'vitest';
import { tracePacket } from './trace';
import type { PolicyHook, PolicyQuestion } from './policy-hook';
import { unknownPolicyHook } from './policy-hook';
import { RULES } from './rules';
import { clusterOf } from './testing/cluster';
import { ciliumConfig, kubeProxyConfig, node, pod, slice, svc } from './testing/fixtures';
import { WEB, webCluster, type WebOptions } from './testing/scenarios';
import type { TraceRequest, TraceSource } from './types';
import type { Protocol } from '../model/cluster';

type C = ReturnType<typeof webCluster>;
const POD: TraceSource = { kind: 'pod', pod: 'default/client' };
const EXT: TraceSource = { kind: 'external', ip: WEB.externalClient };
const NODE_C: TraceSource = { kind: 'node', node: 'node-c' };
const LOCALHOST_C: TraceSource = { kind: 'localhost', node: 'node-c' };

function trace(
  c: C,
  source: TraceSource,
  ip: string,
  port: number,
  extra: Partial<TraceRequest> = {},
  hook: PolicyHook = unknownPolicyHook,
  protocol: Protocol = 'TCP',
) {
  return tracePacket(c.model, c.dataplane, { source, destination: { ip, port, protocol }, ...extra }, hook);
}
const seen = (r: ReturnType<typeof trace>) => Object.fromEntries(r.endpoints.map((e) => [e.ip, e.sourceIP]));
const eps = (r: ReturnType<typeof trace>) => r.endpoints.map((e) => e.ip).sort();
const BOTH = ['10.244.0.5', '10.244.1.5'];
const local = (eTP: 'Cluster' | 'Local', o: WebOptions = {}) =>
  webCluster({
    ...o,
    service: {
      externalTrafficPolicy: eTP,
      externalIPs: [WEB.externalIP],
      ...(eTP === 'Local' ? { healthCheckNodePort: 32000 } : {}),
      ...(o.service ?? {}),
    },
  });

describe('masquerade table (../shared/reference/kube-proxy-semantics.md §1.2), iptables', () => {
  describe.each(['Cluster', 'Local'] as const)('eTP=%s', (eTP) => {
    it('pod → ClusterIP: not masqueraded, every endpoint, even split', () => {
      const r = trace(local(eTP), POD, WEB.clusterIP, 80);
      expect(r).toMatchObject({
        verdict: 'forwarded',
        entry: 'clusterIP',
        service: 'default/web',
        node: 'node-c',
        masqueraded: false,
        snatSource: null,
      });
      expect(eps(r)).toEqual(BOTH);
      expect(r.endpoints.map((e) => e.share)).toEqual([0.5, 0.5]);
      expect(seen(r)).toEqual({ '10.244.0.5': WEB.clientPod.ip, '10.244.1.5': WEB.clientPod.ip });
      expect(r.endpoints.every((e) => e.clientIPPreserved && e.port === WEB.targetPort)).toBe(true);
      expect(r.rules).toContain(RULES.masqPodToClusterIP);
    });

    it('pod → ClusterIP selecting itself (hairpin): only the self endpoint is masqueraded', () => {
      const r = trace(local(eTP), { kind: 'pod', pod: 'default/web-a' }, WEB.clusterIP, 80);
      expect(r.masqueraded).toBe(null); // depends on the endpoint picked
      expect(seen(r)).toEqual({ '10.244.0.5': '192.168.0.1', '10.244.1.5': '10.244.0.5' });
      expect(r.hops.map((h) => h.kind)).toContain('snat');
      expect(r.rules).toContain(RULES.masqHairpin);
    });

    it('localhost → ClusterIP is traced as a host process (a routable source is used)', () => {
      const r = trace(local(eTP), LOCALHOST_C, WEB.clusterIP, 80);
      expect(r).toMatchObject({ verdict: 'forwarded', masqueraded: true });
      expect(r.reason).toMatch(/traced as a host process/);
    });

    it('node → ClusterIP: masqueraded', () => {
      const r = trace(local(eTP), NODE_C, WEB.clusterIP, 80);
      expect(r).toMatchObject({ verdict: 'forwarded', masqueraded: true, snatSource: '192.168.0.3' });
      expect(eps(r)).toEqual(BOTH);
      expect(r.rules).toContain(RULES.masqNodeToClusterIP);
    });

    it('external → ClusterIP (routed to a node): masqueraded', () => {
      const r = trace(local(eTP), EXT, WEB.clusterIP, 80, { atNode: 'node-c' });
      expect(r).toMatchObject({ verdict: 'forwarded', masqueraded: true, node: 'node-c' });
      expect(r.rules).toContain(RULES.masqExternalToClusterIP);
    });

    it.each([
      ['LB IP', WEB.lbIP, 80],
      ['externalIP', WEB.externalIP, 80],
      ['NodePort', WEB.nodes['node-c'], WEB.nodePort],
    ])('pod → %s', (_n, ip, port) => {
      const r = trace(local(eTP), POD, ip as string, port as number);
      expect(r.verdict).toBe('forwarded');
      expect(eps(r)).toEqual(BOTH); // short-circuit: all endpoints even under Local
      expect(r.masqueraded).toBe(eTP === 'Cluster');
      expect(r.rules).toContain(eTP === 'Cluster' ? RULES.masqClusterPolicyExternal : RULES.masqLocalPolicyPod);
    });

    it.each([
      ['LB IP', WEB.lbIP, 80],
      ['externalIP', WEB.externalIP, 80],
      ['NodePort', WEB.nodes['node-c'], WEB.nodePort],
    ])('node → %s: masqueraded, every endpoint', (_n, ip, port) => {
      const r = trace(local(eTP), NODE_C, ip as string, port as number);
      expect(r).toMatchObject({ verdict: 'forwarded', masqueraded: true });
      expect(eps(r)).toEqual(BOTH);
    });

    it('localhost → NodePort (iptables, IPv4): masqueraded, every endpoint', () => {
      const r = trace(local(eTP), LOCALHOST_C, '127.0.0.1', WEB.nodePort);
      expect(r).toMatchObject({ verdict: 'forwarded', entry: 'nodePort', masqueraded: true, node: 'node-c' });
      expect(eps(r)).toEqual(BOTH);
      expect(r.rules).toContain(RULES.masqLocalhostNodePort);
    });

    it.each([
      ['LB IP', WEB.lbIP, 80],
      ['externalIP', WEB.externalIP, 80],
      ['NodePort', WEB.nodes['node-a'], WEB.nodePort],
    ])('external → %s at node-a', (_n, ip, port) => {
      const r = trace(local(eTP), EXT, ip as string, port as number, { atNode: 'node-a' });
      expect(r.verdict).toBe('forwarded');
      expect(r.node).toBe('node-a');
      if (eTP === 'Cluster') {
        expect(r.masqueraded).toBe(true);
        expect(eps(r)).toEqual(BOTH);
        expect(r.endpoints.every((e) => !e.clientIPPreserved)).toBe(true);
      } else {
        expect(r.masqueraded).toBe(false);
        expect(eps(r)).toEqual(['10.244.0.5']); // local endpoint only
        expect(r.endpoints[0]).toMatchObject({ sourceIP: WEB.externalClient, clientIPPreserved: true, share: 1 });
        expect(r.rules).toContain(RULES.masqLocalPolicyExternal);
      }
    });
  });

  it('NodePort: the node owning the address handles it, whatever atNode says', () => {
    const r = trace(local('Local'), EXT, WEB.nodes['node-b'], WEB.nodePort, { atNode: 'node-a' });
    expect(r.node).toBe('node-b');
    expect(eps(r)).toEqual(['10.244.1.5']);
    expect(r.reason).toMatch(/atNode node-a ignored/i);
  });

  it('the what-if policy override changes the answer', () => {
    const r = trace(local('Cluster'), EXT, WEB.lbIP, 80, { atNode: 'node-a', policy: 'Local' });
    expect(eps(r)).toEqual(['10.244.0.5']);
    expect(r.masqueraded).toBe(false);
  });
});

describe('nftables gives the same flow answers as iptables (the flow tests assert the same results)', () => {
  const nft = (eTP: 'Cluster' | 'Local') =>
    local(eTP, { kubeProxy: { mode: 'nftables', clusterCIDR: '10.244.0.0/16' } });
  it.each(['Cluster', 'Local'] as const)('eTP=%s', (eTP) => {
    const c = nft(eTP);
    expect(c.dataplane.proxyMode).toBe('nftables');
    expect(trace(c, POD, WEB.clusterIP, 80).masqueraded).toBe(false);
    expect(trace(c, NODE_C, WEB.clusterIP, 80).masqueraded).toBe(true);
    const pod = trace(c, POD, WEB.lbIP, 80);
    expect(eps(pod)).toEqual(BOTH);
    expect(pod.masqueraded).toBe(eTP === 'Cluster');
    const ext = trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(eps(ext)).toEqual(eTP === 'Cluster' ? BOTH : ['10.244.0.5']);
    expect(trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-c' }).verdict).toBe(eTP === 'Cluster' ? 'forwarded' : 'dropped');
  });
});

describe('masquerade configuration variants (§1.3)', () => {
  it('masqueradeAll: pod → ClusterIP is masqueraded too', () => {
    const c = local('Cluster', { kubeProxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16', masqueradeAll: true } });
    const r = trace(c, POD, WEB.clusterIP, 80);
    expect(r.masqueraded).toBe(true);
    expect(r.rules).toContain(RULES.masqueradeAll);
    // Nothing else changes: eTP=Local external traffic stays unmasqueraded.
    const l = trace(
      local('Local', { kubeProxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16', masqueradeAll: true } }),
      EXT,
      WEB.lbIP,
      80,
      { atNode: 'node-a' },
    );
    expect(l.masqueraded).toBe(false);
  });

  describe('no LocalTrafficDetector (kube-proxy ConfigMap without clusterCIDR)', () => {
    const noDetector = (eTP: 'Cluster' | 'Local') => local(eTP, { kubeProxy: { mode: 'iptables' } });
    it('node → ClusterIP and external → ClusterIP are not masqueraded', () => {
      const c = noDetector('Cluster');
      expect(c.dataplane.detectLocalMode).toBe('None');
      expect(trace(c, NODE_C, WEB.clusterIP, 80).masqueraded).toBe(false);
      expect(trace(c, EXT, WEB.clusterIP, 80, { atNode: 'node-c' }).masqueraded).toBe(false);
      expect(trace(c, POD, WEB.clusterIP, 80).masqueraded).toBe(false);
    });
    it('pod → LB IP of an eTP=Local Service reaches only the local endpoint (no short-circuit)', () => {
      const c = noDetector('Local');
      const fromC = trace(c, POD, WEB.lbIP, 80);
      expect(fromC.verdict).toBe('dropped'); // node-c has no local endpoint
      const fromA = trace(c, { kind: 'pod', pod: 'default/web-a' }, WEB.lbIP, 80);
      expect(eps(fromA)).toEqual(['10.244.0.5']);
      // Not marked by the Service rule, but the only endpoint is the client itself: the hairpin rule masquerades.
      expect(fromA.masqueraded).toBe(true);
      expect(fromA.endpoints[0].sourceIP).toBe('192.168.0.1');
    });
    it('host sources are still recognised (--src-type LOCAL): node → eTP=Local LB reaches every endpoint, masqueraded', () => {
      const r = trace(noDetector('Local'), NODE_C, WEB.lbIP, 80);
      expect(eps(r)).toEqual(BOTH);
      expect(r.masqueraded).toBe(true);
    });
  });

  it("NodeCIDR detector: a pod of another node hitting this node's NodePort counts as external", () => {
    const c = local('Local', { kubeProxy: { mode: 'iptables', detectLocalMode: 'NodeCIDR' } });
    const r = trace(c, POD, WEB.nodes['node-a'], WEB.nodePort);
    expect(r.node).toBe('node-a');
    expect(eps(r)).toEqual(['10.244.0.5']);
    const cc = local('Local', { kubeProxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16' } });
    expect(eps(trace(cc, POD, WEB.nodes['node-a'], WEB.nodePort))).toEqual(BOTH); // ClusterCIDR: still a pod
  });

  it('iTP=Local never changes masquerading: node → ClusterIP is masqueraded, local endpoint only', () => {
    const c = local('Cluster', { service: { internalTrafficPolicy: 'Local' } });
    const r = trace(c, { kind: 'node', node: 'node-a' }, WEB.clusterIP, 80);
    expect(r.masqueraded).toBe(true);
    expect(eps(r)).toEqual(['10.244.0.5']);
    expect(r.rules).toContain(RULES.itpDoesNotMasquerade);
  });
});

describe('drop versus reject (§2)', () => {
  const empty = (eTP: 'Cluster' | 'Local') => local(eTP, { endpoints: [] });
  it.each([
    ['ClusterIP', WEB.clusterIP, 80],
    ['LB IP', WEB.lbIP, 80],
    ['externalIP', WEB.externalIP, 80],
    ['NodePort', WEB.nodes['node-a'], WEB.nodePort],
  ])('no endpoints at all → REJECT for %s, any client, any policy', (_n, ip, port) => {
    for (const eTP of ['Cluster', 'Local'] as const) {
      for (const src of [POD, EXT, NODE_C]) {
        const r = trace(empty(eTP), src, ip as string, port as number, src === EXT ? { atNode: 'node-a' } : {});
        expect(r.verdict).toBe('rejected');
        expect(r.endpoints).toEqual([]);
        expect(r.hops.at(-1)?.kind).toBe('reject');
        expect(r.rules).toContain(RULES.rejectNoEndpoints);
      }
    }
  });

  it('only not-ready, not-serving endpoints count as none → REJECT', () => {
    const c = local('Cluster', { endpoints: [{ ip: '10.244.0.5', node: 'node-a', ready: false, serving: false }] });
    expect(trace(c, POD, WEB.clusterIP, 80).verdict).toBe('rejected');
  });

  it('eTP=Local, external traffic, no local endpoint but some elsewhere → DROP', () => {
    const r = trace(local('Local'), EXT, WEB.lbIP, 80, { atNode: 'node-c' });
    expect(r.verdict).toBe('dropped');
    expect(r.hops.at(-1)?.kind).toBe('drop');
    expect(r.rules).toContain(RULES.dropLocalNoLocalEndpoints);
  });

  it('iTP=Local, no local endpoint but some elsewhere → DROP; none anywhere → REJECT', () => {
    const c = local('Cluster', { service: { internalTrafficPolicy: 'Local' } });
    const r = trace(c, POD, WEB.clusterIP, 80);
    expect(r.verdict).toBe('dropped');
    expect(r.rules).toContain(RULES.dropItpNoLocalEndpoints);
    expect(
      trace(local('Cluster', { service: { internalTrafficPolicy: 'Local' }, endpoints: [] }), POD, WEB.clusterIP, 80)
        .verdict,
    ).toBe('rejected');
  });

  it('iTP=Local does not apply to LB IP / NodePort traffic from pods', () => {
    const c = local('Cluster', { service: { internalTrafficPolicy: 'Local' } });
    const r = trace(c, POD, WEB.lbIP, 80);
    expect(r.verdict).toBe('forwarded');
    expect(eps(r)).toEqual(BOTH);
    expect(r.masqueraded).toBe(true);
    expect(r.rules).toContain(RULES.itpOnlyClusterIP);
  });

  it('iTP=Local and eTP=Local together are each honoured', () => {
    const c = local('Local', { service: { internalTrafficPolicy: 'Local' } });
    expect(trace(c, POD, WEB.clusterIP, 80).verdict).toBe('dropped');
    expect(eps(trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-b' }))).toEqual(['10.244.1.5']);
  });

  it('nftables rejects a ClusterIP packet on an unserved port; iptables matches no rule', () => {
    const nft = trace(
      local('Cluster', { kubeProxy: { mode: 'nftables', clusterCIDR: '10.244.0.0/16' } }),
      POD,
      WEB.clusterIP,
      81,
    );
    expect(nft).toMatchObject({ verdict: 'rejected', service: 'default/web', entry: 'clusterIP' });
    expect(nft.rules).toContain(RULES.nftRejectWrongPort);
    const ipt = trace(local('Cluster'), POD, WEB.clusterIP, 81);
    expect(ipt.verdict).toBe('notHandled');
    expect(ipt.rules).toContain(RULES.iptablesWrongPortNoMatch);
    // Wrong protocol counts as a wrong port.
    expect(
      trace(
        local('Cluster', { kubeProxy: { mode: 'nftables', clusterCIDR: '10.244.0.0/16' } }),
        POD,
        WEB.clusterIP,
        80,
        {},
        unknownPolicyHook,
        'UDP',
      ).verdict,
    ).toBe('rejected');
  });

  it('nftables: an unknown address says the service CIDR is unknown rather than guessing DROP', () => {
    const r = trace(
      local('Cluster', { kubeProxy: { mode: 'nftables', clusterCIDR: '10.244.0.0/16' } }),
      POD,
      '10.96.0.99',
      80,
    );
    expect(r.verdict).toBe('notHandled');
    expect(r.reason).toMatch(/service CIDR is not in the cluster data/);
  });
});

describe('terminating endpoints (§4)', () => {
  it('Local: a node whose only local endpoints are terminating still forwards to them, not to the ready remote one', () => {
    const c = local('Local', {
      endpoints: [
        { ip: '10.244.0.5', node: 'node-a', pod: 'web-a', ready: false, serving: true, terminating: true },
        { ip: '10.244.1.5', node: 'node-b', pod: 'web-b' },
      ],
    });
    const r = trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(r.verdict).toBe('forwarded');
    expect(eps(r)).toEqual(['10.244.0.5']);
    expect(r.rules).toContain(RULES.terminatingLocal);
    // Pods still get the cluster set: ready only.
    expect(eps(trace(c, POD, WEB.lbIP, 80))).toEqual(['10.244.1.5']);
  });
  it('Cluster: serving+terminating endpoints are used only when nothing is ready anywhere', () => {
    const c = local('Cluster', {
      endpoints: [
        { ip: '10.244.0.5', node: 'node-a', pod: 'web-a', ready: false, serving: true, terminating: true },
        { ip: '10.244.1.5', node: 'node-b', pod: 'web-b', ready: false, serving: false, terminating: true },
      ],
    });
    const r = trace(c, POD, WEB.clusterIP, 80);
    expect(eps(r)).toEqual(['10.244.0.5']);
    expect(r.rules).toContain(RULES.terminatingCluster);
    expect(r.reason).toMatch(/terminating/);
  });
});

describe('the forwarding sentence (written when read: forwarding.ts Decision.reason)', () => {
  it('names the proxy, the node, the entry, the endpoints and the masquerade', () => {
    const c = local('Cluster', {
      endpoints: [
        { ip: '10.244.0.5', node: 'node-a', pod: 'web-a' },
        { ip: '10.244.1.5', node: 'node-b', pod: 'web-b' },
      ],
    });
    const r = trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(r.verdict).toBe('forwarded');
    expect(r.reason).toMatch(
      new RegExp(
        `^kube-proxy on node-a sends the LoadBalancer IP ${WEB.lbIP.replaceAll('.', '\\.')}:80 of \\S+ to 2 endpoints, evenly, masqueraded`,
      ),
    );
    const local1 = local('Local', { endpoints: [{ ip: '10.244.0.5', node: 'node-a', pod: 'web-a' }] });
    expect(trace(local1, EXT, WEB.lbIP, 80, { atNode: 'node-a' }).reason).toMatch(
      /^kube-proxy on node-a sends .* to its 1 endpoint, not masqueraded/,
    );
  });
});

describe('ipMode (§5)', () => {
  const proxyMode = (eTP: 'Cluster' | 'Local') =>
    local(eTP, { service: { lbIngress: [{ ip: WEB.lbIP, ipMode: 'Proxy' }] } });
  it('ipMode Proxy: in-cluster traffic to the LB IP is not captured; it goes to the real load balancer', () => {
    const r = trace(proxyMode('Local'), POD, WEB.lbIP, 80);
    expect(r.verdict).toBe('notHandled');
    expect(r.hops.map((h) => h.kind)).toEqual(['client', 'loadBalancer']);
    expect(r.rules).toContain(RULES.ipModeProxy);
    // ipMode VIP (default): captured and short-circuited.
    expect(trace(local('Local'), POD, WEB.lbIP, 80).verdict).toBe('forwarded');
  });
  it('ipMode Proxy, external client: the LB connects to the NodePort; the pod sees the LB, not the client', () => {
    const r = trace(proxyMode('Local'), EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(r.verdict).toBe('forwarded');
    expect(r.endpoints).toHaveLength(1);
    expect(r.endpoints[0]).toMatchObject({ ip: '10.244.0.5', sourceIP: null, clientIPPreserved: false });
    expect(r.hops[1].kind).toBe('loadBalancer');
  });
  it('ipMode Proxy: kube-proxy has no LB-IP rule, so it does not apply loadBalancerSourceRanges itself', () => {
    const c = local('Cluster', {
      service: { lbIngress: [{ ip: WEB.lbIP, ipMode: 'Proxy' }], loadBalancerSourceRanges: ['10.1.0.0/16'] },
    });
    const r = trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(r.verdict).toBe('forwarded');
    expect(r.entry).toBe('loadBalancerIP');
    // Masqueraded as NodePort traffic under Cluster: pods see the node, not the load balancer.
    expect(r.masqueraded).toBe(true);
    expect(r.rules).not.toContain(RULES.sourceRangesLbOnly);
  });
});

describe('loadBalancerSourceRanges (§8)', () => {
  const ranged = (o: WebOptions = {}) =>
    local('Cluster', {
      ...o,
      service: { loadBalancerSourceRanges: ['203.0.113.0/24', ' 192.168.0.0/24 '], ...(o.service ?? {}) },
    });
  it('an allowed source is forwarded (masqueraded under Cluster)', () => {
    const r = trace(ranged(), EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(r).toMatchObject({ verdict: 'forwarded', masqueraded: true });
    expect(r.rules).toContain(RULES.sourceRangesLbOnly);
  });
  it('any other source is dropped, pods included', () => {
    expect(trace(ranged(), { kind: 'external', ip: '198.18.0.1' }, WEB.lbIP, 80, { atNode: 'node-a' }).verdict).toBe(
      'dropped',
    );
    expect(trace(ranged(), POD, WEB.lbIP, 80).verdict).toBe('dropped');
  });
  it('NodePort and externalIP ignore the ranges', () => {
    expect(trace(ranged(), { kind: 'external', ip: '198.18.0.1' }, WEB.nodes['node-a'], WEB.nodePort).verdict).toBe(
      'forwarded',
    );
    expect(
      trace(ranged(), { kind: 'external', ip: '198.18.0.1' }, WEB.externalIP, 80, { atNode: 'node-a' }).verdict,
    ).toBe('forwarded');
  });
  it('the LB IP itself as source is allowed when a range covers the node IP', () => {
    expect(trace(ranged(), { kind: 'external', ip: WEB.lbIP }, WEB.lbIP, 80, { atNode: 'node-a' }).rules).toContain(
      RULES.sourceRangesLbSelf,
    );
    const narrow = local('Cluster', { service: { loadBalancerSourceRanges: ['203.0.113.0/24'] } });
    expect(trace(narrow, { kind: 'external', ip: WEB.lbIP }, WEB.lbIP, 80, { atNode: 'node-a' }).verdict).toBe(
      'dropped',
    );
  });
  it('no endpoints → REJECT comes before the range check (iptables builds the firewall chain only with endpoints)', () => {
    expect(
      trace(ranged({ endpoints: [] }), { kind: 'external', ip: '198.18.0.1' }, WEB.lbIP, 80, { atNode: 'node-a' })
        .verdict,
    ).toBe('rejected');
  });
});

describe('modes (§10)', () => {
  it('ipvs: eTP=Local virtual servers hold local endpoints only, even for pods (inferred); empty → ICMP unreachable', () => {
    const c = local('Local', { kubeProxy: { mode: 'ipvs', clusterCIDR: '10.244.0.0/16' } });
    const fromC = trace(c, POD, WEB.lbIP, 80);
    expect(fromC.verdict).toBe('rejected');
    expect(fromC.rules).toContain(RULES.ipvsEmptyVirtualServer);
    const fromA = trace(c, { kind: 'pod', pod: 'default/web-a' }, WEB.nodes['node-b'], WEB.nodePort);
    expect(eps(fromA)).toEqual(['10.244.1.5']);
    expect(fromA.masqueraded).toBe(false);
    expect(fromA.rules).toContain(RULES.ipvsLocalOnly);
    // ipvs Cluster behaves like iptables.
    expect(
      trace(local('Cluster', { kubeProxy: { mode: 'ipvs', clusterCIDR: '10.244.0.0/16' } }), EXT, WEB.lbIP, 80, {
        atNode: 'node-a',
      }).masqueraded,
    ).toBe(true);
  });

  it('nftables serves NodePorts on the primary address only; iptables on every local address', () => {
    const extras = { nodeExtras: { 'node-a': { externalIP: '192.0.2.1' } } };
    const nft = local('Cluster', { ...extras, kubeProxy: { mode: 'nftables', clusterCIDR: '10.244.0.0/16' } });
    expect(trace(nft, EXT, '192.0.2.1', WEB.nodePort).verdict).toBe('notHandled');
    expect(trace(nft, EXT, WEB.nodes['node-a'], WEB.nodePort).verdict).toBe('forwarded');
    expect(trace(local('Cluster', extras), EXT, '192.0.2.1', WEB.nodePort).verdict).toBe('forwarded');
  });

  it('explicit nodePortAddresses restrict NodePorts', () => {
    const c = local('Cluster', {
      kubeProxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16', nodePortAddresses: ['10.99.0.0/16'] },
    });
    const r = trace(c, EXT, WEB.nodes['node-a'], WEB.nodePort);
    expect(r.verdict).toBe('notHandled');
    expect(r.reason).toMatch(/nodePortAddresses/);
  });

  it('localhost NodePorts: iptables only', () => {
    expect(
      trace(
        local('Cluster', { kubeProxy: { mode: 'nftables', clusterCIDR: '10.244.0.0/16' } }),
        LOCALHOST_C,
        '127.0.0.1',
        WEB.nodePort,
      ).verdict,
    ).toBe('notHandled');
    expect(
      trace(
        local('Cluster', { kubeProxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16', localhostNodePorts: false } }),
        LOCALHOST_C,
        '127.0.0.1',
        WEB.nodePort,
      ).verdict,
    ).toBe('notHandled');
  });
});

describe('Cilium kube-proxy replacement (§11)', () => {
  const cil = (cfg: Record<string, string>, eTP: 'Cluster' | 'Local' = 'Cluster', o: WebOptions = {}) =>
    local(eTP, {
      kubeProxy: null,
      ...o,
      nodeAnnotations: {
        'node-a': { 'network.cilium.io/ipv4-cilium-host': '10.244.0.200' },
        'node-b': { 'network.cilium.io/ipv4-cilium-host': '10.244.1.200' },
      },
      extra: [ciliumConfig({ 'kube-proxy-replacement': 'true', ...cfg }), ...(o.extra ?? [])],
    });

  it('SNAT mode: the local backend sees the client, the remote one the receiving node (cilium_host)', () => {
    const r = trace(cil({}), EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(r.verdict).toBe('forwarded');
    expect(seen(r)).toEqual({ '10.244.0.5': WEB.externalClient, '10.244.1.5': '10.244.0.200' });
    expect(r.masqueraded).toBe(null);
    expect(r.snatSource).toBe('10.244.0.200');
    expect(r.rules).toContain(RULES.ciliumSnatMode);
  });

  it('DSR mode: every backend sees the client under eTP=Cluster', () => {
    const r = trace(cil({ 'bpf-lb-mode': 'dsr' }), EXT, WEB.nodes['node-a'], WEB.nodePort);
    expect(seen(r)).toEqual({ '10.244.0.5': WEB.externalClient, '10.244.1.5': WEB.externalClient });
    expect(r.masqueraded).toBe(false);
    expect(r.rules).toContain(RULES.ciliumDsrMode);
  });

  it('hybrid: DSR for TCP, SNAT for UDP', () => {
    const c2 = clusterOf(
      ...['node-a', 'node-b'].map((n, i) =>
        node({
          name: n,
          internalIP: `192.168.0.${i + 1}`,
          podCIDR: `10.244.${i}.0/24`,
          annotations: { 'network.cilium.io/ipv4-cilium-host': `10.244.${i}.200` },
        }),
      ),
      svc({
        name: 'dns',
        type: 'NodePort',
        ports: [
          { name: 'dns', port: 53, targetPort: 5353, nodePort: 30053, protocol: 'UDP' },
          { name: 'tcp', port: 53, targetPort: 5353, nodePort: 30053, protocol: 'TCP' },
        ],
      }),
      slice({
        service: 'dns',
        ports: [
          { name: 'dns', port: 5353, protocol: 'UDP' },
          { name: 'tcp', port: 5353, protocol: 'TCP' },
        ],
        endpoints: [{ ip: '10.244.1.9', node: 'node-b' }],
      }),
      ciliumConfig({ 'kube-proxy-replacement': 'true', 'bpf-lb-mode': 'hybrid' }),
    );
    const u = tracePacket(c2.model, c2.dataplane, {
      source: EXT,
      destination: { ip: '192.168.0.1', port: 30053, protocol: 'UDP' },
    });
    expect(u.endpoints[0].sourceIP).toBe('10.244.0.200');
    const t = tracePacket(c2.model, c2.dataplane, {
      source: EXT,
      destination: { ip: '192.168.0.1', port: 30053, protocol: 'TCP' },
    });
    expect(t.endpoints[0].sourceIP).toBe(WEB.externalClient);
    expect(t.rules).toContain(RULES.ciliumHybridMode);
  });

  it('annotation mode: service.cilium.io/forwarding-mode picks per Service', () => {
    const cfg = { 'bpf-lb-mode': 'snat', 'bpf-lb-mode-annotation': 'true' };
    const dsr = trace(
      cil(cfg, 'Cluster', { service: { annotations: { 'service.cilium.io/forwarding-mode': 'dsr' } } }),
      EXT,
      WEB.lbIP,
      80,
      { atNode: 'node-a' },
    );
    expect(dsr.masqueraded).toBe(false);
    expect(dsr.rules).toContain(RULES.ciliumAnnotationMode);
    const plain = trace(cil(cfg), EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(plain.masqueraded).toBe(null);
  });

  it('in-cluster clients are balanced at the socket: every backend, no SNAT, even eTP=Local from a node without backends', () => {
    const c = cil({}, 'Local');
    const r = trace(c, POD, WEB.lbIP, 80);
    expect(eps(r)).toEqual(BOTH);
    expect(r.masqueraded).toBe(false);
    expect(r.rules).toContain(RULES.ciliumSocketLB);
    expect(trace(c, POD, WEB.clusterIP, 80).masqueraded).toBe(false);
    // A host process connects straight to the backend: the route's source (cilium_host of node-a for the remote one).
    expect(seen(trace(c, { kind: 'node', node: 'node-a' }, WEB.clusterIP, 80))).toEqual({
      '10.244.0.5': '10.244.0.200',
      '10.244.1.5': '10.244.0.200',
    });
  });

  it("a host process under native routing: the local backend sees cilium_host, the remote one the node's address", () => {
    // The route picks the source per backend (snat.ts): the trace works it out per kind and place of endpoint, so
    // the two endpoints, one on the client's node and one not, must not share an answer.
    const c = cil({ 'routing-mode': 'native' });
    expect(seen(trace(c, { kind: 'node', node: 'node-a' }, WEB.clusterIP, 80))).toEqual({
      '10.244.0.5': '10.244.0.200',
      '10.244.1.5': WEB.nodes['node-a'],
    });
    expect(seen(trace(c, { kind: 'node', node: 'node-b' }, WEB.clusterIP, 80))).toEqual({
      '10.244.0.5': WEB.nodes['node-b'],
      '10.244.1.5': '10.244.1.200',
    });
  });

  it('eTP=Local from outside: local backend only, client kept; none local → no-backend response', () => {
    const c = cil({}, 'Local');
    expect(seen(trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-b' }))).toEqual({ '10.244.1.5': WEB.externalClient });
    expect(trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-c' }).verdict).toBe('rejected');
  });

  it('source ranges filter outside clients only', () => {
    const c = cil({}, 'Cluster', { service: { loadBalancerSourceRanges: ['203.0.113.0/24'] } });
    expect(trace(c, POD, WEB.lbIP, 80).verdict).toBe('forwarded');
    expect(trace(c, { kind: 'external', ip: '198.18.0.1' }, WEB.lbIP, 80, { atNode: 'node-a' }).verdict).toBe(
      'dropped',
    );
    const off = cil({ 'enable-svc-source-range-check': 'false' }, 'Cluster', {
      service: { loadBalancerSourceRanges: ['203.0.113.0/24'] },
    });
    expect(trace(off, { kind: 'external', ip: '198.18.0.1' }, WEB.lbIP, 80, { atNode: 'node-a' }).verdict).toBe(
      'forwarded',
    );
  });

  it('ClusterIP from outside is not handled (bpf-lb-external-clusterip off)', () => {
    const r = trace(cil({}), EXT, WEB.clusterIP, 80, { atNode: 'node-a' });
    expect(r.verdict).toBe('notHandled');
    expect(r.rules).toContain(RULES.ciliumExternalClusterIP);
  });

  it('no backends: reject by default, drop when configured', () => {
    expect(trace(cil({}, 'Cluster', { endpoints: [] }), POD, WEB.clusterIP, 80).verdict).toBe('rejected');
    expect(
      trace(cil({ 'service-no-backend-response': 'drop' }, 'Cluster', { endpoints: [] }), POD, WEB.clusterIP, 80)
        .verdict,
    ).toBe('dropped');
  });

  it('a pod reaching itself through its Service sees the service loopback address', () => {
    const r = trace(cil({}), { kind: 'pod', pod: 'default/web-a' }, WEB.clusterIP, 80);
    expect(seen(r)['10.244.0.5']).toBe('169.254.42.1');
    expect(seen(r)['10.244.1.5']).toBe('10.244.0.5');
  });
});

describe('overlay SNAT addresses in traces', () => {
  it("Calico IPIP, eTP=Cluster: the remote pod sees the ingress node's tunl0 address", () => {
    const ann = (i: number) => ({
      'projectcalico.org/IPv4Address': `192.168.0.${i + 1}/24`,
      'projectcalico.org/IPv4IPIPTunnelAddr': `10.244.${i}.1`,
    });
    const c = local('Cluster', { nodeAnnotations: { 'node-a': ann(0), 'node-b': ann(1), 'node-c': ann(2) } });
    const r = trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-c' });
    expect(seen(r)).toEqual({ '10.244.0.5': '10.244.2.1', '10.244.1.5': '10.244.2.1' });
    expect(r.snatSource).toBe('10.244.2.1');
    const fromA = trace(c, EXT, WEB.lbIP, 80, { atNode: 'node-a' });
    expect(seen(fromA)).toEqual({ '10.244.0.5': '192.168.0.1', '10.244.1.5': '10.244.0.1' });
    expect(fromA.snatSource).toBe('10.244.0.1'); // the remote-endpoint address is reported
  });
});

describe('sources and destinations', () => {
  it('an "external" IP that is a pod IP is traced as that pod', () => {
    const r = trace(local('Local'), { kind: 'external', ip: WEB.clientPod.ip }, WEB.lbIP, 80);
    expect(eps(r)).toEqual(BOTH);
    expect(r.reason).toMatch(/traced as that pod/i);
  });
  it('an "external" IP that is a node address is traced as a host process', () => {
    const r = trace(local('Cluster'), { kind: 'external', ip: WEB.nodes['node-c'] }, WEB.clusterIP, 80);
    expect(r.masqueraded).toBe(true);
  });
  it('a hostNetwork pod is a host process of its node', () => {
    const c = local('Cluster', {
      extra: [pod({ name: 'agent', ip: WEB.nodes['node-c'], node: 'node-c', hostNetwork: true })],
    });
    expect(trace(c, { kind: 'pod', pod: 'default/agent' }, WEB.clusterIP, 80).masqueraded).toBe(true);
  });
  it("direct pod IP: delivered, the pod sees the client; a host process uses its route's source address", () => {
    const c = local('Cluster', { nodeAnnotations: { 'node-c': { 'flannel.alpha.coreos.com/backend-type': 'vxlan' } } });
    const r = trace(c, POD, '10.244.0.5', 8080);
    expect(r).toMatchObject({ verdict: 'forwarded', entry: 'pod', service: null, masqueraded: false });
    expect(r.endpoints[0]).toMatchObject({ pod: 'default/web-a', sourceIP: WEB.clientPod.ip, share: 1 });
    const h = trace(c, NODE_C, '10.244.0.5', 8080);
    expect(h.endpoints[0].sourceIP).toBe('10.244.2.0'); // flannel.1 of node-c
  });
  it('an outside destination from a pod: not handled, egress policy asked', () => {
    const asked: PolicyQuestion[] = [];
    const hook: PolicyHook = (q) => {
      asked.push(q);
      return { verdict: 'denied', reason: 'egress denied' };
    };
    const r = trace(local('Cluster'), POD, '8.8.8.8', 53, {}, hook);
    expect(r).toMatchObject({ verdict: 'notHandled', entry: null, policy: 'denied', policyReason: 'egress denied' });
    expect(asked[0]).toMatchObject({ destIP: '8.8.8.8', destPod: null, port: 53, masqueraded: false });
    expect(asked[0].clientPod?.key).toBe('default/client');
  });
  it("a node address without that NodePort goes to the node's own stack", () => {
    const r = trace(local('Cluster'), EXT, WEB.nodes['node-a'], 22);
    expect(r).toMatchObject({ verdict: 'notHandled', node: 'node-a', policy: null });
  });
  it('bad input never throws', () => {
    const c = local('Cluster');
    expect(trace(c, POD, 'not-an-ip', 80).reason).toMatch(/not an IP/);
    expect(trace(c, { kind: 'pod', pod: 'default/nope' }, WEB.clusterIP, 80).reason).toMatch(/not in the cluster data/);
    expect(trace(c, { kind: 'node', node: 'nope' }, WEB.clusterIP, 80).verdict).toBe('notHandled');
    expect(trace(c, EXT, WEB.clusterIP, 80, { atNode: 'nope' }).reason).toMatch(/atNode/);
    expect(trace(c, EXT, WEB.clusterIP, 80).reason).toMatch(/atNode/); // ClusterIP from outside needs a node
  });
  it('an LB IP from outside without atNode picks a healthy node and says so', () => {
    const r = trace(local('Local'), EXT, WEB.lbIP, 80);
    expect(r.node).toBe('node-a'); // node-a passes the health check
    // A note after the reason starts a sentence: it reads as one (not "AtNode not given", as it once did).
    expect(r.reason).toContain('. No arrival node given: assumed the load balancer sends this flow to node-a,');
  });
});

describe('policy hook questions', () => {
  it('asks per endpoint with the post-DNAT port, the SNAT source and the pre-DNAT address', () => {
    const asked: PolicyQuestion[] = [];
    const hook: PolicyHook = (q) => {
      asked.push(q);
      return q.masqueraded
        ? { verdict: 'denied', reason: 'SNAT source not allowed' }
        : { verdict: 'allowed', reason: 'ok' };
    };
    const r = trace(local('Cluster'), EXT, WEB.lbIP, 80, { atNode: 'node-a' }, hook);
    expect(asked).toHaveLength(2);
    for (const q of asked) {
      expect(q).toMatchObject({
        clientIP: WEB.externalClient,
        masqueraded: true,
        snatSource: '192.168.0.1',
        port: 8080,
        protocol: 'TCP',
        preDnatDestIP: WEB.lbIP,
        preDnatPort: 80,
      });
      expect(q.ingressNode?.name).toBe('node-a');
      expect(q.destPod).not.toBeNull();
    }
    expect(r.endpoints.map((e) => e.policy)).toEqual(['denied', 'denied']);
    expect(r.policy).toBe(null); // two pods: no single verdict
    const one = trace(local('Local'), EXT, WEB.lbIP, 80, { atNode: 'node-a' }, hook);
    expect(one.policy).toBe('allowed');
  });
  it('named targetPorts resolve per endpoint', () => {
    const c = clusterOf(
      node({ name: 'n1', internalIP: '192.168.0.1', podCIDR: '10.244.0.0/24' }),
      kubeProxyConfig({ mode: 'iptables', clusterCIDR: '10.244.0.0/16' }),
      svc({ name: 'api', clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, targetPort: 'web' }] }),
      slice({ service: 'api', ports: [{ name: 'http', port: 8080 }], endpoints: [{ ip: '10.244.0.8', node: 'n1' }] }),
      slice({ service: 'api', ports: [{ name: 'http', port: 9090 }], endpoints: [{ ip: '10.244.0.9', node: 'n1' }] }),
    );
    const r = tracePacket(c.model, c.dataplane, {
      source: { kind: 'node', node: 'n1' },
      destination: { ip: '10.96.0.20', port: 80, protocol: 'TCP' },
    });
    expect(Object.fromEntries(r.endpoints.map((e) => [e.ip, e.port]))).toEqual({
      '10.244.0.8': 8080,
      '10.244.0.9': 9090,
    });
  });
});

describe('IPv6', () => {
  const v6 = () =>
    clusterOf(
      ...['a', 'b'].map((n, i) => node({ name: n, internalIP: `fd00::${i + 1}`, podCIDR: `fd00:10:244:${i}::/64` })),
      kubeProxyConfig({ mode: 'iptables', clusterCIDR: 'fd00:10:244::/56' }),
      svc({
        name: 'web6',
        type: 'NodePort',
        clusterIP: 'fd00:96::10',
        ipFamilies: ['IPv6'],
        ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }],
        externalTrafficPolicy: 'Local',
      }),
      slice({
        service: 'web6',
        addressType: 'IPv6',
        ports: [{ name: 'http', port: 8080 }],
        endpoints: [{ ip: 'fd00:10:244:0::5', node: 'a', pod: 'w' }],
      }),
      pod({ name: 'w', ip: 'fd00:10:244::5', node: 'a', labels: { app: 'web6' } }),
      pod({ name: 'c', ip: 'fd00:10:244:1::7', node: 'b' }),
    );
  it('pod → IPv6 ClusterIP works (not masqueraded)', () => {
    const c = v6();
    const r = tracePacket(c.model, c.dataplane, {
      source: { kind: 'pod', pod: 'default/c' },
      destination: { ip: 'fd00:96:0:0::10', port: 80, protocol: 'TCP' },
    });
    expect(r).toMatchObject({ verdict: 'forwarded', service: 'default/web6', masqueraded: false });
    expect(r.endpoints[0]).toMatchObject({ ip: 'fd00:10:244::5', sourceIP: 'fd00:10:244:1::7' });
  });
  it('external → IPv6 NodePort with eTP=Local: local endpoint or DROP', () => {
    const c = v6();
    const ok = tracePacket(c.model, c.dataplane, {
      source: { kind: 'external', ip: '2001:db8::7' },
      destination: { ip: 'fd00::1', port: 30080, protocol: 'TCP' },
    });
    expect(ok.endpoints[0]).toMatchObject({ sourceIP: '2001:db8::7', clientIPPreserved: true });
    const drop = tracePacket(c.model, c.dataplane, {
      source: { kind: 'external', ip: '2001:db8::7' },
      destination: { ip: 'fd00::2', port: 30080, protocol: 'TCP' },
    });
    expect(drop.verdict).toBe('dropped');
  });
  it('localhost NodePorts are IPv4 only', () => {
    const c = v6();
    const r = tracePacket(c.model, c.dataplane, {
      source: { kind: 'localhost', node: 'a' },
      destination: { ip: '::1', port: 30080, protocol: 'TCP' },
    });
    expect(r.verdict).toBe('notHandled');
    expect(r.reason).toMatch(/IPv4 only/);
  });
  it('a pod without an IPv6 address cannot send IPv6: clear message', () => {
    const c = v6();
    const r = tracePacket(c.model, c.dataplane, {
      source: { kind: 'pod', pod: 'default/c' },
      destination: { ip: '10.96.0.1', port: 80, protocol: 'TCP' },
    });
    expect(r.verdict).toBe('notHandled');
    expect(r.reason).toMatch(/no IPv4 address/);
  });
});
