// GET /metrics — Prometheus metrics (lib/server/metrics.ts). No sign-in (Prometheus does not sign in),
// and no cluster data in them: kinds, error classes, route patterns and numbers only.
import { metrics } from '@/lib/server/metrics';

/** Never prerendered. */
export const dynamic = 'force-dynamic';

/** The metrics in the Prometheus text format. */
export async function GET() {
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
  });
}
