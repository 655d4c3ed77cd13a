// GET /readyz — the cluster source has synced (the kubelet's readiness probe): 200 once the live source's
// watches are all open (or the demo/snapshot data was read), 503 before that and while the API server
// cannot be read. No sign-in; the answer is one word of state, never cluster data.
import { sourceReadiness } from '@/lib/source';

/** Never prerendered. */
export const dynamic = 'force-dynamic';

/** 200 `ready`, or 503 with the source's state. */
export async function GET() {
  const { ready, state } = await sourceReadiness();
  return new Response(ready ? 'ready\n' : `not ready: ${state}\n`, {
    status: ready ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
