// The seam between the live source and the API server: a paged LIST and a streaming WATCH of one
// collection, returning raw JSON. The real implementation (kube-transport.ts) uses
// @kubernetes/client-node for configuration and authentication; unit tests use an in-memory fake.
import type { WatchedKind } from './kinds';

/** One page of a LIST. */
export interface ListPage {
  items: unknown[];
  /** metadata.resourceVersion of the list (where a watch starts). */
  resourceVersion: string;
  /** metadata.continue, or null on the last page. */
  continueToken: string | null;
}

/** One line of a watch stream (`type` as the API sends it). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** A running watch; stop() ends it without calling `done`. */
export interface WatchHandle {
  stop(): void;
}

/** Callbacks of a watch: events in order, then `done` once (null = the server closed the stream normally). */
export interface WatchCallbacks {
  onEvent(event: WatchEvent): void;
  done(err: unknown): void;
}

/** Lists and watches collections of one cluster. */
export interface KubeTransport {
  /** Context name (or `in-cluster`) and API server URL, for status and error messages. */
  readonly context: string;
  readonly server: string;
  list(kind: WatchedKind, opts: { limit: number; continueToken: string | null }): Promise<ListPage>;
  /** Opens a watch; rejects (or calls done with the error) when the request fails. */
  watch(
    kind: WatchedKind,
    opts: { resourceVersion: string; timeoutSeconds: number },
    cb: WatchCallbacks,
  ): Promise<WatchHandle>;
}
