// Typed JSON errors of the analysis API: a stable `code` for programs, a `message` for people.
import { NextResponse } from 'next/server';
import type { AnalysisResult } from '@/lib/engine/types';
import type { SourceInfo } from '@/lib/source/types';
import type { PageInfo } from '@/lib/view/analysis-page';

/** Error codes of /api/analysis. */
export type ApiErrorCode = 'bad_request' | 'service_not_found' | 'source_unavailable';

/** Body of an error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

/** Body of a successful response. */
export interface AnalysisResponse {
  source: SourceInfo;
  analysis: AnalysisResult;
  /** Which page of Services this is (absent for `?service=`). */
  page?: PageInfo;
}

/** A JSON error response. */
export function apiError(code: ApiErrorCode, message: string, status: number): NextResponse<ApiErrorBody> {
  return NextResponse.json({ error: { code, message } }, { status });
}
