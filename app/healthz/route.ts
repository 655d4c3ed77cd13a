// GET /healthz — the process is alive and answering (the kubelet's liveness probe). No sign-in, no data.

/** Never prerendered: a build-time answer would say nothing about the running process. */
export const dynamic = 'force-dynamic';

/** Always 200 while the server can answer at all. */
export function GET() {
  return new Response('ok\n', {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
