// The page's side of the /local Web Worker: starts it, forwards progress, collects the table rows and
// the overview, and fetches the full view (model included) only when one Service's panel needs it.
import {
  unpackView,
  type LocalOverview,
  type LocalPhase,
  type LocalWorkerMessage,
  type LocalWorkerRequest,
} from '@/lib/source/local-worker';
import type { ClusterView } from '@/lib/source/types';
import type { ServiceRow } from '@/lib/view/overview';

/** What the overview of /local shows. */
export interface LocalResult extends LocalOverview {
  rows: ServiceRow[];
}

/** Words for a phase, as the status line shows them. */
export function progressText(phase: LocalPhase, percent: number): string {
  const words = { reading: 'Reading', parsing: 'Parsing', analysing: 'Analysing' } as const;
  return `${words[phase]}… ${percent}%`;
}

/** One worker for the page; each analysis replaces the previous one. */
export class LocalAnalysisClient {
  #worker: Worker | null = null;
  #onMessage: ((m: LocalWorkerMessage) => void) | null = null;

  #send(req: LocalWorkerRequest, onMessage: (m: LocalWorkerMessage) => void): void {
    if (!this.#worker) {
      this.#worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<LocalWorkerMessage>) => this.#onMessage?.(e.data);
      this.#worker.onerror = (e) =>
        this.#onMessage?.({ type: 'error', message: e.message || 'the analysis worker failed' });
    }
    this.#onMessage = onMessage;
    this.#worker.postMessage(req);
  }

  /** Reads, parses and analyses the files in the worker, reporting progress. */
  analyse(files: File[], onProgress: (phase: LocalPhase, percent: number) => void): Promise<LocalResult> {
    return new Promise((resolve, reject) => {
      const rows: ServiceRow[] = [];
      this.#send({ type: 'analyse', files }, (m) => {
        if (m.type === 'progress') onProgress(m.phase, m.percent);
        else if (m.type === 'rows') for (const r of m.rows) rows.push(r);
        else if (m.type === 'overview') resolve({ ...m.overview, rows });
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** The whole view of the last analysis (model included), for one Service's panel. */
  view(): Promise<ClusterView> {
    return new Promise((resolve, reject) => {
      this.#send({ type: 'view' }, (m) => {
        if (m.type === 'view') resolve(unpackView(m.view));
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** Stops the worker (the page unmounts). */
  close(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
