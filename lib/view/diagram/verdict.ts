// NetworkPolicy verdicts as the diagram and the trace headline say them: one word, an icon and the
// policies that decided, taken from the engine's reason sentence (lib/engine/netpol/evaluate.ts
// spells a denial "… is isolated for ingress by ns/a, ns/b and no rule admits …").
import type { PolicyVerdict } from '../../engine/types';

/** A verdict as drawn: the engine's three, or `mixed` for a box that stands for several answers. */
export type DiagramVerdict = PolicyVerdict | 'mixed';

/** Icon glyph per verdict (drawn next to the words, never alone). */
export const VERDICT_ICON: Record<DiagramVerdict, string> = {
  allowed: '✓',
  denied: '✕',
  unknown: '?',
  mixed: '±',
};

/** One word per verdict. */
export const VERDICT_WORD: Record<DiagramVerdict, string> = {
  allowed: 'allowed',
  denied: 'denied',
  unknown: 'unknown',
  mixed: 'mixed',
};

/**
 * The NetworkPolicies that isolate the pod in a denial reason (`ns/name` keys, in order, unique).
 * Empty when the sentence names none (e.g. an answer that is not a denial).
 */
export function isolatingPolicies(reason: string): string[] {
  const out: string[] = [];
  for (const m of reason.matchAll(
    /isolated for (?:ingress|egress) by ([^\s,()]+\/[^\s,()]+(?:, [^\s,()]+\/[^\s,()]+)*)/g,
  )) {
    for (const key of m[1].split(', ')) if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** Short text of a verdict with the deciding policy when known: `denied by ns/default-deny`. */
export function verdictText(verdict: DiagramVerdict, reason: string): string {
  if (verdict !== 'denied') return VERDICT_WORD[verdict];
  const by = isolatingPolicies(reason);
  return by.length === 0 ? 'denied' : `denied by ${by[0]}${by.length > 1 ? ` +${by.length - 1}` : ''}`;
}

/** The verdict a box standing for several answers shows: the common one, else `mixed`. */
export function combineVerdicts(verdicts: PolicyVerdict[]): DiagramVerdict | null {
  if (verdicts.length === 0) return null;
  const first = verdicts[0];
  return verdicts.every((v) => v === first) ? first : 'mixed';
}
