// One Service's analysis as compact JSON for `analyze --json`: JSON.stringify(analysis), byte for byte, except
// that what the analysis holds twice is serialised once.
// - Front-door routes shared with other Services are serialised once per run. Every Service of a shared
//   ingress controller lists all its routes, and the analysis shares one object per route between them
//   (RouteParts in lib/engine/frontdoor/analyze-frontdoor.ts): at Kubernetes' scale limits 100 proxy Services
//   listed the same 1,000 routes, 12 MiB of JSON, and JSON.stringify wrote each route 100 times (~65 ms a run).
// - Within one Service: the Local what-if of a Service without an external entry lists the same pod rows as
//   Cluster (prepareService in lib/engine/findings/service-facts.ts shares them), and the top-level `nodes`
//   is the actual policy's node rows. At the scale limits that was 35 MiB of pod rows (the 8,000 ClusterIP
//   Services) and 9 MiB of node rows written twice: a quarter of what JSON.stringify wrote (~180 ms a run).
import type { FrontDoor, PolicyPaths, ServiceAnalysis } from '../lib/engine/types';

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
  const frontDoorText = (fd: FrontDoor): string => {
    const routes = new Array<string>(fd.routes.length);
    for (let i = 0; i < routes.length; i++) routes[i] = textOf(fd.routes[i]);
    return (
      `{"loadBalancer":${JSON.stringify(fd.loadBalancer)},"proxy":${JSON.stringify(fd.proxy)},` +
      `"routes":[${routes.join(',')}],"behind":${JSON.stringify(fd.behind)}}`
    );
  };
  return (analysis) => {
    if (!isPlain(analysis)) return JSON.stringify(analysis);
    const given = new Map<string, string>();
    const fd = analysis.frontDoor;
    if (fd && fd.routes.length >= CACHED_FROM && frontDoorAsIs(fd)) given.set('frontDoor', frontDoorText(fd));
    const paths = pathsText(analysis);
    if (paths) {
      given.set('paths', paths.text);
      if (paths.nodes !== null) given.set('nodes', paths.nodes);
    }
    return given.size > 0 ? membersText(analysis, given) : JSON.stringify(analysis);
  };
}

/**
 * JSON.stringify(o) with the members named in `given` written from the text given for them: the other
 * members, in runs between those, go to JSON.stringify together, in the object's own order (Object.keys',
 * which is JSON.stringify's). `o` must be plain (isPlain) and every given text its member's JSON.
 */
function membersText(o: object, given: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let run: Record<string, unknown> | null = null;
  const flush = () => {
    if (!run) return;
    const text = JSON.stringify(run);
    if (text.length > 2) parts.push(text.slice(1, -1)); // a run of undefined members writes nothing
    run = null;
  };
  for (const key of Object.keys(o)) {
    const text = given.get(key);
    if (text === undefined) {
      (run ??= {})[key] = (o as Record<string, unknown>)[key];
      continue;
    }
    flush();
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  flush();
  return `{${parts.join(',')}}`;
}

/**
 * The `paths` member's text, and the top-level `nodes` member's when it is one policy's node rows, or null
 * when nothing in them is held twice (JSON.stringify writes them with the rest).
 */
function pathsText(analysis: ServiceAnalysis): { text: string; nodes: string | null } | null {
  const { paths } = analysis;
  const [c, l] = [paths?.Cluster, paths?.Local];
  if (!isPlain(paths) || !isPolicyPaths(c) || !isPolicyPaths(l)) return null;
  const podsShared = l.pods.length > 0 && sameItems(l.pods, c.pods);
  const nodesOf = analysis.nodes === c.nodes ? 'Cluster' : analysis.nodes === l.nodes ? 'Local' : null;
  if (!podsShared && (nodesOf === null || analysis.nodes.length === 0)) return null;
  const cNodes = JSON.stringify(c.nodes);
  const cPods = JSON.stringify(c.pods);
  const lNodes = l.nodes === c.nodes ? cNodes : JSON.stringify(l.nodes);
  const lPods = podsShared ? cPods : JSON.stringify(l.pods);
  const members = (nodes: string, pods: string) =>
    new Map([
      ['nodes', nodes],
      ['pods', pods],
    ]);
  const policies = new Map([
    ['Cluster', membersText(c, members(cNodes, cPods))],
    ['Local', membersText(l, members(lNodes, lPods))],
  ]);
  return { text: membersText(paths, policies), nodes: nodesOf === 'Cluster' ? cNodes : nodesOf ? lNodes : null };
}

/** Whether JSON.stringify writes `o` member by member as membersText does: a plain object of its own. */
function isPlain(o: unknown): o is object {
  if (typeof o !== 'object' || o === null || Array.isArray(o) || 'toJSON' in o) return false;
  // `run.__proto__ = …` would set a prototype, not a member.
  return !Object.hasOwn(o, '__proto__');
}

/** A plain PolicyPaths whose rows are arrays (what pathsText writes from its own texts). */
function isPolicyPaths(p: PolicyPaths | undefined): p is PolicyPaths {
  return isPlain(p) && Array.isArray(p.nodes) && Array.isArray(p.pods);
}

/** The same objects in the same order (so the same JSON text). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether frontDoorText writes what JSON.stringify writes: exactly FrontDoor's members, none of them
 * undefined (JSON.stringify would leave it out), and every route a plain object. Anything else (a member
 * added to FrontDoor one day) is serialised by JSON.stringify.
 */
function frontDoorAsIs(fd: FrontDoor): boolean {
  if (!isPlain(fd) || Object.keys(fd).join(',') !== FRONT_DOOR_KEYS) return false;
  if (fd.loadBalancer === undefined || fd.proxy === undefined || !Array.isArray(fd.behind)) return false;
  for (const r of fd.routes) if (typeof r !== 'object' || r === null || 'toJSON' in r) return false;
  return true;
}
