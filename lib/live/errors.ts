// Sorts API failures into what the live source does about them: a 403/404 on one kind makes that
// kind unavailable and everything else keeps working (Kubernetes Dashboard's non-critical errors,
// modules/common/errors/handler.go); 410 Gone means re-list (API concepts "Efficient detection of
// changes": a watch from a compacted resourceVersion fails with 410); anything else is retried with
// backoff, and an unreachable server is reported with the context name and server address.

/** An HTTP error answer of the API server (a `Status` object when it sent one). */
export class KubeApiError extends Error {
  /** HTTP status code. */
  readonly status: number;
  /** Status.reason, e.g. `Forbidden`, `Expired`, `Gone`. */
  readonly reason: string | null;
  constructor(status: number, message: string, reason: string | null = null) {
    super(message);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
  }
}

/**
 * The kubeconfig's credentials could not be produced before any request was sent: an exec plugin
 * (SSO helpers of EKS, GKE, AKS, OIDC) exited non-zero or is missing, a token file cannot be read.
 */
export class KubeCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeCredentialsError';
  }
}

/** What an error means for a stream. */
export type ErrorClass =
  'forbidden' | 'not-served' | 'unauthorized' | 'credentials' | 'gone' | 'unreachable' | 'timeout' | 'server';

/** A classified error with a one-line message for people. */
export interface ClassifiedError {
  class: ErrorClass;
  status: number | null;
  message: string;
}

/** Network error codes that mean "the server cannot be reached at all". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeChain(err: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    out.push(e as Record<string, unknown>);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** Reads a status code from the error shapes client-node and the transport produce. */
export function statusOf(err: unknown): number | null {
  for (const e of causeChain(err)) {
    for (const k of ['status', 'statusCode', 'code']) {
      const v = e[k];
      if (typeof v === 'number' && v >= 100 && v < 600) return v;
    }
  }
  return null;
}

function networkCode(err: unknown): string | null {
  for (const e of causeChain(err)) if (typeof e.code === 'string') return e.code;
  return null;
}

function messageOf(err: unknown): string {
  const parts: string[] = [];
  for (const e of causeChain(err)) {
    const m = typeof e.message === 'string' ? e.message : null;
    if (m && !parts.includes(m)) parts.push(m);
  }
  return parts.join(': ') || String(err);
}

/** Classifies an error of a LIST or WATCH. */
export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof KubeCredentialsError) return { class: 'credentials', status: null, message: err.message };
  const status = statusOf(err);
  const message = messageOf(err);
  if (status === 403) return { class: 'forbidden', status, message };
  if (status === 404) return { class: 'not-served', status, message };
  if (status === 401) return { class: 'unauthorized', status, message };
  if (status === 410) return { class: 'gone', status, message };
  if (status !== null) return { class: 'server', status, message };
  const name = err && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError') return { class: 'timeout', status: null, message };
  const code = networkCode(err);
  if (code && UNREACHABLE_CODES.has(code))
    return { class: 'unreachable', status: null, message: message.includes(code) ? message : `${message} (${code})` };
  // fetch failures without a code ("fetch failed", "Premature close") are network problems too.
  return { class: 'unreachable', status: null, message };
}

/** The message for credentials that the API server rejected (401) or that could not be produced. */
export function credentialsMessage(context: string, server: string, c: ClassifiedError): string {
  return c.class === 'credentials'
    ? `cannot get credentials for context "${context}" (${server}): ${c.message}`
    : `the API server of context "${context}" at ${server} rejected the credentials (401): ${c.message}`;
}

/** The message for an API server that cannot be reached, naming the context and the address. */
export function unreachableMessage(context: string, server: string, detail: string): string {
  return `cannot reach the API server of context "${context}" at ${server}: ${detail}`;
}
