// Label selectors as NetworkPolicy uses them (meta/v1 LabelSelector): `matchLabels` ANDed with
// `matchExpressions` (In, NotIn, Exists, DoesNotExist). An empty selector selects everything in its
// scope (types.go NetworkPolicyPeer / NetworkPolicySpec.podSelector comments). A selector the API
// would reject (unknown operator, In without values, Exists with values) is `invalid`: matching it
// yields `maybe`, so the verdict becomes `unknown` rather than a guess.
import type { LabelSelector } from '../../model/k8s';
import { and, tri, type Tri } from './tri';

/** One requirement of a compiled selector (matchLabels entries become single-value `In`). */
export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A selector parsed once; `invalid` holds the reason when the API would reject it. */
export interface CompiledSelector {
  requirements: Requirement[];
  /** True for `{}`: selects every object in scope. */
  empty: boolean;
  invalid: string | null;
  /** Short human form, e.g. `{app=web, tier in (a,b)}`. */
  text: string;
}

const OPS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Parses a LabelSelector; null/undefined is treated as `{}` (callers decide what "absent" means). */
export function compileSelector(sel: LabelSelector | null | undefined): CompiledSelector {
  const requirements: Requirement[] = [];
  let invalid: string | null = null;
  const ml = sel?.matchLabels ?? {};
  if (typeof ml !== 'object' || Array.isArray(ml)) invalid = 'matchLabels is not a map';
  else for (const [key, value] of Object.entries(ml)) requirements.push({ key, op: 'In', values: [String(value)] });
  const exprs = Array.isArray(sel?.matchExpressions) ? sel!.matchExpressions! : [];
  for (const e of exprs) {
    const key = e?.key;
    const op = e?.operator;
    const values = Array.isArray(e?.values) ? e.values.map(String) : [];
    // apimachinery ValidateLabelSelectorRequirement: In/NotIn need values; Exists/DoesNotExist must have none.
    if (typeof key !== 'string' || key === '') {
      invalid ??= 'matchExpressions entry without a key';
      continue;
    }
    if (typeof op !== 'string' || !OPS.has(op)) {
      invalid ??= `unknown operator "${String(op)}" for key "${key}"`;
      continue;
    }
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      invalid ??= `operator ${op} on "${key}" needs values`;
      continue;
    }
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      invalid ??= `operator ${op} on "${key}" must not have values`;
      continue;
    }
    requirements.push({ key, op: op as Requirement['op'], values });
  }
  return {
    requirements,
    empty: requirements.length === 0 && invalid === null,
    invalid,
    text: selectorText(requirements, invalid),
  };
}

function selectorText(reqs: Requirement[], invalid: string | null): string {
  if (invalid) return `{invalid: ${invalid}}`;
  if (reqs.length === 0) return '{}';
  const parts = reqs.map((r) => {
    switch (r.op) {
      case 'In':
        return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
      case 'NotIn':
        return `${r.key} notin (${r.values.join(',')})`;
      case 'Exists':
        return r.key;
      case 'DoesNotExist':
        return `!${r.key}`;
    }
  });
  return `{${parts.join(', ')}}`;
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    // NotIn also matches objects that lack the key (apimachinery labels.Requirement.Matches).
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Matches a selector against an object's complete label set. */
export function selectorMatches(sel: CompiledSelector, labels: Record<string, string>): Tri {
  if (sel.invalid) return 'maybe';
  return tri(sel.requirements.every((r) => requirementMatches(r, labels)));
}

/**
 * Matches a selector against a partially known label set: keys outside `knownKeys` are unknown,
 * so requirements on them yield `maybe`. Used for namespaces missing from the snapshot, whose only
 * certain label is the immutable `kubernetes.io/metadata.name` (network-policies.md "Targeting a
 * Namespace by its name").
 */
export function selectorMatchesPartial(sel: CompiledSelector, known: Record<string, string>): Tri {
  if (sel.invalid) return 'maybe';
  let out: Tri = 'yes';
  for (const r of sel.requirements) {
    const t: Tri = Object.prototype.hasOwnProperty.call(known, r.key) ? tri(requirementMatches(r, known)) : 'maybe';
    out = and(out, t);
    if (out === 'no') return out;
  }
  return out;
}
