// POST /api/trace: traces one packet through the cluster the dashboard shows. The body is the trace
// form's inputs (validated with zod, lib/view/trace-api.ts); errors are typed (stable codes with
// their HTTP status) and never carry internals: unexpected failures are logged, not returned. `?demo=<id>`
// picks an embedded demo cluster (else the browser's cookie: lib/source/demo-choice.ts).
import { NextResponse } from 'next/server';
import { guardApi } from '@/lib/auth/guard';
import { readLimitedText } from '@/lib/server/body';
import { getClusterView } from '@/lib/source';
import { DEMO_PARAM, demoParamError } from '@/lib/source/demo-choice';
import { runTrace } from '@/lib/view/run-trace';
import { findServiceAnalysis } from '@/lib/view/service-page-data';
import {
  describeValidationError,
  inputsOf,
  TRACE_ERROR_STATUS,
  traceApiRequestSchema,
  type TraceApiResponse,
  type TraceErrorCode,
} from '@/lib/view/trace-api';

/** Largest body accepted (the form's fields are short); checked while the body streams. */
const MAX_BODY_BYTES = 8 * 1024;

function fail(code: TraceErrorCode, message: string): NextResponse<TraceApiResponse> {
  return NextResponse.json({ ok: false, error: { code, message } }, { status: TRACE_ERROR_STATUS[code] });
}

/** Traces a packet; see TraceApiResponse for the answer's shape. */
export async function POST(request: Request): Promise<Response> {
  const denied = await guardApi(request);
  if (denied) return denied;
  const body = await readLimitedText(request, MAX_BODY_BYTES);
  if (!body.ok) return fail('payload_too_large', body.message);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return fail('bad_request', 'The request body is not JSON.');
  }
  const parsed = traceApiRequestSchema.safeParse(json);
  if (!parsed.success) return fail('bad_request', describeValidationError(parsed.error));
  const inputs = parsed.data;
  const demo = new URL(request.url).searchParams.get(DEMO_PARAM);
  const demoError = demoParamError(demo);
  if (demoError) return fail('bad_request', demoError);
  let view: Awaited<ReturnType<typeof getClusterView>>;
  try {
    view = await getClusterView({ demo });
  } catch (err) {
    console.error('trace: cluster data unavailable', err);
    return fail('source_unavailable', 'The cluster data could not be read; the server log has the details.');
  }
  try {
    let entries: NonNullable<ReturnType<typeof findServiceAnalysis>>['entries'] = [];
    if (inputs.service) {
      const slash = inputs.service.indexOf('/');
      const analysis = findServiceAnalysis(
        view.analysis,
        inputs.service.slice(0, slash),
        inputs.service.slice(slash + 1),
      );
      if (!analysis) return fail('service_not_found', `Service ${inputs.service} is not in the cluster data.`);
      entries = analysis.entries;
    }
    const outcome = runTrace(view, entries, inputsOf(inputs), inputs.policy);
    if (!outcome.ok) return fail('bad_request', outcome.error);
    return NextResponse.json({
      ok: true,
      result: outcome.result,
      sourceKind: outcome.sourceKind,
      arrival: outcome.arrival,
    });
  } catch (err) {
    console.error('trace failed', err);
    return fail('internal_error', 'The trace could not be computed; the server log has the details.');
  }
}
