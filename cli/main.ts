// `kubepath` CLI: the product surface for CI pipelines and the contract the dashboard reuses.
import { loadSnapshotPaths } from '../lib/snapshot/load';
import { formatIssue } from '../lib/snapshot/format';
import { analyzeObjects, traceInModel, resolveTraceSource } from '../lib/engine/facade';
import { formatModelWarning } from '../lib/model/build';
import type { Severity } from '../lib/engine/types';
import { parseArgs, USAGE, UsageError, type AnalyzeCommand, type SourceArgs, type TraceCommand } from './args';
import { formatAnalysis, formatTrace } from './format';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Thrown for input that cannot be analysed (exit 2). */
class InputError extends Error {}

type Out = { out: (s: string) => void; err: (s: string) => void };

async function loadObjects(src: SourceArgs, io: Out) {
  if (src.context || src.kubeconfig) {
    throw new InputError('live clusters (--context/--kubeconfig) are not supported yet; use a snapshot: kubectl get services,endpointslices,nodes,pods,namespaces,networkpolicies,configmaps -A -o json > snap.json');
  }
  const parsed = await loadSnapshotPaths(src.files);
  for (const w of parsed.warnings) io.err(`warning: ${formatIssue(w)}`);
  if (parsed.errors.length) {
    for (const e of parsed.errors) io.err(`error: ${formatIssue(e)}`);
    throw new InputError(`the snapshot has ${parsed.errors.length} error(s); fix them and run again`);
  }
  if (parsed.objects.length === 0) throw new InputError('the snapshot contains no Services, EndpointSlices, Nodes, Pods, Namespaces, NetworkPolicies or ConfigMaps');
  return parsed.objects;
}

async function runAnalyze(cmd: AnalyzeCommand, io: Out): Promise<number> {
  const { analysis } = analyzeObjects(await loadObjects(cmd, io));
  if (cmd.json) io.out(JSON.stringify(analysis, null, 2));
  else {
    io.out(formatAnalysis(analysis));
    for (const w of analysis.warnings) io.err(`warning: ${formatModelWarning(w)}`);
  }
  if (cmd.failOn) {
    const threshold = SEVERITY_RANK[cmd.failOn];
    if (analysis.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)) return 1;
  }
  return 0;
}

async function runTrace(cmd: TraceCommand, io: Out): Promise<number> {
  const { model, dataplane } = analyzeObjects(await loadObjects(cmd, io), { skipAnalysis: true });
  const resolved = resolveTraceSource(model, cmd.from, cmd.atNode);
  if ('error' in resolved) throw new InputError(resolved.error);
  const result = traceInModel(model, dataplane, {
    source: resolved.source, destination: cmd.to, atNode: resolved.atNode, policy: cmd.policy,
  });
  io.out(cmd.json ? JSON.stringify(result, null, 2) : formatTrace(result, dataplane));
  return 0;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Out = { out: (s) => console.log(s), err: (s) => console.error(s) }): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') { io.out(USAGE); return 0; }
    if (cmd.command === 'version') { io.out('kubepath 0.1.0'); return 0; }
    return cmd.command === 'analyze' ? await runAnalyze(cmd, io) : await runTrace(cmd, io);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`kubepath: ${e.message}\n\n${USAGE}`); return 2; }
    if (e instanceof InputError) { io.err(`kubepath: ${e.message}`); return 2; }
    io.err(`kubepath: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the snapshot that caused it)`);
    return 2;
  }
}
