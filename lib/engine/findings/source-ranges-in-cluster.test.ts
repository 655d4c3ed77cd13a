import { describe, expect, it } from 'vitest';
import { webObjects, WEB } from '../testing/scenarios';
import { ciliumWeb } from './policy-fixtures';
import { sourceRangesInCluster } from './source-ranges-in-cluster';
import { runOn } from './testing';

const ranges = { loadBalancerSourceRanges: ['10.8.0.0/16', '172.16.40.0/22'] };

describe('source-ranges-in-cluster (TestLoadBalancer "pod to LB1 (blocked)")', () => {
  it('kube-proxy: ranges that leave out the pod CIDR drop every in-cluster caller of the LB IP', () => {
    const f = runOn(sourceRangesInCluster, webObjects({ service: ranges }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('source-ranges-in-cluster/default/web');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(
      `web (${WEB.lbIP}) admits only 10.8.0.0/16 and 172.16.40.0/22; kube-proxy enforces the ranges on in-cluster traffic to the LB IP too, so any pod (pod CIDR 10.244.0.0/16) or host process on a node calling ${WEB.lbIP}:80 is dropped; in-cluster clients should use web.default.svc (ClusterIP ${WEB.clusterIP}).`,
    );
    expect(f[0].fixYaml).toContain('- 10.244.0.0/16   # in-cluster pods');
    expect(f[0].source).toMatch(/TestLoadBalancer/);
  });

  it('ranges covering the node network do not mention host processes', () => {
    const f = runOn(
      sourceRangesInCluster,
      webObjects({ service: { loadBalancerSourceRanges: ['192.168.0.0/24'] } }),
      'default/web',
    );
    expect(f[0].message).toContain('so any pod (pod CIDR 10.244.0.0/16) calling');
  });

  it('ranges that include the pod CIDR, no ranges, ipMode Proxy, or Cilium (in-cluster never filtered): no finding', () => {
    expect(
      runOn(
        sourceRangesInCluster,
        webObjects({ service: { loadBalancerSourceRanges: ['10.0.0.0/8'] } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(runOn(sourceRangesInCluster, webObjects(), 'default/web')).toEqual([]);
    expect(
      runOn(
        sourceRangesInCluster,
        webObjects({ service: { ...ranges, lbIngress: [{ ip: WEB.lbIP, ipMode: 'Proxy' }] } }),
        'default/web',
      ),
    ).toEqual([]);
    expect(runOn(sourceRangesInCluster, ciliumWeb({ service: ranges }), 'default/web')).toEqual([]);
  });

  it("without a clusterCIDR the nodes' podCIDRs stand for the pod range", () => {
    const f = runOn(sourceRangesInCluster, webObjects({ service: ranges, kubeProxy: null }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('pod CIDR 10.244.0.0/24, 10.244.1.0/24 and 10.244.2.0/24');
  });
});
