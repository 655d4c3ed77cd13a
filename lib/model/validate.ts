// Validation at the boundary: every object of a kind kubepath reads is checked against its schema
// (schemas.ts) before the model is built. A bad field the engine can do without (an annotation, one
// port, one endpoint, one address) is dropped; any other bad field leaves the object out. Either way
// the warning names the kind, the object and the field, and everything else is analysed.
import type { z } from 'zod';
import { KNOWN_KINDS, type KnownKind, type KubeObject } from './k8s';
import type { ModelWarning } from './cluster';
import { KIND_SCHEMAS, MAX_ANNOTATIONS_BYTES, MAX_NAME_LENGTH, MAX_QUALIFIED_NAME_LENGTH } from './schemas';
import { compileCheck } from './compiled-check';
import { runPusher } from './grouping';

type Path = readonly PropertyKey[];

/**
 * Where a bad value may be removed instead of leaving the whole object out, as path patterns
 * (`*` = any key or index). The match is cut at the pattern's length: that key or element goes.
 * Each is something the engine treats as absent or unknown when missing, not as a different answer.
 */
const DROPPABLE: Partial<Record<KnownKind, string[][]>> = {
  Service: [['spec', 'ports', '*']],
  EndpointSlice: [
    ['endpoints', '*'],
    ['ports', '*'],
  ],
  Endpoints: [
    ['subsets', '*', 'addresses', '*'],
    ['subsets', '*', 'notReadyAddresses', '*'],
  ],
  Node: [
    ['status', 'addresses', '*'],
    ['status', 'conditions'],
  ],
  Pod: [['spec', 'containers', '*', 'ports', '*']],
};
/** Annotations only feed optional facts (tunnel addresses, Cilium forwarding mode): dropped on any kind. */
const ANNOTATIONS: string[][] = [
  ['metadata', 'annotations', '*'],
  ['metadata', 'annotations'],
];

const KNOWN = new Set<string>(KNOWN_KINDS);
let checks: Map<string, (v: unknown) => boolean> | null = null;

/** The compiled yes/no check of each kind (built on first use). */
function checkFor(kind: KnownKind): (v: unknown) => boolean {
  checks ??= new Map(KNOWN_KINDS.map((k) => [k, compileCheck(KIND_SCHEMAS[k])]));
  return checks.get(kind)!;
}

/**
 * The objects fit to build a model from, grouped by kind (objects without a string kind dropped; other
 * kinds pass through untouched), and a warning per dropped field or left-out object.
 */
export interface ValidatedByKind {
  byKind: Map<string, KubeObject[]>;
  warnings: ModelWarning[];
  /** How many objects were left out as malformed. */
  leftOut: number;
}

/**
 * Validates every object of a known kind and groups what is kept by kind as it goes, in one pass (no list of
 * all objects in between: 180,000 at the scale limits); never throws.
 */
export function validateByKind(objects: readonly unknown[]): ValidatedByKind {
  const out: ValidatedByKind = { byKind: new Map(), warnings: [], leftOut: 0 };
  const add = runPusher(out.byKind); // a listing keeps a kind's objects together
  for (const o of objects) {
    if (!o || typeof o !== 'object' || Array.isArray(o)) continue;
    const k = (o as KubeObject).kind;
    if (typeof k !== 'string') continue;
    const kept = KNOWN.has(k) ? validateObject(k as KnownKind, o as KubeObject, out.warnings) : (o as KubeObject);
    if (!kept) {
      out.leftOut++;
      continue;
    }
    add(k, kept);
  }
  return out;
}

function validateObject(kind: KnownKind, o: KubeObject, warnings: ModelWarning[]): KubeObject | null {
  if (checkFor(kind)(o)) return o;
  const schema = KIND_SCHEMAS[kind];
  const first = schema.safeParse(o);
  if (first.success) return o;
  const object = displayName(o, kind !== 'Node' && kind !== 'Namespace');
  const issues = first.error.issues;
  const patterns = [...(DROPPABLE[kind] ?? []), ...ANNOTATIONS];
  const drops = issues.map((i) => droppablePrefix(i.path, patterns));
  if (drops.every((d) => d !== null)) {
    const fixed = withoutPaths(o, drops as Path[]);
    if (schema.safeParse(fixed).success) {
      for (const [n, i] of issues.entries())
        warnings.push({ kind, object, message: `${describeIssue(i)}; ${dropText(drops[n]!)} ignored` });
      return fixed;
    }
  }
  const shown = issues.slice(0, 3).map(describeIssue).join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  warnings.push({ kind, object, message: `${shown}${more}; object left out of the analysis` });
  return null;
}

/** The part of `path` a pattern allows to drop, or null when no pattern covers it. */
function droppablePrefix(path: Path, patterns: string[][]): Path | null {
  for (const p of patterns) {
    if (path.length < p.length) continue;
    if (p.every((seg, i) => seg === '*' || seg === path[i])) return path.slice(0, p.length);
  }
  return null;
}

/** A copy of `o` (copied only along the paths) without the given keys / array elements. */
function withoutPaths(o: KubeObject, paths: Path[]): KubeObject {
  const root: Record<PropertyKey, unknown> = { ...o };
  const unique = new Map(paths.map((p) => [pathText(p), p]));
  // Deepest and highest indexes first, so removing an element does not shift the ones still to remove.
  const ordered = [...unique.values()].sort((a, b) => b.length - a.length || compareLast(b, a));
  for (const path of ordered) {
    let parent: unknown = root;
    for (let i = 0; i < path.length - 1; i++) {
      const holder = parent as Record<PropertyKey, unknown>;
      const child = holder[path[i]];
      if (!child || typeof child !== 'object') break;
      holder[path[i]] = Array.isArray(child) ? [...child] : { ...child };
      parent = holder[path[i]];
    }
    const last = path[path.length - 1];
    const value = (parent as Record<PropertyKey, unknown> | null)?.[last];
    if (last === 'annotations' && value && typeof value === 'object' && !Array.isArray(value))
      (parent as Record<PropertyKey, unknown>)[last] = validAnnotations(value as Record<string, unknown>);
    else if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (parent && typeof parent === 'object') delete (parent as Record<PropertyKey, unknown>)[last];
  }
  return root as KubeObject;
}

/** The entries of an annotation map that are strings within the API's limits (the rest are dropped). */
function validAnnotations(map: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  let total = 0;
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string' || k.length > MAX_QUALIFIED_NAME_LENGTH) continue;
    if (total + k.length + v.length > MAX_ANNOTATIONS_BYTES) break;
    total += k.length + v.length;
    out[k] = v;
  }
  return out;
}

function compareLast(a: Path, b: Path): number {
  const x = a[a.length - 1],
    y = b[b.length - 1];
  return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
}

function dropText(path: Path): string {
  return path[path.length - 1] === 'annotations' ? 'its invalid entries' : pathText(path);
}

/** `spec.ports[2].port` */
function pathText(path: Path): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else {
      const key = String(seg);
      const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
      s += /^[A-Za-z_][A-Za-z0-9_]*$/.test(shown) ? `${s ? '.' : ''}${shown}` : `[${JSON.stringify(shown)}]`;
    }
  }
  return s || '(object)';
}

function describeIssue(i: z.core.$ZodIssue): string {
  const field = i.path.length ? `field ${pathText(i.path)}` : 'the object';
  return `${field}: ${issueText(i)}`;
}

function issueText(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return `expected ${i.expected}`;
    case 'too_big':
      return i.origin === 'number'
        ? `greater than ${String(i.maximum)}`
        : i.origin === 'string'
          ? `longer than ${String(i.maximum)} characters`
          : i.message;
    case 'too_small':
      return i.origin === 'number' ? `less than ${String(i.minimum)}` : `shorter than ${String(i.minimum)}`;
    case 'invalid_value':
      return `not one of ${i.values.map((v) => String(v)).join(', ')}`;
    default:
      return i.message;
  }
}

/** `namespace/name` for warnings, shortened when a name is longer than Kubernetes allows. */
export function displayName(o: KubeObject, namespaced = true): string | null {
  const m = o.metadata;
  if (!m || typeof m !== 'object') return null;
  const clip = (v: unknown) =>
    typeof v !== 'string' ? '' : v.length > MAX_NAME_LENGTH ? `${v.slice(0, 40)}…(${v.length} characters)` : v;
  const name = clip(m.name);
  const ns = namespaced ? clip(m.namespace) || 'default' : ''; // as build.ts names them
  if (!name) return null;
  return ns ? `${ns}/${name}` : name;
}
