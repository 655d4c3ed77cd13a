// The Web Worker of /local: the engine runs here, off the page's main thread (lib/source/local-worker.ts).
import { createLocalWorker, type LocalWorkerMessage, type LocalWorkerRequest } from '@/lib/source/local-worker';

const scope = globalThis as unknown as {
  postMessage(m: LocalWorkerMessage): void;
  onmessage: ((e: MessageEvent<LocalWorkerRequest>) => void) | null;
};
const handle = createLocalWorker((m) => scope.postMessage(m));
scope.onmessage = (e) => void handle(e.data);
