// Parses snapshot files (kubectl JSON/YAML output) into KubeObjects. Pure: no node: imports, runs in the browser.
import { parseAllDocuments, type Document } from 'yaml';
import { KNOWN_KINDS, type KubeObject } from '../model/k8s';
import { describeJsonError, lineColumnAt, lineLocator } from './json-error';
import { flattenStrings } from './flat-strings';
import { leanObject } from './lean-objects';
import {
  parseYamlList,
  YAML_OPTIONS,
  yamlDocumentCuts,
  yamlListLayout,
  type YamlListLayout,
  type YamlListResult,
} from './yaml-list';
import { yamlErrorAt } from './yaml-error-at';
import { YAML_HEAP_PER_CHAR, yamlTooLarge } from './yaml-size';
import { runSteps } from '../util/steps';

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
/**
 * Most objects read from one file. Kubernetes' scale limits (150,000 pods, 10,000 Services, 5,000 nodes)
 * stay far below; beyond it a file is not a cluster snapshot, and holding it would exhaust memory.
 */
export const MAX_SNAPSHOT_OBJECTS = 1_000_000;
/**
 * The file the objects of a result came from: one name for parseSnapshotText's result, one per object (same
 * order) for mergeSnapshots'. Kept per result, not per object: a WeakMap entry for each of 180,000 objects
 * cost more than a tenth of JSON.parse.
 */
const filesOf = new WeakMap<ParsedSnapshot, string | (string | undefined)[]>();
/** Objects counted so far per parse (keyed by its result, so collectObject's signature stays as it is). */
const limits = new WeakMap<ParsedSnapshot, { max: number; counted: number }>();

/** The file `snapshot.objects[index]` came from. */
function fileAt(snapshot: ParsedSnapshot, index: number): string | undefined {
  const files = filesOf.get(snapshot);
  return typeof files === 'string' ? files : files?.[index];
}

/** The file an object of a parseSnapshotText or mergeSnapshots result came from. */
export function snapshotFileOf(snapshot: ParsedSnapshot, object: KubeObject): string | undefined {
  const index = snapshot.objects.indexOf(object);
  return index < 0 ? undefined : fileAt(snapshot, index);
}

/** Where a value sits in the file, attached to issues about it. */
interface Place {
  document?: number;
  line?: number;
}

/** Options of parseSnapshotText (tests lower the limit). */
export interface ParseOptions {
  maxObjects?: number;
  /**
   * Heap a YAML text's parse may use where it is parsed (lib/snapshot/yaml-size.ts), and what to say when a text
   * needs more: a YAML list is parsed a part at a time then (lib/snapshot/yaml-list.ts); other YAML is an error.
   * Without it, any YAML is parsed whole.
   */
  yamlBudget?: YamlBudget;
  /** Hears how far the parse of a YAML list is (characters), after each part: such a text takes seconds per MB. */
  onYamlParsed?: (chars: number, total: number) => void;
  /** Characters of YAML parsed at once, in parts (YAML_PART_CHARS; tests lower it). */
  yamlPartChars?: number;
}

/** The heap a YAML parse may use (bytes), `where` names that budget, `instead` says what else to do there. */
export interface YamlBudget {
  bytes: number;
  where: string;
  instead: string;
}

/** A file's part of a snapshot when nothing of it could be read: its one error. */
export function snapshotError(issue: SnapshotIssue): ParsedSnapshot {
  return { objects: [], errors: [issue], warnings: [], ignoredKinds: {} };
}

/** How a snapshot file's text is parsed, by its first character after a BOM and whitespace. */
export function snapshotSyntax(text: string): 'json' | 'yaml' | 'empty' {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === undefined) return 'empty';
  // A quoted string is JSON too: handing a 100 MB top-level string to the YAML parser costs seconds and GBs.
  return first === '{' || first === '[' || first === '"' ? 'json' : 'yaml';
}

/** Parses one snapshot file's text (JSON or multi-document YAML, detected by content); never throws. */
export function parseSnapshotText(text: string, fileName: string, opts: ParseOptions = {}): ParsedSnapshot {
  return runSteps(parseSnapshotSteps(text, fileName, opts));
}

/**
 * parseSnapshotText in steps: one after each part of a YAML list parsed in parts (seconds per MB), where a server
 * on one thread answers other requests (lib/snapshot/load.ts); the result at the end.
 */
export function* parseSnapshotSteps(
  text: string,
  fileName: string,
  opts: ParseOptions = {},
): Generator<void, ParsedSnapshot, void> {
  return yield* collectWithLimit(fileName, opts, function* (out) {
    const body = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
    const syntax = snapshotSyntax(body);
    if (syntax === 'empty') out.warnings.push({ file: fileName, message: 'file is empty' });
    else if (syntax === 'json') parseJson(body, fileName, out);
    else yield* parseYamlText(body, fileName, out, opts);
  });
}

/**
 * The objects of one file's JSON value, already parsed (a file too large to be one string is parsed a part
 * at a time: lib/snapshot/json-list-reader.ts); the same objects, warnings and limit as parseSnapshotText.
 */
export function parseSnapshotValue(value: unknown, fileName: string, opts: ParseOptions = {}): ParsedSnapshot {
  return runSteps(
    // No step: the value is parsed already.
    collectWithLimit(fileName, opts, function* (out) {
      collectTop(value, fileName, {}, out);
    }),
  );
}

/** Runs `collect`'s steps on a fresh result, then reports objects over the per-file limit; never throws. */
function* collectWithLimit(
  fileName: string,
  opts: ParseOptions,
  collect: (out: ParsedSnapshot) => Generator<void, void, void>,
): Generator<void, ParsedSnapshot, void> {
  const out: ParsedSnapshot = { objects: [], errors: [], warnings: [], ignoredKinds: {} };
  const max = opts.maxObjects ?? MAX_SNAPSHOT_OBJECTS;
  limits.set(out, { max, counted: 0 });
  filesOf.set(out, fileName);
  try {
    yield* collect(out);
    const limit = limits.get(out)!;
    if (limit.counted > max)
      out.errors.push({
        file: fileName,
        message: `more than ${max.toLocaleString('en-US')} objects (${limit.counted.toLocaleString('en-US')}); only the first ${max.toLocaleString('en-US')} are read — this is not a cluster snapshot kubepath can hold`,
      });
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

/**
 * Characters of YAML parsed at once in parts (lib/snapshot/yaml-list.ts): ≈ 12 MiB of the yaml package's nodes at a
 * time. The kubectl-style YAML of the benchmark's cluster at 2% scale (16 MB) took 8.0–8.6 s in parts of 64 KiB to
 * 8 MiB and 8.4 s whole, at 257–831 MiB of RSS against 922 MiB.
 */
export const YAML_PART_CHARS = 256 * 1024;

/**
 * A YAML text. Larger than a part (or than the budget's whole parse), a list (`kubectl get … -o yaml`) is parsed a
 * part at a time when its parts parse cleanly, and a stream of several documents a few documents at a time; their
 * pods and nodes lean (lib/snapshot/lean-objects.ts). Otherwise the text is parsed whole if its parse fits the
 * budget, and is an error if it does not. Every string flattened (flat-strings.ts).
 */
function* parseYamlText(
  text: string,
  file: string,
  out: ParsedSnapshot,
  opts: ParseOptions,
): Generator<void, void, void> {
  const budget = opts.yamlBudget;
  const fits = !budget || text.length * YAML_HEAP_PER_CHAR <= budget.bytes;
  const partChars = opts.yamlPartChars ?? YAML_PART_CHARS;
  const large = text.length > partChars || !fits;
  const layout = large ? yamlListLayout(text) : null;
  const parsed = layout && (yield* listInParts(text, layout, partChars, opts.onYamlParsed));
  if (parsed && 'value' in parsed) {
    collectTop(parsed.value, file, { document: 1, line: lineColumnAt(text, parsed.contentsAt).line }, out);
    return;
  }
  // A stream of several documents: parsed a few documents at a time, each as the whole parse would.
  const cuts = !layout && large ? yamlDocumentCuts(text, partChars) : null;
  const bounds = cuts && [0, ...cuts, text.length];
  const inParts = { onParsed: opts.onYamlParsed, fits, budget, partChars };
  if (bounds && (yield* parseYamlDocuments(text, bounds, file, out, inParts))) return;
  if (fits) return parseYaml(text, file, out);
  const message = yamlTooLarge(text.length, budget.bytes, budget.where, budget.instead)!;
  if (!parsed) return void out.errors.push({ file, message });
  // Its list could not be parsed in parts either: where and why, with what the whole parse would need.
  out.errors.push({
    file,
    document: 1,
    ...lineColumnAt(text, parsed.failedAt),
    message: `${parsed.message} (the list is parsed a part at a time, as a whole parse would not fit); ${message}`,
  });
}

/** A YAML stream parsed whole. */
function parseYaml(text: string, file: string, out: ParsedSnapshot): void {
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const content = collectDocuments(
    Array.isArray(docs) ? docs : [],
    { at: 0, index: 0, lean: false, locate: lineLocator(text) },
    file,
    out,
  );
  if (content === 0) out.warnings.push({ file, message: 'file is empty (no YAML documents)' });
}

/**
 * A YAML stream parsed between each two `bounds` (cut before a document marker: yamlDocumentCuts), a step each;
 * false, with nothing added, when a part has a YAML error or warning and the whole parse `fits`: the whole parse
 * has the last word then (an unterminated quoted scalar in the `yaml` package runs on past `---` lines, so the
 * documents after it differ). Where it does not fit, each part's documents are reported as they parsed.
 */
function* parseYamlDocuments(
  text: string,
  bounds: number[],
  file: string,
  out: ParsedSnapshot,
  opts: { onParsed?: ProgressFn; fits: boolean; budget?: YamlBudget; partChars: number },
): Generator<void, boolean, void> {
  const where = { at: 0, index: 0, lean: true, locate: lineLocator(text) };
  const undo = checkpoint(out);
  let content = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = text.slice(bounds[i], bounds[i + 1]);
    where.at = bounds[i];
    const budget = opts.budget;
    const tooLarge = budget !== undefined && part.length * YAML_HEAP_PER_CHAR > budget.bytes;
    const single = tooLarge ? yamlDocumentCuts(part, 1) : null;
    if (single) {
      // A part too large to parse whole, of several documents: each of them on its own.
      bounds.splice(i + 1, 0, ...single.map((cut) => bounds[i] + cut));
      i--;
      continue;
    }
    if (tooLarge) {
      const onParsed = opts.onParsed && ((chars: number) => opts.onParsed!(bounds[i] + chars, text.length));
      if (!(yield* largeDocument(part, where, file, out, { budget, partChars: opts.partChars, onParsed }))) return true;
      content++;
      where.index++;
      continue;
    }
    const docs = parseAllDocuments(part, YAML_OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    if (opts.fits && list.some((d) => d.errors.length > 0 || d.warnings.length > 0)) {
      undo();
      return false;
    }
    content += collectDocuments(list, where, file, out);
    where.index += list.length;
    opts.onParsed?.(bounds[i + 1], text.length);
    yield;
  }
  if (content === 0) out.warnings.push({ file, message: 'file is empty (no YAML documents)' });
  return true;
}

/**
 * One document of a stream, too large to parse whole (a List among the documents, `part` at `where.at`): its list in
 * parts; false, with an error naming it, when it is no list or its list does not parse in parts.
 */
function* largeDocument(
  part: string,
  where: DocumentsAt,
  file: string,
  out: ParsedSnapshot,
  opts: { budget: YamlBudget; partChars: number; onParsed?: (chars: number) => void },
): Generator<void, boolean, void> {
  const layout = yamlListLayout(part);
  const parsed = layout && (yield* listInParts(part, layout, opts.partChars, opts.onParsed));
  const document = where.index + 1;
  if (parsed && 'value' in parsed) {
    collectTop(parsed.value, file, { document, line: where.locate(where.at + parsed.contentsAt).line }, out);
    return true;
  }
  const why = parsed ? `${parsed.message}; it` : 'it is not one list and';
  const { bytes, where: budgetName, instead } = opts.budget;
  out.errors.push({
    file,
    document,
    ...where.locate(where.at + (parsed ? parsed.failedAt : 0)),
    message: `${why} is too large to parse whole, so it and the documents after it are not read: ${yamlTooLarge(part.length, bytes, budgetName, instead)}`,
  });
  return false;
}

/** Hears how far a YAML parse in parts is, in characters. */
type ProgressFn = (chars: number, total: number) => void;

/** A YAML list parsed in parts (yaml-list.ts): entries lean, every string flat (flat-strings.ts). */
function* listInParts(
  text: string,
  layout: YamlListLayout,
  partChars: number,
  onParsed?: ProgressFn,
): Generator<void, YamlListResult, void> {
  const entry = (v: unknown) => flattenStrings(leanObject(v));
  const parsed = yield* parseYamlList(text, layout, entry, partChars, onParsed);
  // The document around the items (theirs are flat already).
  if ('value' in parsed && !Array.isArray(parsed.value))
    for (const [k, v] of Object.entries(parsed.value as object)) if (k !== 'items') flattenStrings(v);
  return parsed;
}

/** Takes `out` back to what it holds now: its objects, issues, ignored kinds and objects counted. */
function checkpoint(out: ParsedSnapshot): () => void {
  const [objects, errors, warnings] = [out.objects.length, out.errors.length, out.warnings.length];
  const ignoredKinds = { ...out.ignoredKinds };
  const limit = limits.get(out);
  const counted = limit?.counted ?? 0;
  return () => {
    out.objects.length = objects;
    out.errors.length = errors;
    out.warnings.length = warnings;
    out.ignoredKinds = ignoredKinds;
    if (limit) limit.counted = counted;
  };
}

/** Where parsed YAML documents lie: `at`, the offset of their text in the file's; `index`, documents before them. */
interface DocumentsAt {
  at: number;
  /** Each document's pods and nodes without unread fields (lean-objects.ts): a stream parsed in parts. */
  lean: boolean;
  index: number;
  locate: (offset: number) => { line: number; column: number };
}

/** Collects parsed documents' objects, errors and warnings; the documents with content (or an error). */
function collectDocuments(docs: Document.Parsed[], where: DocumentsAt, file: string, out: ParsedSnapshot): number {
  let content = 0;
  docs.forEach((doc, i) => {
    const place: Place = {
      document: where.index + i + 1,
      line: where.locate(where.at + (doc.contents?.range?.[0] ?? doc.range[0])).line,
    };
    const at = (offset: number) => where.locate(where.at + offset);
    for (const w of doc.warnings) out.warnings.push({ file, ...place, ...at(w.pos[0]), message: w.message });
    if (doc.errors.length > 0) {
      const e = yamlErrorAt(doc, doc.errors[0]);
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
      out.errors.push({ file, ...place, ...at(e.offset), message: e.message + more });
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
    collectTop(flattenStrings(where.lean ? leanObject(value) : value), file, place, out);
  });
  return content;
}

/**
 * Where a value sits in its file: `[3]`, `items[2]`, `items[0].items[5]`; '' for the top-level value. Kept as
 * the parent's path and an index (-1: none) and spelled out only for a warning (a string per object cost
 * time at 180,000 objects).
 */
interface ObjectPath {
  parent: string;
  index: number;
}

const pathText = (p: ObjectPath) => (p.index < 0 ? p.parent : `${p.parent}[${p.index}]`);

/** A warning about the value at `path`. */
function warnAt(out: ParsedSnapshot, file: string, place: Place, path: ObjectPath, message: string): void {
  const where = pathText(path);
  out.warnings.push({ file, ...place, ...(where ? { object: where } : {}), message });
}

/** A top-level value: an object, or an array of objects (JSON array or YAML sequence). */
function collectTop(value: unknown, file: string, place: Place, out: ParsedSnapshot): void {
  if (!Array.isArray(value)) return collectObject(value, { parent: '', index: -1 }, undefined, 0, file, place, out);
  const path: ObjectPath = { parent: '', index: 0 };
  for (let i = 0; i < value.length; i++) {
    path.index = i;
    collectObject(value[i], path, undefined, 0, file, place, out);
  }
}

/** Adds an object (flattening Lists); `typed` is the item kind and apiVersion implied by a typed list. */
function collectObject(
  value: unknown,
  path: ObjectPath,
  typed: { kind: string; apiVersion?: string } | undefined,
  depth: number,
  file: string,
  place: Place,
  out: ParsedSnapshot,
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const where = pathText(path);
    warnAt(out, file, place, path, `${where || 'top-level value'} is ${describeType(value)}, not an object; skipped`);
    return;
  }
  const warn = (message: string) => warnAt(out, file, place, path, message);
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
    const parent = pathText(path);
    const itemPath: ObjectPath = { parent: `${parent}${parent ? '.' : ''}items`, index: 0 };
    for (let i = 0; i < (items?.length ?? 0); i++) {
      itemPath.index = i;
      collectObject(items![i], itemPath, itemType, depth + 1, file, place, out);
    }
    return;
  }
  const limit = limits.get(out);
  if (limit && ++limit.counted > limit.max) return;
  if (!KNOWN.has(kind)) {
    out.ignoredKinds[kind] = (out.ignoredKinds[kind] ?? 0) + 1;
    return;
  }
  out.objects.push(obj);
}

/** Merges parsed files in order; a later object with the same kind+namespace/name replaces an earlier one. */
export function mergeSnapshots(parts: ParsedSnapshot[]): ParsedSnapshot {
  const out: ParsedSnapshot = { objects: [], errors: [], warnings: [], ignoredKinds: {} };
  const files: (string | undefined)[] = [];
  filesOf.set(out, files);
  const seen = new ObjectIndex(out.objects);
  for (const part of parts) {
    for (const e of part.errors) out.errors.push(e);
    for (const w of part.warnings) out.warnings.push(w);
    for (const [kind, n] of Object.entries(part.ignoredKinds ?? {}))
      out.ignoredKinds[kind] = (out.ignoredKinds[kind] ?? 0) + n;
    const partFiles = filesOf.get(part); // once per part, not per object
    for (let i = 0; i < part.objects.length; i++) {
      const obj = part.objects[i];
      const file = typeof partFiles === 'string' ? partFiles : partFiles?.[i];
      const at = seen.claim(obj, out.objects.length);
      if (at === undefined) {
        out.objects.push(obj);
        files.push(file);
        continue;
      }
      const id = objectId(obj)!;
      const before = files[at] ?? 'an earlier file';
      const after = file ?? 'a later file';
      const message =
        before === after
          ? `duplicate ${id} in ${after}; the later one wins`
          : `duplicate ${id}: ${before} is overridden by ${after}`;
      out.warnings.push({ file: after, object: id, message });
      out.objects[at] = obj;
      files[at] = file;
    }
  }
  return out;
}

/**
 * Objects by identity — the identity objectId spells as text (kind, API group of a Gateway, namespace, name,
 * each clipped as messages show it) — in nested maps, so the 180,000 objects of a large snapshot need no key
 * string each. Names with '/' (never valid) are where two objects could spell the same text: a namespace-less
 * name with one '/' takes the slot of that namespace/name pair, names with more go by the text itself.
 */
class ObjectIndex {
  private readonly byKind = new Map<string, Map<string, NameGroup>>();
  private readonly byText = new Map<string, number>();
  private lastKind: string | undefined;
  private lastNamespace: string | undefined;
  private lastNames: NameGroup | undefined;

  /** `objects`: the merged list the indexes claimed point into. */
  constructor(private readonly objects: readonly KubeObject[]) {}

  /** The index of an earlier object with the same identity, or undefined after recording `index` as its. */
  claim(obj: KubeObject, index: number): number | undefined {
    const meta = obj.metadata;
    if (!meta || typeof meta !== 'object' || typeof meta.name !== 'string' || meta.name === '') return undefined;
    let name = clip(meta.name);
    let ns = typeof meta.namespace === 'string' && meta.namespace ? clip(meta.namespace) : '';
    const kind =
      obj.kind === 'Gateway' && typeof obj.apiVersion === 'string'
        ? `${obj.kind}.${obj.apiVersion.split('/')[0]}`
        : String(obj.kind);
    if (name.includes('/') || ns.includes('/')) {
      const rest = ns ? `${ns}/${name}` : name;
      const slash = rest.indexOf('/');
      if (slash === 0 || rest.includes('/', slash + 1)) return first(this.byText, `${kind} ${rest}`, index);
      ns = rest.slice(0, slash);
      name = rest.slice(slash + 1);
      return this.namesOf(kind, ns).claim(name, index, false);
    }
    // The name as written (not clipped) can join a sorted run: NameGroup reads it back from the object.
    return this.namesOf(kind, ns).claim(name, index, name === meta.name);
  }

  /** The names of a kind in a namespace; consecutive objects (a listing's) share both, so those are kept. */
  private namesOf(kind: string, ns: string): NameGroup {
    if (kind === this.lastKind && ns === this.lastNamespace) return this.lastNames!;
    let namespaces = this.byKind.get(kind);
    if (!namespaces) this.byKind.set(kind, (namespaces = new Map()));
    let names = namespaces.get(ns);
    if (!names) namespaces.set(ns, (names = new NameGroup(this.objects)));
    this.lastKind = kind;
    this.lastNamespace = ns;
    return (this.lastNames = names);
  }
}

/**
 * The names of one kind in one namespace. The API server lists objects by etcd key (namespace/name), so a
 * snapshot written by kubectl has each namespace's objects of a kind in a run of strictly increasing names,
 * which cannot repeat each other: such a run is kept as a range of the merged list and compared only with the
 * names recorded before it; its names go into the map when another object of the group breaks the run (out
 * of order, or after other objects). A hash of each of 180,000 names cost ~0.1 s in the nested maps. Any
 * order gives the same answers; unsorted input costs what the map alone did.
 */
class NameGroup {
  /** Name → index of every object of the group outside the open run. */
  private readonly indexed = new Map<string, number>();
  /** The open run: indexes runFrom…runTo-1 of `objects`, names strictly increasing up to runLast. */
  private runFrom = 0;
  private runTo = -1;
  private runLast = '';

  constructor(private readonly objects: readonly KubeObject[]) {}

  /**
   * The index of an earlier object named `name`, or undefined after recording `index` for it. `plain`: the
   * object's own metadata.name is `name` (not clipped or split), so the run can read it back.
   */
  claim(name: string, index: number, plain: boolean): number | undefined {
    if (plain && index === this.runTo && name > this.runLast) {
      // After every name of the run: only an object recorded before the run can have it.
      const at = this.indexed.size > 0 ? this.indexed.get(name) : undefined;
      if (at !== undefined) return at;
      this.runTo = index + 1;
      this.runLast = name;
      return undefined;
    }
    this.closeRun();
    const at = this.indexed.get(name);
    if (at !== undefined) return at;
    if (plain) {
      this.runFrom = index;
      this.runTo = index + 1;
      this.runLast = name;
    } else this.indexed.set(name, index);
    return undefined;
  }

  /** Moves the open run's names into the map (its objects were never replaced: nothing found them yet). */
  private closeRun(): void {
    for (let i = this.runFrom; i < this.runTo; i++) this.indexed.set(this.objects[i].metadata!.name!, i);
    this.runTo = -1;
  }
}

/** The value already under `key`, or undefined after setting it to `index`. */
function first(map: Map<string, number>, key: string, index: number): number | undefined {
  const at = map.get(key);
  if (at === undefined) map.set(key, index);
  return at;
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
  const name = clip(meta.name);
  return typeof meta.namespace === 'string' && meta.namespace ? `${clip(meta.namespace)}/${name}` : name;
}

/** A name as long as Kubernetes allows (253) is shown whole; a longer one (never valid) is cut in messages. */
function clip(s: string): string {
  return s.length > 253 ? `${s.slice(0, 40)}…(${s.length} characters)` : s;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
