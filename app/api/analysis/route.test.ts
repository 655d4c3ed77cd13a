// GET /api/analysis stays bounded at scale: a page of Services (never the whole cluster), one Service with
// `?service=`, and a page's size set by its own Services, not by the cluster's.
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { generateCluster } from '@/bench/generate';
import { computeClusterView } from '@/lib/source/compute';
import type { ClusterView } from '@/lib/source/types';
import { DEFAULT_PAGE_SIZE, MAX_ROUTES_PER_SERVICE } from '@/lib/view/analysis-page';

const current: { view: ClusterView | null } = { view: null };
vi.mock('@/lib/source', () => ({ getClusterView: async () => current.view }));
const { GET } = await import('./route');

/** A generated cluster of `services` Services (one Ingress per 10, an ingress proxy per 100) on 100 nodes. */
function clusterOf(services: number): ClusterView {
  const objects = generateCluster({ nodes: 100, pods: services * 3, services, networkPolicies: services / 25 });
  return computeClusterView({ objects, errors: [], warnings: [], ignoredKinds: {} }, 'snapshot', 'gen', new Date(0));
}

async function get(query: string): Promise<{ status: number; bytes: number; body: Record<string, unknown> }> {
  const res = await GET(new NextRequest(`http://127.0.0.1:3000/api/analysis${query}`));
  const text = await res.text();
  return { status: res.status, bytes: text.length, body: JSON.parse(text) };
}

describe('GET /api/analysis at scale', () => {
  const small = clusterOf(1000);
  const large = clusterOf(2000);

  it('answers a page of Services, never the whole cluster, and says how many pages there are', async () => {
    current.view = large;
    const { status, body } = await get('');
    expect(status).toBe(200);
    const analysis = body.analysis as ClusterView['analysis'];
    expect(analysis.services).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(body.page).toMatchObject({ page: 1, pageSize: DEFAULT_PAGE_SIZE, services: 2000, pages: 20 });
    const last = await get('?page=20&pageSize=100');
    expect((last.body.analysis as ClusterView['analysis']).services.map((s) => s.service)).toEqual(
      large.analysis.services.slice(1900).map((s) => s.service),
    );
    expect((await get('?pageSize=501')).status).toBe(400);
  });

  it("a page's size follows its own Services: twice the cluster, the same first page", async () => {
    current.view = small;
    const before = await get('');
    current.view = large;
    const after = await get('');
    expect(after.bytes).toBeLessThan(before.bytes * 1.05);
    expect(JSON.stringify(large.analysis).length).toBeGreaterThan(after.bytes * 5);
  });

  it('answers one Service whole with ?service= (every route of a proxy), and 404 for an unknown one', async () => {
    current.view = large;
    const proxy = large.analysis.services.find((s) => (s.frontDoor?.routes.length ?? 0) > MAX_ROUTES_PER_SERVICE)!;
    const { status, body } = await get(`?service=${encodeURIComponent(proxy.service)}`);
    expect(status).toBe(200);
    const analysis = body.analysis as ClusterView['analysis'];
    expect(analysis.services).toEqual([JSON.parse(JSON.stringify(proxy))]);
    expect(analysis.services[0].frontDoor!.routes).toHaveLength(200);
    expect(analysis.findings.every((f) => f.service === proxy.service)).toBe(true);
    expect((await get('?service=nowhere/none')).status).toBe(404);
  });
});
