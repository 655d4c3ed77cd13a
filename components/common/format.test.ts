import { describe, expect, it } from 'vitest';
import type { Dataplane } from '@/lib/engine/types';
import { describeDataplane } from './DataplaneBadge';
import { formatAge } from './Freshness';

describe('formatAge', () => {
  it('reads like a person would say it', () => {
    expect(formatAge(-5000)).toBe('just now');
    expect(formatAge(1500)).toBe('just now');
    expect(formatAge(12_000)).toBe('12 s ago');
    expect(formatAge(3 * 60_000 + 5000)).toBe('3 min ago');
    expect(formatAge(2 * 3_600_000)).toBe('2 h ago');
    expect(formatAge(4 * 86_400_000)).toBe('4 d ago');
  });
});

describe('describeDataplane', () => {
  const base: Dataplane = {
    proxyMode: 'iptables',
    proxyModeSource: 'kube-proxy-configmap',
    clusterCIDRs: [],
    detectLocalMode: 'ClusterCIDR',
    masqueradeAll: false,
    nodePortAddresses: [],
    localhostNodePorts: true,
    cni: 'calico',
    overlay: 'ipip',
    cilium: null,
    assumptions: [],
  };
  it('says whether the proxy mode was detected or assumed, and names the overlay', () => {
    expect(describeDataplane(base)).toBe('iptables (detected) · calico/ipip');
    expect(describeDataplane({ ...base, proxyModeSource: 'assumed', cni: 'unknown', overlay: 'unknown' })).toBe(
      'iptables (assumed) · CNI unknown',
    );
    expect(describeDataplane({ ...base, cni: 'aws-vpc-cni', overlay: 'none' })).toBe(
      'iptables (detected) · aws-vpc-cni',
    );
  });
});
