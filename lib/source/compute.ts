// Runs the engine on a set of parsed objects. Pure (no I/O): the server's sources and the
// browser's local-snapshot page both call it, so both show exactly the same analysis.
import { buildClusterModel } from '../model/build';
import { detectDataplane } from '../engine/dataplane';
import { analyzeClusterSteps } from '../engine/analyze';
import { formatIssue } from '../snapshot/format';
import type { ParsedSnapshot } from '../snapshot/parse';
import type { ClusterView, SourceKind } from './types';

/** Where computeClusterViewSteps is: about to build the model, or Services analysed of all. */
export type ComputeStep = { phase: 'modelling' } | { phase: 'analysing'; done: number; total: number };

/**
 * computeClusterView one slice at a time (yields before the model and while the Services are analysed), so the
 * server can answer other requests and show the load's progress between slices (lib/source/sliced.ts).
 */
export function* computeClusterViewSteps(
  parsed: ParsedSnapshot,
  kind: SourceKind,
  label: string,
  loadedAt: Date,
): Generator<ComputeStep, ClusterView, void> {
  yield { phase: 'modelling' };
  const model = buildClusterModel(parsed.objects);
  const dataplane = detectDataplane(model);
  const steps = analyzeClusterSteps(model, dataplane);
  let next = steps.next();
  for (; !next.done; next = steps.next()) yield { phase: 'analysing', ...next.value };
  const { errors, warnings } = describeSnapshotIssues(parsed);
  return {
    source: { kind, label, loadedAt: loadedAt.toISOString(), errors, warnings },
    model,
    dataplane,
    analysis: next.value.analysis,
  };
}

/** Builds the model, detects the dataplane and analyses every Service of the parsed objects (`onProgress`: Services done of all). */
export function computeClusterView(
  parsed: ParsedSnapshot,
  kind: SourceKind,
  label: string,
  loadedAt: Date,
  onProgress?: (done: number, total: number) => void,
): ClusterView {
  const steps = computeClusterViewSteps(parsed, kind, label, loadedAt);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (onProgress && next.value.phase === 'analysing' && next.value.done > 0)
      onProgress(next.value.done, next.value.total);
  }
}

/** Most issues listed one by one; past this they are summarised (a broken 10,000-object file must not flood the page). */
const MAX_LISTED_ISSUES = 50;

/** One-line messages for a snapshot's errors and warnings, ignored kinds summarised in one warning. */
export function describeSnapshotIssues(parsed: ParsedSnapshot): { errors: string[]; warnings: string[] } {
  const errors = capped(parsed.errors.map(formatIssue), 'errors');
  const warnings = capped(parsed.warnings.map(formatIssue), 'warnings');
  const ignored = Object.entries(parsed.ignoredKinds).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (ignored.length > 0) {
    warnings.push(`Ignored objects kubepath does not read: ${ignored.map(([kind, n]) => `${kind} ×${n}`).join(', ')}.`);
  }
  return { errors, warnings };
}

function capped(lines: string[], what: string): string[] {
  if (lines.length <= MAX_LISTED_ISSUES) return lines;
  return [...lines.slice(0, MAX_LISTED_ISSUES), `… and ${lines.length - MAX_LISTED_ISSUES} more ${what}.`];
}
