import { describe, expect, it } from 'vitest';
import { exportMeta } from './export-meta';

describe('exportMeta', () => {
  const base = {
    service: 'partner-api/partner-gateway',
    path: 'external' as const,
    field: 'externalTrafficPolicy' as const,
    shown: ['Cluster', 'Local'] as ('Cluster' | 'Local')[],
    actual: 'Cluster' as const,
    source: 'Demo cluster: Northwind Retail',
    at: new Date('2026-12-06T01:02:03.456Z'),
    trace: null,
    clientPod: null,
  };

  it('names the Service, path, policies, cluster and time', () => {
    expect(exportMeta(base)).toEqual({
      title: 'Service partner-api/partner-gateway — external path',
      lines: [
        'Cluster: Demo cluster: Northwind Retail · externalTrafficPolicy: Cluster (actual) vs Local (what if) · exported 2026-12-06T01:02:03Z',
      ],
    });
  });

  it('adds the trace inputs and the chosen client pod', () => {
    const m = exportMeta({
      ...base,
      path: 'in-cluster',
      field: 'internalTrafficPolicy',
      shown: ['Local'],
      clientPod: 'storefront/web-1',
      trace: { from: '198.51.100.20', to: '192.0.2.22', port: '443', proto: 'tcp', node: 'prod-worker-02' },
    });
    expect(m.title).toBe('Service partner-api/partner-gateway — in-cluster path');
    expect(m.lines.slice(1)).toEqual([
      'Client pod: storefront/web-1',
      'Traced packet: 198.51.100.20 → 192.0.2.22:443/tcp arriving at prod-worker-02',
    ]);
  });
});
