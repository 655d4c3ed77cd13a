// A complete LIST in pages of `limit` objects, following metadata.continue (API concepts "Retrieving
// large results sets in chunks"): the API server never builds a 150,000-pod response in one piece. An
// expired continue token (410) restarts the list from the beginning, once per attempt budget.
import type { KubeObject } from '../model/k8s';
import { classifyError } from './errors';
import { versionsOf, type WatchedKind } from './kinds';
import { stripObject } from './strip';
import type { KubeTransport } from './transport';

/** Page size of every LIST (the chunk size kubectl uses too). */
export const DEFAULT_PAGE_SIZE = 500;

/** A complete, stripped LIST and the resourceVersion to watch from. */
export interface FullList {
  objects: KubeObject[];
  resourceVersion: string;
  pages: number;
}

/** Lists every object of a stream, page by page, stripping each page as it arrives. */
export async function listAll(
  transport: KubeTransport,
  kind: WatchedKind,
  limit = DEFAULT_PAGE_SIZE,
  restarts = 2,
): Promise<FullList> {
  for (let attempt = 0; ; attempt++) {
    const objects: KubeObject[] = [];
    let continueToken: string | null = null;
    let pages = 0;
    try {
      for (;;) {
        const page = await transport.list(kind, { limit, continueToken });
        pages++;
        for (const item of page.items) objects.push(stripObject(kind.kind, item, kind.apiVersion));
        if (!page.continueToken) return { objects, resourceVersion: page.resourceVersion, pages };
        continueToken = page.continueToken;
      }
    } catch (err) {
      // The continue token expired between pages (etcd compaction): start over, the list must be consistent.
      if (continueToken && classifyError(err).class === 'gone' && attempt < restarts) continue;
      throw err;
    }
  }
}

/**
 * listAll of the first version of the stream the API server serves (versionsOf): a CRD installed before its
 * current version answers 404 on that one. Returns the list and the stream as served (to watch it too).
 */
export async function listServed(
  transport: KubeTransport,
  kind: WatchedKind,
  limit = DEFAULT_PAGE_SIZE,
): Promise<{ list: FullList; served: WatchedKind }> {
  const candidates = versionsOf(kind);
  for (let i = 0; ; i++) {
    try {
      return { list: await listAll(transport, candidates[i], limit), served: candidates[i] };
    } catch (err) {
      if (i + 1 < candidates.length && classifyError(err).class === 'not-served') continue;
      throw err;
    }
  }
}
