// `kubepath` CLI: the product surface for CI pipelines and the contract the dashboard reuses.
import { loadSnapshotPaths } from '../lib/snapshot/load';
import { formatIssue } from '../lib/snapshot/format';
import { analyzeObjects, traceInModel, resolveTraceSource } from '../lib/engine/facade';
import { formatModelWarning } from '../lib/model/build';
import type { KnownKind, KubeObject } from '../lib/model/k8s';
import type { Severity } from '../lib/engine/types';
import type { LiveTarget } from '../lib/live/target';
import type { KubeTransport } from '../lib/live/transport';
import { parseArgs, USAGE, UsageError, type AnalyzeCommand, type SourceArgs, type TraceCommand } from './args';
import { formatAnalysis, formatTrace } from './format';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Thrown for input that cannot be analysed (exit 2). */
class InputError extends Error {}

type Out = { out: (s: string) => void; err: (s: string) => void };

/** Opens a live cluster (injectable for tests; the default loads @kubernetes/client-node on demand). */
export type Connect = (target: LiveTarget) => Promise<{ transport: KubeTransport }>;

const defaultConnect: Connect = async (target) => (await import('../lib/live/kube-transport')).connect(target);

/** What the engine reads, from a snapshot or a live cluster. */
interface Loaded {
  objects: KubeObject[];
  unavailableKinds: Partial<Record<KnownKind, string>>;
}

/** One paged LIST of every kind the engine reads (no watch); a 403 is a warning, an unreachable server exit 2. */
async function loadLive(src: SourceArgs, io: Out, connect: Connect): Promise<Loaded> {
  const { readClusterOnce, ClusterUnreachableError } = await import('../lib/live/oneshot');
  let transport: KubeTransport;
  try {
    ({ transport } = await connect({ kubeconfig: src.kubeconfig, context: src.context }));
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
  try {
    const reading = await readClusterOnce(transport);
    for (const w of reading.warnings) io.err(`warning: ${w}`);
    return { objects: reading.objects, unavailableKinds: reading.unavailableKinds };
  } catch (e) {
    if (e instanceof ClusterUnreachableError) throw new InputError(e.message);
    throw e;
  }
}

async function loadObjects(src: SourceArgs, io: Out, connect: Connect): Promise<Loaded> {
  if (src.live) return loadLive(src, io, connect);
  const parsed = await loadSnapshotPaths(src.files);
  for (const w of parsed.warnings) io.err(`warning: ${formatIssue(w)}`);
  if (parsed.errors.length) {
    for (const e of parsed.errors) io.err(`error: ${formatIssue(e)}`);
    throw new InputError(`the snapshot has ${parsed.errors.length} error(s); fix them and run again`);
  }
  if (parsed.objects.length === 0)
    throw new InputError(
      'the snapshot contains no Services, EndpointSlices, Nodes, Pods, Namespaces, NetworkPolicies or ConfigMaps',
    );
  return { objects: parsed.objects, unavailableKinds: {} };
}

async function runAnalyze(cmd: AnalyzeCommand, io: Out, connect: Connect): Promise<number> {
  const { objects, unavailableKinds } = await loadObjects(cmd, io, connect);
  const { analysis } = analyzeObjects(objects, { unavailableKinds });
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

async function runTrace(cmd: TraceCommand, io: Out, connect: Connect): Promise<number> {
  const { objects, unavailableKinds } = await loadObjects(cmd, io, connect);
  const { model, dataplane } = analyzeObjects(objects, { skipAnalysis: true, unavailableKinds });
  const resolved = resolveTraceSource(model, cmd.from, cmd.atNode);
  if ('error' in resolved) throw new InputError(resolved.error);
  const result = traceInModel(
    model,
    dataplane,
    {
      source: resolved.source,
      destination: cmd.to,
      atNode: resolved.atNode,
      policy: cmd.policy,
    },
    { target: cmd.target, host: cmd.host, path: cmd.path },
  );
  io.out(cmd.json ? JSON.stringify(result, null, 2) : formatTrace(result, dataplane));
  return 0;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(
  argv: string[],
  io: Out = { out: (s) => console.log(s), err: (s) => console.error(s) },
  connect: Connect = defaultConnect,
): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (cmd.command === 'version') {
      io.out('kubepath 0.1.0');
      return 0;
    }
    return cmd.command === 'analyze' ? await runAnalyze(cmd, io, connect) : await runTrace(cmd, io, connect);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kubepath: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`kubepath: ${e.message}`);
      return 2;
    }
    io.err(
      `kubepath: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the snapshot that caused it)`,
    );
    return 2;
  }
}
