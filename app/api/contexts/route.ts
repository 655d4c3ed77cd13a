// /api/contexts — the kubeconfig contexts a browser can switch between in live mode.
// GET: `{ live, contexts, active }`. POST `{ "context": "name" }`: validated against the kubeconfig,
// remembered in a cookie for this browser, and that context's informers are started. JSON only, and
// same-origin when the browser says where it comes from (a cross-site form cannot switch it).
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { sourceConfigFromEnv } from '@/lib/source';
import { CONTEXT_COOKIE, listContexts, liveSourceFor, requestedContext, resolveContext } from '@/lib/source/live';

/** Never prerendered. */
export const dynamic = 'force-dynamic';

/** Error codes of this route. */
type ContextErrorCode = 'not_live' | 'bad_request' | 'unknown_context' | 'forbidden';

function fail(code: ContextErrorCode, message: string, status: number) {
  return NextResponse.json({ error: { code, message } }, { status });
}

/** True when the browser's Origin (if it sent one) names the host the request was sent to. */
function sameOrigin(origin: string | null, host: string | null): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const bodySchema = z.object({ context: z.string().min(1).max(253) }).strict();

/** The contexts and the one this browser looks at. */
export async function GET() {
  const config = sourceConfigFromEnv();
  if (!config.live) return NextResponse.json({ live: false, contexts: [], active: null });
  const list = await listContexts(config.live);
  const active = await resolveContext(config.live, await requestedContext());
  return NextResponse.json({ live: true, contexts: list.contexts, active, error: list.error });
}

/** Switches this browser to another context. */
export async function POST(request: NextRequest) {
  const config = sourceConfigFromEnv();
  if (!config.live) return fail('not_live', 'The dashboard does not show a live cluster.', 400);
  if (
    !sameOrigin(request.headers.get('origin'), request.headers.get('x-forwarded-host') ?? request.headers.get('host'))
  ) {
    return fail('forbidden', 'Cross-origin requests cannot switch the context.', 403);
  }
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
    return fail('bad_request', 'Send JSON: {"context": "name"}.', 415);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail('bad_request', 'The request body is not JSON.', 400);
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return fail('bad_request', 'Send {"context": "name"}.', 400);
  const list = await listContexts(config.live);
  if (!list.contexts.includes(parsed.data.context)) {
    return fail('unknown_context', `There is no context "${parsed.data.context}" in the kubeconfig.`, 404);
  }
  liveSourceFor(config.live, parsed.data.context);
  const res = NextResponse.json({ active: parsed.data.context });
  res.cookies.set(CONTEXT_COOKIE, parsed.data.context, {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
  return res;
}
