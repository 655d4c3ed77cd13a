// One complete reading of a live cluster without watching (`kubepath analyze --context X`): a paged
// LIST of every stream, stripped like the live source's, with the same partial-access rule — a kind
// that answers 403/404 is reported and marked unavailable, the rest is analysed — and an unreachable
// API server as an error naming the context and the server.
import type { KnownKind, KubeObject, Pod } from '../model/k8s';
import { classifyError, credentialsMessage, unreachableMessage } from './errors';
import { proxyConfigMapStreams, resourceName, WATCHED_KINDS, type WatchedKind } from './kinds';
import { DEFAULT_PAGE_SIZE, listServed, type FullList } from './paged-list';
import type { KubeTransport } from './transport';

/** The objects of one reading and what could not be read. */
export interface OneShotReading {
  objects: KubeObject[];
  unavailableKinds: Partial<Record<KnownKind, string>>;
  /** One line per unreadable stream, for stderr. */
  warnings: string[];
  /** ConfigMaps recognised proxies name that could not be read (`namespace/name` → reason). */
  unreadableConfigMaps: Record<string, string>;
}

/** The API server could not be reached (or refused the credentials): nothing can be analysed. */
export class ClusterUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterUnreachableError';
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** Lists every stream once (concurrently), in pages of `pageSize`. */
export async function readClusterOnce(
  transport: KubeTransport,
  kinds: readonly WatchedKind[] = WATCHED_KINDS,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<OneShotReading> {
  const reading: OneShotReading = { objects: [], unavailableKinds: {}, warnings: [], unreadableConfigMaps: {} };
  collect(
    transport,
    kinds,
    await Promise.allSettled(kinds.map(async (k) => (await listServed(transport, k, pageSize)).list)),
    reading,
    false,
  );
  // Then the ConfigMaps the recognised proxies among the pods name, each by name (never all ConfigMaps).
  const named = proxyConfigMapStreams(reading.objects.filter((o) => o.kind === 'Pod') as Pod[], kinds);
  if (named.length)
    collect(
      transport,
      named,
      await Promise.allSettled(named.map(async (k) => (await listServed(transport, k, pageSize)).list)),
      reading,
      true,
    );
  const { unavailableKinds } = reading;
  if (unavailableKinds.EndpointSlice)
    unavailableKinds.Endpoints = `not read (EndpointSlices are: ${unavailableKinds.EndpointSlice})`;
  return reading;
}

/** Adds the LIST results of `kinds` to the reading; throws when the cluster cannot be read at all. */
function collect(
  transport: KubeTransport,
  kinds: readonly WatchedKind[],
  results: PromiseSettledResult<FullList>[],
  { objects, unavailableKinds, warnings, unreadableConfigMaps }: OneShotReading,
  proxyNamed: boolean,
): void {
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    const r = results[i];
    if (r.status === 'fulfilled') {
      // Key order, as the live store keeps them (the API lists in etcd key order already).
      objects.push(...[...r.value.objects].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)));
      continue;
    }
    const c = classifyError(r.reason);
    // An absent CRD of an optional kind means none exist: nothing to report.
    if (c.class === 'not-served' && k.optional) continue;
    if (c.class === 'forbidden' || c.class === 'not-served') {
      const reason =
        c.class === 'forbidden'
          ? `${c.status} Forbidden: cannot list ${resourceName(k)}`
          : `${c.status}: ${resourceName(k)} is not served by this API server`;
      if (proxyNamed) {
        // A proxy's own ConfigMap: its settings are unknown, the dataplane detection is unaffected.
        warnings.push(`${reason} (${c.message}); the proxy settings it holds are unknown`);
        unreadableConfigMaps[k.id.replace(/^ConfigMap\//, '')] = reason;
        continue;
      }
      unavailableKinds[k.kind] = unavailableKinds[k.kind] ? `${unavailableKinds[k.kind]}; ${reason}` : reason;
      warnings.push(
        `${reason} (${c.message}); ${k.kind === 'NetworkPolicy' ? 'NetworkPolicy verdicts are unknown' : `answers that depend on ${k.kind} are unknown`}`,
      );
      continue;
    }
    if (c.class === 'unauthorized' || c.class === 'credentials')
      throw new ClusterUnreachableError(credentialsMessage(transport.context, transport.server, c));
    if (c.class === 'unreachable' || c.class === 'timeout')
      throw new ClusterUnreachableError(unreachableMessage(transport.context, transport.server, c.message));
    throw new ClusterUnreachableError(
      `listing ${resourceName(k)} from context "${transport.context}" at ${transport.server} failed: ${c.status ?? ''} ${c.message}`.replace(
        '  ',
        ' ',
      ),
    );
  }
}
