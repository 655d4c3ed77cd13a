// The page's side of the /local Web Worker: starts it, forwards progress, and asks it for the summary of
// an analysis, one page of the overview per state, one Service's page data for its panel, and that
// Service's traces. The model, rows and findings stay in the worker (lib/source/local-worker.ts).
import type {
  LocalOverview,
  LocalPhase,
  LocalServiceData,
  LocalServiceOptions,
  LocalWorkerMessage,
  LocalWorkerReply,
  LocalWorkerRequest,
} from '@/lib/source/local-worker';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { OverviewData } from '@/lib/view/overview';
import type { TraceOutcome } from '@/lib/view/trace-api';
import type { OverviewState, TraceInputs } from '@/lib/view/url-state';

/** What /local keeps of an analysis (its overview pages come from the worker, `page`). */
export type LocalResult = LocalOverview;

/** A request without its id (#send numbers it). */
type Request = LocalWorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** Words for a phase, as the status line shows them. */
export function progressText(phase: LocalPhase, percent: number): string {
  const words = { reading: 'Reading', parsing: 'Parsing', analysing: 'Analysing' } as const;
  return `${words[phase]}… ${percent}%`;
}

/** One worker for the page; each analysis replaces the previous one. Requests may overlap. */
export class LocalAnalysisClient {
  #worker: Worker | null = null;
  #lastId = 0;
  /** Handlers of the requests still waiting for their answer, by id. */
  #waiting = new Map<number, (m: LocalWorkerMessage) => void>();

  #send(req: Request, onMessage: (m: LocalWorkerMessage) => void): void {
    if (!this.#worker) {
      this.#worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<LocalWorkerReply>) => {
        const handler = this.#waiting.get(e.data.id);
        // Progress comes before the one answer of a request.
        if (e.data.type !== 'progress') this.#waiting.delete(e.data.id);
        handler?.(e.data);
      };
      this.#worker.onerror = (e) => {
        const waiting = [...this.#waiting.values()];
        this.#waiting.clear();
        for (const handler of waiting) handler({ type: 'error', message: e.message || 'the analysis worker failed' });
      };
    }
    const id = ++this.#lastId;
    this.#waiting.set(id, onMessage);
    this.#worker.postMessage({ ...req, id } as LocalWorkerRequest);
  }

  /** Reads, parses and analyses the files in the worker, reporting progress. */
  analyse(files: File[], onProgress: (phase: LocalPhase, percent: number) => void): Promise<LocalResult> {
    return new Promise((resolve, reject) => {
      this.#send({ type: 'analyse', files }, (m) => {
        if (m.type === 'progress') onProgress(m.phase, m.percent);
        else if (m.type === 'overview') resolve(m.overview);
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** The heap analysing these files would need in the worker (lib/source/local-memory.ts); nothing is read but their first bytes. */
  heapNeeded(files: File[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#send({ type: 'heap', files }, (m) => {
        if (m.type === 'heap') resolve(m.needed);
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** One page of the overview of the last analysis for a state (filtered, sorted and grouped in the worker). */
  page(state: OverviewState): Promise<OverviewData> {
    return new Promise((resolve, reject) => {
      this.#send({ type: 'overview', state }, (m) => {
        if (m.type === 'page') resolve(m.data);
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** One Service's analysis and page data (for its panel) from the last analysis. */
  service(service: string, options: LocalServiceOptions): Promise<LocalServiceData> {
    return new Promise((resolve, reject) => {
      this.#send({ type: 'service', service, options }, (m) => {
        if (m.type === 'service') resolve(m.panel);
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** Traces a packet to one Service of the last analysis (in the worker, where the model is). */
  trace(service: string, inputs: TraceInputs, policy: TrafficPolicy): Promise<TraceOutcome> {
    return new Promise((resolve, reject) => {
      this.#send({ type: 'trace', service, inputs, policy }, (m) => {
        if (m.type === 'trace') resolve(m.outcome);
        else if (m.type === 'error') reject(new Error(m.message));
      });
    });
  }

  /** Stops the worker (the page unmounts). */
  close(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#waiting.clear();
  }
}
