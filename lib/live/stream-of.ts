// Which live stream an object belongs to (used to load snapshot objects into a live store: tests,
// benchmarks). ConfigMaps other than the dataplane ones are not watched and map to none.
import { objectKey } from '../model/build';
import type { KubeObject } from '../model/k8s';
import { isIstioGateway } from '../model/frontdoor-k8s';
import { ISTIO_GATEWAY_STREAM, WATCHED_KINDS } from './kinds';

/** The id of the stream that would receive `o`, or null when the live source does not read it. */
export function streamOf(o: KubeObject): string | null {
  if (o.kind === 'ConfigMap') {
    const id = `ConfigMap/${objectKey(o.metadata?.namespace, o.metadata?.name)}`;
    return WATCHED_KINDS.some((k) => k.id === id) ? id : null;
  }
  if (o.kind === 'Gateway' && isIstioGateway(o)) return ISTIO_GATEWAY_STREAM;
  return WATCHED_KINDS.some((k) => k.id === o.kind) ? (o.kind as string) : null;
}
