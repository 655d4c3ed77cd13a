// Parses snapshot files (kubectl JSON/YAML output) into KubeObjects. Pure: no node: imports, runs in the browser.
import { parseAllDocuments } from 'yaml';
import { KNOWN_KINDS, type KubeObject } from '../model/k8s';
import { describeJsonError, lineColumnAt } from './json-error';

/** A problem found while reading a snapshot, located as precisely as possible. */
export interface SnapshotIssue {
  file: string;
  message: string;
  line?: number;
  column?: number;
  document?: number;
  object?: string;
}

/** Objects read from one or more snapshot files, with what went wrong and which kinds were skipped. */
export interface ParsedSnapshot {
  objects: KubeObject[];
  errors: SnapshotIssue[];
  warnings: SnapshotIssue[];
  ignoredKinds: Record<string, number>;
}

const KNOWN = new Set<string>(KNOWN_KINDS);
const MAX_LIST_DEPTH = 64;
const fileOf = new WeakMap<KubeObject, string>();

/** The file an object returned by parseSnapshotText came from. */
export function snapshotFileOf(object: KubeObject): string | undefined {
  return fileOf.get(object);
}

/** Where a value sits in the file, attached to issues about it. */
interface Place {
  document?: number;
  line?: number;
}

/** Parses one snapshot file's text (JSON or multi-document YAML, detected by content); never throws. */
export function parseSnapshotText(text: string, fileName: string): ParsedSnapshot {
  const out: ParsedSnapshot = { objects: [], errors: [], warnings: [], ignoredKinds: {} };
  try {
    const body = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
    const first = body.trimStart()[0];
    if (first === undefined) out.warnings.push({ file: fileName, message: 'file is empty' });
    else if (first === '{' || first === '[') parseJson(body, fileName, out);
    else parseYaml(body, fileName, out);
  } catch (e) {
    // Defensive: parsing must never throw (e.g. a YAML alias bomb rejected by toJS).
    out.errors.push({ file: fileName, message: e instanceof Error ? e.message : String(e) });
  }
  return out;
}

function parseJson(text: string, file: string, out: ParsedSnapshot): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const p = describeJsonError(text, e);
    out.errors.push({ file, message: p.message, line: p.line, column: p.column });
    return;
  }
  collectTop(value, file, {}, out);
}

function parseYaml(text: string, file: string, out: ParsedSnapshot): void {
  const docs = parseAllDocuments(text, { prettyErrors: false, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  let content = 0;
  list.forEach((doc, index) => {
    const place: Place = {
      document: index + 1,
      line: lineColumnAt(text, doc.contents?.range?.[0] ?? doc.range[0]).line,
    };
    const at = (pos: [number, number]) => lineColumnAt(text, pos[0]);
    for (const w of doc.warnings) out.warnings.push({ file, ...place, ...at(w.pos), message: w.message });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
      out.errors.push({ file, ...place, ...at(e.pos), message: e.message + more });
      content++;
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      out.errors.push({ file, ...place, message: e instanceof Error ? e.message : String(e) });
      content++;
      return;
    }
    if (value === null || value === undefined) return; // empty document, e.g. after a trailing '---'
    content++;
    collectTop(value, file, place, out);
  });
  if (content === 0) out.warnings.push({ file, message: 'file is empty (no YAML documents)' });
}

/** A top-level value: an object, or an array of objects (JSON array or YAML sequence). */
function collectTop(value: unknown, file: string, place: Place, out: ParsedSnapshot): void {
  if (Array.isArray(value)) value.forEach((item, i) => collectObject(item, `[${i}]`, undefined, 0, file, place, out));
  else collectObject(value, '', undefined, 0, file, place, out);
}

/** Adds an object (flattening Lists); `typed` is the item kind and apiVersion implied by a typed list. */
function collectObject(
  value: unknown,
  path: string,
  typed: { kind: string; apiVersion?: string } | undefined,
  depth: number,
  file: string,
  place: Place,
  out: ParsedSnapshot,
): void {
  const where = path || undefined;
  const warn = (message: string): void => {
    out.warnings.push({ file, ...place, ...(where ? { object: where } : {}), message });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    warn(`${where ?? 'top-level value'} is ${describeType(value)}, not an object; skipped`);
    return;
  }
  let obj = value as KubeObject;
  if (typed && typeof obj.kind !== 'string') {
    obj = { apiVersion: obj.apiVersion ?? typed.apiVersion, kind: typed.kind, ...obj };
    obj.kind = typed.kind;
    if (obj.apiVersion === undefined) delete obj.apiVersion;
  }
  const kind = obj.kind;
  if (typeof kind !== 'string' || kind === '') {
    const name = nameOf(obj);
    warn(`object${name ? ` ${name}` : ''} has no kind; skipped`);
    return;
  }
  const items = (obj as { items?: unknown }).items;
  const isList = kind === 'List' || (kind.endsWith('List') && (Array.isArray(items) || items === null));
  if (isList) {
    if (!Array.isArray(items) && items !== null) return warn(`${kind} has no items array; skipped`);
    if (depth >= MAX_LIST_DEPTH) return warn(`Lists nested deeper than ${MAX_LIST_DEPTH}; skipped`);
    const itemType = kind === 'List' ? undefined : { kind: kind.slice(0, -4), apiVersion: str(obj.apiVersion) };
    (items ?? []).forEach((item, i) =>
      collectObject(item, `${path}${path ? '.' : ''}items[${i}]`, itemType, depth + 1, file, place, out),
    );
    return;
  }
  if (!KNOWN.has(kind)) {
    out.ignoredKinds[kind] = (out.ignoredKinds[kind] ?? 0) + 1;
    return;
  }
  fileOf.set(obj, file);
  out.objects.push(obj);
}

/** Merges parsed files in order; a later object with the same kind+namespace/name replaces an earlier one. */
export function mergeSnapshots(parts: ParsedSnapshot[]): ParsedSnapshot {
  const out: ParsedSnapshot = { objects: [], errors: [], warnings: [], ignoredKinds: {} };
  const byKey = new Map<string, number>();
  for (const part of parts) {
    for (const e of part.errors) out.errors.push(e);
    for (const w of part.warnings) out.warnings.push(w);
    for (const [kind, n] of Object.entries(part.ignoredKinds ?? {}))
      out.ignoredKinds[kind] = (out.ignoredKinds[kind] ?? 0) + n;
    for (const obj of part.objects) {
      const id = objectId(obj);
      const at = id === undefined ? undefined : byKey.get(id);
      if (id === undefined || at === undefined) {
        if (id !== undefined) byKey.set(id, out.objects.length);
        out.objects.push(obj);
        continue;
      }
      const before = fileOf.get(out.objects[at]) ?? 'an earlier file';
      const after = fileOf.get(obj) ?? 'a later file';
      const message =
        before === after
          ? `duplicate ${id} in ${after}; the later one wins`
          : `duplicate ${id}: ${before} is overridden by ${after}`;
      out.warnings.push({ file: after, object: id, message });
      out.objects[at] = obj;
    }
  }
  return out;
}

/** "Pod default/web" or "Node n1"; undefined when the object has no name. */
function objectId(obj: KubeObject): string | undefined {
  const name = nameOf(obj);
  if (name === undefined) return undefined;
  // Istio's Gateway and the Gateway API's share the kind: tell them apart by API group.
  const group = obj.kind === 'Gateway' && typeof obj.apiVersion === 'string' ? `.${obj.apiVersion.split('/')[0]}` : '';
  return `${obj.kind}${group} ${name}`;
}

function nameOf(obj: KubeObject): string | undefined {
  const meta = obj.metadata;
  if (!meta || typeof meta !== 'object' || typeof meta.name !== 'string' || meta.name === '') return undefined;
  return typeof meta.namespace === 'string' && meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
