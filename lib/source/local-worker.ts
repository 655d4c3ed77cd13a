// The local-snapshot analysis as it runs in a Web Worker (app/local/analysis.worker.ts): reads the
// picked files with progress, parses and analyses them (analyzeLocalFiles, the same engine run as
// everywhere), keeps the model, the analysis and the table rows in the worker, and sends the page only
// the summary and, for each overview state it asks for, one page of the overview (buildOverviewData:
// 100 rows and the capped problem groups). Filtering, sorting and grouping 10,000 Services and their
// findings, and deserialising them, took the page's main thread over 100 ms at Kubernetes' scale limits.
// A Service's panel asks for that Service's page data only (buildServicePageData, what the server's Service
// page sends) and runs its traces here too: the model never crosses to the page (at the scale limits,
// structured-cloning it blocked the page for seconds). Every request carries an id and every message
// answering it repeats the id, so requests may overlap. Pure message handling: no `self`, so unit tests
// drive it directly.
import type { AnalysisResult, Dataplane, ServiceAnalysis, TrafficPolicy } from '../engine/types';
import { buildOverviewData, buildServiceRows, type OverviewData, type ServiceRow } from '../view/overview';
import { runTrace } from '../view/run-trace';
import { buildServicePageData, type ServicePageData } from '../view/service-page-data';
import type { TraceOutcome } from '../view/trace-api';
import type { OverviewState, TraceInputs } from '../view/url-state';
import { missingKinds, type SnapshotKind } from '../view/snapshot-kinds';
import { detectEncoding } from '../snapshot/decode';
import {
  HEAD_BYTES,
  INDENTED_IN_PARTS_BYTES,
  notReadableInParts,
  readerSnapshot,
  readsInParts,
  snapshotListReader,
  syntaxOf,
} from '../snapshot/in-parts';
import { snapshotError, type ParsedSnapshot } from '../snapshot/parse';
import { analyzeLocalFiles, type LocalFile } from './local-files';
import { LOCAL_TEXT_BYTES, LOCAL_YAML_HEAP_BYTES, MAX_LOCAL_FILE_BYTES } from './local-limits';
import { heapNeeded, type LocalReadPath } from './local-memory';
import { mibUp } from '../util/mib';
import type { ClusterView, SourceInfo } from './types';

/** What the page asks the worker; `id` comes back on every message that answers it. */
export type LocalWorkerRequest = { id: number } & (
  | { type: 'analyse'; files: File[] }
  | { type: 'heap'; files: File[] }
  | { type: 'overview'; state: OverviewState }
  | { type: 'service'; service: string; options: LocalServiceOptions }
  | { type: 'trace'; service: string; inputs: TraceInputs; policy: TrafficPolicy }
);

/** The Service panel's own state that changes its page data (the node-grouping threshold, the client pod). */
export interface LocalServiceOptions {
  group: number;
  clientPod: string | null;
}

/** What one Service's panel shows: its analysis and page data (both bounded by the Service's own size). */
export interface LocalServiceData {
  service: ServiceAnalysis;
  data: ServicePageData;
  sourceLabel: string;
}

/** Phases the page shows while it waits. */
export type LocalPhase = 'reading' | 'parsing' | 'analysing';

/** What the page keeps of an analysis (the rows, findings, paths and model stay in the worker). */
export interface LocalOverview {
  source: SourceInfo;
  dataplane: Dataplane;
  summary: AnalysisResult['summary'];
  /** Kinds the files hold none of (the model stays in the worker, so this is computed there). */
  missingKinds: SnapshotKind[];
}

/** What the worker tells the page: progress, then exactly one answer (any type but `progress`) per request. */
export type LocalWorkerMessage =
  | { type: 'progress'; phase: LocalPhase; percent: number }
  | { type: 'overview'; overview: LocalOverview }
  | { type: 'page'; data: OverviewData }
  | { type: 'service'; panel: LocalServiceData }
  | { type: 'trace'; outcome: TraceOutcome }
  | { type: 'heap'; needed: number }
  | { type: 'error'; message: string };

/** A message as posted: the id of the request it answers. */
export type LocalWorkerReply = LocalWorkerMessage & { id: number };

/** Sizes from which files are read in parts (tests lower them). */
export interface LocalReadLimits {
  /** Any file larger than this (LOCAL_TEXT_BYTES). */
  textBytes?: number;
  /** Indented JSON larger than this (INDENTED_IN_PARTS_BYTES: kubectl's output, as the CLI reads it). */
  indentedBytes?: number;
  /** Heap a YAML file's whole parse may need (LOCAL_YAML_HEAP_BYTES): a larger list is parsed in parts, other YAML is an error. */
  yamlHeapBytes?: number;
}

/** A worker's message handler; `postReply` sends to the page. */
export function createLocalWorker(
  postReply: (m: LocalWorkerReply) => void,
  now: () => Date = () => new Date(),
  limits: LocalReadLimits = {},
) {
  const {
    textBytes = LOCAL_TEXT_BYTES,
    indentedBytes = INDENTED_IN_PARTS_BYTES,
    yamlHeapBytes = LOCAL_YAML_HEAP_BYTES,
  } = limits;
  /** Smallest file whose head is looked at: a smaller one is read as one text, whatever it holds. */
  const headFrom = Math.min(textBytes, indentedBytes);
  let view: ClusterView | null = null;
  let rows: ServiceRow[] = [];
  let byKey = new Map<string, ServiceAnalysis>();

  /** Whether a file is read a part at a time: the same choice as the CLI's (lib/snapshot/load.ts), with the browser's limit for one text. */
  const inParts = (head: Uint8Array, size: number) => readsInParts(head, size, textBytes, indentedBytes);

  /** The heap analysing these files needs (local-memory.ts), by how each would be read; files not read count nothing. */
  async function heapFor(picked: File[]): Promise<number> {
    const paths: { size: number; path: LocalReadPath }[] = [];
    for (const f of picked) {
      if (f.size > MAX_LOCAL_FILE_BYTES) continue;
      const head = await headOf(f);
      const how = inParts(head, f.size) ? 'parts' : 'text';
      const path: LocalReadPath = syntaxOf(head) === 'yaml' ? `yaml-${how}` : `json-${how}`;
      paths.push({ size: f.size, path });
    }
    return heapNeeded(paths);
  }

  async function analyse(picked: File[], post: (m: LocalWorkerMessage) => void): Promise<void> {
    let lastPercent = -1;
    let lastPhase: LocalPhase | null = null;
    const progress = (phase: LocalPhase, percent: number) => {
      if (phase === lastPhase && percent === lastPercent) return;
      lastPhase = phase;
      lastPercent = percent;
      post({ type: 'progress', phase, percent });
    };
    const tooLarge = picked.filter((f) => f.size > MAX_LOCAL_FILE_BYTES).map((f) => ({ name: f.name, size: f.size }));
    const readable = picked.filter((f) => f.size <= MAX_LOCAL_FILE_BYTES);
    const total = readable.reduce((n, f) => n + f.size, 0);
    let read = 0;
    progress('reading', 0);
    const files: LocalFile[] = [];
    const onBytes = (bytes: number) => {
      read += bytes;
      progress('reading', total ? Math.floor((read / total) * 100) : 100);
    };
    for (const f of readable) {
      const head = f.size > headFrom ? await headOf(f) : null;
      files.push(
        head && inParts(head, f.size)
          ? { name: f.name, parsed: await readInParts(f, onBytes, head) }
          : { name: f.name, text: await readText(f, onBytes) },
      );
    }
    progress('reading', 100);
    // A YAML list whose whole parse would not fit is parsed a part at a time; other such YAML is an error.
    const yamlBudget = {
      bytes: yamlHeapBytes,
      where: 'a browser tab may use here',
      instead: 'or open it with `npm run demo -- --snapshot`',
    };
    view = analyzeLocalFiles(files, now(), { tooLarge, onProgress: progress, yamlBudget });
    files.length = 0;
    rows = buildServiceRows(view.analysis, view.model);
    byKey = new Map(view.analysis.services.map((s) => [s.service, s]));
    post({
      type: 'overview',
      overview: {
        source: view.source,
        dataplane: view.dataplane,
        summary: view.analysis.summary,
        missingKinds: missingKinds(view.model),
      },
    });
  }

  /** One Service's answer (page data or a trace), or why there is none. */
  function forService(
    current: ClusterView,
    req: Extract<LocalWorkerRequest, { type: 'service' | 'trace' }>,
  ): LocalWorkerMessage {
    const service = byKey.get(req.service);
    if (!service) return { type: 'error', message: `no Service ${req.service} in the snapshot` };
    if (req.type === 'trace')
      return { type: 'trace', outcome: runTrace(current, service.entries, req.inputs, req.policy) };
    const data = buildServicePageData(current.model, current.analysis, service, req.options);
    return { type: 'service', panel: { service, data, sourceLabel: current.source.label } };
  }

  return async function onRequest(req: LocalWorkerRequest): Promise<void> {
    const post = (m: LocalWorkerMessage) => postReply({ ...m, id: req.id });
    try {
      if (req.type === 'analyse') {
        view = null;
        rows = [];
        byKey = new Map();
        await analyse(req.files, post);
      } else if (req.type === 'heap') post({ type: 'heap', needed: await heapFor(req.files) });
      else if (!view) post({ type: 'error', message: 'no snapshot has been analysed yet' });
      else if (req.type === 'overview') post({ type: 'page', data: buildOverviewData(view.analysis, rows, req.state) });
      else post(forService(view, req));
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
}

/**
 * A file's text, reporting the bytes as they are read. The encoding is detected from the first bytes with
 * the decoder the CLI and the server use (lib/snapshot/decode.ts: UTF-8 with or without BOM, UTF-16 LE/BE).
 */
export async function readText(file: Blob, onBytes: (n: number) => void): Promise<string> {
  const reader = file.stream().getReader();
  let decoder: TextDecoder | null = null;
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // The first chunk (tens of KiB from a Blob stream) holds the BOM or the zero-byte pattern.
    decoder ??= new TextDecoder(detectEncoding(value));
    parts.push(decoder.decode(value, { stream: true }));
    onBytes(value.byteLength);
  }
  if (decoder) parts.push(decoder.decode());
  return parts.join('');
}

/**
 * A file larger than LOCAL_TEXT_BYTES (or indented JSON over INDENTED_IN_PARTS_BYTES), read and parsed a part at a
 * time as the CLI reads it (lib/snapshot/in-parts.ts): UTF-8 JSON or a YAML list only, each element (or part of
 * entries) of its items parsed as it ends, pods and nodes kept lean. A JSON syntax error, if any, at the line and
 * column JSON.parse of the whole text would give. `head`: its first HEAD_BYTES, when already read.
 */
export async function readInParts(
  file: File,
  onBytes: (n: number) => void,
  head?: Uint8Array,
): Promise<ParsedSnapshot> {
  head ??= await headOf(file);
  const problem = notReadableInParts(
    head,
    file.size,
    `each up to ${mibUp(LOCAL_TEXT_BYTES)} MiB here, or open it with \`npm run demo -- --snapshot\``,
  );
  if (problem) return snapshotError({ file: file.name, message: problem });
  const reader = snapshotListReader(head);
  const stream = file.stream().getReader();
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    reader.push(value);
    onBytes(value.byteLength);
  }
  return readerSnapshot(reader.end(), file.name);
}

/** The first bytes of a file, which tell its encoding and layout. */
async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}
