import { describe, expect, it } from 'vitest';
import { webObjects } from '../testing/scenarios';
import { ciliumIpBlockNodes } from './cilium-ipblock-nodes';
import { allowWeb, ciliumWeb } from './policy-fixtures';
import { runOn } from './testing';

const nodeIPs = allowWeb('web-allow-partners', [
  '203.0.113.0/26',
  '192.168.0.1/32',
  '192.168.0.2/32',
  '192.168.0.3/32',
]);

describe('cilium-ipblock-nodes (language.rst "Selecting nodes with CIDR / ipBlock")', () => {
  it('kube-proxy replacement in SNAT mode, policy-cidr-match-mode unset: error', () => {
    const f = runOn(ciliumIpBlockNodes, ciliumWeb({ extra: [nodeIPs] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('cilium-ipblock-nodes/default/web/web-allow-partners');
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toBe(
      'web-allow-partners lists the addresses of all 3 nodes (192.168.0.1, 192.168.0.2 and 192.168.0.3) as ipBlocks, but policy-cidr-match-mode is not set: Cilium never matches node addresses with CIDR rules, so traffic a node SNATs toward a backend of web on another node (identity remote-node) is denied.',
    );
    expect(f[0].evidence).toContainEqual({ kind: 'ConfigMap', name: 'kube-system/cilium-config' });
    expect(f[0].fixYaml).toContain('policy-cidr-match-mode: nodes');
  });

  it('the configured value is quoted as written', () => {
    const f = runOn(
      ciliumIpBlockNodes,
      ciliumWeb({ extra: [nodeIPs], cilium: { 'policy-cidr-match-mode': '' } }),
      'default/web',
    );
    expect(f[0].message).toContain('policy-cidr-match-mode is "":');
  });

  it('Local (no SNAT) or DSR: the entries are dead, a warning', () => {
    const local = runOn(
      ciliumIpBlockNodes,
      ciliumWeb({ service: { externalTrafficPolicy: 'Local' }, extra: [nodeIPs] }),
      'default/web',
    );
    expect(local[0].severity).toBe('warning');
    expect(local[0].message).toMatch(/these entries admit nothing\.$/);
    const dsr = runOn(
      ciliumIpBlockNodes,
      ciliumWeb({ extra: [nodeIPs], cilium: { 'bpf-lb-mode': 'dsr' } }),
      'default/web',
    );
    expect(dsr[0].severity).toBe('warning');
  });

  it('policy-cidr-match-mode=nodes, no node address in the blocks, or not Cilium: no finding', () => {
    expect(
      runOn(
        ciliumIpBlockNodes,
        ciliumWeb({ extra: [nodeIPs], cilium: { 'policy-cidr-match-mode': 'nodes' } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(runOn(ciliumIpBlockNodes, ciliumWeb({ extra: [allowWeb('p', ['203.0.113.0/26'])] }), 'default/web')).toEqual(
      [],
    );
    expect(runOn(ciliumIpBlockNodes, webObjects({ extra: [nodeIPs] }), 'default/web')).toEqual([]);
    expect(runOn(ciliumIpBlockNodes, ciliumWeb({ extra: [allowWeb('world', ['0.0.0.0/0'])] }), 'default/web')).toEqual(
      [],
    );
  });
});
