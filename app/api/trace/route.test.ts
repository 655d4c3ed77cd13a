// POST /api/trace stays bounded at scale: one packet to one Service answers that Service's endpoints,
// whatever the size of the cluster around it.
import { describe, expect, it, vi } from 'vitest';
import { generateCluster } from '@/bench/generate';
import { computeClusterView } from '@/lib/source/compute';
import type { ClusterView } from '@/lib/source/types';
import type { TraceApiResponse } from '@/lib/view/trace-api';

const current: { view: ClusterView | null } = { view: null };
vi.mock('@/lib/source', () => ({ getClusterView: async () => current.view }));
const { POST } = await import('./route');

function clusterOf(services: number): ClusterView {
  const objects = generateCluster({ nodes: 100, pods: services * 3, services, networkPolicies: services / 25 });
  return computeClusterView({ objects, errors: [], warnings: [], ignoredKinds: {} }, 'snapshot', 'gen', new Date(0));
}

async function trace(body: object): Promise<{ status: number; bytes: number; answer: TraceApiResponse }> {
  const res = await POST(
    new Request('http://127.0.0.1:3000/api/trace', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  );
  const text = await res.text();
  return { status: res.status, bytes: text.length, answer: JSON.parse(text) };
}

describe('POST /api/trace at scale', () => {
  it("answers one Service's endpoints, the same size in a cluster twice as large", async () => {
    const sizes: number[] = [];
    for (const services of [1000, 2000]) {
      current.view = clusterOf(services);
      // app-40: a LoadBalancer Service (every tenth) in ns-0 in both clusters; its first entry is the destination.
      const svc = current.view.analysis.services.find((s) => s.service === 'ns-0/app-40')!;
      expect(svc.type).toBe('LoadBalancer');
      const { status, bytes, answer } = await trace({
        service: svc.service,
        from: '203.0.113.10',
        node: 'node-0',
        policy: 'Cluster',
      });
      expect(status).toBe(200);
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.result.service).toBe(svc.service);
      expect(answer.result.endpoints.length).toBeGreaterThan(0);
      expect(answer.result.endpoints.length).toBeLessThanOrEqual(svc.endpoints.total);
      sizes.push(bytes);
    }
    expect(sizes[1]).toBeLessThan(sizes[0] * 1.05);
  });

  it('answers 404 for a Service the cluster does not hold', async () => {
    current.view = clusterOf(100);
    const { status, answer } = await trace({ service: 'nowhere/none', from: '203.0.113.10' });
    expect(status).toBe(404);
    expect(answer).toMatchObject({ ok: false, error: { code: 'service_not_found' } });
  });
});
