// `kubepath` CLI: the product surface for CI pipelines and the contract the dashboard reuses.
import { formatIssue } from '../lib/snapshot/format';
import type { ClusterModel } from '../lib/model/cluster';
import type { KnownKind, KubeObject } from '../lib/model/k8s';
import type { ServiceAnalysis, Severity } from '../lib/engine/types';
import type { LiveTarget } from '../lib/live/target';
import type { KubeTransport } from '../lib/live/transport';
import { parseArgs, USAGE, UsageError, type AnalyzeCommand, type SourceArgs, type TraceCommand } from './args';
import { escapeControl, escapeJsonText, escapeStrings, safeJson } from './escape';
import { formatReport, formatTrace, reportChunks, serviceBlock } from './format';
import { jsonChunks, SerialisedArray, writeJsonBytes, writeTextBytes, type ByteSink } from './json-stream';
import { serviceJsonWriter } from './service-json';
import { byteFraction, fraction, percent, terminalProgress, type Progress } from './progress';

/** The engine, loaded on demand so `kubepath --version` and `help` start in a few milliseconds. */
const engine = () => import('../lib/engine/facade');

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Thrown for input that cannot be analysed (exit 2). */
class InputError extends Error {}

/**
 * Output: whole lines (`out`, `err`) and, for large outputs, UTF-8 bytes written in order (`write`);
 * `terminal` when a person reads stdout (then --json is indented).
 */
type Out = {
  out: (s: string) => void;
  err: (s: string) => void;
  write?: ByteSink;
  terminal?: boolean;
  /** Where progress goes while reading and analysing (stderr at a terminal; absent otherwise). */
  progress?: Progress;
};

/**
 * Whether --json is indented: at a terminal, or asked for with --pretty. Files and pipes get one line, as
 * programs read it: the indentation was half the bytes of a large cluster's output (304 MiB, 158 without it,
 * at Kubernetes' scale limits) and about a tenth of `analyze --json`'s CPU time.
 */
const indentJson = (cmd: { pretty: boolean }, io: Out) => cmd.pretty || io.terminal === true;

/** Opens a live cluster (injectable for tests; the default loads @kubernetes/client-node on demand). */
export type Connect = (target: LiveTarget) => Promise<{ transport: KubeTransport }>;

const defaultConnect: Connect = async (target) => (await import('../lib/live/kube-transport')).connect(target);

/** What the engine reads, from a snapshot or a live cluster. */
interface Loaded {
  objects: KubeObject[];
  unavailableKinds: Partial<Record<KnownKind, string>>;
  unreadableConfigMaps?: Record<string, string>;
}

/** One paged LIST of every kind the engine reads (no watch); a 403 is a warning, an unreachable server exit 2. */
async function loadLive(src: SourceArgs, io: Out, connect: Connect): Promise<Loaded> {
  const { readClusterOnce, ClusterUnreachableError } = await import('../lib/live/oneshot');
  let transport: KubeTransport;
  io.progress?.show('connecting to the cluster…');
  try {
    ({ transport } = await connect({ kubeconfig: src.kubeconfig, context: src.context }));
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
  io.progress?.show('reading the cluster…');
  try {
    const reading = await readClusterOnce(io.progress ? countingTransport(transport, io.progress) : transport);
    for (const w of reading.warnings) io.err(`warning: ${escapeControl(w)}`);
    const { objects, unavailableKinds, unreadableConfigMaps } = reading;
    return { objects, unavailableKinds, unreadableConfigMaps };
  } catch (e) {
    if (e instanceof ClusterUnreachableError) throw new InputError(e.message);
    throw e;
  }
}

async function loadObjects(src: SourceArgs, io: Out, connect: Connect): Promise<Loaded> {
  if (src.live) return loadLive(src, io, connect);
  // Loaded on demand: the YAML parser alone costs more start-up time than `kubepath --version` may take.
  const { loadSnapshotPaths } = await import('../lib/snapshot/load');
  const { progress } = io;
  let reading = '';
  const parsed = await loadSnapshotPaths(
    src.files,
    progress &&
      ((file, i, n) => progress.show((reading = `reading ${file}${n > 1 ? ` (file ${i + 1} of ${n})` : ''}…`))),
    // A file too large for one string is read and parsed in parts, for seconds per GiB: how far, in MiB; a YAML
    // list is parsed in parts too, at seconds per MB: how far, in percent.
    {
      onBytes: progress && ((read, size) => progress.show(`${reading} ${byteFraction(read, size)}`)),
      onYamlParsed: progress && ((chars, total) => progress.show(`${reading} parsing YAML ${percent(chars, total)}`)),
    },
  );
  for (const w of parsed.warnings) io.err(`warning: ${escapeControl(formatIssue(w))}`);
  if (parsed.errors.length) {
    for (const e of parsed.errors) io.err(`error: ${escapeControl(formatIssue(e))}`);
    throw new InputError(`the snapshot has ${parsed.errors.length} error(s); fix them and run again`);
  }
  if (parsed.objects.length === 0)
    throw new InputError(
      'the snapshot contains no Services, EndpointSlices, Nodes, Pods, Namespaces, NetworkPolicies or ConfigMaps',
    );
  return { objects: parsed.objects, unavailableKinds: {} };
}

/**
 * Why a reading cannot back a --fail-on verdict: what was not read was not checked, so a gate that passed
 * on it would fail open. Empty when the reading is complete.
 */
export function partialReading(model: ClusterModel, live: boolean, leftOut: number): string[] {
  const gaps = Object.entries(model.unavailableKinds)
    .filter(([kind]) => !(kind === 'Endpoints' && model.unavailableKinds.EndpointSlice)) // said once, for slices
    .map(([kind, reason]) => `${kind} not read (${reason})`);
  // Every cluster has the default/kubernetes Service: none at all means the listing saw only part of it.
  if (model.services.size === 0 && !model.unavailableKinds.Service)
    gaps.push(live ? '0 Services read, though every cluster has default/kubernetes' : 'the snapshot has no Services');
  if (leftOut > 0) gaps.push(`${leftOut} malformed object(s) left out (see the warnings)`);
  return gaps;
}

async function runAnalyze(cmd: AnalyzeCommand, io: Out, connect: Connect): Promise<number> {
  const { objects, unavailableKinds, unreadableConfigMaps } = await loadObjects(cmd, io, connect);
  const { analyzeObjectsStream, objectsLeftOut, warningLines } = await engine();
  // Each Service's facts are dropped as soon as it is analysed (keeping them cost hundreds of MB at
  // Kubernetes' scale limits); text output formats the Service on the spot, JSON serialises it on the spot.
  // Both outputs start with the summary (findings counts), known only at the end.
  const blocks: string[] = [];
  const layout = { indent: indentJson(cmd, io) };
  const services = new SerialisedArray(layout.indent);
  // One line of JSON: what an analysis holds twice (front-door routes shared between Services, a Service's rows under
  // both policies) is serialised once (cli/service-json.ts); an indented document is written as it is.
  const serviceJson = layout.indent ? null : serviceJsonWriter();
  const onService = cmd.json
    ? (s: ServiceAnalysis) => services.push(s, serviceJson?.(s))
    : (s: ServiceAnalysis, model: ClusterModel) =>
        blocks.push(serviceBlock(s, (key) => model.services.get(key)?.externalTrafficPolicy));
  const { progress } = io;
  progress?.show(buildingModel(objects));
  const { analysis, model } = analyzeObjectsStream(
    objects,
    {
      unavailableKinds,
      unreadableConfigMaps,
      onProgress: progress && ((done, total) => progress.show(`analysing Services… ${fraction(done, total)}`)),
    },
    onService,
  );
  progress?.clear();
  if (cmd.json) {
    // Piece by piece: the whole document can exceed V8's longest string. Same key order as AnalysisResult.
    const { dataplane, summary, findings, warnings } = analysis;
    const document = { dataplane, summary, services, findings, warnings };
    if (io.write) await writeJsonBytes(lines(jsonChunks(document, layout)), io.write);
    else io.out(escapeJsonText([...jsonChunks(document, layout)].join('')));
  } else {
    const report = escapeStrings(analysis);
    if (io.write) await writeTextBytes(lines(reportChunks(report, blocks)), io.write);
    else io.out(formatReport(report, blocks));
    for (const line of warningLines(analysis.warnings)) io.err(`warning: ${escapeControl(line)}`);
  }
  if (cmd.failOn) {
    const gaps = partialReading(model, cmd.live, objectsLeftOut(model));
    if (gaps.length > 0) {
      const what = escapeControl(gaps.join('; '));
      if (!cmd.allowPartial) {
        io.err(
          `kubepath: --fail-on ${cmd.failOn} cannot pass on a partial reading: ${what} (--allow-partial accepts it)`,
        );
        return 2;
      }
      io.err(`warning: partial reading accepted (--allow-partial): ${what}`);
    }
    const threshold = SEVERITY_RANK[cmd.failOn];
    if (analysis.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)) return 1;
  }
  return 0;
}

async function runTrace(cmd: TraceCommand, io: Out, connect: Connect): Promise<number> {
  const { objects, unavailableKinds, unreadableConfigMaps } = await loadObjects(cmd, io, connect);
  const { analyzeObjects, frontDoorTargetError, resolveTraceSource, traceInModel } = await engine();
  io.progress?.show(buildingModel(objects));
  const { model, dataplane } = analyzeObjects(objects, { skipAnalysis: true, unavailableKinds, unreadableConfigMaps });
  const resolved = resolveTraceSource(model, cmd.from, cmd.atNode);
  if ('error' in resolved) throw new InputError(resolved.error);
  // A target that is not in the cluster data is bad input (exit 2), like an unknown --from pod.
  const targetError = cmd.target ? frontDoorTargetError(model, cmd.target, cmd.host, cmd.path) : null;
  if (targetError) throw new InputError(targetError);
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
  io.out(
    cmd.json ? safeJson(result, indentJson(cmd, io)) : formatTrace(escapeStrings(result), escapeStrings(dataplane)),
  );
  return 0;
}

/** `chunks`, then the newline that ends the output. */
function* lines(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}

/**
 * Writes to stdout and waits until it is written (a slow pipe: until it is read). Once the reader has gone
 * (`kubepath analyze --json | head`: EPIPE, see cli/kubepath.mjs) it answers false: the rest is not serialised.
 */
function writeStdout(bytes: Uint8Array): boolean | Promise<boolean> {
  if (process.stdout.destroyed) return false;
  // Until the write is done: the caller reuses `bytes` (a file or TTY finishes at once, a pipe when read).
  return new Promise((resolve) => {
    const done = (error?: Error | null) => {
      process.stdout.off('close', done);
      // stdout is not destroyed by EPIPE: every later write would fail the same way.
      resolve(!error && !process.stdout.destroyed);
    };
    process.stdout.on('close', done);
    process.stdout.write(bytes, done);
  });
}

/** The progress step while the model is built (analyze and trace). */
const buildingModel = (objects: readonly unknown[]) =>
  `building the cluster model (${objects.length.toLocaleString('en-US')} objects)…`;

/** The process's own output: stdout, stderr, and a progress line on stderr when it is a terminal. */
function processIo(): Out {
  const progress = terminalProgress(process.stderr) ?? undefined;
  // Whatever is printed first wipes the progress line, so the two never share a line.
  const afterClearing =
    <A, R>(print: (a: A) => R) =>
    (a: A): R => {
      progress?.clear();
      return print(a);
    };
  return {
    out: afterClearing((s: string) => console.log(s)),
    err: afterClearing((s: string) => console.error(s)),
    write: afterClearing(writeStdout),
    terminal: process.stdout.isTTY === true,
    progress,
  };
}

/** The transport, counting the objects each page of a LIST brings on the progress line. */
function countingTransport(transport: KubeTransport, progress: Progress): KubeTransport {
  let listed = 0;
  return {
    context: transport.context,
    server: transport.server,
    list: async (kind, opts) => {
      const page = await transport.list(kind, opts);
      listed += page.items.length;
      if (listed > 0) progress.show(`reading the cluster… ${listed.toLocaleString('en-US')} objects listed`);
      return page;
    },
    watch: (kind, opts, cb) => transport.watch(kind, opts, cb),
  };
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Out = processIo(), connect: Connect = defaultConnect): Promise<number> {
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
      io.err(`kubepath: ${escapeControl(e.message)}`);
      return 2;
    }
    io.err(
      `kubepath: internal error: ${escapeControl(e instanceof Error ? e.message : String(e))} (please report it with the snapshot that caused it)`,
    );
    return 2;
  }
}
