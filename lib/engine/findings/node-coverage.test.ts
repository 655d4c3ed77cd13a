import { describe, expect, it } from 'vitest';
import { webObjects } from '../testing/scenarios';
import { CALICO_BGP, CALICO_IPIP, allowWeb } from './policy-fixtures';
import { contextOf } from './testing';

const coverageOf = (annotations: typeof CALICO_IPIP, cidrs: (string | { cidr: string; except: string[] })[]) => {
  const ctx = contextOf(webObjects({ nodeAnnotations: annotations, extra: [allowWeb('p', cidrs)] }), 'default/web');
  return ctx.cluster.nodeCoverage(ctx.svc.allowLists[0]);
};

describe('node coverage of an ipBlock', () => {
  it('Calico IPIP: the node network covers InternalIPs and same-node SNAT addresses, not the tunl0 cross-node ones', () => {
    const c = coverageOf(CALICO_IPIP, ['192.168.0.0/24']);
    expect(c.publishedIPNodes).toEqual(['node-a', 'node-b', 'node-c']);
    expect(c.sameSnatNodes).toEqual(['node-a', 'node-b', 'node-c']);
    expect(c.crossSnatNodes).toEqual([]);
  });

  it('Calico IPIP: the pod range covers the tunl0 addresses (and derived gateway addresses) but no InternalIP', () => {
    const c = coverageOf(CALICO_IPIP, ['10.244.0.0/16']);
    expect(c.publishedIPNodes).toEqual([]);
    expect(c.crossSnatNodes).toEqual(['node-a', 'node-b', 'node-c']);
    expect(c.addresses.some((a) => a.kind === 'calicoIPIP' && a.address === '10.244.1.0')).toBe(true);
  });

  it('without encapsulation cross-node SNAT uses the InternalIP; excepts remove addresses', () => {
    expect(coverageOf(CALICO_BGP, ['192.168.0.0/24']).crossSnatNodes).toEqual(['node-a', 'node-b', 'node-c']);
    const c = coverageOf(CALICO_BGP, [{ cidr: '192.168.0.0/24', except: ['192.168.0.2/32'] }]);
    expect(c.publishedIPNodes).toEqual(['node-a', 'node-c']);
  });
});
