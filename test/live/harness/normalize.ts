// Makes two AnalysisResults comparable: the engine sorts services, findings, pods and node rows
// itself (lib/engine/analyze.ts, paths.ts), so those orders are contractual and kept. Only lists whose
// order follows input order (model warnings, dataplane assumptions) are sorted here.
import type { AnalysisResult } from '../../../lib/engine/types';

/** A deep copy of an analysis with input-order lists sorted. */
export function normalizeAnalysis(a: AnalysisResult): AnalysisResult {
  const copy = structuredClone(a);
  copy.warnings = [...copy.warnings].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  copy.dataplane.assumptions = [...copy.dataplane.assumptions].sort();
  return copy;
}

/** Short description of an analysis for assertion messages. */
export function describeAnalysis(a: AnalysisResult): string {
  return `${a.services.length} services, ${a.summary.pods} pods, ${a.summary.nodes} nodes, findings [${a.findings.map((f) => f.id).join(', ')}]`;
}
