// /api/contexts — the contexts a browser can switch between in live mode (KUBEPATH_CONTEXTS; see
// lib/source/live.ts allowedContexts). GET: `{ live, contexts, active, error }`. POST `{ "context": "name" }`:
// validated against the allowed contexts, remembered in a cookie for this browser, and that context's
// informers are started — the only way to start watching a context. JSON only, body size limited while
// it streams, and same-origin: the Origin must name the host the request was sent to (X-Forwarded-Host
// counts only from a trusted proxy; with authentication on, a POST without Origin is refused).
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authEnabled } from '@/lib/auth/config';
import { guardApi } from '@/lib/auth/guard';
import { payloadTooLarge, readLimitedText } from '@/lib/server/body';
import { sameOrigin } from '@/lib/server/origin';
import { preferenceCookieOptions } from '@/lib/server/preference-cookie';
import { requestRecord } from '@/lib/server/request-context';
import { sourceConfigFromEnv } from '@/lib/source';
import { allowedContexts, CONTEXT_COOKIE, liveSourceFor, requestedContext, resolveContext } from '@/lib/source/live';

/** Never prerendered. */
export const dynamic = 'force-dynamic';

/** Largest body accepted: `{"context": "<253 characters>"}`. */
const MAX_BODY_BYTES = 1024;

/** Error codes of this route. */
type ContextErrorCode = 'not_live' | 'bad_request' | 'unknown_context' | 'forbidden';

function fail(code: ContextErrorCode, message: string, status: number) {
  return NextResponse.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

const bodySchema = z.object({ context: z.string().min(1).max(253) }).strict();

/** The contexts and the one this browser looks at. */
export async function GET(request: Request) {
  const denied = await guardApi(request);
  if (denied) return denied;
  const config = sourceConfigFromEnv();
  if (!config.live) return NextResponse.json({ live: false, contexts: [], active: null });
  const list = await allowedContexts(config.live);
  const active = await resolveContext(config.live, await requestedContext());
  if (list.error) console.error(`GET /api/contexts: ${list.error}`);
  // The reason can name files: only the log has it when other people use this server.
  const error =
    list.error && authEnabled() ? 'The kubeconfig cannot be read; the server log has the details.' : list.error;
  return NextResponse.json({ live: true, contexts: list.contexts, active, error });
}

/** Switches this browser to another context. */
export async function POST(request: NextRequest) {
  const denied = await guardApi(request);
  if (denied) return denied;
  const trustedPeer = requestRecord(request.headers)?.trustedPeer ?? false;
  if (!sameOrigin(request.headers, trustedPeer, authEnabled()))
    return fail('forbidden', 'Cross-origin requests cannot switch the context.', 403);
  const config = sourceConfigFromEnv();
  if (!config.live) return fail('not_live', 'The dashboard does not show a live cluster.', 400);
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
    return fail('bad_request', 'Send JSON: {"context": "name"}.', 415);
  const text = await readLimitedText(request, MAX_BODY_BYTES);
  if (!text.ok) return payloadTooLarge(text.message);
  let body: unknown;
  try {
    body = JSON.parse(text.text);
  } catch {
    return fail('bad_request', 'The request body is not JSON.', 400);
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return fail('bad_request', 'Send {"context": "name"}.', 400);
  const list = await allowedContexts(config.live);
  if (!list.contexts.includes(parsed.data.context)) {
    return fail('unknown_context', `"${parsed.data.context}" is not one of the contexts this server may show.`, 404);
  }
  liveSourceFor(config.live, parsed.data.context);
  const res = NextResponse.json({ active: parsed.data.context }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(CONTEXT_COOKIE, parsed.data.context, preferenceCookieOptions(request));
  return res;
}
