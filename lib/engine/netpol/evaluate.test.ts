import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import type { Protocol } from '../../model/cluster';
import { compilePolicies } from './compile';
import { evaluateEgress, evaluateIngress } from './evaluate';
import { baseObjects, ciliumDataplane, dataplane, labels, model, netpol, node, pod } from './testing';
import type { PeerView } from './types';
import { externalView, nodeView, podView, policyTraits, worldView } from './views';

const calico = policyTraits(dataplane({ cni: 'calico', overlay: 'ipip' }));

function setup(objects: KubeObject[], opts: { base?: boolean; unavailable?: Record<string, string> } = {}) {
  const m = model([...(opts.base === false ? [] : baseObjects()), ...objects], opts.unavailable);
  const index = compilePolicies(m);
  const p = (k: string) => {
    const x = m.pods.get(k);
    if (!x) throw new Error(k);
    return x;
  };
  const from = (k: string, t = calico): PeerView => podView(p(k), t);
  const ingress = (dest: string, view: PeerView, port: number | null = 8080, proto: Protocol = 'TCP') =>
    evaluateIngress(index, p(dest), view, port, proto);
  const egress = (src: string, view: PeerView, port: number | null = 8080, proto: Protocol = 'TCP') =>
    evaluateEgress(index, p(src), view, port, proto);
  return { m, index, p, from, ingress, egress };
}

const denyAll = (key = 'shop/deny-all') => netpol(key, { podSelector: {}, policyTypes: ['Ingress'] });

describe('isolation and defaulting (§1.1, §1.2)', () => {
  it('a pod no policy selects is not isolated', () => {
    const s = setup([netpol('shop/web-only', { podSelector: labels({ app: 'web' }) })]);
    const d = s.ingress('shop/client', s.from('shop/web-1'));
    expect(d).toMatchObject({ verdict: 'allowed', isolated: false, policies: [] });
    expect(d.reason).toContain('not isolated');
  });

  it('policies of another namespace never isolate a pod', () => {
    const s = setup([denyAll('other/deny-all')]);
    expect(s.ingress('shop/web-1', s.from('shop/client')).verdict).toBe('allowed');
  });

  it('an egress-only policy without policyTypes also isolates ingress with nothing allowed', () => {
    const s = setup([
      netpol('shop/egress-dns', {
        podSelector: labels({ app: 'web' }),
        egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
      }),
    ]);
    const d = s.ingress('shop/web-1', s.from('shop/client'));
    expect(d).toMatchObject({ verdict: 'denied', isolated: true, policies: ['shop/egress-dns'] });
  });

  it('explicit policyTypes [Egress] makes ingress rules irrelevant and leaves ingress open', () => {
    const s = setup([
      netpol('shop/egress', { podSelector: labels({ app: 'web' }), policyTypes: ['Egress'], ingress: [] }),
    ]);
    expect(s.ingress('shop/web-1', s.from('shop/client'))).toMatchObject({ verdict: 'allowed', isolated: false });
    expect(s.egress('shop/web-1', s.from('shop/client'))).toMatchObject({ verdict: 'denied', isolated: true });
  });

  it('an empty ingress list denies everything (default deny)', () => {
    const s = setup([denyAll()]);
    const d = s.ingress('shop/web-1', s.from('shop/client'));
    expect(d.verdict).toBe('denied');
    expect(d.reason).toContain('isolated for ingress by shop/deny-all');
  });

  it('a rule {} allows everything', () => {
    const s = setup([denyAll(), netpol('shop/allow-all', { podSelector: {}, ingress: [{}] })]);
    const d = s.ingress('shop/web-1', externalView('198.51.100.9'), 12345, 'UDP');
    expect(d).toMatchObject({ verdict: 'allowed', policies: ['shop/allow-all'] });
    expect(d.reason).toContain('shop/allow-all ingress[0]');
  });

  it('policies are a union: each admits its own traffic, order irrelevant', () => {
    const objs = [
      netpol('shop/from-client', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ podSelector: labels({ app: 'client' }) }], ports: [{ port: 8080 }] }],
      }),
      netpol('shop/from-prom', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ podSelector: labels({ app: 'prom' }) }], ports: [{ port: 9090 }] }],
      }),
    ];
    for (const s of [setup(objs), setup([...objs].reverse())]) {
      expect(s.ingress('shop/web-1', s.from('shop/client'), 8080).policies).toEqual(['shop/from-client']);
      expect(s.ingress('shop/web-1', s.from('shop/prom'), 9090).policies).toEqual(['shop/from-prom']);
      expect(s.ingress('shop/web-1', s.from('shop/client'), 9090).verdict).toBe('denied');
      expect(s.ingress('shop/web-1', s.from('shop/prom'), 8080).verdict).toBe('denied');
    }
  });
});

describe('peers (§1.3, §1.4)', () => {
  // The classic indentation mistake: one peer with both selectors (AND) vs two peers (OR).
  const and = netpol('shop/and', {
    podSelector: labels({ app: 'web' }),
    ingress: [{ from: [{ namespaceSelector: labels({ team: 'ops' }), podSelector: labels({ app: 'prom' }) }] }],
  });
  const or = netpol('shop/or', {
    podSelector: labels({ app: 'web' }),
    ingress: [{ from: [{ namespaceSelector: labels({ team: 'ops' }) }, { podSelector: labels({ app: 'prom' }) }] }],
  });

  it('namespaceSelector and podSelector in one entry are ANDed', () => {
    const s = setup([and]);
    expect(s.ingress('shop/web-1', s.from('monitoring/prom')).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('monitoring/grafana')).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', s.from('shop/prom')).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', s.from('other/prom')).verdict).toBe('denied');
  });

  it('separate entries are ORed; podSelector alone means the policy namespace only', () => {
    const s = setup([or]);
    expect(s.ingress('shop/web-1', s.from('monitoring/prom')).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('monitoring/grafana')).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('shop/prom')).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('other/prom')).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', s.from('shop/client')).verdict).toBe('denied');
  });

  it('namespaceSelector alone excludes the policy namespace unless it matches; {} selects all namespaces', () => {
    const s = setup([
      netpol('shop/ops', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: labels({ team: 'ops' }) }] }] }),
    ]);
    expect(s.ingress('shop/web-1', s.from('shop/client')).verdict).toBe('denied');
    const all = setup([netpol('shop/all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })]);
    expect(all.ingress('shop/web-1', all.from('other/prom')).verdict).toBe('allowed');
    // namespaceSelector: {} never admits outside clients (§5 rule 8)
    expect(all.ingress('shop/web-1', externalView('203.0.113.7')).verdict).toBe('denied');
  });

  it('matchExpressions operators work in policy and peer selectors', () => {
    const s = setup([
      netpol('shop/exprs', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] },
                podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['grafana'] }] },
              },
              { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } },
            ],
          },
        ],
      }),
    ]);
    expect(s.ingress('shop/web-1', s.from('monitoring/prom')).verdict).toBe('allowed'); // team exists, app notin grafana
    expect(s.ingress('shop/web-1', s.from('monitoring/grafana')).verdict).toBe('denied'); // NotIn excludes grafana
    expect(s.ingress('shop/web-1', s.from('other/prom')).verdict).toBe('allowed'); // namespace without team
    expect(s.ingress('shop/client', s.from('other/prom')).verdict).toBe('allowed'); // client not selected (In web,api)
    expect(s.ingress('shop/client', s.from('other/prom')).isolated).toBe(false);
  });

  it('NotIn in spec.podSelector selects pods lacking the key', () => {
    const s = setup([
      pod('shop/unlabelled', '10.244.1.40', 'n1'),
      netpol('shop/not-canary', {
        podSelector: { matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] },
      }),
    ]);
    expect(s.ingress('shop/unlabelled', s.from('shop/client'))).toMatchObject({ verdict: 'denied', isolated: true });
  });

  it('an invalid selector operator in spec.podSelector makes isolation unknown, never allowed', () => {
    const s = setup([
      netpol('shop/bad', { podSelector: { matchExpressions: [{ key: 'app', operator: 'Matches', values: ['web'] }] } }),
    ]);
    const d = s.ingress('shop/web-1', s.from('shop/client'));
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('unknown operator "Matches"');
    expect(s.index.warnings[0].message).toContain('spec.podSelector is invalid');
  });

  it('an invalid operator in a peer selector gives unknown unless another peer decides', () => {
    const bad = { podSelector: { matchExpressions: [{ key: 'app', operator: 'Matches', values: ['client'] }] } };
    const s = setup([
      netpol('shop/p', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [bad, { podSelector: labels({ app: 'prom' }) }] }],
      }),
    ]);
    expect(s.ingress('shop/web-1', s.from('shop/client')).verdict).toBe('unknown');
    expect(s.ingress('shop/web-1', s.from('shop/prom')).verdict).toBe('allowed');
  });

  it('a namespace missing from the snapshot is decided only by kubernetes.io/metadata.name', () => {
    const objs = [
      node('n1', '192.168.1.11'),
      pod('ghost/app', '10.244.1.50', 'n1', { labels: { app: 'x' } }),
      pod('shop/web-1', '10.244.1.10', 'n1', { labels: { app: 'web' } }),
      netpol('shop/by-team', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: labels({ team: 'ops' }) }] }],
      }),
      netpol('shop/by-name', {
        podSelector: {},
        ingress: [
          {
            from: [{ namespaceSelector: labels({ 'kubernetes.io/metadata.name': 'ghost' }) }],
            ports: [{ port: 9000 }],
          },
        ],
      }),
    ];
    const s = setup(objs, { base: false });
    const d = s.ingress('shop/web-1', s.from('ghost/app'), 8080);
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('namespace ghost is not in the cluster data');
    expect(s.ingress('shop/web-1', s.from('ghost/app'), 9000).verdict).toBe('allowed');
  });
});

describe('ipBlock (§1.5)', () => {
  const allowList = netpol('shop/allow-list', {
    podSelector: labels({ app: 'web' }),
    ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] }],
  });

  it('admits cidr minus except', () => {
    const s = setup([allowList]);
    expect(s.ingress('shop/web-1', externalView('203.0.113.7')).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', externalView('203.0.113.200')).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', externalView('198.51.100.1')).verdict).toBe('denied');
  });

  it('answers an allow-list of many ipBlocks as testing each does: in a block, in an except, outside all', () => {
    // Six blocks: anyPeer answers them as one set of ranges (block-set.ts) where the address is matched as it is.
    const offices = ['198.51.100.0/24', '203.0.113.0/25', '192.0.2.64/26', '100.64.0.0/16', '172.20.0.0/20'];
    const s = setup([
      netpol('shop/offices', {
        podSelector: labels({ app: 'web' }),
        ingress: [
          {
            from: [
              ...offices.map((cidr) => ({ ipBlock: { cidr } })),
              { ipBlock: { cidr: '10.250.0.0/16', except: ['10.250.7.0/24'] } },
            ],
          },
        ],
      }),
    ]);
    expect(s.ingress('shop/web-1', externalView('203.0.113.127'))).toMatchObject({ verdict: 'allowed' });
    expect(s.ingress('shop/web-1', externalView('10.250.8.1')).verdict).toBe('allowed');
    const except = s.ingress('shop/web-1', externalView('10.250.7.9'));
    expect(except.verdict).toBe('denied');
    expect(except.reason).toBe(
      'shop/web-1 is isolated for ingress by shop/offices and no rule admits outside address 10.250.7.9 on TCP/8080',
    );
    expect(s.ingress('shop/web-1', externalView('203.0.113.128')).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', nodeView(s.m.nodes.get('n2')!, '172.20.15.255', calico, false)).verdict).toBe(
      'allowed',
    );
    // Cilium matches no CIDR against a pod's identity and says why, block by block as before.
    const cil = s.ingress('shop/web-1', s.from('shop/client', policyTraits(ciliumDataplane())));
    expect(cil.verdict).toBe('denied');
  });

  it('an invalid CIDR yields unknown and a warning, and never hides a definite allow', () => {
    const s = setup([
      netpol('shop/bad-cidr', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/33' } }] }],
      }),
      netpol('shop/lb', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }],
      }),
    ]);
    const d = s.ingress('shop/web-1', externalView('203.0.113.7'));
    expect(d.verdict).toBe('unknown');
    expect(d.policies).toEqual(['shop/bad-cidr']);
    expect(s.index.warnings.map((w) => w.object)).toEqual(['shop/bad-cidr']);
    expect(s.ingress('shop/web-1', externalView('198.51.100.4')).verdict).toBe('allowed');
  });

  it('matches pod IPs by address on Calico, never on Cilium, and is unknown elsewhere (divergence)', () => {
    const s = setup([
      netpol('shop/pods-by-cidr', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ ipBlock: { cidr: '10.244.1.0/24' } }] }],
      }),
    ]);
    expect(s.ingress('shop/web-1', s.from('shop/client', calico)).verdict).toBe('allowed');
    const kr = policyTraits(dataplane({ cni: 'flannel' }));
    expect(s.ingress('shop/web-1', s.from('shop/client', kr)).verdict).toBe('allowed');
    const cil = s.ingress('shop/web-1', s.from('shop/client', policyTraits(ciliumDataplane())));
    expect(cil.verdict).toBe('denied');
    expect(cil.reason).toContain('Cilium does not apply CIDR rules to pod identities');
    const unk = s.ingress('shop/web-1', s.from('shop/client', policyTraits(dataplane())));
    expect(unk.verdict).toBe('unknown');
    expect(unk.reason).toContain('Cilium and netpol-analyzer never do');
    // outside the block every plugin agrees
    expect(s.ingress('shop/web-1', s.from('monitoring/prom', policyTraits(dataplane()))).verdict).toBe('denied');
  });

  it('matches node addresses on Cilium only with policy-cidr-match-mode=nodes', () => {
    const s = setup([
      netpol('shop/nodes', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }] }],
      }),
    ]);
    const n2 = s.m.nodes.get('n2')!;
    expect(s.ingress('shop/web-1', nodeView(n2, '192.168.1.12', policyTraits(ciliumDataplane()), false)).verdict).toBe(
      'denied',
    );
    expect(
      s.ingress(
        'shop/web-1',
        nodeView(n2, '192.168.1.12', policyTraits(ciliumDataplane({ cidrMatchNodes: true })), false),
      ).verdict,
    ).toBe('allowed');
    expect(s.ingress('shop/web-1', nodeView(n2, '192.168.1.12', calico, false)).verdict).toBe('allowed');
  });

  it("matches Cilium's world identity only with 0.0.0.0/0; a CIDR containing the SNAT address is unknown", () => {
    const mk = (cidr: string) =>
      setup([netpol('shop/p', { podSelector: labels({ app: 'web' }), ingress: [{ from: [{ ipBlock: { cidr } }] }] })]);
    const world = worldView('192.168.1.12', null);
    expect(mk('0.0.0.0/0').ingress('shop/web-1', world).verdict).toBe('allowed');
    expect(mk('203.0.113.0/24').ingress('shop/web-1', world).verdict).toBe('denied');
    expect(mk('192.168.1.0/24').ingress('shop/web-1', world).verdict).toBe('unknown');
    expect(mk('::/0').ingress('shop/web-1', world).verdict).toBe('denied');
  });

  it('selectors never match outside addresses or nodes', () => {
    const s = setup([
      netpol('shop/all-pods', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] }),
    ]);
    expect(s.ingress('shop/web-1', externalView('10.244.9.9')).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', nodeView(s.m.nodes.get('n2')!, '192.168.1.12', calico, false)).verdict).toBe(
      'denied',
    );
  });
});

describe('ports (§1.6)', () => {
  const withPorts = (ports: NonNullable<Parameters<typeof netpol>[1]['ingress']>[number]['ports']) =>
    setup([netpol('shop/ports', { podSelector: labels({ app: 'web' }), ingress: [{ ports }] })]);

  it('protocol defaults to TCP', () => {
    const s = withPorts([{ port: 8080 }]);
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8080, 'TCP').verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8080, 'UDP').verdict).toBe('denied');
  });

  it('SCTP is not TCP: the pod stays isolated for TCP on the same number', () => {
    const s = withPorts([{ protocol: 'SCTP', port: 8080 }]);
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8080, 'TCP')).toMatchObject({
      verdict: 'denied',
      isolated: true,
    });
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8080, 'SCTP').verdict).toBe('allowed');
  });

  it('a protocol without port matches every port of that protocol', () => {
    const s = withPorts([{ protocol: 'UDP' }]);
    expect(s.ingress('shop/web-1', s.from('shop/client'), 5353, 'UDP').verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 5353, 'TCP').verdict).toBe('denied');
  });

  it('endPort is an inclusive range', () => {
    const s = withPorts([{ port: 8000, endPort: 8080 }]);
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8000).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8080).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8081).verdict).toBe('denied');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 7999).verdict).toBe('denied');
  });

  it('named ports resolve against the destination pod with the same protocol', () => {
    const s = withPorts([{ port: 'http' }]);
    expect(s.ingress('shop/web-1', s.from('shop/client'), 8080).verdict).toBe('allowed');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 9090).verdict).toBe('denied');
  });

  it('a named port with the wrong protocol does not match, and the reason says so', () => {
    const s = withPorts([{ port: 'dns' }]); // dns is UDP/53 on the pod; the entry is TCP by default
    const d = s.ingress('shop/web-1', s.from('shop/client'), 53, 'TCP');
    expect(d.verdict).toBe('denied');
    expect(d.reason).toContain('named port "dns" is UDP on pod shop/web-1, not TCP');
    expect(s.ingress('shop/web-1', s.from('shop/client'), 53, 'UDP').verdict).toBe('denied');
  });

  it('a named port missing on the pod matches nothing, and the reason says so', () => {
    const s = withPorts([{ port: 'metrics' }]);
    const d = s.ingress('shop/web-1', s.from('shop/client'), 9090);
    expect(d.verdict).toBe('denied');
    expect(d.reason).toContain('named port "metrics" (TCP) does not exist on pod shop/web-1');
  });

  it('an unknown destination port is unknown unless the rule covers all ports', () => {
    expect(withPorts([{ port: 8080 }]).ingress('shop/web-1', externalView('203.0.113.7'), null).verdict).toBe(
      'unknown',
    );
    expect(withPorts([{ protocol: 'TCP' }]).ingress('shop/web-1', externalView('203.0.113.7'), null).verdict).toBe(
      'allowed',
    );
  });

  it('named ports in egress resolve on the destination pod; outside addresses cannot match them', () => {
    const s = setup([
      netpol('shop/egress-http', {
        podSelector: labels({ app: 'client' }),
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'http' }] }],
      }),
    ]);
    expect(s.egress('shop/client', s.from('shop/web-2'), 8080).verdict).toBe('allowed');
    const d = s.egress('shop/client', externalView('203.0.113.7'), 8080);
    expect(d.verdict).toBe('denied');
    expect(d.reason).toContain('cannot match a destination that is not a pod');
  });
});

describe('node traffic, hostNetwork and unavailable policies (§1.4, §1.7)', () => {
  it("traffic from the pod's own node is always allowed into an isolated pod", () => {
    const s = setup([denyAll()]);
    const n1 = s.m.nodes.get('n1')!;
    const d = s.ingress('shop/web-1', nodeView(n1, '192.168.1.11', calico, true));
    expect(d).toMatchObject({ verdict: 'allowed', isolated: true });
    expect(d.reason).toContain('own node');
    // another node gets no exemption
    expect(s.ingress('shop/web-1', nodeView(s.m.nodes.get('n2')!, '10.244.2.192', calico, false)).verdict).toBe(
      'denied',
    );
  });

  it("SNATed traffic with the own node's address is not exempt (ownNode=false)", () => {
    const s = setup([denyAll()]);
    expect(s.ingress('shop/web-1', nodeView(s.m.nodes.get('n1')!, '192.168.1.11', calico, false)).verdict).toBe(
      'denied',
    );
  });

  it('a hostNetwork destination pod selected by a deny policy is unknown (behaviour undefined)', () => {
    const s = setup([netpol('kube-system/deny', { podSelector: {} })]);
    const d = s.ingress('kube-system/agent', externalView('203.0.113.7'));
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('hostNetwork');
  });

  it("egress to the pod's own node is unknown when rules would deny it", () => {
    const s = setup([netpol('shop/no-egress', { podSelector: labels({ app: 'client' }), policyTypes: ['Egress'] })]);
    expect(s.egress('shop/client', nodeView(s.m.nodes.get('n1')!, '192.168.1.11', calico, true)).verdict).toBe(
      'unknown',
    );
    expect(s.egress('shop/client', nodeView(s.m.nodes.get('n2')!, '192.168.1.12', calico, false)).verdict).toBe(
      'denied',
    );
  });

  it('everything is unknown when NetworkPolicies could not be read', () => {
    const s = setup([], { unavailable: { NetworkPolicy: '403 Forbidden' } });
    const d = s.ingress('shop/web-1', s.from('shop/client'));
    expect(d.verdict).toBe('unknown');
    expect(d.reason).toContain('403 Forbidden');
    expect(s.egress('shop/client', s.from('shop/web-1')).verdict).toBe('unknown');
  });

  it('selector peers may match an outside address when Pods could not be read', () => {
    const s = setup([netpol('shop/from-pods', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })], {
      unavailable: { Pod: '403 Forbidden' },
    });
    // base pods are still in the model here; the unavailability alone makes the outside address uncertain
    expect(s.ingress('shop/web-1', externalView('10.244.7.7')).verdict).toBe('unknown');
  });
});
