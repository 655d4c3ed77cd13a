// Istio sidecars (../shared/reference/source-ip-catalog.md istio-sidecar and §7 item 9): a pod
// injected with the sidecar (annotation sidecar.istio.io/status) receives its inbound traffic from Envoy. In
// REDIRECT mode (the default) Envoy connects to the app from 127.0.0.6, so the app's socket peer is loopback;
// `sidecar.istio.io/interceptionMode: TPROXY` keeps the original source. NetworkPolicy still sees the real one.
import type { ClusterModel } from '../../model/cluster';
import { frontDoorOf } from './platform';
import type { AppView } from '../types';

/** The passthrough address Envoy's inbound cluster binds to in REDIRECT mode (istio/istio#29603). */
export const ISTIO_INBOUND_PASSTHROUGH = '127.0.0.6';

/** The sidecar mode of the pod with key `podKey` in the model, or null (read when the model added the pod). */
export function sidecarOfPod(model: ClusterModel, podKey: string): AppView['sidecar'] {
  return frontDoorOf(model).sidecarPods.get(podKey) ?? null;
}

/** True when some pod of the model carries Istio's sidecar status annotation (else no pod has a sidecar). */
export function anySidecarPods(model: ClusterModel): boolean {
  return frontDoorOf(model).sidecarPods.size > 0;
}
