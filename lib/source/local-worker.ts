// The local-snapshot analysis as it runs in a Web Worker (app/local/analysis.worker.ts): reads the
// picked files with progress, parses and analyses them (analyzeLocalFiles, the same engine run as
// everywhere), keeps the model and analysis in the worker, and sends the page only what the overview
// needs — the analysis without its per-Service paths, and the table rows in chunks — so the page's
// main thread never deserialises the whole cluster (at Kubernetes' scale limits that alone takes
// seconds). The full view goes to the page only when it asks (one Service's panel). Pure message
// handling: no `self`, so unit tests drive it directly.
import type { AnalysisResult, Dataplane } from '../engine/types';
import { buildServiceRows, type ServiceRow } from '../view/overview';
import { missingKinds, type SnapshotKind } from '../view/snapshot-kinds';
import { packFrontDoor, unpackFrontDoor, type FrontDoorTransfer } from '../model/frontdoor';
import { detectEncoding } from '../snapshot/decode';
import { analyzeLocalFiles, MAX_LOCAL_FILE_BYTES, type LocalFile } from './local-files';
import type { ClusterView, SourceInfo } from './types';

/** What the page asks the worker. */
export type LocalWorkerRequest = { type: 'analyse'; files: File[] } | { type: 'view' };

/** Phases the page shows while it waits. */
export type LocalPhase = 'reading' | 'parsing' | 'analysing';

/** The overview's share of the result (everything but the per-Service paths and the model). */
export interface LocalOverview {
  source: SourceInfo;
  dataplane: Dataplane;
  /** The analysis with `services: []` (the rows stand for them). */
  analysis: AnalysisResult;
  /** Kinds the files hold none of (the model stays in the worker, so this is computed there). */
  missingKinds: SnapshotKind[];
}

/** A ClusterView as a worker message carries it (the front-door model's lookup function as a table). */
export type TransferredView = Omit<ClusterView, 'model'> & {
  model: Omit<ClusterView['model'], 'frontDoor'> & { frontDoor?: FrontDoorTransfer };
};

/** The view for postMessage: structured clone refuses functions. */
export function packView(view: ClusterView): TransferredView {
  const { frontDoor, ...model } = view.model;
  return { ...view, model: frontDoor ? { ...model, frontDoor: packFrontDoor(frontDoor, model.pods.keys()) } : model };
}

/** The view again, on the page. */
export function unpackView(t: TransferredView): ClusterView {
  const { frontDoor, ...model } = t.model;
  return { ...t, model: frontDoor ? { ...model, frontDoor: unpackFrontDoor(frontDoor) } : model };
}

/** What the worker tells the page. */
export type LocalWorkerMessage =
  | { type: 'progress'; phase: LocalPhase; percent: number }
  | { type: 'rows'; rows: ServiceRow[] }
  | { type: 'overview'; overview: LocalOverview }
  | { type: 'view'; view: TransferredView }
  | { type: 'error'; message: string };

/** Table rows per message: each message stays small enough to take the page a few milliseconds. */
export const ROWS_PER_MESSAGE = 500;

/** A worker's message handler; `post` sends to the page. */
export function createLocalWorker(post: (m: LocalWorkerMessage) => void, now: () => Date = () => new Date()) {
  let view: ClusterView | null = null;
  let lastPercent = -1;
  let lastPhase: LocalPhase | null = null;
  const progress = (phase: LocalPhase, percent: number) => {
    if (phase === lastPhase && percent === lastPercent) return;
    lastPhase = phase;
    lastPercent = percent;
    post({ type: 'progress', phase, percent });
  };

  async function analyse(picked: File[]): Promise<void> {
    const tooLarge = picked.filter((f) => f.size > MAX_LOCAL_FILE_BYTES).map((f) => ({ name: f.name, size: f.size }));
    const readable = picked.filter((f) => f.size <= MAX_LOCAL_FILE_BYTES);
    const total = readable.reduce((n, f) => n + f.size, 0);
    let read = 0;
    progress('reading', 0);
    const files: LocalFile[] = [];
    for (const f of readable) {
      files.push({
        name: f.name,
        text: await readText(f, (bytes) => {
          read += bytes;
          progress('reading', total ? Math.floor((read / total) * 100) : 100);
        }),
      });
    }
    progress('reading', 100);
    view = analyzeLocalFiles(files, now(), tooLarge, progress);
    files.length = 0;
    const rows = buildServiceRows(view.analysis, view.model);
    for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE)
      post({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
    post({
      type: 'overview',
      overview: {
        source: view.source,
        dataplane: view.dataplane,
        analysis: { ...view.analysis, services: [] },
        missingKinds: missingKinds(view.model),
      },
    });
  }

  return async function onRequest(req: LocalWorkerRequest): Promise<void> {
    try {
      if (req.type === 'analyse') {
        view = null;
        lastPhase = null;
        await analyse(req.files);
      } else if (view) post({ type: 'view', view: packView(view) });
      else post({ type: 'error', message: 'no snapshot has been analysed yet' });
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
