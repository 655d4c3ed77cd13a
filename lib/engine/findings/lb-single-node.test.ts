import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { proxiedWeb } from '../frontdoor/testing';
import { lbSingleNode } from './lb-single-node';
import { runOn } from './testing';

const metal = (kind: string): KubeObject[] => [
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: 'lan', namespace: 'metallb-system' },
    spec: { addresses: ['198.51.100.0/24'] },
  },
  { apiVersion: 'metallb.io/v1beta1', kind, metadata: { name: 'adv', namespace: 'metallb-system' }, spec: {} },
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'ServiceL2Status',
    metadata: { name: 'l2-web', namespace: 'metallb-system' },
    status: { node: 'node-b', serviceName: 'web', serviceNamespace: 'default' },
  },
];
const ann = { 'metallb.io/ip-allocated-from-pool': 'lan' };

describe('lb-single-node', () => {
  it('MetalLB L2 announcing from node-b: under Local only its 1 pod of 2 serves', () => {
    const f = runOn(
      lbSingleNode,
      proxiedWeb({ service: { annotations: ann, externalTrafficPolicy: 'Local' }, extra: metal('L2Advertisement') }),
      'default/web',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe(
      'MetalLB layer-2 (ARP/NDP) mode (metallb-l2) announces default/web from node node-b: under Local only its 1 pod of 2 serve, and under Cluster every flow takes an extra hop from it to the pods (now Local).',
    );
    expect(f[0].evidence).toContainEqual({ kind: 'Node', name: 'node-b' });
  });

  it('MetalLB BGP spreads over nodes: no finding', () => {
    expect(
      runOn(
        lbSingleNode,
        proxiedWeb({ service: { annotations: ann }, extra: metal('BGPAdvertisement') }),
        'default/web',
      ),
    ).toEqual([]);
  });
});
