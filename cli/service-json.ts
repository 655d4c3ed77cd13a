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

/**
 * Serialises Service analyses, each as fragments of JSON to be written one after another (SerialisedArray
 * joins them once, with the rest of their piece: nesting texts into texts would copy the rows once per
 * level). `routeText` remembers each shared route object's text (held weakly: a route no Service lists any
 * more is collected).
 */
export function serviceJsonWriter(): (analysis: ServiceAnalysis) => readonly string[] {
  const routeText = new WeakMap<object, string>();
  const textOf = (route: object): string => {
    let text = routeText.get(route);
    if (text === undefined) routeText.set(route, (text = JSON.stringify(route)));
    return text;
  };
  /** The front door with its routes from the cache; its other members as membersText writes them. */
  const frontDoorText = (fd: FrontDoor): string[] => {
    const routes = ['['];
    for (let i = 0; i < fd.routes.length; i++) routes.push(i > 0 ? `,${textOf(fd.routes[i])}` : textOf(fd.routes[i]));
    routes.push(']');
    const out: string[] = [];
    membersText(fd, new Map([['routes', routes]]), out);
    return out;
  };
  return (analysis) => {
    if (!isPlain(analysis)) return [JSON.stringify(analysis)];
    const given = new Map<string, Fragments>();
    const fd = analysis.frontDoor;
    if (Array.isArray(fd?.routes) && fd.routes.length >= CACHED_FROM && frontDoorAsIs(fd))
      given.set('frontDoor', frontDoorText(fd));
    const paths = pathsText(analysis);
    if (paths) {
      given.set('paths', paths.text);
      if (paths.nodes !== null) given.set('nodes', [paths.nodes]);
    }
    if (given.size === 0) return [JSON.stringify(analysis)];
    const out: string[] = [];
    membersText(analysis, given, out);
    return out;
  };
}

/** JSON text in fragments, written one after another. */
type Fragments = readonly string[];

/**
 * Appends to `out` JSON.stringify(o)'s text with the members named in `given` written from the fragments
 * given for them: the other members, in runs between those, go to JSON.stringify together, in the object's
 * own order (Object.keys', which is JSON.stringify's). `o` must be plain (isPlain) and every given text its
 * member's JSON.
 */
function membersText(o: object, given: ReadonlyMap<string, Fragments>, out: string[]): void {
  let first = true;
  let run: Record<string, unknown> | null = null;
  const flush = () => {
    if (!run) return;
    const text = JSON.stringify(run);
    run = null;
    if (text.length === 2) return; // a run of undefined members writes nothing
    out.push(first ? text.slice(0, -1) : `,${text.slice(1, -1)}`);
    first = false;
  };
  for (const key of Object.keys(o)) {
    const text = given.get(key);
    if (text === undefined) {
      (run ??= {})[key] = (o as Record<string, unknown>)[key];
      continue;
    }
    flush();
    out.push(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    for (const t of text) out.push(t);
  }
  flush();
  out.push(first ? '{}' : '}');
}

/**
 * The `paths` member's text, and the top-level `nodes` member's when it is one policy's node rows, or null
 * when nothing in them is held twice (JSON.stringify writes them with the rest).
 */
function pathsText(analysis: ServiceAnalysis): { text: Fragments; nodes: string | null } | null {
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
  const policy = (p: PolicyPaths, nodes: string, pods: string): Fragments => {
    const out: string[] = [];
    membersText(
      p,
      new Map([
        ['nodes', [nodes]],
        ['pods', [pods]],
      ]),
      out,
    );
    return out;
  };
  const text: string[] = [];
  membersText(
    paths,
    new Map([
      ['Cluster', policy(c, cNodes, cPods)],
      ['Local', policy(l, lNodes, lPods)],
    ]),
    text,
  );
  return { text, nodes: nodesOf === 'Cluster' ? cNodes : nodesOf ? lNodes : null };
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

/** Whether frontDoorText writes what JSON.stringify writes: a plain front door whose routes are plain objects. */
function frontDoorAsIs(fd: FrontDoor): boolean {
  if (!isPlain(fd) || !Array.isArray(fd.routes)) return false;
  for (const r of fd.routes) if (!isPlain(r)) return false;
  return true;
}
