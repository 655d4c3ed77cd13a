// What the server entry (scripts/serve.mjs) knows about a request and Next does not: the socket's peer
// address, whether that peer is a trusted proxy, and the client IP resolved through the trusted proxies.
// serve.mjs keeps a record per request in a process-wide table and sends only a random id along, in a
// header it removes from every incoming request; a forged id names nothing. Without serve.mjs (e.g.
// `next dev`) there is no table: no peer is trusted and identity headers are refused (fail closed).

/** The header carrying the request's id from serve.mjs to Next (stripped from incoming requests). */
export const REQUEST_ID_HEADER = 'x-kubepath-request-id';

/** serve.mjs's record of one request. */
export interface RequestRecord {
  /** The socket's remote address. */
  peer: string | null;
  /** The peer is in KUBEPATH_TRUSTED_PROXIES. */
  trustedPeer: boolean;
  /** The client's address, from X-Forwarded-For through trusted proxies only. */
  clientIP: string | null;
  /** Set once the request is authenticated, for the access log. */
  user: string | null;
}

/** The process-wide state serve.mjs creates. */
export interface ServerState {
  requests: Map<string, RequestRecord>;
  /** Requests served, keyed by JSON [method, route, status]. */
  http: Map<string, number>;
  startedAt: number;
}

const STATE = Symbol.for('kubepath.server');

/** The state of serve.mjs, or null when the server was started without it. */
export function serverState(): ServerState | null {
  return ((globalThis as Record<symbol, unknown>)[STATE] as ServerState | undefined) ?? null;
}

/** The record of the request with these headers, or null (no serve.mjs, or a forged/missing id). */
export function requestRecord(headers: Pick<Headers, 'get'>): RequestRecord | null {
  const id = headers.get(REQUEST_ID_HEADER);
  if (!id) return null;
  return serverState()?.requests.get(id) ?? null;
}

/** What is known about the peer when serve.mjs did not run: nothing trusted. */
export const UNKNOWN_PEER: RequestRecord = { peer: null, trustedPeer: false, clientIP: null, user: null };
