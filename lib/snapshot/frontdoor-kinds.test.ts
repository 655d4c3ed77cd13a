import { describe, expect, it } from 'vitest';
import { mergeSnapshots, parseSnapshotText } from './parse';

const list = (items: object[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

describe('snapshots with front-door kinds (issue 9)', () => {
  it('keeps Ingress, Gateway API, Istio, MetalLB, OpenELB and Cilium objects instead of ignoring them', () => {
    const s = parseSnapshotText(
      list([
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a', namespace: 'x' } },
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'x' } },
        { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'v', namespace: 'x' } },
        { apiVersion: 'metallb.io/v1beta1', kind: 'ServiceL2Status', metadata: { name: 'l2', namespace: 'm' } },
        { apiVersion: 'network.kubesphere.io/v1alpha2', kind: 'Eip', metadata: { name: 'e' } },
        { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumL2AnnouncementPolicy', metadata: { name: 'p' } },
        { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      ]),
      'front-doors.json',
    );
    expect(s.objects.map((o) => o.kind)).toEqual([
      'Ingress',
      'HTTPRoute',
      'VirtualService',
      'ServiceL2Status',
      'Eip',
      'CiliumL2AnnouncementPolicy',
    ]);
    expect(s.ignoredKinds).toEqual({ Widget: 1 });
  });

  it("Istio's Gateway and the Gateway API's Gateway of the same name are different objects", () => {
    const a = parseSnapshotText(
      list([
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: 'public', namespace: 'edge' },
        },
      ]),
      'a.json',
    );
    const b = parseSnapshotText(
      list([
        { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'public', namespace: 'edge' } },
      ]),
      'b.json',
    );
    const m = mergeSnapshots([a, b]);
    expect(m.objects.map((o) => o.apiVersion)).toEqual(['gateway.networking.k8s.io/v1', 'networking.istio.io/v1']);
    expect(m.warnings).toEqual([]);
  });
});
