// Building findings: the stable id scheme (`rule/namespace/name[/detail…]`), evidence references and
// the small text helpers every rule uses so messages read alike (fractions, lists, plurals).
import type { Finding, Severity } from '../types';

/** Everything a rule says about one problem; `finding()` adds the id. */
export interface FindingInput {
  rule: string;
  /** Namespace and name the id is keyed on (the Service's, or a policy's for cluster-wide findings). */
  namespace: string;
  name: string;
  /** Extra id parts that tell several findings of one rule and object apart (sanitised: no `/`). */
  detail?: (string | number)[];
  severity: Severity;
  service: string | null;
  title: string;
  message: string;
  evidence: Finding['evidence'];
  fix: string;
  fixYaml?: string | null;
  source: string;
}

/** Makes an id part safe: `/` and whitespace become `-` (CIDRs, `TCP/80`). */
export function idPart(part: string | number): string {
  return String(part).replace(/[\s/]+/g, '-');
}

/** Builds a Finding with its stable id. */
export function finding(f: FindingInput): Finding {
  const id = [f.rule, f.namespace, f.name, ...(f.detail ?? [])].map(idPart).join('/');
  return {
    id,
    rule: f.rule,
    severity: f.severity,
    service: f.service,
    title: f.title,
    message: f.message,
    evidence: f.evidence,
    fix: f.fix,
    fixYaml: f.fixYaml ?? null,
    source: f.source,
  };
}

/** Evidence reference to a Service, NetworkPolicy, Node, Pod, ConfigMap… */
export function ref(kind: string, name: string): { kind: string; name: string } {
  return { kind, name };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by severity (errors first), then id. */
export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A share as a small fraction when it is one (`1/6`), else a percentage (`16.7%`). */
export function fraction(share: number): string {
  if (share === 0) return '0';
  if (Math.abs(share - 1) < 1e-9) return 'all';
  for (let d = 2; d <= 64; d++) {
    const n = Math.round(share * d);
    if (n > 0 && Math.abs(share * d - n) < 1e-6) return `${n}/${d}`;
  }
  return percent(share);
}

/** A share as a percentage with at most one decimal (`16.7%`). */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${p}%`;
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 4 more`. */
export function listText(items: readonly string[], max = 5): string {
  if (items.length === 0) return 'none';
  if (items.length <= max)
    return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `1 pod`, `3 pods`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** Short name of a `namespace/name` key. */
export function shortName(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : key.slice(i + 1);
}
