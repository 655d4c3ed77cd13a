// GET /api/analysis — the current source's AnalysisResult as JSON (what `kubepath analyze --json` prints),
// with the source it came from, one bounded page of Services at a time (`?page=N&pageSize=M`, default the
// first 100; `page` in the body says how many there are). `?service=namespace/name` narrows it to one
// Service and its findings. Identical requests of one view share one serialised body (body-cache.ts).
// `?demo=<id>` picks an embedded demo cluster (when the server shows the demo).
import type { NextRequest } from 'next/server';
import { guardApi } from '@/lib/auth/guard';
import { getClusterView } from '@/lib/source';
import { DEMO_PARAM, demoParamError } from '@/lib/source/demo-choice';
import { analysisPage, parsePageQuery } from '@/lib/view/analysis-page';
import { createBodyCache, sharedBodyResponse } from './body-cache';
import { apiError } from './errors';

/** Response body of a successful GET /api/analysis. */
export type { AnalysisResponse } from './errors';

/** Reads the source at request time (never prerendered). */
export const dynamic = 'force-dynamic';

const bodies = createBodyCache();

function json(body: Uint8Array): Response {
  return sharedBodyResponse(body, { 'content-type': 'application/json' });
}

/** The analysis of the whole cluster, or of one Service. */
export async function GET(request: NextRequest) {
  const denied = await guardApi(request);
  if (denied) return denied;
  const service = request.nextUrl.searchParams.get('service');
  // Only the shape is checked: snapshot names need not be valid Kubernetes names (and may contain '/').
  if (service !== null && (!service.includes('/') || service.length > 1000)) {
    return apiError('bad_request', 'service must be "namespace/name"', 400);
  }
  const paging = parsePageQuery(request.nextUrl.searchParams.get('page'), request.nextUrl.searchParams.get('pageSize'));
  if ('error' in paging) return apiError('bad_request', paging.error, 400);
  const demo = request.nextUrl.searchParams.get(DEMO_PARAM);
  const demoError = demoParamError(demo);
  if (demoError) return apiError('bad_request', demoError, 400);
  let view;
  try {
    view = await getClusterView({ demo });
  } catch (e) {
    console.error('GET /api/analysis: reading the cluster source failed', e);
    return apiError('source_unavailable', 'the cluster data could not be read; see the server log', 503);
  }
  const { analysis, source } = view;
  if (service === null) {
    const key = `page ${paging.page} ${paging.pageSize}`;
    return json(bodies(view, key, () => ({ source, ...analysisPage(analysis, paging.page, paging.pageSize) })));
  }
  const one = analysis.services.find((s) => s.service === service);
  if (!one) return apiError('service_not_found', `no Service ${service} in the ${source.kind} data`, 404);
  return json(
    bodies(view, `service ${service}`, () => ({
      source,
      analysis: { ...analysis, services: [one], findings: analysis.findings.filter((f) => f.service === service) },
    })),
  );
}
