// GET /api/progress — how far the snapshot load is, for the overview's progress view while the first page
// waits for it: `{ "loading": { phase, done, total, startedAt } }` (lib/source/types.ts LoadProgress), or
// `{ "loading": null }` once the cluster view is at hand (and always for the demo and live sources). Cheap by
// design: it never waits for the load — ask /api/analysis for the data itself (it waits, never partial).
import { guardApi } from '@/lib/auth/guard';
import { getPendingLoad, type LoadProgress } from '@/lib/source';

/** Never prerendered: the answer changes while the load runs. */
export const dynamic = 'force-dynamic';

/** Body of GET /api/progress. */
export interface ProgressResponse {
  loading: LoadProgress | null;
}

/** The load's progress. */
export async function GET(request: Request): Promise<Response> {
  const denied = await guardApi(request);
  if (denied) return denied;
  const pending = await getPendingLoad();
  const body: ProgressResponse = { loading: pending?.progress ?? null };
  return Response.json(body);
}
