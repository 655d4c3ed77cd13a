// The contract of POST /api/trace, shared by the route handler and the trace form: a zod schema for
// the body (the form's inputs as typed) and typed errors (stable codes mapped to HTTP status).
import { z } from 'zod';
import type { TraceSource } from '../engine/types';
import type { TraceView } from './trace-endpoints';
import { TRACE_PROTOCOLS, type TraceInputs } from './url-state';

/** Body of POST /api/trace. */
export const traceApiRequestSchema = z.object({
  /** `namespace/name` of the Service whose first entry is the default destination. */
  service: z
    .string()
    .max(507)
    .regex(/^[^/\s]+\/[^/\s]+$/, 'service must be namespace/name')
    .nullable()
    .default(null),
  from: z.string().max(300),
  to: z.string().max(300).default(''),
  port: z
    .string()
    .regex(/^\d{0,5}$/, 'port must be digits')
    .default(''),
  proto: z.enum(TRACE_PROTOCOLS).default('tcp'),
  node: z.string().max(253).default(''),
  /** Overrides the Service's externalTrafficPolicy (what-if); null = the Service's own. */
  policy: z.enum(['Cluster', 'Local']).nullable().default(null),
});

/** A parsed request body. */
export type TraceApiRequest = z.infer<typeof traceApiRequestSchema>;

/** Error codes of the trace API (spelled like /api/analysis's). */
export type TraceErrorCode =
  'bad_request' | 'payload_too_large' | 'service_not_found' | 'source_unavailable' | 'internal_error';

/** HTTP status per error code. */
export const TRACE_ERROR_STATUS: Record<TraceErrorCode, number> = {
  bad_request: 400,
  payload_too_large: 413,
  service_not_found: 404,
  source_unavailable: 503,
  internal_error: 500,
};

/**
 * Response body of POST /api/trace; `sourceKind` says what the source turned out to be (an IP may be a pod's). The
 * endpoints come in rows (trace-endpoints.ts): bounded for a Service of thousands of pods.
 */
export type TraceApiResponse =
  | { ok: true; result: TraceView; sourceKind: TraceSource['kind']; arrival: ArrivalNode | null }
  | { ok: false; error: { code: TraceErrorCode; message: string } };

/** What the diagram needs to know about the node a traced packet arrived at (to find its row in a group). */
export interface ArrivalNode {
  name: string;
  zone: string | null;
  excludedFromLB: string | null;
  beingDeleted: string | null;
}

/** A trace answer or the reason there is none, as the Service page holds it per policy. */
export type TraceOutcome =
  | { ok: true; result: TraceView; sourceKind: TraceSource['kind']; arrival: ArrivalNode | null }
  | { ok: false; error: string };

/** The form inputs carried by a request. */
export function inputsOf(req: TraceApiRequest): TraceInputs {
  return { from: req.from, to: req.to, port: req.port, proto: req.proto, node: req.node };
}

/** A one-line message for a zod validation failure (first issue, with its field). */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const field = issue.path.join('.') || 'body';
  return `${field}: ${issue.message}`;
}
