import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../net/ip';
import { webObjects } from '../testing/scenarios';
import { allowWeb } from './policy-fixtures';
import { addressInside } from './sample-client';
import { contextOf, factsOf } from './testing';

describe('sample client', () => {
  it('taken from inside the first client allow-list of the pods (x.x.x.20), recorded with its origin', () => {
    const ctx = contextOf(
      webObjects({ extra: [allowWeb('p', ['198.51.100.128/26', '203.0.113.0/26'])] }),
      'default/web',
    );
    expect(ctx.svc.sampleClient.ip).toBe('198.51.100.148');
    expect(ctx.svc.sampleClient.origin).toBe('allow-list');
    expect(ctx.svc.sampleClient.allowList?.cidr).toBe('198.51.100.128/26');
    expect(ctx.svc.analysis.paths.Cluster.clientIP).toBe('198.51.100.148');
    expect(ctx.svc.analysis.paths.Local.clientIP).toBe('198.51.100.148');
  });

  it('skips blocks that cover node addresses, the pod range or nearly everything', () => {
    const ctx = contextOf(
      webObjects({
        extra: [
          allowWeb('p', [
            '192.168.0.0/24',
            '10.244.0.0/16',
            { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
            '203.0.113.0/26',
          ]),
        ],
      }),
      'default/web',
    );
    expect(ctx.svc.sampleClient.ip).toBe('203.0.113.20');
  });

  it('stays inside loadBalancerSourceRanges, preferring an allow-list that overlaps them', () => {
    const ctx = contextOf(
      webObjects({
        service: { loadBalancerSourceRanges: ['203.0.113.64/28'] },
        extra: [allowWeb('p', ['198.51.100.0/26', '203.0.113.0/24'])],
      }),
      'default/web',
    );
    expect(ctx.svc.sampleClient.origin).toBe('allow-list');
    expect(ctx.svc.sampleClient.allowList?.cidr).toBe('203.0.113.0/24');
    expect(ctx.svc.sampleClient.ip).toBe('203.0.113.65');
    const rangeOnly = contextOf(
      webObjects({ service: { loadBalancerSourceRanges: ['172.16.40.0/22'] } }),
      'default/web',
    );
    expect(rangeOnly.svc.sampleClient).toEqual({ ip: '172.16.40.20', origin: 'source-range', allowList: null });
  });

  it('otherwise the option, else the documentation default', () => {
    expect(contextOf(webObjects(), 'default/web').svc.sampleClient).toEqual({
      ip: '203.0.113.10',
      origin: 'default',
      allowList: null,
    });
    expect(contextOf(webObjects(), 'default/web', { clientIP: '192.0.2.7' }).svc.sampleClient).toEqual({
      ip: '192.0.2.7',
      origin: 'option',
      allowList: null,
    });
  });

  it('addressInside avoids excepts and cluster addresses; a /32 is its own address', () => {
    const facts = factsOf(webObjects());
    const c = (t: string) => parseCidr(t)!;
    expect(addressInside(facts.model, [], c('203.0.113.0/24'), [c('203.0.113.0/27')])).toBe('203.0.113.50');
    expect(addressInside(facts.model, [], c('198.51.100.7/32'), [])).toBe('198.51.100.7');
    // 192.168.0.1 and .2 are node addresses; .20 is free.
    expect(addressInside(facts.model, [], c('192.168.0.0/24'), [])).toBe('192.168.0.20');
    expect(addressInside(facts.model, [], c('192.168.0.1/32'), [])).toBeNull();
  });
});
