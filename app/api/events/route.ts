// GET /api/events — server-sent events of the live source: `{version, status}` (lib/live/status.ts
// LiveEvent) at once, on every new view version and status change, and with a heartbeat every 15 s (a
// comment line that keeps proxies from closing an idle stream, plus the status, so the browser can
// tell a live stream from a dead one). 204 in demo/snapshot modes: EventSource stops on 204. With
// authentication on, every heartbeat checks the request again and ends the stream once it is refused.
import { checkRequest, guardApi } from '@/lib/auth/guard';
import { getLiveSource } from '@/lib/source';
import type { LiveEvent } from '@/lib/live/status';

/** Never prerendered; one stream per browser tab. */
export const dynamic = 'force-dynamic';

/** Interval of the heartbeat (ms). */
const HEARTBEAT_MS = 15_000;

/** The event stream of the request's context. */
export async function GET(request: Request): Promise<Response> {
  const denied = await guardApi(request);
  if (denied) return denied;
  const source = await getLiveSource();
  if (!source) return new Response(null, { status: 204 });
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const event = (e: LiveEvent) => send(`data: ${JSON.stringify(e)}\n\n`);
      // EventSource reconnects after `retry` ms when the stream breaks.
      send('retry: 3000\n\n');
      event({ version: source.currentVersion, status: source.status() });
      const unsubscribe = source.subscribe(event);
      const heartbeat = setInterval(async () => {
        // A stream outlives the request that opened it: check again that its sender may still read (an
        // assertion expires, an allow-list changes), and end it when not.
        if (!(await checkRequest(request.headers, 'GET /api/events (open stream)')).ok) return cleanup();
        send(`: heartbeat ${new Date().toISOString()}\n\n`);
        event({ version: source.currentVersion, status: source.status() });
      }, HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener('abort', () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // nginx (ingress-nginx) buffers responses unless told not to.
      'X-Accel-Buffering': 'no',
    },
  });
}
