// The benchmark's cluster as `kubectl get … -o yaml` writes it: the kubectl-file stage's pods and nodes (bench/
// kubectl-file.ts) in go-yaml's block layout — two spaces a level, a sequence under a key at the key's own column,
// strings plain where YAML reads them back as the same string and double-quoted otherwise, `{}` and `[]` when empty.
// 711 MB at full scale: more than one string holds, so kubepath reads it a chunk at a time
// (lib/snapshot/yaml-list-reader.ts). Written by hand, not by the `yaml` package: its stringify took over four minutes
// for that file. `node --import tsx bench/kubectl-yaml.ts SCALE FILE` writes the standard cluster so and prints
// `{"objects":…,"bytes":…}`.
import type { KubeObject } from '../lib/model/k8s';
import { resolvePlain } from '../lib/snapshot/yaml-fast';
import { writeFromCommandLine, writeListFile } from './kubectl-file';

/** Characters a plain scalar is written with here (a subset of what YAML allows: no indicator can start one). */
const PLAIN = /^[A-Za-z0-9_./(][A-Za-z0-9 _./:@=,+()-]*$/;

/** A string as go-yaml writes it: plain when that reads back as the same string, else double-quoted (JSON's escapes). */
export function yamlString(s: string): string {
  const plain =
    PLAIN.test(s) &&
    !s.endsWith(' ') &&
    !s.endsWith(':') &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    resolvePlain(s) === s;
  return plain ? s : JSON.stringify(s);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return yamlString(v);
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) return '{}';
  throw new Error(`not a scalar: ${JSON.stringify(v)}`);
}

const isBlock = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);

/** A mapping's lines at `indent`, its first line starting with `first` instead (`- ` of the entry it is). */
function mapping(o: Record<string, unknown>, indent: string, out: string[], first = indent): void {
  let prefix = first;
  for (const [k, v] of Object.entries(o)) {
    const key = yamlString(k);
    if (Array.isArray(v) && v.length > 0) {
      out.push(`${prefix}${key}:\n`);
      sequence(v, indent, out); // at the key's column, as go-yaml writes it
    } else if (isBlock(v)) {
      out.push(`${prefix}${key}:\n`);
      mapping(v as Record<string, unknown>, `${indent}  `, out);
    } else out.push(`${prefix}${key}: ${scalar(v)}\n`);
    prefix = indent;
  }
}

/** A sequence's entries, each a line `- ` at `indent`. */
function sequence(items: readonly unknown[], indent: string, out: string[]): void {
  for (const v of items) {
    if (Array.isArray(v) && v.length > 0) {
      out.push(`${indent}-\n`);
      sequence(v, `${indent}  `, out);
    } else if (isBlock(v)) mapping(v as Record<string, unknown>, `${indent}  `, out, `${indent}- `);
    else out.push(`${indent}- ${scalar(v)}\n`);
  }
}

/** One object as an entry of the List's `items`. */
export function yamlEntry(o: object): string {
  const out: string[] = [];
  sequence([o], '', out);
  return out.join('');
}

/**
 * Writes `items` as kubectl prints a List in YAML (pods and nodes with what kubectl-file.ts adds). Returns the bytes
 * written.
 */
export function writeKubectlYamlList(file: string, items: readonly KubeObject[]): number {
  return writeListFile(file, items, {
    head: 'apiVersion: v1\nitems:\n',
    entry: (o) => yamlEntry(o),
    tail: 'kind: List\nmetadata:\n  resourceVersion: ""\n',
  });
}

if (process.argv[1] === import.meta.filename) writeFromCommandLine(writeKubectlYamlList);
