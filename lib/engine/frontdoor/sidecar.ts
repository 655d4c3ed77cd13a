// Istio sidecars (issue 9 item 3; ../shared/reference/source-ip-catalog.md istio-sidecar and §7 item 9): a pod
// injected with the sidecar (annotation sidecar.istio.io/status) receives its inbound traffic from Envoy. In
// REDIRECT mode (the default) Envoy connects to the app from 127.0.0.6, so the app's socket peer is loopback;
// `sidecar.istio.io/interceptionMode: TPROXY` keeps the original source. NetworkPolicy still sees the real one.
import type { PodDetails } from '../../model/frontdoor';
import type { AppView } from '../types';

/** The passthrough address Envoy's inbound cluster binds to in REDIRECT mode (istio/istio#29603). */
export const ISTIO_INBOUND_PASSTHROUGH = '127.0.0.6';

/** The sidecar mode of a pod, or null. */
export function sidecarOf(details: PodDetails | null): AppView['sidecar'] {
  if (!details?.annotations['sidecar.istio.io/status']) return null;
  return details.annotations['sidecar.istio.io/interceptionMode'] === 'TPROXY' ? 'istio-tproxy' : 'istio-redirect';
}
