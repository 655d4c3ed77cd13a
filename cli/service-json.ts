// One Service's analysis as compact JSON for `analyze --json`: JSON.stringify(analysis), byte for byte, except
// that the front-door routes it shares with other Services are serialised once per run. Every Service of a
// shared ingress controller lists all its routes, and the analysis shares one object per route between them
// (RouteParts in lib/engine/frontdoor/analyze-frontdoor.ts): at Kubernetes' scale limits 100 proxy Services
// listed the same 1,000 routes, 12 MiB of JSON, and JSON.stringify wrote each route 100 times (~65 ms a run).
import type { FrontDoor, ServiceAnalysis } from '../lib/engine/types';

/** How many routes a Service lists before its routes' text is cached (fewer: nothing to gain). */
const CACHED_FROM = 16;
/** FrontDoor's members in the order the analysis builds them: the text below is written in this order. */
const FRONT_DOOR_KEYS = 'loadBalancer,proxy,routes,behind';

/**
 * Serialises Service analyses; `routeText` remembers each shared route object's text (held weakly: a route
 * no Service lists any more is collected).
 */
export function serviceJsonWriter(): (analysis: ServiceAnalysis) => string {
  const routeText = new WeakMap<object, string>();
  const textOf = (route: object): string => {
    let text = routeText.get(route);
    if (text === undefined) routeText.set(route, (text = JSON.stringify(route)));
    return text;
  };
  return (analysis) => {
    const fd = analysis.frontDoor;
    if (!fd || fd.routes.length < CACHED_FROM || !writtenAsIs(analysis, fd)) return JSON.stringify(analysis);
    // Everything but the front door as JSON.stringify writes it, then the front door as the last member.
    const { frontDoor: _frontDoor, ...rest } = analysis;
    const head = JSON.stringify(rest);
    const routes = new Array<string>(fd.routes.length);
    for (let i = 0; i < routes.length; i++) routes[i] = textOf(fd.routes[i]);
    return (
      `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"frontDoor":{"loadBalancer":${JSON.stringify(fd.loadBalancer)},` +
      `"proxy":${JSON.stringify(fd.proxy)},"routes":[${routes.join(',')}],"behind":${JSON.stringify(fd.behind)}}}`
    );
  };
}

/**
 * Whether the text above is JSON.stringify's: the front door is the analysis' last member, with exactly
 * FrontDoor's members, none of them undefined (JSON.stringify would leave it out), and every route a plain
 * object. Anything else (a member added to FrontDoor one day) is serialised by JSON.stringify alone.
 */
function writtenAsIs(analysis: ServiceAnalysis, fd: FrontDoor): boolean {
  const keys = Object.keys(analysis);
  if (keys[keys.length - 1] !== 'frontDoor' || Object.keys(fd).join(',') !== FRONT_DOOR_KEYS) return false;
  if (fd.loadBalancer === undefined || fd.proxy === undefined || !Array.isArray(fd.behind)) return false;
  for (const r of fd.routes) if (typeof r !== 'object' || r === null || 'toJSON' in r) return false;
  return !('toJSON' in fd) && !('toJSON' in analysis);
}
