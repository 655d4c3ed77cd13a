import { describe, expect, it } from 'vitest';
import { compilePolicies } from './compile';
import { model, netpol, ns } from './testing';

const compileOne = (spec: Parameters<typeof netpol>[1]) => {
  const index = compilePolicies(model([ns('shop'), netpol('shop/p', spec)]));
  return { index, p: index.byKey.get('shop/p')! };
};

describe('compilePolicies', () => {
  it('indexes policies by namespace and key, and uses the model-defaulted policyTypes', () => {
    const index = compilePolicies(
      model([
        netpol('shop/egress-only', { podSelector: {}, egress: [{}] }),
        netpol('shop/explicit-egress', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }),
        netpol('other/default', { podSelector: {} }),
      ]),
    );
    expect(index.byNamespace.get('shop')!.map((p) => p.key)).toEqual(['shop/egress-only', 'shop/explicit-egress']);
    // defaults.go: no policyTypes + egress rules → [Ingress, Egress]
    expect(index.byKey.get('shop/egress-only')!.isolates).toEqual({ Ingress: true, Egress: true });
    expect(index.byKey.get('shop/explicit-egress')!.isolates).toEqual({ Ingress: false, Egress: true });
    expect(index.byKey.get('other/default')!.isolates).toEqual({ Ingress: true, Egress: false });
    expect(index.warnings).toEqual([]);
  });

  it('treats missing/empty from and ports as "any", and keeps an empty rule list empty', () => {
    const { p } = compileOne({
      podSelector: {},
      ingress: [{}, { from: [], ports: [] }],
      egress: [],
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(p.rules.Ingress.map((r) => [r.peers, r.ports])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(p.rules.Egress).toEqual([]);
  });

  it('rejects an invalid ipBlock cidr with a warning and an invalid peer', () => {
    const { index, p } = compileOne({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }, { ipBlock: { cidr: '10.0.0.1' } }] }],
    });
    expect(p.rules.Ingress[0].peers!.map((x) => x.kind)).toEqual(['invalid', 'invalid']);
    expect(index.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('"10.0.0.0/33" is not a valid CIDR'),
      expect.stringContaining('"10.0.0.1" is not a valid CIDR'),
    ]);
    expect(index.warnings[0].object).toBe('shop/p');
  });

  it('requires each except to be a strict subset of cidr (validation.go ValidateIPBlock)', () => {
    const same = compileOne({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }],
    });
    expect(same.p.rules.Ingress[0].peers![0].kind).toBe('invalid');
    expect(same.index.warnings[0].message).toContain('not a strict subset');
    const outside = compileOne({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }] }],
    });
    expect(outside.p.rules.Ingress[0].peers![0].kind).toBe('invalid');
    const ok = compileOne({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
    });
    expect(ok.p.rules.Ingress[0].peers![0]).toMatchObject({
      kind: 'ipBlock',
      text: 'ipBlock 10.0.0.0/8 except 10.1.0.0/16',
    });
    expect(ok.index.warnings).toEqual([]);
  });

  it('rejects peers with nothing set or ipBlock mixed with a selector (ValidateNetworkPolicyPeer)', () => {
    const { index, p } = compileOne({
      podSelector: {},
      ingress: [{ from: [{}, { ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }],
    });
    expect(p.rules.Ingress[0].peers!.map((x) => x.kind)).toEqual(['invalid', 'invalid']);
    expect(index.warnings).toHaveLength(2);
  });

  it('distinguishes an empty selector ({} = all) from an absent one (not specified)', () => {
    const { p } = compileOne({
      podSelector: {},
      ingress: [
        { from: [{ namespaceSelector: {} }, { podSelector: {}, namespaceSelector: { matchLabels: { a: 'b' } } }] },
      ],
    });
    const [a, b] = p.rules.Ingress[0].peers!;
    expect(a).toMatchObject({ kind: 'selector', podSelector: null, namespaceSelector: { empty: true } });
    expect(b).toMatchObject({ kind: 'selector', podSelector: { empty: true }, namespaceSelector: { empty: false } });
  });

  it('defaults protocol to TCP and parses numbers, names and endPort ranges', () => {
    const { index, p } = compileOne({
      podSelector: {},
      ingress: [
        {
          ports: [
            { port: 8080 },
            { protocol: 'UDP', port: 'dns' },
            { port: 8000, endPort: 8100 },
            { protocol: 'SCTP' },
          ],
        },
      ],
    });
    expect(p.rules.Ingress[0].ports!.map((x) => x.text)).toEqual(['TCP/8080', 'UDP/dns', 'TCP/8000-8100', 'SCTP/*']);
    expect(index.warnings).toEqual([]);
  });

  it('marks invalid ports (bad protocol, endPort without numeric port, endPort < port, bad name)', () => {
    const { index, p } = compileOne({
      podSelector: {},
      ingress: [
        {
          ports: [
            { protocol: 'ICMP', port: 1 },
            { port: 'http', endPort: 90 },
            { port: 100, endPort: 90 },
            { port: '80' },
          ],
        },
      ],
    });
    expect(p.rules.Ingress[0].ports!.every((x) => x.invalid !== null)).toBe(true);
    expect(index.warnings).toHaveLength(4);
  });

  it('flags policyTypes values the API rejects', () => {
    const { index, p } = compileOne({ podSelector: {}, policyTypes: ['Ingress', 'ingress'] });
    expect(p.invalid).toContain('"ingress"');
    expect(index.warnings[0].message).toContain('only Ingress and Egress');
  });

  it('records NetworkPolicy unavailability from the model', () => {
    const index = compilePolicies(model([], { NetworkPolicy: '403 Forbidden' }));
    expect(index.unavailable).toBe('403 Forbidden');
  });
});
