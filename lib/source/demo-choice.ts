// Which embedded demo cluster a request shows. The URL is the API: `?demo=<id>` on any page (the proxy
// also remembers it in a cookie, so the links on that page stay in the same cluster) and on the API
// routes; without it, the browser's cookie; without that, the server's default (KUBEPATH_DEMO, else the
// first demo cluster). Pure and free of server-only imports: proxy.ts and the tests use it.
import { DEMO_IDS, isDemoId, unknownDemoMessage, type DemoId } from '../demo/catalog';

/** Query parameter naming the demo cluster (`/services/kong/kong-nlb?demo=kong-aws`). */
export const DEMO_PARAM = 'demo';
/** Cookie holding the demo cluster this browser last opened. */
export const DEMO_COOKIE = 'kubepath-demo';
/** Environment variable naming the server's default demo cluster. */
export const DEMO_ENV = 'KUBEPATH_DEMO';

/** The server's default demo cluster: `KUBEPATH_DEMO` when set (an unknown id throws, naming the valid ones), else the first. */
export function defaultDemoId(configured: string | undefined): DemoId {
  const id = configured?.trim();
  if (!id) return DEMO_IDS[0];
  if (!isDemoId(id)) throw new Error(`${DEMO_ENV}: ${unknownDemoMessage(id)}`);
  return id;
}

/** What a request asks for: the URL's `demo` parameter, else its cookie (null/absent = not given). */
export interface DemoRequest {
  param?: string | null;
  cookie?: string | null;
}

/**
 * The demo cluster to show: the parameter, else the cookie, else the default. An unknown parameter is an
 * error (the caller answers 400 or says so on the page); an unknown cookie (an id a newer or older version
 * knew) is ignored.
 */
export function chooseDemo(request: DemoRequest, fallback: DemoId): { id: DemoId; error: string | null } {
  if (request.param != null && request.param !== '') {
    if (isDemoId(request.param)) return { id: request.param, error: null };
    return { id: chooseDemo({ cookie: request.cookie }, fallback).id, error: unknownDemoMessage(request.param) };
  }
  if (request.cookie && isDemoId(request.cookie)) return { id: request.cookie, error: null };
  return { id: fallback, error: null };
}

/** Why a request's `demo` parameter cannot be used (an unknown id, with the valid ones), or null when it is absent or valid. */
export function demoParamError(param: string | null | undefined): string | null {
  return param != null && param !== '' && !isDemoId(param) ? unknownDemoMessage(param) : null;
}
